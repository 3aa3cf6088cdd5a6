#pragma once
// A dataset's constants (rewrite values, flag values) as values to bind and to compare with
// what a row holds, so a value already in place is left alone (erasing or flagging twice changes
// nothing the second time).

#include "sql/access/sql_value.hpp"
#include "sql/dataset/literal.hpp"

namespace dsrflow::sql {

//! The literal as a bound value: text, a whole or decimal number, a boolean, or NULL.
SqlValue toSqlValue(const Literal& literal);

//! True when `value` (as read from a row) already is `literal`: both NULL, the same boolean
//! (SQLite and MySQL keep booleans as 1 and 0), the same number, or the same text.
bool holds(const SqlValue& value, const Literal& literal);

}  // namespace dsrflow::sql
