#pragma once
// What tasks returned: records and outcomes, each stored as an encrypted payload token. Results
// can be large, so they are read in bounded pages, never all at once.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/clock.hpp"
#include "model/enum_names.hpp"
#include "model/result.hpp"

namespace dsrflow {

enum class TaskResultKind { kRecord, kOutcome };

inline constexpr EnumNameTable<TaskResultKind, 2> kTaskResultKindNames{{
    {TaskResultKind::kRecord, "record"},
    {TaskResultKind::kOutcome, "outcome"},
}};
constexpr std::string_view toString(TaskResultKind v) { return enumName(kTaskResultKindNames, v); }
constexpr std::optional<TaskResultKind> parseTaskResultKind(std::string_view s) {
  return enumParse(kTaskResultKindNames, s);
}

//! One result item of a task.
struct TaskResult {
  std::string id;         //!< UUID
  std::string taskId;     //!< the task that produced it
  std::string requestId;  //!< the task's request (for purging)
  std::int64_t seq = 0;   //!< position within the task, chosen by the caller; unique per task
  TaskResultKind kind = TaskResultKind::kRecord;
  std::string payload;  //!< encrypted token; never clear personal data
  std::string keyId;    //!< key that encrypted payload
  TimePoint createdAt{};

  friend bool operator==(const TaskResult&, const TaskResult&) = default;
};

//! Called once per result, in seq order; an error stops the walk and is returned by it.
using TaskResultVisitor = std::function<Status(const TaskResult&)>;

//! Task results. Obtained from a StoreTx; valid only inside that transaction's callback and on
//! its thread. Database failures come back as errors, never as exceptions.
class TaskResultRepository {
 public:
  virtual ~TaskResultRepository() = default;

  //! Stores one result. kConflict when its id or (taskId, seq) exists (e.g. a redelivery).
  virtual Status append(const TaskResult& result) = 0;

  //! One page: up to `limit` (1..kMaxPageSize) results of a task with seq > afterSeq, by seq.
  virtual Result<std::vector<TaskResult>> listForTask(std::string_view taskId,
                                                      std::int64_t afterSeq, std::size_t limit) = 0;

  //! Visits every result of a task in seq order, reading bounded pages. The visitor may use
  //! other repositories of the same transaction.
  virtual Status forEachForTask(std::string_view taskId, const TaskResultVisitor& visit) = 0;

  //! How many results a request's tasks hold.
  virtual Result<std::int64_t> countForRequest(std::string_view requestId) = 0;

  //! Deletes every result of a request (purge); returns how many were deleted.
  virtual Result<std::int64_t> deleteForRequest(std::string_view requestId) = 0;

  //! Deletes the results of one task (before a retry produces them again); returns the count.
  virtual Result<std::int64_t> deleteForTask(std::string_view taskId) = 0;
};

}  // namespace dsrflow
