#pragma once
// Public holidays of a jurisdiction: the days on which legal periods do not end (Regulation
// 1182/71 Art. 3(4)) and which are not business days (CCPA). Holidays are computed by rule for
// any year; configuration may add extra dates (e.g. a one-off holiday not yet in the rules).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "model/holiday.hpp"
#include "model/result.hpp"

namespace dsrflow {

//! Ids accepted by HolidayCalendar::forId, in a stable order: "none", "DE", then "DE-BW" ...
//! "DE-TH" (ISO 3166-2 codes of the 16 German states).
std::vector<std::string> knownCalendars();

//! An immutable holiday calendar. Cheap to copy; all methods are const and thread-safe.
//! "none" has no holidays (weekends only); "DE" has the holidays observed in every German state
//! (the federal ones, and Reformationstag 2017); "DE-XX" has those of one state. Holidays kept
//! only in some communes are not included. Rules model the law since German unification
//! (3 Oct 1990); earlier years are not historically accurate.
class HolidayCalendar {
 public:
  //! The "none" calendar: no holidays at all.
  HolidayCalendar();

  //! The calendar with the given id (ASCII case-insensitive), plus extra holiday dates.
  //! kInvalidArgument for an unknown id or an invalid extra date.
  static Result<HolidayCalendar> forId(std::string_view id,
                                       std::vector<date::year_month_day> extra = {});

  //! A copy with further extra holiday dates. kInvalidArgument for an invalid date.
  [[nodiscard]] Result<HolidayCalendar> withExtraDates(
      std::vector<date::year_month_day> extra) const;

  //! The canonical id, e.g. "DE-BY" or "none".
  [[nodiscard]] const std::string& id() const noexcept { return id_; }
  //! The configured extra dates, sorted, without duplicates.
  [[nodiscard]] const std::vector<date::year_month_day>& extraDates() const noexcept {
    return extra_;
  }

  //! True on a statutory holiday of this jurisdiction or an extra date.
  [[nodiscard]] bool isHoliday(date::year_month_day day) const;
  //! Neither Saturday, Sunday nor a holiday.
  [[nodiscard]] bool isWorkingDay(date::year_month_day day) const;
  //! The holiday's name (German, as in the statutes), "extra holiday" for a configured date,
  //! or nullopt on an ordinary day.
  [[nodiscard]] std::optional<std::string> holidayName(date::year_month_day day) const;
  //! All holidays in a year, including extra dates, sorted by date, one entry per date.
  [[nodiscard]] std::vector<Holiday> holidaysIn(date::year year) const;

  //! Saturday or Sunday.
  [[nodiscard]] static bool isWeekend(date::year_month_day day);

 private:
  enum class Kind { kNone, kGermany };
  HolidayCalendar(std::string id, Kind kind, std::optional<std::size_t> state);

  [[nodiscard]] std::optional<std::string_view> nameOn(date::year_month_day day) const;

  std::string id_;
  Kind kind_ = Kind::kNone;
  std::optional<std::size_t> state_;  // index into german_holidays::kStateCodes
  std::vector<date::year_month_day> extra_;
};

}  // namespace dsrflow
