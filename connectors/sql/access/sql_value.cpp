#include "sql/access/sql_value.hpp"

#include <soci/soci.h>

#include <charconv>
#include <cstdio>
#include <ctime>
#include <limits>

namespace dsrflow::sql {

std::string SqlValue::canonical() const {
  switch (kind) {
    case Kind::kNull:
      return "";
    case Kind::kInteger:
      return std::to_string(integer);
    case Kind::kBoolean:
      return integer != 0 ? "true" : "false";
    case Kind::kNumber: {
      char buffer[64];
      auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, number);
      return ec == std::errc() ? std::string(buffer, end) : std::to_string(number);
    }
    default:
      return text;
  }
}

SqlValue valueAt(const soci::row& row, std::size_t pos) {
  SqlValue v;
  if (row.get_indicator(pos) == soci::i_null) return v;
  switch (row.get_properties(pos).get_data_type()) {
    case soci::dt_string:
    case soci::dt_xml:
      return SqlValue::ofText(row.get<std::string>(pos));
    case soci::dt_integer:
      return SqlValue::ofInteger(row.get<int>(pos));
    case soci::dt_long_long:
      return SqlValue::ofInteger(row.get<long long>(pos));
    case soci::dt_unsigned_long_long: {
      const unsigned long long u = row.get<unsigned long long>(pos);
      if (u > static_cast<unsigned long long>(std::numeric_limits<long long>::max())) {
        return SqlValue::ofText(std::to_string(u));
      }
      return SqlValue::ofInteger(static_cast<long long>(u));
    }
    case soci::dt_double:
      v.kind = SqlValue::Kind::kNumber;
      v.number = row.get<double>(pos);
      return v;
    case soci::dt_date: {
      const std::tm t = row.get<std::tm>(pos);
      char buffer[96];  // room for any int the compiler imagines in each part
      std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d:%02d", t.tm_year + 1900,
                    t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
      v.kind = SqlValue::Kind::kDateTime;
      v.text = buffer;
      return v;
    }
    default:
      return v;  // binary data: not readable through SOCI's dynamic rows
  }
}

std::optional<SqlValue> asNumber(const SqlValue& value) {
  if (value.isNumeric()) return value;
  if (value.kind != SqlValue::Kind::kText || value.text.empty()) return std::nullopt;
  const char* begin = value.text.data();
  const char* end = begin + value.text.size();
  long long integer = 0;
  if (auto [ptr, ec] = std::from_chars(begin, end, integer); ec == std::errc() && ptr == end) {
    return SqlValue::ofInteger(integer);
  }
  double number = 0;
  if (auto [ptr, ec] = std::from_chars(begin, end, number, std::chars_format::fixed);
      ec == std::errc() && ptr == end) {
    SqlValue v;
    v.kind = SqlValue::Kind::kNumber;
    v.number = number;
    return v;
  }
  return std::nullopt;
}

}  // namespace dsrflow::sql
