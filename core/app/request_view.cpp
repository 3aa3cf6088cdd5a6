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

std::string deadlineFlag(const Request& r, TimePoint now) {
  if (isTerminal(r.status)) return "";
  switch (deadlineUrgency(now, r.effectiveDueAt(), kNearDeadline)) {
    case DeadlineUrgency::kOverdue:
      return "overdue";
    case DeadlineUrgency::kNear:
      return "due soon";
    default:
      return "";
  }
}

void printRequestLine(std::ostream& out, const Request& r, TimePoint now) {
  out << r.id << "  " << std::left << std::setw(16) << toString(r.type) << std::setw(26)
      << toString(r.status) << "due " << formatTime(r.effectiveDueAt());
  if (auto flag = deadlineFlag(r, now); !flag.empty()) out << "  " << flag;
  out << '\n';
}

}  // namespace dsrflow::app
