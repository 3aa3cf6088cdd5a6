#include "model/local_calendar.hpp"

#include <gtest/gtest.h>

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

LocalCalendar local(std::string_view zone, std::string_view calendar = "DE") {
  return LocalCalendar::create(zone, HolidayCalendar::forId(calendar).value()).value();
}

TEST(LocalCalendar, UnknownTimeZoneIsInvalidArgument) {
  for (std::string_view zone : {"", "Mars/Olympus_Mons", "Europe/Berlinn", "CEST+2"}) {
    auto cal = LocalCalendar::create(zone, HolidayCalendar());
    ASSERT_FALSE(cal.ok()) << zone;
    EXPECT_EQ(cal.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(cal.error().message.find("time zone"), std::string::npos);
  }
}

TEST(LocalCalendar, KnownZones) {
  for (std::string_view zone : {"Europe/Berlin", "America/Los_Angeles", "UTC", "Etc/UTC"}) {
    auto cal = LocalCalendar::create(zone, HolidayCalendar());
    ASSERT_TRUE(cal.ok()) << zone << ": " << cal.error().message;
  }
  EXPECT_EQ(local("Europe/Berlin").timeZone(), "Europe/Berlin");
  EXPECT_EQ(local("Europe/Berlin").holidays().id(), "DE");
}

TEST(LocalCalendar, LocalDateFollowsTheZone) {
  const auto berlin = local("Europe/Berlin");
  // 23:30 UTC on 31 January is 00:30 on 1 February in Berlin (CET, UTC+1).
  EXPECT_EQ(berlin.localDate(utc(2025_y / 1 / 31, 23, 30)), 2025_y / 2 / 1);
  EXPECT_EQ(berlin.localDate(utc(2025_y / 1 / 31, 22, 59, 59, 999)), 2025_y / 1 / 31);
  // Summer time: UTC+2.
  EXPECT_EQ(berlin.localDate(utc(2025_y / 7 / 31, 22, 0)), 2025_y / 8 / 1);
  EXPECT_EQ(berlin.localDate(utc(2025_y / 7 / 31, 21, 59)), 2025_y / 7 / 31);
  const auto la = local("America/Los_Angeles", "none");
  EXPECT_EQ(la.localDate(utc(2025_y / 2 / 1, 7, 59)), 2025_y / 1 / 31);
  EXPECT_EQ(la.localDate(utc(2025_y / 2 / 1, 8, 0)), 2025_y / 2 / 1);
}

TEST(LocalCalendar, EndOfLocalDay) {
  const auto berlin = local("Europe/Berlin");
  EXPECT_EQ(berlin.endOfLocalDay(2025_y / 2 / 28), utc(2025_y / 2 / 28, 22, 59, 59, 999));
  EXPECT_EQ(berlin.endOfLocalDay(2025_y / 7 / 15), utc(2025_y / 7 / 15, 21, 59, 59, 999));
  // The days of the DST changes (23 and 25 hours long).
  EXPECT_EQ(berlin.endOfLocalDay(2025_y / 3 / 30), utc(2025_y / 3 / 30, 21, 59, 59, 999));
  EXPECT_EQ(berlin.endOfLocalDay(2025_y / 10 / 26), utc(2025_y / 10 / 26, 22, 59, 59, 999));
  EXPECT_EQ(local("UTC", "none").endOfLocalDay(2025_y / 1 / 1),
            utc(2025_y / 1 / 1, 23, 59, 59, 999));
}

TEST(LocalCalendar, EndOfLocalDayWhereMidnightIsSkippedOrRepeated) {
  const auto santiago = local("America/Santiago", "none");
  // 2024-09-07 24:00 (-04) jumps to 01:00 (-03): the next midnight never shows on the clock.
  EXPECT_EQ(santiago.endOfLocalDay(2024_y / 9 / 7), utc(2024_y / 9 / 8, 3, 59, 59, 999));
  // 2025-04-06 00:00 (-03) falls back to 23:00 (-04) on the 5th: the 5th lasts 25 hours.
  EXPECT_EQ(santiago.endOfLocalDay(2025_y / 4 / 5), utc(2025_y / 4 / 6, 3, 59, 59, 999));
  EXPECT_EQ(santiago.localDate(utc(2025_y / 4 / 6, 3, 30)), 2025_y / 4 / 5);
}

TEST(LocalCalendar, WorkingDays) {
  const auto berlin = local("Europe/Berlin", "DE-BY");
  EXPECT_TRUE(berlin.isWorkingDay(2025_y / 1 / 7));
  EXPECT_FALSE(berlin.isWorkingDay(2025_y / 1 / 6));  // Heilige Drei Könige in BY
  EXPECT_EQ(berlin.nextWorkingDayFrom(2025_y / 1 / 7), 2025_y / 1 / 7);
  EXPECT_EQ(berlin.nextWorkingDayFrom(2025_y / 1 / 4), 2025_y / 1 / 7);  // Sat, Sun, holiday
  // The day itself does not count.
  EXPECT_EQ(berlin.addWorkingDays(2025_y / 1 / 3, 1), 2025_y / 1 / 7);
  EXPECT_EQ(berlin.addWorkingDays(2025_y / 1 / 3, 0), 2025_y / 1 / 3);
  EXPECT_EQ(berlin.addWorkingDays(2025_y / 1 / 3, 5), 2025_y / 1 / 13);
}

TEST(AddMonthsClamped, ClampsToTheMonthsLastDay) {
  EXPECT_EQ(addMonthsClamped(2025_y / 1 / 31, 1), 2025_y / 2 / 28);
  EXPECT_EQ(addMonthsClamped(2028_y / 1 / 31, 1), 2028_y / 2 / 29);
  EXPECT_EQ(addMonthsClamped(2025_y / 3 / 31, 1), 2025_y / 4 / 30);
  EXPECT_EQ(addMonthsClamped(2025_y / 12 / 31, 1), 2026_y / 1 / 31);
  EXPECT_EQ(addMonthsClamped(2025_y / 12 / 31, 2), 2026_y / 2 / 28);
  EXPECT_EQ(addMonthsClamped(2025_y / 2 / 28, 2), 2025_y / 4 / 28);
  EXPECT_EQ(addMonthsClamped(2028_y / 2 / 29, 12), 2029_y / 2 / 28);
  EXPECT_EQ(addMonthsClamped(2025_y / 3 / 31, -1), 2025_y / 2 / 28);
  EXPECT_EQ(addMonthsClamped(2025_y / 1 / 15, 0), 2025_y / 1 / 15);
}

}  // namespace
}  // namespace dsrflow
