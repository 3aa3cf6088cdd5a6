#pragma once
// Per-connection state shared by the SOCI repositories: the session, its dialect, whether a
// transaction is open, and the first database failure inside it (which dooms the transaction
// on every backend, as PostgreSQL does natively).

#include <soci/soci.h>

#include <optional>
#include <string_view>
#include <type_traits>

#include "model/result.hpp"
#include "store/dialect.hpp"

namespace dsrflow::detail {

//! Turns a SOCI exception into an Error without personal data: PostgreSQL DETAIL and CONTEXT
//! lines (which quote values) and SOCI's statement context are dropped.
Error translateDatabaseError(const soci::soci_error& e, std::string_view what, bool connected);

//! The shared state of one connection. Not thread-safe: used by one transaction at a time.
class DbSession {
 public:
  DbSession(soci::session& sql, const Dialect& dialect) : sql_(sql), dialect_(dialect) {}
  DbSession(const DbSession&) = delete;
  DbSession& operator=(const DbSession&) = delete;

  [[nodiscard]] soci::session& sql() { return sql_; }
  [[nodiscard]] const Dialect& dialect() const { return dialect_; }

  //! Marks the start and end of a transaction (or of an autocommit unit of work).
  void startWork(bool inTransaction) {
    inTransaction_ = inTransaction;
    failure_.reset();
    auditLocked_ = false;
  }
  [[nodiscard]] bool inTransaction() const { return inTransaction_; }
  [[nodiscard]] const std::optional<Error>& failure() const { return failure_; }

  //! Translates a database exception. When the connection turns out to be gone (checking costs
  //! a round trip, so only failures check), the connection is marked broken.
  Error fail(const soci::soci_error& e, std::string_view what) {
    bool connected = sql_.is_connected();
    if (!connected) broken_ = true;
    return translateDatabaseError(e, what, connected);
  }
  //! True after a failure that lost the connection; cleared by clearBroken() on reconnect.
  [[nodiscard]] bool broken() const { return broken_; }
  void clearBroken() { broken_ = false; }

  //! True once this transaction holds the audit lock.
  [[nodiscard]] bool auditLocked() const { return auditLocked_; }
  void setAuditLocked() { auditLocked_ = true; }

  //! Runs one repository operation `f` (returning a Result). Database exceptions become errors;
  //! inside a transaction the first one is remembered and every later operation fails with it.
  template <typename F>
  auto run(std::string_view what, F&& f) -> std::invoke_result_t<F> {
    if (inTransaction_ && failure_) {
      return Error{failure_->code, "transaction already failed: " + failure_->message};
    }
    try {
      return f();
    } catch (const soci::soci_error& e) {
      Error error = fail(e, what);
      if (inTransaction_) failure_ = error;
      return error;
    }
  }

 private:
  soci::session& sql_;
  const Dialect& dialect_;
  bool inTransaction_ = false;
  bool auditLocked_ = false;
  bool broken_ = false;
  std::optional<Error> failure_;
};

}  // namespace dsrflow::detail
