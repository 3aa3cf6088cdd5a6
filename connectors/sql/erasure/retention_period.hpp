#pragma once
// When a retention period ends. German retention periods (AO §147(4), HGB §257(5)) start at the
// end of the calendar year in which the record arose: a voucher dated 2024-03-05 kept 8 years
// may go after 2032-12-31. The year comes from the row's date column.

#include <optional>
#include <string>

#include "sql/access/sql_value.hpp"
#include "sql/dataset/erasure_strategy.hpp"

namespace dsrflow::sql {

//! The calendar year of a date column's value: text or a date-time starting YYYY-MM-DD (as
//! dates, timestamps and ISO text read), or a whole number of seconds since 1970 (Unix time).
//! nullopt for NULL and anything else.
std::optional<int> calendarYearOf(const SqlValue& value);

//! The last day of the period, YYYY-MM-DD: 31 December of the year of `from` plus
//! `retention.years`. nullopt when the retention has no period or the date is unknown (the data
//! is then kept with no end).
std::optional<std::string> retentionEnd(const Retention& retention, const SqlValue& from);

//! Today's date in UTC, YYYY-MM-DD.
std::string todayUtc();

}  // namespace dsrflow::sql
