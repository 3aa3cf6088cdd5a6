#pragma once
// A controller's time zone together with its holiday calendar: turns UTC instants into local
// dates, counts working days and gives the UTC instant at which a local day ends. The building
// block for deadline arithmetic (DeadlineCalculator).

#include <string>
#include <string_view>

#include <date/date.h>
#include <date/tz.h>

#include "model/clock.hpp"
#include "model/holiday_calendar.hpp"
#include "model/result.hpp"

namespace dsrflow {

//! Immutable and cheap to copy; all methods are const and thread-safe.
class LocalCalendar {
 public:
  //! timeZone is an IANA name such as "Europe/Berlin" (read from /usr/share/zoneinfo).
  //! kInvalidArgument when the zone is unknown.
  static Result<LocalCalendar> create(std::string_view timeZone, HolidayCalendar holidays);

  //! The IANA name of the time zone.
  [[nodiscard]] const std::string& timeZone() const noexcept { return zoneName_; }
  [[nodiscard]] const HolidayCalendar& holidays() const noexcept { return holidays_; }

  //! The local calendar date of a UTC instant.
  [[nodiscard]] date::year_month_day localDate(TimePoint t) const;
  //! The last millisecond of a local day (23:59:59.999 local, or just before the next local
  //! midnight where a transition makes the day shorter or longer), expressed in UTC.
  [[nodiscard]] TimePoint endOfLocalDay(date::year_month_day day) const;

  //! Neither Saturday, Sunday nor a holiday of the calendar.
  [[nodiscard]] bool isWorkingDay(date::year_month_day day) const;
  //! day itself when it is a working day, else the next one.
  [[nodiscard]] date::year_month_day nextWorkingDayFrom(date::year_month_day day) const;
  //! The n-th working day after day (day itself does not count); day for n <= 0.
  [[nodiscard]] date::year_month_day addWorkingDays(date::year_month_day day, int n) const;

 private:
  LocalCalendar(const date::time_zone* zone, std::string zoneName, HolidayCalendar holidays);

  const date::time_zone* zone_;  // owned by the tz database, which lives as long as the process
  std::string zoneName_;
  HolidayCalendar holidays_;
};

//! day shifted by a number of months (may be negative); where the resulting month is shorter,
//! the month's last day (31 Jan + 1 month = 28/29 Feb). Regulation 1182/71 Art. 3(2)(c).
date::year_month_day addMonthsClamped(date::year_month_day day, int months);

}  // namespace dsrflow
