#include "sql/erasure/literal_value.hpp"

#include <charconv>

namespace dsrflow::sql {

SqlValue toSqlValue(const Literal& literal) {
  switch (literal.kind) {
    case Literal::Kind::kNull:
      return SqlValue{};
    case Literal::Kind::kBool: {
      SqlValue v = SqlValue::ofInteger(literal.text == "true" ? 1 : 0);
      v.kind = SqlValue::Kind::kBoolean;
      return v;
    }
    case Literal::Kind::kInteger:
    case Literal::Kind::kNumber:
      if (std::optional<SqlValue> number = asNumber(SqlValue::ofText(literal.text))) {
        return *number;
      }
      break;
    case Literal::Kind::kString:
      break;
  }
  return SqlValue::ofText(literal.text);
}

bool holds(const SqlValue& value, const Literal& literal) {
  if (literal.kind == Literal::Kind::kNull || value.isNull()) {
    return literal.kind == Literal::Kind::kNull && value.isNull();
  }
  switch (literal.kind) {
    case Literal::Kind::kBool:
      if (value.kind == SqlValue::Kind::kBoolean || value.kind == SqlValue::Kind::kInteger) {
        return (value.integer != 0) == (literal.text == "true");
      }
      return value.canonical() == literal.text;
    case Literal::Kind::kInteger:
    case Literal::Kind::kNumber: {
      std::optional<SqlValue> have = asNumber(value);
      std::optional<SqlValue> want = asNumber(SqlValue::ofText(literal.text));
      if (have && want) return have->canonical() == want->canonical();
      return value.canonical() == literal.text;
    }
    default:
      return value.canonical() == literal.text;
  }
}

}  // namespace dsrflow::sql
