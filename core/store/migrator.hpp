#pragma once
// Applies the numbered migrations of a dialect, each in its own transaction, recording them in
// schema_migrations (version, name, applied_at).

#include <soci/soci.h>

#include <vector>

#include "model/clock.hpp"
#include "model/result.hpp"
#include "store/dialect.hpp"
#include "store/soci_session.hpp"

namespace dsrflow::detail {

class Migrator {
 public:
  //! `db` must stay open while the migrator is used; no transaction may be open on it.
  explicit Migrator(DbSession& db) : db_(db), sql_(db.sql()), dialect_(db.dialect()) {}

  //! The highest applied version; 0 when schema_migrations does not exist.
  Result<int> currentVersion();

  //! Applies the missing migrations and returns their versions. kConflict, changing nothing,
  //! when the database is newer than the newest migration known here.
  Result<std::vector<int>> migrate(TimePoint now);

  //! The newest migration version of the dialect.
  [[nodiscard]] int latestVersion() const;

 private:
  int readVersion();  // throws soci::soci_error
  Status tooNew(int version) const;
  void rollbackQuietly();

  DbSession& db_;
  soci::session& sql_;
  const Dialect& dialect_;
};

}  // namespace dsrflow::detail
