#pragma once
// Statutory public holidays in Germany: the federal ones and those of the 16 states, computed
// by rule for any year. Used by HolidayCalendar; callers normally go through that class.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "model/holiday.hpp"

namespace dsrflow::german_holidays {

//! ISO 3166-2 codes of the German states; a state is referred to by its index here.
inline constexpr std::array<std::string_view, 16> kStateCodes{
    "DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE", "DE-MV",
    "DE-NI", "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH",
};

//! Index into kStateCodes, or std::nullopt for the holidays observed in every state.
using Region = std::optional<std::size_t>;

//! The name of the holiday on day in region, or nullopt on an ordinary day. Where two
//! holidays coincide, the first in the statute order wins. Pure; thread-safe.
std::optional<std::string_view> holidayOn(date::year_month_day day, Region region);

//! Every holiday of year in region, sorted by date, at most one entry per date.
std::vector<Holiday> holidaysIn(date::year year, Region region);

}  // namespace dsrflow::german_holidays
