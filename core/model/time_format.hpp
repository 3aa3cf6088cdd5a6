#pragma once
// Parsing and formatting of dates and UTC times as they appear in configuration, the CLI and
// JSON (RFC 3339 / ISO 8601). Written by hand because date::parse trips a false
// -Wmaybe-uninitialized in g++ 12 at -O2.

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>

#include "model/clock.hpp"

namespace dsrflow {

//! "2026-11-29" -> that date; nullopt when malformed or not a real date.
std::optional<date::year_month_day> parseIsoDate(std::string_view text);

//! "2026-11-29T10:00:00Z" or "2026-11-29T10:00:00.123Z" (UTC only); nullopt when malformed.
std::optional<TimePoint> parseUtcTimestamp(std::string_view text);

//! RFC 3339 UTC with seconds, e.g. "2026-11-29T10:00:00Z".
std::string formatUtcSeconds(TimePoint t);

}  // namespace dsrflow
