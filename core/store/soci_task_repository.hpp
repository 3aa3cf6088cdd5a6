#pragma once

#include <string>
#include <vector>

#include "store/soci_session.hpp"
#include "store/soci_statement.hpp"
#include "store/task_repository.hpp"

namespace dsrflow::detail {

//! TaskRepository over one SOCI connection. Not thread-safe, like the connection.
class SociTaskRepository final : public TaskRepository {
 public:
  explicit SociTaskRepository(DbSession& db);

  Status insert(const Task& task) override;
  Result<Task> get(std::string_view id) override;
  Result<std::vector<Task>> listForRequest(std::string_view requestId) override;
  Status update(Task& task) override;
  Result<std::vector<Task>> listRunnable(TimePoint now, std::size_t limit) override;
  Result<std::vector<Task>> listRunning(std::size_t limit) override;
  Result<Task> lock(std::string_view id) override;
  Result<std::size_t> renewLeases(std::string_view owner, TimePoint until) override;

 private:
  struct Row {
    std::string id, requestId, systemId, action, paramsJson, status;
    int step = 0;
    NullableText outcome, lastError, leaseOwner;
    int attempts = 0;
    NullableTime nextRunAt, dueAt;
    long long createdAt = 0, updatedAt = 0, version = 0;
  };
  void load(const Task& task);
  [[nodiscard]] Result<Task> toModel() const;
  void intoRow(soci::statement& st);
  //! Binds every column but id and version (kFields), for insert and update alike.
  void useFields(soci::statement& st);

  DbSession& db_;
  Row row_;
  std::string key_;
  std::string running_{toString(TaskStatus::kRunning)};
  std::string pending_, waiting_;
  long long now_ = 0, limit_ = 0, expectedVersion_ = 0, newVersion_ = 0, count_ = 0;
  CachedStatement insert_, get_, byRequest_, update_, exists_, runnable_, lock_, renew_,
      runningList_;
};

}  // namespace dsrflow::detail
