#pragma once

#include <string>
#include <vector>

#include "store/soci_session.hpp"
#include "store/soci_statement.hpp"
#include "store/task_result_repository.hpp"

namespace dsrflow::detail {

//! TaskResultRepository over one SOCI connection. Not thread-safe, like the connection.
class SociTaskResultRepository final : public TaskResultRepository {
 public:
  explicit SociTaskResultRepository(DbSession& db) : db_(db) {}

  Status append(const TaskResult& result) override;
  Result<std::vector<TaskResult>> listForTask(std::string_view taskId, std::int64_t afterSeq,
                                              std::size_t limit) override;
  Status forEachForTask(std::string_view taskId, const TaskResultVisitor& visit) override;
  Result<std::int64_t> countForRequest(std::string_view requestId) override;
  Result<std::int64_t> deleteForRequest(std::string_view requestId) override;
  Result<std::int64_t> deleteForTask(std::string_view taskId) override;

  //! Rows per page of forEachForTask.
  static constexpr std::size_t kPageSize = 256;

 private:
  struct Row {
    std::string id, taskId, requestId, kind, payload, keyId;
    long long seq = 0, createdAt = 0;
  };
  [[nodiscard]] Result<TaskResult> toModel() const;

  DbSession& db_;
  Row row_;
  std::string key_;
  long long afterSeq_ = 0, limit_ = 0, count_ = 0;
  CachedStatement insert_, page_, countStatement_, delete_, deleteTask_;
};

}  // namespace dsrflow::detail
