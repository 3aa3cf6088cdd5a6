#include "app/request_view.hpp"

#include "model/deadline.hpp"
#include "model/time_format.hpp"

#include <iomanip>

namespace dsrflow::app {

std::string formatTime(TimePoint t) { return formatUtcSeconds(t); }

Poco::JSON::Object::Ptr requestToJson(const Request& r, TimePoint now) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("id", r.id);
  o->set("type", std::string(toString(r.type)));
  o->set("regulation", std::string(toString(r.regulation)));
  o->set("status", std::string(toString(r.status)));
  if (r.heldFrom) o->set("held_from", std::string(toString(*r.heldFrom)));
  o->set("channel", std::string(toString(r.channel)));
  o->set("language", std::string(toString(r.language)));
  o->set("controller", r.controllerId);
  if (!r.externalReference.empty()) o->set("external_reference", r.externalReference);
  o->set("received_at", formatTime(r.receivedAt));
  o->set("due_at", formatTime(r.effectiveDueAt()));
  if (auto flag = deadlineFlag(r, now); !flag.empty()) o->set("deadline", flag);
  if (r.extendedDueAt) {
    o->set("original_due_at", formatTime(r.dueAt));
    o->set("extension_reason", r.extensionReason);
  }
  if (!r.duplicateOf.empty()) o->set("duplicate_of", r.duplicateOf);
  o->set("created_at", formatTime(r.createdAt));
  o->set("updated_at", formatTime(r.updatedAt));
  return o;
}

namespace {

std::string urgencyFlag(TimePoint now, TimePoint due) {
  switch (deadlineUrgency(now, due, kNearDeadline)) {
    case DeadlineUrgency::kOverdue:
      return "overdue";
    case DeadlineUrgency::kNear:
      return "due soon";
    default:
      return "";
  }
}

}  // namespace

std::string deadlineFlag(const Request& r, TimePoint now) {
  if (isTerminal(r.status)) return "";
  return urgencyFlag(now, r.effectiveDueAt());
}

std::string reviewDeadlineFlag(const ReviewerAssignment& review, const Request& r, TimePoint now) {
  if (isTerminal(r.status) || review.finishedAt || !review.dueAt) return "";
  auto flag = urgencyFlag(now, *review.dueAt);
  return flag.empty() ? "" : "review " + flag;
}

Poco::JSON::Object::Ptr reviewToJson(const ReviewerAssignment& review, const Request& r,
                                     TimePoint now) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  if (!review.reviewer.empty()) o->set("reviewer", review.reviewer);
  o->set("role", review.role);
  if (review.dueAt) o->set("due_at", formatTime(*review.dueAt));
  if (auto flag = reviewDeadlineFlag(review, r, now); !flag.empty()) o->set("deadline", flag);
  if (review.routedAt) o->set("routed_at", formatTime(*review.routedAt));
  if (review.finishedAt) o->set("finished_at", formatTime(*review.finishedAt));
  o->set("assigned_by", review.assignedBy);
  return o;
}

void printRequestLine(std::ostream& out, const Request& r, TimePoint now,
                      const ReviewerAssignment* review) {
  out << r.id << "  " << std::left << std::setw(16) << toString(r.type) << std::setw(26)
      << toString(r.status) << "due " << formatTime(r.effectiveDueAt());
  if (auto flag = deadlineFlag(r, now); !flag.empty()) out << "  " << flag;
  if (review != nullptr) {
    if (auto flag = reviewDeadlineFlag(*review, r, now); !flag.empty()) out << "  " << flag;
  }
  out << '\n';
}

}  // namespace dsrflow::app
