#include "model/holiday_calendar.hpp"

#include <algorithm>
#include <utility>

#include "model/german_holidays.hpp"

namespace dsrflow {
namespace {

constexpr std::string_view kNoneId = "none";
constexpr std::string_view kGermanyId = "DE";
constexpr std::string_view kExtraName = "extra holiday";

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [&](char x, char y) { return lower(x) == lower(y); });
}

bool earlier(const date::year_month_day& a, const date::year_month_day& b) {
  return date::sys_days{a} < date::sys_days{b};
}

}  // namespace

std::vector<std::string> knownCalendars() {
  std::vector<std::string> ids{std::string(kNoneId), std::string(kGermanyId)};
  for (std::string_view code : german_holidays::kStateCodes) ids.emplace_back(code);
  return ids;
}

HolidayCalendar::HolidayCalendar() : id_(kNoneId) {}

HolidayCalendar::HolidayCalendar(std::string id, Kind kind, std::optional<std::size_t> state)
    : id_(std::move(id)), kind_(kind), state_(state) {}

Result<HolidayCalendar> HolidayCalendar::forId(std::string_view id,
                                               std::vector<date::year_month_day> extra) {
  std::optional<HolidayCalendar> found;
  if (equalsIgnoreCase(id, kNoneId)) {
    found = HolidayCalendar();
  } else if (equalsIgnoreCase(id, kGermanyId)) {
    found = HolidayCalendar(std::string(kGermanyId), Kind::kGermany, std::nullopt);
  } else {
    const auto& codes = german_holidays::kStateCodes;
    for (std::size_t i = 0; i < codes.size(); ++i) {
      if (equalsIgnoreCase(id, codes[i])) {
        found = HolidayCalendar(std::string(codes[i]), Kind::kGermany, i);
        break;
      }
    }
  }
  if (!found) {
    // The id comes from configuration, not from a data subject, so naming it is safe.
    return invalidArgument("holiday calendar: unknown id '" + std::string(id) +
                           "' (known: none, DE, DE-BW ... DE-TH)");
  }
  return found->withExtraDates(std::move(extra));
}

Result<HolidayCalendar> HolidayCalendar::withExtraDates(
    std::vector<date::year_month_day> extra) const {
  for (const auto& d : extra) {
    if (!d.ok()) return invalidArgument("holiday calendar: extra date is not a valid date");
  }
  HolidayCalendar copy = *this;
  copy.extra_.insert(copy.extra_.end(), extra.begin(), extra.end());
  std::sort(copy.extra_.begin(), copy.extra_.end(), earlier);
  copy.extra_.erase(std::unique(copy.extra_.begin(), copy.extra_.end()), copy.extra_.end());
  return copy;
}

std::optional<std::string_view> HolidayCalendar::nameOn(date::year_month_day day) const {
  if (kind_ == Kind::kGermany) {
    if (auto name = german_holidays::holidayOn(day, state_)) return name;
  }
  if (std::binary_search(extra_.begin(), extra_.end(), day, earlier)) return kExtraName;
  return std::nullopt;
}

bool HolidayCalendar::isHoliday(date::year_month_day day) const { return nameOn(day).has_value(); }

bool HolidayCalendar::isWeekend(date::year_month_day day) {
  const date::weekday wd{date::sys_days{day}};
  return wd == date::Saturday || wd == date::Sunday;
}

bool HolidayCalendar::isWorkingDay(date::year_month_day day) const {
  return !isWeekend(day) && !isHoliday(day);
}

std::optional<std::string> HolidayCalendar::holidayName(date::year_month_day day) const {
  if (auto name = nameOn(day)) return std::string(*name);
  return std::nullopt;
}

std::vector<Holiday> HolidayCalendar::holidaysIn(date::year year) const {
  std::vector<Holiday> out;
  if (kind_ == Kind::kGermany) out = german_holidays::holidaysIn(year, state_);
  for (const auto& d : extra_) {
    if (d.year() != year) continue;
    const bool taken =
        std::any_of(out.begin(), out.end(), [&](const Holiday& h) { return h.date == d; });
    if (!taken) out.push_back({d, kExtraName});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Holiday& a, const Holiday& b) { return earlier(a.date, b.date); });
  return out;
}

}  // namespace dsrflow
