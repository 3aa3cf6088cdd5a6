#include "model/german_holidays.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "model/easter.hpp"

namespace dsrflow::german_holidays {
namespace {

// State bits follow the order of kStateCodes.
enum StateBit : std::uint32_t {
  kBW = 1u << 0,
  kBY = 1u << 1,
  kBE = 1u << 2,
  kBB = 1u << 3,
  kHB = 1u << 4,
  kHH = 1u << 5,
  kHE = 1u << 6,
  kMV = 1u << 7,
  kNI = 1u << 8,
  kNW = 1u << 9,
  kRP = 1u << 10,
  kSL = 1u << 11,
  kSN = 1u << 12,
  kST = 1u << 13,
  kSH = 1u << 14,
  kTH = 1u << 15,
};
constexpr std::uint32_t kAllStates = (1u << 16) - 1;

enum class Anchor {
  kFixed,       // month/day
  kEaster,      // offset days from Easter Sunday
  kRepentance,  // Buß- und Bettag: the Wednesday before 23 November
};

struct Rule {
  std::string_view name;
  Anchor anchor;
  unsigned month = 0;
  unsigned day = 0;
  int easterOffset = 0;
  std::uint32_t states = kAllStates;
  int firstYear = std::numeric_limits<int>::min();
  int lastYear = std::numeric_limits<int>::max();
};

constexpr Rule fixed(std::string_view name, unsigned month, unsigned day,
                     std::uint32_t states = kAllStates, int first = std::numeric_limits<int>::min(),
                     int last = std::numeric_limits<int>::max()) {
  return {name, Anchor::kFixed, month, day, 0, states, first, last};
}

constexpr Rule easter(std::string_view name, int offset, std::uint32_t states = kAllStates) {
  return {name, Anchor::kEaster, 0, 0, offset, states};
}

// Sources: the Feiertagsgesetze of the states as amended (BE 2019 and 2020/2025 one-offs,
// MV 2023, TH 2019, HB/HH/NI/SH 2018) and the 2017 one-off Reformationstag that every state
// enacted for the 500th anniversary. Holidays kept only in some communes (Fronleichnam in parts
// of SN and TH, Mariä Himmelfahrt in Catholic BY communes, Augsburger Friedensfest) are left
// out: a calendar is per state. Ostersonntag and Pfingstsonntag, statutory in BB and HE, always
// fall on a Sunday; they are listed for completeness of names only.
// Rules overlap on purpose (Reformationstag 2017 everywhere and in the East every year); the
// first matching rule names the day.
constexpr Rule kRules[] = {
    fixed("Neujahr", 1, 1),
    fixed("Heilige Drei Könige", 1, 6, kBW | kBY | kST),
    fixed("Internationaler Frauentag", 3, 8, kBE, 2019),
    fixed("Internationaler Frauentag", 3, 8, kMV, 2023),
    easter("Karfreitag", -2),
    easter("Ostersonntag", 0, kBB | kHE),
    easter("Ostermontag", 1),
    fixed("Tag der Arbeit", 5, 1),
    fixed("Tag der Befreiung", 5, 8, kBE, 2020, 2020),
    fixed("Tag der Befreiung", 5, 8, kBE, 2025, 2025),
    easter("Christi Himmelfahrt", 39),
    easter("Pfingstsonntag", 49, kBB | kHE),
    easter("Pfingstmontag", 50),
    easter("Fronleichnam", 60, kBW | kBY | kHE | kNW | kRP | kSL),
    fixed("Mariä Himmelfahrt", 8, 15, kSL),
    fixed("Weltkindertag", 9, 20, kTH, 2019),
    fixed("Tag der Deutschen Einheit", 10, 3, kAllStates, 1990),
    fixed("Reformationstag", 10, 31, kAllStates, 2017, 2017),
    fixed("Reformationstag", 10, 31, kBB | kMV | kSN | kST | kTH, 1990),
    fixed("Reformationstag", 10, 31, kHB | kHH | kNI | kSH, 2018),
    fixed("Allerheiligen", 11, 1, kBW | kBY | kNW | kRP | kSL),
    // Nationwide until 1994; abolished from 1995 to fund long-term care insurance, except in SN.
    {"Buß- und Bettag", Anchor::kRepentance, 0, 0, 0, kAllStates, 1990, 1994},
    {"Buß- und Bettag", Anchor::kRepentance, 0, 0, 0, kSN, 1995},
    fixed("1. Weihnachtstag", 12, 25),
    fixed("2. Weihnachtstag", 12, 26),
};

bool applies(const Rule& rule, int year, Region region) {
  if (year < rule.firstYear || year > rule.lastYear) return false;
  // The federal calendar holds only what every state observes.
  if (!region) return rule.states == kAllStates;
  return (rule.states & (1u << *region)) != 0;
}

date::year_month_day dateOf(const Rule& rule, date::year year,
                            const date::year_month_day& easterDay) {
  switch (rule.anchor) {
    case Anchor::kFixed:
      return year / date::month{rule.month} / date::day{rule.day};
    case Anchor::kEaster:
      return date::sys_days{easterDay} + date::days{rule.easterOffset};
    case Anchor::kRepentance: {
      const date::sys_days nov22{year / date::November / 22};
      return nov22 - (date::weekday{nov22} - date::Wednesday);
    }
  }
  return {};
}

}  // namespace

std::optional<std::string_view> holidayOn(date::year_month_day day, Region region) {
  if (!day.ok()) return std::nullopt;
  const int year = static_cast<int>(day.year());
  const auto easterDay = easterSunday(day.year());
  for (const Rule& rule : kRules) {
    if (applies(rule, year, region) && dateOf(rule, day.year(), easterDay) == day) {
      return rule.name;
    }
  }
  return std::nullopt;
}

std::vector<Holiday> holidaysIn(date::year year, Region region) {
  const auto easterDay = easterSunday(year);
  std::vector<Holiday> out;
  for (const Rule& rule : kRules) {
    if (applies(rule, static_cast<int>(year), region)) {
      out.push_back({dateOf(rule, year, easterDay), rule.name});
    }
  }
  // stable: on a shared date the earlier rule (the one holidayOn reports) stays first.
  std::stable_sort(out.begin(), out.end(), [](const Holiday& a, const Holiday& b) {
    return date::sys_days{a.date} < date::sys_days{b.date};
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Holiday& a, const Holiday& b) { return a.date == b.date; }),
            out.end());
  return out;
}

}  // namespace dsrflow::german_holidays
