#include "model/deadline.hpp"

#include <algorithm>
#include <utility>

namespace dsrflow {
namespace {

bool isBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  });
}

// Shared by both regulations. The reason is not echoed: it is free text and may name the person.
Status checkExtension(std::string_view regulation, bool alreadyExtended, std::string_view reason,
                      TimePoint now, TimePoint firstDue) {
  const std::string prefix = std::string(regulation) + " extension: ";
  if (alreadyExtended) return conflict(prefix + "the deadline was already extended once");
  if (isBlank(reason)) return invalidArgument(prefix + "a reason is required");
  if (now > firstDue) {
    return conflict(prefix + "the original deadline has passed; the person must be told of an " +
                    "extension before it");
  }
  return Ok{};
}

}  // namespace

DeadlineCalculator::DeadlineCalculator(LocalCalendar calendar) : calendar_(std::move(calendar)) {}

Result<DeadlineCalculator> DeadlineCalculator::create(std::string_view timeZone,
                                                      HolidayCalendar holidays) {
  auto calendar = LocalCalendar::create(timeZone, std::move(holidays));
  if (!calendar) return calendar.error();
  return DeadlineCalculator(std::move(calendar).value());
}

date::year_month_day DeadlineCalculator::gdprUnshiftedEnd(TimePoint receivedAt) const {
  return addMonthsClamped(calendar_.localDate(receivedAt), kGdprMonths);
}

TimePoint DeadlineCalculator::endOfDayAfter(TimePoint receivedAt, int days) const {
  const date::sys_days received{calendar_.localDate(receivedAt)};
  return calendar_.endOfLocalDay(date::year_month_day{received + date::days{days}});
}

TimePoint DeadlineCalculator::gdprDue(TimePoint receivedAt) const {
  return calendar_.endOfLocalDay(calendar_.nextWorkingDayFrom(gdprUnshiftedEnd(receivedAt)));
}

Result<TimePoint> DeadlineCalculator::gdprExtendedDue(TimePoint receivedAt, bool alreadyExtended,
                                                      std::string_view reason,
                                                      TimePoint now) const {
  const Status ok = checkExtension("GDPR", alreadyExtended, reason, now, gdprDue(receivedAt));
  if (!ok) return ok.error();
  // From the unshifted end: a working-day shift of the first period must not lengthen the second.
  const auto end = addMonthsClamped(gdprUnshiftedEnd(receivedAt), kGdprExtensionMonths);
  return calendar_.endOfLocalDay(calendar_.nextWorkingDayFrom(end));
}

TimePoint DeadlineCalculator::ccpaDue(TimePoint receivedAt) const {
  return endOfDayAfter(receivedAt, kCcpaDays);
}

Result<TimePoint> DeadlineCalculator::ccpaExtendedDue(TimePoint receivedAt, bool alreadyExtended,
                                                      std::string_view reason,
                                                      TimePoint now) const {
  const Status ok = checkExtension("CCPA", alreadyExtended, reason, now, ccpaDue(receivedAt));
  if (!ok) return ok.error();
  return endOfDayAfter(receivedAt, kCcpaDays + kCcpaExtensionDays);
}

TimePoint DeadlineCalculator::ccpaConfirmationDue(TimePoint receivedAt) const {
  const auto received = calendar_.localDate(receivedAt);
  return calendar_.endOfLocalDay(calendar_.addWorkingDays(received, kCcpaConfirmationBusinessDays));
}

TimePoint DeadlineCalculator::ccpaOptOutDue(TimePoint receivedAt) const {
  const auto received = calendar_.localDate(receivedAt);
  return calendar_.endOfLocalDay(calendar_.addWorkingDays(received, kCcpaOptOutBusinessDays));
}

InitialDeadlines DeadlineCalculator::initialDeadlines(RequestType type,
                                                      TimePoint receivedAt) const {
  switch (type) {
    case RequestType::kOptOut:
    case RequestType::kLimit:
      return {ccpaOptOutDue(receivedAt), std::nullopt};
    case RequestType::kKnow:
    case RequestType::kDelete:
    case RequestType::kCorrect:
      return {ccpaDue(receivedAt), ccpaConfirmationDue(receivedAt)};
    case RequestType::kAccess:
    case RequestType::kPortability:
    case RequestType::kErasure:
    case RequestType::kRectification:
    case RequestType::kRestriction:
    case RequestType::kObjection:
    case RequestType::kContestDecision:
      break;
  }
  return {gdprDue(receivedAt), std::nullopt};
}

Result<TimePoint> DeadlineCalculator::extendedDue(const ExtensionFacts& facts) const {
  if (facts.type == RequestType::kOptOut || facts.type == RequestType::kLimit) {
    return invalidArgument("CCPA extension: " + std::string(toString(facts.type)) +
                           " requests cannot be extended");
  }
  if (regulationOf(facts.type) == Regulation::kCcpa) {
    return ccpaExtendedDue(facts.receivedAt, facts.alreadyExtended, facts.reason, facts.now);
  }
  return gdprExtendedDue(facts.receivedAt, facts.alreadyExtended, facts.reason, facts.now);
}

Result<TimePoint> DeadlineCalculator::extendedDue(const Request& request, std::string_view reason,
                                                  TimePoint now) const {
  return extendedDue(ExtensionFacts{request.type, request.receivedAt,
                                    request.extendedDueAt.has_value(), reason, now});
}

DeadlineUrgency deadlineUrgency(TimePoint now, TimePoint due, std::chrono::milliseconds threshold) {
  if (now > due) return DeadlineUrgency::kOverdue;
  if (due - now <= threshold) return DeadlineUrgency::kNear;
  return DeadlineUrgency::kOnTrack;
}

bool isNearDeadline(TimePoint now, TimePoint due, std::chrono::milliseconds threshold) {
  return deadlineUrgency(now, due, threshold) != DeadlineUrgency::kOnTrack;
}

}  // namespace dsrflow
