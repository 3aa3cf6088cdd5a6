#include "store/soci_task_result_repository.hpp"

#include <limits>

namespace dsrflow::detail {
namespace {

const std::string kInsert =
    "INSERT INTO task_results (id, task_id, request_id, seq, kind, payload, key_id, created_at) "
    "VALUES (:id, :task_id, :request_id, :seq, :kind, :payload, :key_id, :created_at)";
const std::string kSelectPage =
    "SELECT id, task_id, request_id, seq, kind, payload, key_id, created_at FROM task_results "
    "WHERE task_id = :task_id AND seq > :after_seq ORDER BY seq LIMIT :limit";
const std::string kCountByRequest =
    "SELECT count(*) FROM task_results WHERE request_id = :request_id";
const std::string kDeleteByRequest = "DELETE FROM task_results WHERE request_id = :request_id";
const std::string kDeleteByTask = "DELETE FROM task_results WHERE task_id = :task_id";

}  // namespace

Result<TaskResult> SociTaskResultRepository::toModel() const {
  auto kind = parseColumn(kTaskResultKindNames, row_.kind, "task_results.kind");
  if (!kind) return kind.error();
  return TaskResult{row_.id, row_.taskId,  row_.requestId, row_.seq,
                    *kind,   row_.payload, row_.keyId,     fromMillis(row_.createdAt)};
}

Status SociTaskResultRepository::append(const TaskResult& result) {
  return db_.run("appending a task result", [&]() -> Status {
    row_ = Row{result.id,      result.taskId, result.requestId, std::string(toString(result.kind)),
               result.payload, result.keyId,  result.seq,       toMillis(result.createdAt)};
    auto& st = insert_.get(db_.sql(), kInsert, [&](soci::statement& s) {
      s.exchange(soci::use(row_.id));
      s.exchange(soci::use(row_.taskId));
      s.exchange(soci::use(row_.requestId));
      s.exchange(soci::use(row_.seq));
      s.exchange(soci::use(row_.kind));
      s.exchange(soci::use(row_.payload));
      s.exchange(soci::use(row_.keyId));
      s.exchange(soci::use(row_.createdAt));
    });
    st.execute(true);
    return Ok{};
  });
}

Result<std::vector<TaskResult>> SociTaskResultRepository::listForTask(std::string_view taskId,
                                                                      std::int64_t afterSeq,
                                                                      std::size_t limit) {
  if (auto ok = checkLimit(limit); !ok) return ok.error();
  return db_.run("listing task results", [&]() -> Result<std::vector<TaskResult>> {
    key_ = taskId;
    afterSeq_ = afterSeq;
    limit_ = static_cast<long long>(limit);
    auto& st = page_.get(db_.sql(), kSelectPage, [&](soci::statement& s) {
      s.exchange(soci::into(row_.id));
      s.exchange(soci::into(row_.taskId));
      s.exchange(soci::into(row_.requestId));
      s.exchange(soci::into(row_.seq));
      s.exchange(soci::into(row_.kind));
      s.exchange(soci::into(row_.payload));
      s.exchange(soci::into(row_.keyId));
      s.exchange(soci::into(row_.createdAt));
      s.exchange(soci::use(key_));
      s.exchange(soci::use(afterSeq_));
      s.exchange(soci::use(limit_));
    });
    return fetchAll<TaskResult>(st, [&] { return toModel(); });
  });
}

Status SociTaskResultRepository::forEachForTask(std::string_view taskId,
                                                const TaskResultVisitor& visit) {
  // Keyset pages keep memory bounded on every backend (SOCI's PostgreSQL backend buffers a
  // whole result) and leave no statement open while the visitor runs.
  std::string id(taskId);
  std::int64_t after = std::numeric_limits<std::int64_t>::min();
  for (;;) {
    auto page = listForTask(id, after, kPageSize);
    if (!page) return page.error();
    for (const auto& result : page.value()) {
      if (auto status = visit(result); !status) return status;
      after = result.seq;
    }
    if (page.value().size() < kPageSize) return Ok{};
  }
}

Result<std::int64_t> SociTaskResultRepository::countForRequest(std::string_view requestId) {
  return db_.run("counting task results", [&]() -> Result<std::int64_t> {
    key_ = requestId;
    auto& st = countStatement_.get(db_.sql(), kCountByRequest, [&](soci::statement& s) {
      s.exchange(soci::into(count_));
      s.exchange(soci::use(key_));
    });
    executeSingle(st);
    return static_cast<std::int64_t>(count_);
  });
}

Result<std::int64_t> SociTaskResultRepository::deleteForRequest(std::string_view requestId) {
  return db_.run("deleting task results", [&]() -> Result<std::int64_t> {
    key_ = requestId;
    auto& st = delete_.get(db_.sql(), kDeleteByRequest,
                           [&](soci::statement& s) { s.exchange(soci::use(key_)); });
    return static_cast<std::int64_t>(executeChange(st));
  });
}

Result<std::int64_t> SociTaskResultRepository::deleteForTask(std::string_view taskId) {
  return db_.run("deleting a task's results", [&]() -> Result<std::int64_t> {
    key_ = taskId;
    auto& st = deleteTask_.get(db_.sql(), kDeleteByTask,
                               [&](soci::statement& s) { s.exchange(soci::use(key_)); });
    return static_cast<std::int64_t>(executeChange(st));
  });
}

}  // namespace dsrflow::detail
