#include "model/deadline.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace dsrflow {
namespace {

using namespace date::literals;  // NOLINT(google-build-using-namespace)
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

TimePoint utc(date::year_month_day day, int h = 0, int m = 0, int s = 0, int ms = 0) {
  return TimePoint{date::sys_days{day}} + hours{h} + minutes{m} + std::chrono::seconds{s} +
         milliseconds{ms};
}

DeadlineCalculator calculator(std::string_view zone, std::string_view calendar,
                              std::vector<date::year_month_day> extra = {}) {
  return DeadlineCalculator::create(zone, HolidayCalendar::forId(calendar, extra).value()).value();
}

// End of a local day in Berlin, in UTC: 23:59:59.999 CET (winter) or CEST (summer).
TimePoint berlinWinterEnd(date::year_month_day d) { return utc(d, 22, 59, 59, 999); }
TimePoint berlinSummerEnd(date::year_month_day d) { return utc(d, 21, 59, 59, 999); }
// End of a local day in Los Angeles: PST (UTC-8) or PDT (UTC-7), falling on the next UTC day.
TimePoint laWinterEnd(date::year_month_day d) { return utc(d, 23, 59, 59, 999) + hours{8}; }
TimePoint laSummerEnd(date::year_month_day d) { return utc(d, 23, 59, 59, 999) + hours{7}; }

class GdprDeadline : public testing::Test {
 protected:
  DeadlineCalculator de_ = calculator("Europe/Berlin", "DE");
};

TEST_F(GdprDeadline, SameDateNextMonth) {
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 1 / 15, 10)), berlinWinterEnd(2025_y / 2 / 17));  // 15 Feb Sat
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 1 / 14, 10)), berlinWinterEnd(2025_y / 2 / 14));
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 6 / 10, 8)), berlinSummerEnd(2025_y / 7 / 10));
}

TEST_F(GdprDeadline, MonthEndsInFebruary) {
  // Non-leap 2025: 28 February is a Friday.
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 1 / 31, 10)), berlinWinterEnd(2025_y / 2 / 28));
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 1 / 30, 10)), berlinWinterEnd(2025_y / 2 / 28));
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 1 / 29, 10)), berlinWinterEnd(2025_y / 2 / 28));
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 1 / 28, 10)), berlinWinterEnd(2025_y / 2 / 28));
  // Leap 2028: 29 February is a Tuesday.
  EXPECT_EQ(de_.gdprDue(utc(2028_y / 1 / 31, 10)), berlinWinterEnd(2028_y / 2 / 29));
  EXPECT_EQ(de_.gdprDue(utc(2028_y / 1 / 30, 10)), berlinWinterEnd(2028_y / 2 / 29));
  EXPECT_EQ(de_.gdprDue(utc(2028_y / 1 / 29, 10)), berlinWinterEnd(2028_y / 2 / 29));
  EXPECT_EQ(de_.gdprDue(utc(2028_y / 1 / 28, 10)), berlinWinterEnd(2028_y / 2 / 28));
  // 2026: 28 February is a Saturday, so the month end moves to Monday 2 March.
  EXPECT_EQ(de_.gdprDue(utc(2026_y / 1 / 31, 10)), berlinWinterEnd(2026_y / 3 / 2));
}

TEST_F(GdprDeadline, ThirtyOneDayMonthIntoThirty) {
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 3 / 31, 10)), berlinSummerEnd(2025_y / 4 / 30));
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 8 / 31, 10)), berlinSummerEnd(2025_y / 9 / 30));
  // December into January keeps the 31st and the year turns.
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 12 / 31, 10)), berlinWinterEnd(2026_y / 2 / 2));  // 31 Jan Sat
}

TEST_F(GdprDeadline, WeekendMovesToMonday) {
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 3 / 5, 10)), berlinSummerEnd(2025_y / 4 / 7));  // Saturday
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 3 / 6, 10)), berlinSummerEnd(2025_y / 4 / 7));  // Sunday
}

