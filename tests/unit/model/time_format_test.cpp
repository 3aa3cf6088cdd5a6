#include "model/time_format.hpp"

#include <gtest/gtest.h>

namespace dsrflow {
namespace {

using namespace std::chrono_literals;

TEST(TimeFormat, ParsesDates) {
  EXPECT_EQ(parseIsoDate("2028-02-29"), date::year{2028} / 2 / 29);
  EXPECT_FALSE(parseIsoDate("2027-02-29"));
  EXPECT_FALSE(parseIsoDate("2026-13-01"));
  EXPECT_FALSE(parseIsoDate("2026-1-01"));
  EXPECT_FALSE(parseIsoDate("2026-01-01x"));
  EXPECT_FALSE(parseIsoDate(""));
}

TEST(TimeFormat, ParsesUtcTimestamps) {
  const TimePoint midnight{date::sys_days{date::year{2026} / 11 / 29}.time_since_epoch()};
  EXPECT_EQ(parseUtcTimestamp("2026-11-29T00:00:00Z"), midnight);
  EXPECT_EQ(parseUtcTimestamp("2026-11-29T10:20:30Z"), midnight + 10h + 20min + 30s);
  EXPECT_EQ(parseUtcTimestamp("2026-11-29T10:20:30.5Z"), midnight + 10h + 20min + 30s + 500ms);
  EXPECT_EQ(parseUtcTimestamp("2026-11-29T10:20:30.123456Z"), midnight + 10h + 20min + 30s + 123ms);
  EXPECT_FALSE(parseUtcTimestamp("2026-11-29T10:20:30+01:00"));
  EXPECT_FALSE(parseUtcTimestamp("2026-11-29 10:20:30Z"));
  EXPECT_FALSE(parseUtcTimestamp("2026-11-29T24:00:00Z"));
  EXPECT_FALSE(parseUtcTimestamp("2026-11-29T10:20:30.Z"));
}

TEST(TimeFormat, FormatsSeconds) {
  const TimePoint t{date::sys_days{date::year{2026} / 11 / 29}.time_since_epoch() + 1h + 999ms};
  EXPECT_EQ(formatUtcSeconds(t), "2026-11-29T01:00:00Z");
  EXPECT_EQ(parseUtcTimestamp(formatUtcSeconds(t)), t - 999ms);
}

}  // namespace
}  // namespace dsrflow
