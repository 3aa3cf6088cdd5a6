#pragma once
// Time at the ABI: milliseconds since the Unix epoch (UTC) in the C structs, RFC 3339 in JSON.

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>

namespace dsrflow::sdk {

//! A point in time as the SDK passes it around.
using TimePoint = std::chrono::system_clock::time_point;

//! Milliseconds since the Unix epoch, rounded down.
inline std::int64_t toUnixMillis(TimePoint t) noexcept {
  return static_cast<std::int64_t>(
      std::chrono::floor<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

//! The time point `ms` milliseconds after the Unix epoch, saturating at what the clock can hold.
inline TimePoint fromUnixMillis(std::int64_t ms) noexcept {
  using std::chrono::milliseconds;
  constexpr auto kMax = std::chrono::duration_cast<milliseconds>(TimePoint::duration::max());
  constexpr auto kMin = std::chrono::duration_cast<milliseconds>(TimePoint::duration::min());
  if (ms >= kMax.count()) return TimePoint::max();
  if (ms <= kMin.count()) return TimePoint::min();
  return TimePoint(std::chrono::duration_cast<TimePoint::duration>(milliseconds(ms)));
}

//! RFC 3339 in UTC: 2026-11-29T10:00:00Z, with .mmm when the milliseconds are not zero.
inline std::string formatTimestamp(TimePoint t) {
  std::int64_t ms = toUnixMillis(t);
  constexpr std::int64_t kDayMs = 86400000;
  std::int64_t days = ms / kDayMs;
  std::int64_t inDay = ms % kDayMs;
  if (inDay < 0) {
    inDay += kDayMs;
    --days;
  }
  // Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil inverse).
  std::int64_t z = days + 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);

  auto pad = [](std::int64_t value, std::size_t width) {
    std::string s = std::to_string(value < 0 ? -value : value);
    if (s.size() < width) s.insert(0, width - s.size(), '0');
    return value < 0 ? "-" + s : s;
  };
  std::string out = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" +
                    pad(inDay / 3600000, 2) + ":" + pad(inDay / 60000 % 60, 2) + ":" +
                    pad(inDay / 1000 % 60, 2);
  if (inDay % 1000 != 0) out += "." + pad(inDay % 1000, 3);
  return out + "Z";
}

}  // namespace dsrflow::sdk
