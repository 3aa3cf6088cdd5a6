#pragma once
// One public holiday: a date and its name.

#include <string_view>

#include <date/date.h>

namespace dsrflow {

//! A public holiday. name points to static storage (a rule table or a fixed label).
struct Holiday {
  date::year_month_day date;
  std::string_view name;

  friend bool operator==(const Holiday&, const Holiday&) = default;
};

}  // namespace dsrflow
