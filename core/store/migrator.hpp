#pragma once
// Applies the numbered migrations of a dialect, each in its own transaction, recording them in
// schema_migrations (version, name, applied_at).

#include <soci/soci.h>

#include <vector>

#include "model/clock.hpp"
#include "model/result.hpp"
#include "store/dialect.hpp"

namespace dsrflow::detail {

class Migrator {
 public:
  //! `sql` must stay open while the migrator is used; no transaction may be open on it.
  Migrator(soci::session& sql, const Dialect& dialect) : sql_(sql), dialect_(dialect) {}

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

  soci::session& sql_;
  const Dialect& dialect_;
};

}  // namespace dsrflow::detail
