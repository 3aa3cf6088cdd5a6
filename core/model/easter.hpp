#pragma once
// The date of Easter, on which the movable Christian holidays depend.

#include <date/date.h>

namespace dsrflow {

//! Easter Sunday of a Gregorian year, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
//! Valid for every year of the Gregorian calendar (1583 onwards); pure and constexpr.
constexpr date::year_month_day easterSunday(date::year y) noexcept {
  const int year = static_cast<int>(y);
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int n = h + l - 7 * m + 114;
  return date::year_month_day{y, date::month{static_cast<unsigned>(n / 31)},
                              date::day{static_cast<unsigned>(n % 31 + 1)}};
}

}  // namespace dsrflow