TEST_F(GdprDeadline, PublicHolidays) {
  // 3 October 2025 (Tag der Deutschen Einheit) is a Friday: then Saturday, Sunday -> Monday.
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 9 / 3, 10)), berlinSummerEnd(2025_y / 10 / 6));
  // Easter Monday 2025 (21 April) -> Tuesday.
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 3 / 21, 10)), berlinSummerEnd(2025_y / 4 / 22));
  // Good Friday, Saturday, Easter Sunday, Easter Monday -> Tuesday.
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 3 / 18, 10)), berlinSummerEnd(2025_y / 4 / 22));
  // 25 December 2023 (Monday) and 26 (Tuesday) -> Wednesday 27.
  EXPECT_EQ(de_.gdprDue(utc(2023_y / 11 / 25, 10)), berlinWinterEnd(2023_y / 12 / 27));
  // New Year 2028 is a Saturday: 1 Jan holiday and weekend -> Monday 3 January.
  EXPECT_EQ(de_.gdprDue(utc(2027_y / 12 / 1, 10)), berlinWinterEnd(2028_y / 1 / 3));
}

TEST_F(GdprDeadline, ChristmasIntoNewYearWithConfiguredClosure) {
  // 25 Dec 2027 is a Saturday. With a configured closure 27-31 Dec the period runs over the
  // weekend, the closure, Neujahr (Saturday) and Sunday to Monday 3 January 2028.
  const auto closed = calculator(
      "Europe/Berlin", "DE",
      {2027_y / 12 / 27, 2027_y / 12 / 28, 2027_y / 12 / 29, 2027_y / 12 / 30, 2027_y / 12 / 31});
  EXPECT_EQ(closed.gdprDue(utc(2027_y / 11 / 25, 10)), berlinWinterEnd(2028_y / 1 / 3));
  EXPECT_EQ(de_.gdprDue(utc(2027_y / 11 / 25, 10)), berlinWinterEnd(2027_y / 12 / 27));
}

TEST_F(GdprDeadline, StateHolidayAffectsOneStateOnly) {
  // Fronleichnam, Thursday 19 June 2025: a holiday in NW, not in NI.
  EXPECT_EQ(calculator("Europe/Berlin", "DE-NW").gdprDue(utc(2025_y / 5 / 19, 10)),
            berlinSummerEnd(2025_y / 6 / 20));
  EXPECT_EQ(calculator("Europe/Berlin", "DE-NI").gdprDue(utc(2025_y / 5 / 19, 10)),
            berlinSummerEnd(2025_y / 6 / 19));
  // Allerheiligen, Friday 1 November 2024: BY -> Monday 4, BE -> Friday 1.
  EXPECT_EQ(calculator("Europe/Berlin", "DE-BY").gdprDue(utc(2024_y / 10 / 1, 10)),
            berlinWinterEnd(2024_y / 11 / 4));
  EXPECT_EQ(calculator("Europe/Berlin", "DE-BE").gdprDue(utc(2024_y / 10 / 1, 10)),
            berlinWinterEnd(2024_y / 11 / 1));
  // Buß- und Bettag, Wednesday 19 November 2025: SN only.
  EXPECT_EQ(calculator("Europe/Berlin", "DE-SN").gdprDue(utc(2025_y / 10 / 19, 10)),
            berlinWinterEnd(2025_y / 11 / 20));
  EXPECT_EQ(calculator("Europe/Berlin", "DE-BY").gdprDue(utc(2025_y / 10 / 19, 10)),
            berlinWinterEnd(2025_y / 11 / 19));
}

TEST_F(GdprDeadline, ReceiptDateIsTheLocalDate) {
  // 23:30 UTC on 31 January is 1 February in Berlin: due 1 March 2025 (Saturday) -> Monday 3.
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 1 / 31, 23, 30)), berlinWinterEnd(2025_y / 3 / 3));
  // One hour earlier it is still 31 January in Berlin.
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 1 / 31, 22, 30)), berlinWinterEnd(2025_y / 2 / 28));
  // The same instant in a UTC-based controller is 31 January.
  EXPECT_EQ(calculator("UTC", "DE").gdprDue(utc(2025_y / 1 / 31, 23, 30)),
            utc(2025_y / 2 / 28, 23, 59, 59, 999));
}

TEST_F(GdprDeadline, DaylightSavingChangesTheUtcEnd) {
  // Received in winter time, due in summer time (change on 30 March 2025).
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 3 / 10, 9)), berlinSummerEnd(2025_y / 4 / 10));
  // Received in summer time, due in winter time (change on 26 October 2025).
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 9 / 27, 9)), berlinWinterEnd(2025_y / 10 / 27));
  // Received at 00:30 local on the night of the spring change.
  EXPECT_EQ(de_.gdprDue(utc(2025_y / 3 / 29, 23, 30)), berlinSummerEnd(2025_y / 4 / 30));
}

