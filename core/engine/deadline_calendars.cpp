#include "engine/deadline_calendars.hpp"

namespace dsrflow {

Result<DeadlineCalendars> DeadlineCalendars::fromConfig(const config::Config& config) {
  DeadlineCalendars calendars;
  for (const auto& c : config.controllers) {
    auto holidays = HolidayCalendar::forId(c.holidayCalendar, c.extraHolidays);
    if (!holidays) return invalidArgument("controller " + c.id + ": " + holidays.error().message);
    auto calculator = DeadlineCalculator::create(c.timeZone, *holidays);
    if (!calculator) {
      return invalidArgument("controller " + c.id + ": " + calculator.error().message);
    }
    calendars.calculators_.emplace(c.id, std::move(calculator).value());
  }
  return calendars;
}

Result<const DeadlineCalculator*> DeadlineCalendars::forController(std::string_view id) const {
  auto it = calculators_.find(id);
  if (it == calculators_.end()) return notFound("no controller '" + std::string(id) + "'");
  return &it->second;
}

}  // namespace dsrflow
