#include "model/time_format.hpp"

#include <charconv>

namespace dsrflow {
namespace {

// Reads exactly `width` digits at `pos`.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  auto [end, ec] = std::from_chars(text.data() + pos, text.data() + pos + width, value);
  if (ec != std::errc() || end != text.data() + pos + width) return std::nullopt;
  return value;
}

}  // namespace

std::optional<date::year_month_day> parseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = digits(text, 0, 4);
  auto m = digits(text, 5, 2);
  auto d = digits(text, 8, 2);
  if (!y || !m || !d) return std::nullopt;
  date::year_month_day ymd{date::year{*y}, date::month{static_cast<unsigned>(*m)},
                           date::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::optional<TimePoint> parseUtcTimestamp(std::string_view text) {
  if (text.size() < 20 || text[10] != 'T' || text.back() != 'Z' || text[13] != ':' ||
      text[16] != ':') {
    return std::nullopt;
  }
  auto day = parseIsoDate(text.substr(0, 10));
  auto h = digits(text, 11, 2);
  auto mi = digits(text, 14, 2);
  auto s = digits(text, 17, 2);
  if (!day || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 60) return std::nullopt;
  int millis = 0;
  const std::string_view fraction = text.substr(19, text.size() - 20);
  if (!fraction.empty()) {
    if (fraction[0] != '.' || fraction.size() < 2 || fraction.size() > 10) return std::nullopt;
    for (std::size_t i = 1; i < fraction.size(); ++i) {
      if (fraction[i] < '0' || fraction[i] > '9') return std::nullopt;
      if (i <= 3) millis = millis * 10 + (fraction[i] - '0');
    }
    for (std::size_t i = fraction.size(); i <= 3; ++i) millis *= 10;
  }
  return TimePoint(date::sys_days(*day).time_since_epoch() + std::chrono::hours(*h) +
                   std::chrono::minutes(*mi) + std::chrono::seconds(*s) +
                   std::chrono::milliseconds(millis));
}

std::string formatUtcSeconds(TimePoint t) {
  return date::format("%FT%TZ", std::chrono::floor<std::chrono::seconds>(t));
}

}  // namespace dsrflow
