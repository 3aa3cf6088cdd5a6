#include "store/migrator.hpp"

#include <string>

#include "log/logger.hpp"
#include "store/soci_session.hpp"
#include "store/soci_statement.hpp"

namespace dsrflow::detail {

int Migrator::latestVersion() const {
  return dialect_.migrations.empty() ? 0 : dialect_.migrations.back().version;
}

int Migrator::readVersion() {
  // Migrations run rarely, so one-shot statements are fine here.
  long long exists = 0;
  sql_ << std::string(dialect_.schemaTableExists), soci::into(exists);
  if (exists == 0) return 0;
  long long version = 0;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
  return ind == soci::i_null ? 0 : static_cast<int>(version);
}

void Migrator::rollbackQuietly() {
  try {
    sql_ << "ROLLBACK";
  } catch (const soci::soci_error&) {
    // The original failure is the one worth reporting.
  }
}

Status Migrator::tooNew(int version) const {
  return conflict("the database schema is at version " + std::to_string(version) +
                  ", newer than this build of dsrflow knows (" + std::to_string(latestVersion()) +
                  "); upgrade dsrflow");
}

Result<int> Migrator::currentVersion() {
  try {
    return readVersion();
  } catch (const soci::soci_error& e) {
    return db_.fail(e, "reading the schema version");
  }
}

Result<std::vector<int>> Migrator::migrate(TimePoint now) {
  std::vector<int> applied;
  try {
    if (int version = readVersion(); version > latestVersion()) return tooNew(version).error();
    sql_ << std::string(dialect_.begin);
    try {
      if (!dialect_.migrationLock.empty()) sql_ << std::string(dialect_.migrationLock);
      sql_ << std::string(dialect_.createSchemaTable);
      sql_ << "COMMIT";
    } catch (...) {
      rollbackQuietly();
      throw;
    }
    for (const auto& migration : dialect_.migrations) {
      sql_ << std::string(dialect_.begin);
      try {
        if (!dialect_.migrationLock.empty()) sql_ << std::string(dialect_.migrationLock);
        // Re-read under the lock: another process may have migrated meanwhile.
        int version = readVersion();
        if (version > latestVersion()) {
          sql_ << "ROLLBACK";
          return tooNew(version).error();
        }
        if (version >= migration.version) {
          sql_ << "ROLLBACK";
          continue;
        }
        for (auto statement : migration.statements) sql_ << std::string(statement);
        int number = migration.version;
        std::string name(migration.name);
        long long at = toMillis(now);
        sql_ << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)",
            soci::use(number), soci::use(name), soci::use(at);
        sql_ << "COMMIT";
      } catch (...) {
        rollbackQuietly();
        throw;
      }
      applied.push_back(migration.version);
      logInfo("applied database migration",
              {{"version", std::to_string(migration.version)}, {"name", migration.name}});
    }
  } catch (const soci::soci_error& e) {
    return db_.fail(e, "migrating the schema");
  }
  return applied;
}

}  // namespace dsrflow::detail