TEST_F(GdprDeadline, ExtensionAddsTwoMonthsToTheUnshiftedEnd) {
  const TimePoint received = utc(2025_y / 1 / 15, 10);
  const TimePoint now = utc(2025_y / 2 / 1);
  // First period ends Saturday 15 Feb (-> Monday 17); two months from 15 Feb is Tuesday 15 April.
  auto extended = de_.gdprExtendedDue(received, false, "complex request", now);
  ASSERT_TRUE(extended.ok()) << extended.error().message;
  EXPECT_EQ(*extended, berlinSummerEnd(2025_y / 4 / 15));

  // 31 Jan -> 28 Feb -> 28 April (Monday).
  auto fromMonthEnd = de_.gdprExtendedDue(utc(2025_y / 1 / 31, 10), false, "volume", now);
  ASSERT_TRUE(fromMonthEnd.ok());
  EXPECT_EQ(*fromMonthEnd, berlinSummerEnd(2025_y / 4 / 28));

  // 18 March: first end Good Friday 18 April (shifted to 22 April); extension from 18 April
  // gives Wednesday 18 June, not 22 June.
  auto easter = de_.gdprExtendedDue(utc(2025_y / 3 / 18, 10), false, "volume", utc(2025_y / 4 / 1));
  ASSERT_TRUE(easter.ok());
  EXPECT_EQ(*easter, berlinSummerEnd(2025_y / 6 / 18));
}

TEST_F(GdprDeadline, ExtendedEndMovesToAWorkingDay) {
  // Received 3 Jul 2025: first end Sunday 3 Aug (unshifted); + 2 months = 3 October
  // (Tag der Deutschen Einheit, Friday) -> Monday 6 October.
  auto r = de_.gdprExtendedDue(utc(2025_y / 7 / 3, 10), false, "volume", utc(2025_y / 7 / 20));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, berlinSummerEnd(2025_y / 10 / 6));
}

TEST_F(GdprDeadline, ExtensionOnlyOnce) {
  auto r = de_.gdprExtendedDue(utc(2025_y / 1 / 15), true, "again", utc(2025_y / 1 / 20));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
}

