#include "store/soci_connection.hpp"

#include <string>

#include "log/logger.hpp"

namespace dsrflow::detail {
namespace {

const std::string kCommit = "COMMIT";
const std::string kRollback = "ROLLBACK";

void noExchanges(soci::statement&) {}

}  // namespace

SociConnection::SociConnection(soci::session& sql, const Dialect& dialect)
    : sql_(sql), db_(sql, dialect), repos_(std::make_unique<Repositories>(db_)) {}

SociConnection::~SociConnection() = default;

Status SociConnection::prepareForUse(long schemaGeneration) {
  // No liveness check here: SOCI's is_connected() costs a round trip, so a lost connection is
  // noticed by the statement that fails and repaired on the next use.
  if (!db_.broken() && schemaGeneration == schemaGeneration_) return Ok{};
  // Statements belong to the session backend they were prepared on: drop them first.
  repos_.reset();
  schemaGeneration_ = schemaGeneration;
  Status status = Ok{};
  if (db_.broken()) {
    try {
      sql_.reconnect();
      db_.clearBroken();
      logInfo("database connection re-established");
    } catch (const soci::soci_error& e) {
      status = translateDatabaseError(e, "reconnecting", false);
    }
  }
  repos_ = std::make_unique<Repositories>(db_);
  return status;
}

Status SociConnection::begin() {
  db_.startWork(true);
  try {
    auto& st = repos_->begin.get(sql_, std::string(db_.dialect().begin), noExchanges);
    st.execute(true);
    return Ok{};
  } catch (const soci::soci_error& e) {
    db_.startWork(false);
    return db_.fail(e, "starting a transaction");
  }
}

Status SociConnection::commit() {
  try {
    repos_->commit.get(sql_, kCommit, noExchanges).execute(true);
    db_.startWork(false);
    return Ok{};
  } catch (const soci::soci_error& e) {
    Error error = db_.fail(e, "committing");
    rollback();
    return error;
  }
}

void SociConnection::rollback() noexcept {
  try {
    repos_->rollback.get(sql_, kRollback, noExchanges).execute(true);
  } catch (const soci::soci_error& e) {
    // Nothing to roll back after a failed COMMIT on PostgreSQL, or the connection is gone;
    // prepareForUse() reconnects a lost session before its next use.
    logWarn("rollback failed", {{"error", db_.fail(e, "rolling back").message}});
  } catch (...) {
    logWarn("rollback failed");
  }
  db_.startWork(false);
}

}  // namespace dsrflow::detail
