#include "sql/erasure/retention_period.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace dsrflow::sql {
namespace {

std::string isoDate(int year, unsigned month, unsigned day) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", year, month, day);
  return buffer;
}

}  // namespace

std::optional<int> calendarYearOf(const SqlValue& value) {
  using namespace std::chrono;
  if (value.kind == SqlValue::Kind::kInteger) {
    const sys_days day = floor<days>(sys_seconds{seconds{value.integer}});
    return static_cast<int>(year_month_day{day}.year());
  }
  if (value.kind != SqlValue::Kind::kText && value.kind != SqlValue::Kind::kDateTime) {
    return std::nullopt;
  }
  const std::string& text = value.text;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int year = 0;
  if (auto [end, ec] = std::from_chars(text.data(), text.data() + 4, year);
      ec != std::errc() || end != text.data() + 4) {
    return std::nullopt;
  }
  return year;
}

std::optional<std::string> retentionEnd(const Retention& retention, const SqlValue& from) {
  if (!retention.years) return std::nullopt;
  std::optional<int> year = calendarYearOf(from);
  if (!year) return std::nullopt;
  return isoDate(*year + *retention.years, 12, 31);
}

std::string todayUtc() {
  using namespace std::chrono;
  const year_month_day today{floor<days>(system_clock::now())};
  return isoDate(static_cast<int>(today.year()), static_cast<unsigned>(today.month()),
                 static_cast<unsigned>(today.day()));
}

}  // namespace dsrflow::sql
