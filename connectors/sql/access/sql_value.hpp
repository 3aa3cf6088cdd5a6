#pragma once
// One value read from or bound to the database. Values found in rows become lookup values of
// other tables, so their text form (canonical()) is what decides whether two values are the
// same lookup: the integer 7 and the text "7" are one.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

namespace soci {
class row;
}

namespace dsrflow::sql {

struct SqlValue {
  enum class Kind { kNull, kInteger, kNumber, kText, kDateTime, kBoolean };

  Kind kind = Kind::kNull;
  long long integer = 0;  //!< kInteger; kBoolean: 1 or 0
  double number = 0;
  //! kText: the text; kDateTime: "YYYY-MM-DD HH:MM:SS".
  std::string text;

  static SqlValue ofText(std::string value) {
    SqlValue v;
    v.kind = Kind::kText;
    v.text = std::move(value);
    return v;
  }
  static SqlValue ofInteger(long long value) {
    SqlValue v;
    v.kind = Kind::kInteger;
    v.integer = value;
    return v;
  }

  [[nodiscard]] bool isNull() const { return kind == Kind::kNull; }
  [[nodiscard]] bool isNumeric() const { return kind == Kind::kInteger || kind == Kind::kNumber; }
  //! The value as text: digits, the shortest decimal that reads back as the number, the text,
  //! or the date-time.
  [[nodiscard]] std::string canonical() const;
};

//! Column `pos` of a row fetched with SOCI (dates without time zone as "YYYY-MM-DD HH:MM:SS";
//! binary columns are not read and come back null).
SqlValue valueAt(const soci::row& row, std::size_t pos);

//! The value a numeric column can be compared with: a number as it is, text that is a whole or
//! decimal number as that number, nothing else (nullopt: it cannot match).
std::optional<SqlValue> asNumber(const SqlValue& value);

}  // namespace dsrflow::sql