TEST_F(GdprDeadline, ExtensionNeedsAReason) {
  for (std::string_view reason : {"", "   ", "\t\n"}) {
    auto r = de_.gdprExtendedDue(utc(2025_y / 1 / 15), false, reason, utc(2025_y / 1 / 20));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST_F(GdprDeadline, ExtensionMustBeGrantedWithinTheFirstPeriod) {
  const TimePoint received = utc(2025_y / 1 / 15, 10);
  const TimePoint due = de_.gdprDue(received);
  ASSERT_EQ(due, berlinWinterEnd(2025_y / 2 / 17));
  EXPECT_TRUE(de_.gdprExtendedDue(received, false, "volume", due).ok());
  auto late = de_.gdprExtendedDue(received, false, "volume", due + milliseconds{1});
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
}

TEST_F(GdprDeadline, ErrorsDoNotEchoTheReason) {
  auto r =
      de_.gdprExtendedDue(utc(2025_y / 1 / 15), true, "Jane Doe's complaint", utc(2025_y / 1 / 20));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.find("Jane"), std::string::npos);
}

class CcpaDeadline : public testing::Test {
 protected:
  // US holidays are not built in; a controller configures them as extra dates.
  DeadlineCalculator la_ = calculator("America/Los_Angeles", "none",
                                      {2025_y / 11 / 27, 2025_y / 11 / 28, 2025_y / 12 / 25});
};

TEST_F(CcpaDeadline, FortyFiveCalendarDays) {
  EXPECT_EQ(la_.ccpaDue(utc(2025_y / 1 / 10, 18)), laWinterEnd(2025_y / 2 / 24));
  // A Saturday end stays: calendar days, no working-day shift.
  EXPECT_EQ(la_.ccpaDue(utc(2025_y / 1 / 8, 18)), laWinterEnd(2025_y / 2 / 22));
  // 06:00 UTC on 11 January is still 10 January in Los Angeles.
  EXPECT_EQ(la_.ccpaDue(utc(2025_y / 1 / 11, 6)), laWinterEnd(2025_y / 2 / 24));
  // Across the DST change (9 March 2025).
  EXPECT_EQ(la_.ccpaDue(utc(2025_y / 2 / 1, 18)), laSummerEnd(2025_y / 3 / 18));
}

TEST_F(CcpaDeadline, ExtensionToNinetyDays) {
  const TimePoint received = utc(2025_y / 1 / 10, 18);
  auto r = la_.ccpaExtendedDue(received, false, "verification backlog", utc(2025_y / 2 / 1));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, laSummerEnd(2025_y / 4 / 10));

  EXPECT_EQ(la_.ccpaExtendedDue(received, true, "again", utc(2025_y / 2 / 1)).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(la_.ccpaExtendedDue(received, false, " ", utc(2025_y / 2 / 1)).error().code,
            ErrorCode::kInvalidArgument);
  const TimePoint due = la_.ccpaDue(received);
  EXPECT_TRUE(la_.ccpaExtendedDue(received, false, "backlog", due).ok());
  EXPECT_EQ(la_.ccpaExtendedDue(received, false, "backlog", due + milliseconds{1}).error().code,
            ErrorCode::kConflict);
}

TEST_F(CcpaDeadline, ConfirmationWithinTenBusinessDays) {
  // Wednesday 19 Nov 2025; Thanksgiving 27 and 28 Nov configured.
  EXPECT_EQ(la_.ccpaConfirmationDue(utc(2025_y / 11 / 19, 18)), laWinterEnd(2025_y / 12 / 5));
  // Received on a Saturday: counting starts on the next day, the first business day is Monday.
  const auto plain = calculator("America/Los_Angeles", "none");
  EXPECT_EQ(plain.ccpaConfirmationDue(utc(2025_y / 11 / 22, 18)), laWinterEnd(2025_y / 12 / 5));
  EXPECT_EQ(plain.ccpaConfirmationDue(utc(2025_y / 11 / 19, 18)), laWinterEnd(2025_y / 12 / 3));
}

TEST_F(CcpaDeadline, OptOutWithinFifteenBusinessDays) {
  EXPECT_EQ(la_.ccpaOptOutDue(utc(2025_y / 11 / 19, 18)), laWinterEnd(2025_y / 12 / 12));
  // Over Christmas with German holidays: 17 Dec 2025 (Wednesday).
  const auto de = calculator("Europe/Berlin", "DE");
  const auto by = calculator("Europe/Berlin", "DE-BY");
  const TimePoint received = utc(2025_y / 12 / 17, 10);
  EXPECT_EQ(de.ccpaConfirmationDue(received), berlinWinterEnd(2026_y / 1 / 5));
  EXPECT_EQ(de.ccpaOptOutDue(received), berlinWinterEnd(2026_y / 1 / 12));
  // Heilige Drei Könige (6 January) counts in Bavaria only.
  EXPECT_EQ(by.ccpaConfirmationDue(received), berlinWinterEnd(2026_y / 1 / 5));
  EXPECT_EQ(by.ccpaOptOutDue(received), berlinWinterEnd(2026_y / 1 / 13));
}

TEST(InitialDeadlines, PerRequestType) {
  const auto de = calculator("Europe/Berlin", "DE");
  const TimePoint received = utc(2025_y / 1 / 14, 10);
  for (auto type : {RequestType::kAccess, RequestType::kPortability, RequestType::kErasure,
                    RequestType::kRectification, RequestType::kRestriction, RequestType::kObjection,
                    RequestType::kContestDecision}) {
    const auto d = de.initialDeadlines(type, received);
    EXPECT_EQ(d.dueAt, berlinWinterEnd(2025_y / 2 / 14)) << toString(type);
    EXPECT_FALSE(d.confirmationDueAt.has_value()) << toString(type);
  }
  for (auto type : {RequestType::kKnow, RequestType::kDelete, RequestType::kCorrect}) {
    const auto d = de.initialDeadlines(type, received);
    EXPECT_EQ(d.dueAt, de.ccpaDue(received)) << toString(type);
    EXPECT_EQ(d.dueAt, berlinWinterEnd(2025_y / 2 / 28)) << toString(type);
    ASSERT_TRUE(d.confirmationDueAt.has_value()) << toString(type);
    EXPECT_EQ(*d.confirmationDueAt, berlinWinterEnd(2025_y / 1 / 28)) << toString(type);
  }
  for (auto type : {RequestType::kOptOut, RequestType::kLimit}) {
    const auto d = de.initialDeadlines(type, received);
    EXPECT_EQ(d.dueAt, berlinWinterEnd(2025_y / 2 / 4)) << toString(type);
    EXPECT_FALSE(d.confirmationDueAt.has_value()) << toString(type);
  }
}

TEST(ExtendedDue, DispatchesOnTheRegulation) {
  const auto de = calculator("Europe/Berlin", "DE");
  const TimePoint received = utc(2025_y / 1 / 14, 10);
  const TimePoint now = utc(2025_y / 1 / 20);
  auto gdpr = de.extendedDue(ExtensionFacts{RequestType::kAccess, received, false, "why", now});
  ASSERT_TRUE(gdpr.ok());
  EXPECT_EQ(*gdpr, berlinSummerEnd(2025_y / 4 / 14));
  auto ccpa = de.extendedDue(ExtensionFacts{RequestType::kKnow, received, false, "why", now});
  ASSERT_TRUE(ccpa.ok());
  EXPECT_EQ(*ccpa, berlinSummerEnd(2025_y / 4 / 14));  // 90 days after 14 January
  for (auto type : {RequestType::kOptOut, RequestType::kLimit}) {
    auto r = de.extendedDue(ExtensionFacts{type, received, false, "why", now});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(ExtendedDue, FromAStoredRequest) {
  const auto de = calculator("Europe/Berlin", "DE");
  Request request;
  request.type = RequestType::kErasure;
  request.receivedAt = utc(2025_y / 1 / 14, 10);
  request.dueAt = de.gdprDue(request.receivedAt);
  auto r = de.extendedDue(request, "volume", utc(2025_y / 2 / 1));
  ASSERT_TRUE(r.ok());
  request.extendedDueAt = *r;
  request.extensionReason = "volume";
  EXPECT_EQ(request.effectiveDueAt(), berlinSummerEnd(2025_y / 4 / 14));
  auto again = de.extendedDue(request, "more", utc(2025_y / 2 / 2));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST(DeadlineCalculator, UnknownTimeZone) {
  auto r = DeadlineCalculator::create("Europe/Atlantis", HolidayCalendar());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
}

TEST(DeadlineUrgency, Thresholds) {
  const TimePoint due = utc(2025_y / 3 / 1);
  const auto week = std::chrono::days{7};
  EXPECT_EQ(deadlineUrgency(due - std::chrono::days{8}, due, week), DeadlineUrgency::kOnTrack);
  EXPECT_EQ(deadlineUrgency(due - week - milliseconds{1}, due, week), DeadlineUrgency::kOnTrack);
  EXPECT_EQ(deadlineUrgency(due - week, due, week), DeadlineUrgency::kNear);
  EXPECT_EQ(deadlineUrgency(due, due, week), DeadlineUrgency::kNear);
  EXPECT_EQ(deadlineUrgency(due + milliseconds{1}, due, week), DeadlineUrgency::kOverdue);
  EXPECT_FALSE(isNearDeadline(due - std::chrono::days{8}, due, week));
  EXPECT_TRUE(isNearDeadline(due - std::chrono::days{3}, due, week));
  EXPECT_TRUE(isNearDeadline(due + std::chrono::days{3}, due, week));
}

TEST(DeadlineCalculator, UsesAnInjectedClock) {
  // The calculator never reads the clock itself; callers pass ManualClock::now().
  const auto de = calculator("Europe/Berlin", "DE");
  ManualClock clock(utc(2025_y / 1 / 15, 10));
  const TimePoint due = de.gdprDue(clock.now());
  clock.advance(std::chrono::days{30});
  EXPECT_TRUE(isNearDeadline(clock.now(), due, std::chrono::days{7}));
  EXPECT_TRUE(de.gdprExtendedDue(utc(2025_y / 1 / 15, 10), false, "volume", clock.now()).ok());
  clock.advance(std::chrono::days{5});
  EXPECT_FALSE(de.gdprExtendedDue(utc(2025_y / 1 / 15, 10), false, "volume", clock.now()).ok());
}

TEST(DeadlineCalculator, ConcurrentUse) {
  // Under ctest each test runs in its own process, so this also races the tz database's
  // first load.
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&failures] {
      auto calc = DeadlineCalculator::create("Europe/Berlin", HolidayCalendar::forId("DE").value());
      if (!calc.ok()) {
        ++failures;
        return;
      }
      for (int i = 0; i < 200; ++i) {
        if (calc->gdprDue(utc(2025_y / 9 / 3, 10)) != berlinSummerEnd(2025_y / 10 / 6)) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace dsrflow
