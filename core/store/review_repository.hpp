#pragma once
// Reviews by people. What staff decide while reviewing an answer before release (GDPR Art.
// 15(4): the rights and freedoms of others): a record excluded, or one field of a record masked,
// each with a reason that the answer repeats so the person learns that something was withheld
// and why; decisions name records by task and position only and hold no personal data. And who
// reviews a contested automated decision (Art. 22(3)), by when.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/clock.hpp"
#include "model/enum_names.hpp"
#include "model/result.hpp"
#include "store/audit_repository.hpp"

namespace dsrflow {

enum class RedactionKind { kExclude, kMask };

inline constexpr EnumNameTable<RedactionKind, 2> kRedactionKindNames{{
    {RedactionKind::kExclude, "exclude"},
    {RedactionKind::kMask, "mask"},
}};
constexpr std::string_view toString(RedactionKind v) { return enumName(kRedactionKindNames, v); }

//! One reviewer's decision about one record (or one field of it).
struct RedactionDecision {
  std::string id;         //!< UUID
  std::string requestId;  //!< the request whose answer it changes
  std::string taskId;     //!< the task that produced the record
  std::int64_t seq = 0;   //!< the record's position within the task (TaskResult::seq)
  RedactionKind kind = RedactionKind::kExclude;
  std::string field;   //!< kMask: the field's name; empty for kExclude
  std::string reason;  //!< told to the person; no personal data
  ActorType actorType = ActorType::kUser;
  std::string actorId;  //!< who decided
  TimePoint decidedAt{};

  friend bool operator==(const RedactionDecision&, const RedactionDecision&) = default;
};

//! The named person who reviews a request routed to a reviewer (route_to_reviewer), and by
//! when. One per request; staff may name the reviewer before the request is routed.
struct ReviewerAssignment {
  std::string requestId;
  std::string reviewer;            //!< the reviewer's user name; empty while only a role is known
  std::string role;                //!< the role the workflow routes to (e.g. staff)
  std::optional<TimePoint> dueAt;  //!< the review's own due date
  std::optional<TimePoint> routedAt;  //!< when the request reached the reviewer
  std::optional<TimePoint> finishedAt;
  std::string assignedBy;  //!< "type:id" of who named the reviewer or routed the request
  TimePoint updatedAt{};

  friend bool operator==(const ReviewerAssignment&, const ReviewerAssignment&) = default;
};

//! Obtained from a StoreTx; valid only inside its callback and on its thread.
class ReviewRepository {
 public:
  virtual ~ReviewRepository() = default;

  //! Stores a decision. kConflict when the id exists or the same record (kExclude) or the same
  //! field of it (kMask) was already decided.
  virtual Status addRedaction(const RedactionDecision& decision) = 0;

  //! Deletes the decision `decisionId` of request `requestId`; false when it has none such.
  virtual Result<bool> removeRedaction(std::string_view requestId, std::string_view decisionId) = 0;

  //! A request's decisions, oldest first.
  virtual Result<std::vector<RedactionDecision>> listRedactions(std::string_view requestId) = 0;

  //! The request's reviewer assignment, if any.
  virtual Result<std::optional<ReviewerAssignment>> findAssignment(std::string_view requestId) = 0;

  //! Stores the request's assignment, replacing the one it had.
  virtual Status saveAssignment(const ReviewerAssignment& assignment) = 0;

  //! Unfinished assignments with a due date, soonest due first (up to `limit`,
  //! 1..kMaxPageSize): the reviews to flag when near or past their due date.
  virtual Result<std::vector<ReviewerAssignment>> listOpenAssignments(std::size_t limit) = 0;
};

}  // namespace dsrflow
