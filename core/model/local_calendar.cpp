#include "model/local_calendar.hpp"

#include <algorithm>
#include <exception>
#include <utility>

namespace dsrflow {

LocalCalendar::LocalCalendar(const date::time_zone* zone, std::string zoneName,
                             HolidayCalendar holidays)
    : zone_(zone), zoneName_(std::move(zoneName)), holidays_(std::move(holidays)) {}

Result<LocalCalendar> LocalCalendar::create(std::string_view timeZone, HolidayCalendar holidays) {
  const date::time_zone* zone = nullptr;
  try {
    // locate_zone throws for unknown names; an unreadable zoneinfo directory throws too.
    zone = date::locate_zone(timeZone);
  } catch (const std::exception&) {
    zone = nullptr;
  }
  if (zone == nullptr) {
    return invalidArgument("time zone: unknown IANA time zone '" + std::string(timeZone) + "'");
  }
  return LocalCalendar(zone, std::string(zone->name()), std::move(holidays));
}

date::year_month_day LocalCalendar::localDate(TimePoint t) const {
  return date::year_month_day{date::floor<date::days>(zone_->to_local(t))};
}

TimePoint LocalCalendar::endOfLocalDay(date::year_month_day day) const {
  // The day ends when the wall clock first shows the next midnight. Where that midnight does not
  // exist (a transition at 00:00), date maps it to the transition instant, which is still right.
  const date::local_days nextMidnight = date::local_days{day} + date::days{1};
  const auto start = zone_->to_sys(nextMidnight, date::choose::earliest);
  return std::chrono::time_point_cast<std::chrono::milliseconds>(start) -
         std::chrono::milliseconds{1};
}

bool LocalCalendar::isWorkingDay(date::year_month_day day) const {
  return holidays_.isWorkingDay(day);
}

date::year_month_day LocalCalendar::nextWorkingDayFrom(date::year_month_day day) const {
  date::sys_days d{day};
  while (!holidays_.isWorkingDay(date::year_month_day{d})) d += date::days{1};
  return date::year_month_day{d};
}

date::year_month_day LocalCalendar::addWorkingDays(date::year_month_day day, int n) const {
  date::sys_days d{day};
  for (int counted = 0; counted < n;) {
    d += date::days{1};
    if (holidays_.isWorkingDay(date::year_month_day{d})) ++counted;
  }
  return date::year_month_day{d};
}

date::year_month_day addMonthsClamped(date::year_month_day day, int months) {
  const date::year_month ym = date::year_month{day.year(), day.month()} + date::months{months};
  const date::day last =
      date::year_month_day_last{ym.year(), date::month_day_last{ym.month()}}.day();
  return date::year_month_day{ym.year(), ym.month(), std::min(day.day(), last)};
}

}  // namespace dsrflow
