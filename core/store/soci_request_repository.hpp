#pragma once

#include <array>
#include <string>
#include <vector>

#include "model/task.hpp"
#include "store/request_repository.hpp"
#include "store/soci_session.hpp"
#include "store/soci_statement.hpp"

namespace dsrflow::detail {

//! RequestRepository over one SOCI connection; prepares each statement once (list statements
//! once per filter combination). Not thread-safe, like the connection it belongs to.
class SociRequestRepository final : public RequestRepository {
 public:
  explicit SociRequestRepository(DbSession& db);

  Status insert(const Request& request) override;
  Result<Request> get(std::string_view id) override;
  Status update(Request& request) override;
  Result<std::vector<Request>> list(const RequestQuery& query) override;
  Result<std::vector<Request>> findByExternalReference(std::string_view reference) override;
  Result<std::map<RequestStatus, std::int64_t>> countByStatus() override;
  Result<std::vector<Request>> listAdvanceable(std::size_t limit) override;
  Result<std::int64_t> removeClosed(std::string_view id) override;
  Result<std::vector<Request>> listClosedWithLeftovers(Leftover leftover, TimePoint closedBefore,
                                                       std::size_t limit) override;

 private:
  //! The bound form of one requests row.
  struct Row {
    std::string id, type, regulation, status, channel, language, controllerId;
    NullableText heldFrom, externalReference, extensionReason, statusReason, duplicateOf;
    long long receivedAt = 0, dueAt = 0, effectiveDueAt = 0, createdAt = 0, updatedAt = 0;
    long long version = 0;
    int step = 0;
    NullableTime extendedDueAt;
  };

  void load(const Request& request);
  [[nodiscard]] Result<Request> toModel() const;
  void intoRow(soci::statement& st);
  soci::statement& listStatement(unsigned mask);

  DbSession& db_;
  Row row_;
  std::string key_;
  long long newVersion_ = 0;
  long long expectedVersion_ = 0;
  long long count_ = 0;
  std::string filterStatus_, filterType_, afterId_;
  long long filterDueBefore_ = 0, afterCreatedAt_ = 0, afterCreatedAtEq_ = 0, limit_ = 0;
  std::vector<std::string> terminal_;
  std::string countedStatus_;
  std::string received_{toString(RequestStatus::kReceived)};
  std::string inProgress_{toString(RequestStatus::kInProgress)};
  std::string waiting_{toString(RequestStatus::kWaiting)};
  std::string assembling_{toString(RequestStatus::kAssembling)};
  std::string taskDone_{toString(TaskStatus::kDone)};
  std::string taskCancelled_{toString(TaskStatus::kCancelled)};
  CachedStatement insert_, get_, update_, exists_, byReference_, countByStatus_, advanceable_;
  std::array<CachedStatement, 3> leftovers_;
  CachedStatement removeResults_, removeTasks_, removeRequest_, identityCount_;
  CachedStatement removeRedactions_, removeAssignment_, removeHeldErasures_, removeSecret_;
  std::array<CachedStatement, 32> lists_;
};

}  // namespace dsrflow::detail
