#pragma once
// A task is one action on one system for one request; its outcome is what the system answered.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/clock.hpp"
#include "model/enum_names.hpp"
#include "model/vocabulary.hpp"

namespace dsrflow {

enum class TaskStatus { kPending, kRunning, kWaiting, kDone, kCancelled };

//! What a system answered (docs/architecture.md, "Task outcomes").
enum class Outcome {
  kCompleted,  //!< records returned
  kNotFound,   //!< the system holds nothing about the person
  kErased,     //!< per category, with the method
  kRetained,   //!< legal basis and retention end
  kSuppressed,
  kDeferred,             //!< vendor job id, next poll
  kAcceptedUnconfirmed,  //!< the vendor took the request and offers no confirmation
  kNeedsReview,          //!< e.g. a record shared with another person
  kActionRequired,       //!< manual work, with instructions
  kFailed,               //!< reason; retryable or not
};

//! How erased data was made to go away. Pseudonymisation whose key survives is not erasure.
enum class ErasureMethod { kDeleted, kNulled, kRewritten, kPseudonymisedKeyDestroyed };

inline constexpr EnumNameTable<TaskStatus, 5> kTaskStatusNames{{
    {TaskStatus::kPending, "pending"},
    {TaskStatus::kRunning, "running"},
    {TaskStatus::kWaiting, "waiting"},
    {TaskStatus::kDone, "done"},
    {TaskStatus::kCancelled, "cancelled"},
}};

inline constexpr EnumNameTable<Outcome, 10> kOutcomeNames{{
    {Outcome::kCompleted, "completed"},
    {Outcome::kNotFound, "not_found"},
    {Outcome::kErased, "erased"},
    {Outcome::kRetained, "retained"},
    {Outcome::kSuppressed, "suppressed"},
    {Outcome::kDeferred, "deferred"},
    {Outcome::kAcceptedUnconfirmed, "accepted_unconfirmed"},
    {Outcome::kNeedsReview, "needs_review"},
    {Outcome::kActionRequired, "action_required"},
    {Outcome::kFailed, "failed"},
}};

inline constexpr EnumNameTable<ErasureMethod, 4> kErasureMethodNames{{
    {ErasureMethod::kDeleted, "deleted"},
    {ErasureMethod::kNulled, "nulled"},
    {ErasureMethod::kRewritten, "rewritten"},
    {ErasureMethod::kPseudonymisedKeyDestroyed, "pseudonymised_key_destroyed"},
}};

constexpr std::string_view toString(TaskStatus v) { return enumName(kTaskStatusNames, v); }
constexpr std::string_view toString(Outcome v) { return enumName(kOutcomeNames, v); }
constexpr std::string_view toString(ErasureMethod v) { return enumName(kErasureMethodNames, v); }
constexpr std::optional<TaskStatus> parseTaskStatus(std::string_view s) {
  return enumParse(kTaskStatusNames, s);
}
constexpr std::optional<Outcome> parseOutcome(std::string_view s) {
  return enumParse(kOutcomeNames, s);
}
constexpr std::optional<ErasureMethod> parseErasureMethod(std::string_view s) {
  return enumParse(kErasureMethodNames, s);
}

//! True when the outcome ends the task (everything but deferred).
constexpr bool isFinal(Outcome o) { return o != Outcome::kDeferred; }

//! True when the outcome means the request could not be fully honoured for this system.
constexpr bool isException(Outcome o) {
  return o == Outcome::kFailed || o == Outcome::kRetained || o == Outcome::kNeedsReview ||
         o == Outcome::kActionRequired || o == Outcome::kAcceptedUnconfirmed;
}

struct Task {
  std::string id;         //!< UUID
  std::string requestId;  //!< UUID of the owning request
  std::string systemId;   //!< system instance id from the configuration
  Action action = Action::kAccess;
  int step = 0;                   //!< index of the workflow step that created it
  std::string paramsJson = "{}";  //!< the step's parameters for this task (categories, ...)
  TaskStatus status = TaskStatus::kPending;
  std::optional<Outcome> outcome;
  int attempts = 0;
  std::optional<TimePoint> nextRunAt;  //!< retry or deferred poll time; while running, the lease
  std::string leaseOwner;              //!< the worker running it (empty unless running)
  std::optional<TimePoint> dueAt;
  std::string lastError;  //!< never contains personal data
  TimePoint createdAt{};
  TimePoint updatedAt{};
  std::int64_t version = 0;  //!< optimistic concurrency
};

}  // namespace dsrflow
