#include "crypto/key_info.hpp"

#include <date/date.h>

#include <charconv>

namespace dsrflow::crypto {

std::string formatKeyId(KeyKind kind, std::uint32_t version) {
  return std::string(enumName(kKeyIdPrefixes, kind)) + "-" + std::to_string(version);
}

std::optional<KeyIdParts> parseKeyId(std::string_view id) {
  const auto dash = id.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto kind = enumParse(kKeyIdPrefixes, id.substr(0, dash));
  const std::string_view digits = id.substr(dash + 1);
  if (!kind || digits.empty() || digits.front() == '0') return std::nullopt;
  std::uint32_t version = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
  if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return KeyIdParts{*kind, version};
}

std::string formatKeyTimestamp(TimePoint t) { return date::format("%FT%TZ", t); }

std::optional<TimePoint> parseKeyTimestamp(std::string_view text) {
  // Strict "YYYY-MM-DDTHH:MM:SS[.fff]Z", parsed by hand: exactly what formatKeyTimestamp writes.
  auto number = [&](std::size_t pos, std::size_t width, int& out) {
    if (pos + width > text.size()) return false;
    const char* begin = text.data() + pos;
    const auto [end, ec] = std::from_chars(begin, begin + width, out);
    return ec == std::errc{} && end == begin + width && *begin != '-' && *begin != '+';
  };
  auto at = [&](std::size_t pos, char c) { return pos < text.size() && text[pos] == c; };
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
  if (!number(0, 4, year) || !at(4, '-') || !number(5, 2, month) || !at(7, '-') ||
      !number(8, 2, day) || !at(10, 'T') || !number(11, 2, hour) || !at(13, ':') ||
      !number(14, 2, minute) || !at(16, ':') || !number(17, 2, second)) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  if (at(pos, '.')) {
    if (!number(pos + 1, 3, millis)) return std::nullopt;
    pos += 4;
  }
  if (!at(pos, 'Z') || pos + 1 != text.size()) return std::nullopt;
  using namespace std::chrono;
  const year_month_day date{std::chrono::year{year},
                            std::chrono::month{static_cast<unsigned>(month)},
                            std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return TimePoint{sys_days{date}} + hours{hour} + minutes{minute} + seconds{second} +
         milliseconds{millis};
}

}  // namespace dsrflow::crypto
