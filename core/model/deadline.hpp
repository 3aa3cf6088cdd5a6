#pragma once
// Legal deadlines of data-subject requests (docs: DOMAIN.md, "Deadlines"). All instants are UTC;
// date arithmetic happens on the controller's local calendar. Nothing here reads the clock:
// "now" is always an argument, taken by callers from their injected Clock.
//
// GDPR Art. 12(3) with Regulation 1182/71: the day of receipt does not count (Art. 3(1)), so a
// one-month period ends at the end of the same date of the next month, or that month's last day
// (Art. 3(2)(c)); a period ending on a Saturday, Sunday or public holiday ends at the end of the
// next working day (Art. 3(4)). Extension: two further months, once, with reasons, told to the
// person within the first month.
// CCPA regulations: §7021 confirm receipt within 10 business days (know, delete, correct) and
// answer within 45 calendar days, extendable once by 45 days with notice within the first 45;
// §7026(f) opt-out and §7027(g) limit within 15 business days, without extension.

#include <chrono>
#include <optional>
#include <string_view>

#include "model/clock.hpp"
#include "model/local_calendar.hpp"
#include "model/request.hpp"
#include "model/result.hpp"
#include "model/vocabulary.hpp"

namespace dsrflow {

//! The deadlines set when a request is received.
struct InitialDeadlines {
  TimePoint dueAt;  //!< answer (or, for opt-out/limit, compliance) due
  //! CCPA know/delete/correct only: confirmation of receipt due.
  std::optional<TimePoint> confirmationDueAt;
};

//! What is known about a request when someone asks to extend its deadline.
struct ExtensionFacts {
  RequestType type = RequestType::kAccess;
  TimePoint receivedAt{};
  bool alreadyExtended = false;
  std::string_view reason;  //!< told to the person; must not be blank
  TimePoint now{};
};

//! Computes deadlines for one controller. Immutable; all methods const and thread-safe.
class DeadlineCalculator {
 public:
  static constexpr int kGdprMonths = 1;
  static constexpr int kGdprExtensionMonths = 2;
  static constexpr int kCcpaDays = 45;
  static constexpr int kCcpaExtensionDays = 45;
  static constexpr int kCcpaConfirmationBusinessDays = 10;
  static constexpr int kCcpaOptOutBusinessDays = 15;

  explicit DeadlineCalculator(LocalCalendar calendar);
  //! Convenience: validates the IANA zone (kInvalidArgument when unknown).
  static Result<DeadlineCalculator> create(std::string_view timeZone, HolidayCalendar holidays);

  [[nodiscard]] const LocalCalendar& calendar() const noexcept { return calendar_; }

  //! GDPR: end of the working day on or after the same date next month (or its last day).
  [[nodiscard]] TimePoint gdprDue(TimePoint receivedAt) const;
  //! GDPR extended deadline: two months after the unshifted end of the first month, moved to a
  //! working day. Errors: kConflict if already extended or the first deadline has passed
  //! (now > gdprDue(receivedAt)); kInvalidArgument for a blank reason.
  [[nodiscard]] Result<TimePoint> gdprExtendedDue(TimePoint receivedAt, bool alreadyExtended,
                                                  std::string_view reason, TimePoint now) const;

  //! CCPA: end of the local day 45 calendar days after receipt (no working-day shift).
  [[nodiscard]] TimePoint ccpaDue(TimePoint receivedAt) const;
  //! CCPA extended deadline: end of the local day 90 days after receipt; same errors as GDPR,
  //! with the 45-day deadline as the limit.
  [[nodiscard]] Result<TimePoint> ccpaExtendedDue(TimePoint receivedAt, bool alreadyExtended,
                                                  std::string_view reason, TimePoint now) const;
  //! CCPA: end of the 10th business day after receipt.
  [[nodiscard]] TimePoint ccpaConfirmationDue(TimePoint receivedAt) const;
  //! CCPA opt-out and limit: end of the 15th business day after receipt.
  [[nodiscard]] TimePoint ccpaOptOutDue(TimePoint receivedAt) const;

  //! The deadlines of a new request of the given type, per its regulation.
  [[nodiscard]] InitialDeadlines initialDeadlines(RequestType type, TimePoint receivedAt) const;
  //! The extended deadline for a request, per its regulation. kInvalidArgument for types
  //! without extension (opt_out, limit), else as gdprExtendedDue / ccpaExtendedDue.
  [[nodiscard]] Result<TimePoint> extendedDue(const ExtensionFacts& facts) const;
  //! extendedDue() for a stored request (already extended when extendedDueAt is set).
  [[nodiscard]] Result<TimePoint> extendedDue(const Request& request, std::string_view reason,
                                              TimePoint now) const;

 private:
  [[nodiscard]] date::year_month_day gdprUnshiftedEnd(TimePoint receivedAt) const;
  [[nodiscard]] TimePoint endOfDayAfter(TimePoint receivedAt, int days) const;

  LocalCalendar calendar_;
};

//! How close a deadline is.
enum class DeadlineUrgency {
  kOnTrack,  //!< more than the threshold left
  kNear,     //!< due within the threshold, not yet passed
  kOverdue,  //!< now is after the due instant
};

[[nodiscard]] DeadlineUrgency deadlineUrgency(TimePoint now, TimePoint due,
                                              std::chrono::milliseconds threshold);

//! True when a request should be flagged: due within threshold of now, or already overdue.
[[nodiscard]] bool isNearDeadline(TimePoint now, TimePoint due,
                                  std::chrono::milliseconds threshold);

}  // namespace dsrflow
