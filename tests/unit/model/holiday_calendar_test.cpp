#include "model/holiday_calendar.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "model/easter.hpp"

namespace dsrflow {
namespace {

using date::year;
using date::year_month_day;
using namespace date::literals;  // NOLINT(google-build-using-namespace): 2025_y/May/8 reads best

HolidayCalendar calendar(std::string_view id) { return HolidayCalendar::forId(id).value(); }

TEST(Easter, KnownDates) {
  EXPECT_EQ(easterSunday(2024_y), 2024_y / date::March / 31);
  EXPECT_EQ(easterSunday(2025_y), 2025_y / date::April / 20);
  EXPECT_EQ(easterSunday(2026_y), 2026_y / date::April / 5);
  EXPECT_EQ(easterSunday(2027_y), 2027_y / date::March / 28);
  EXPECT_EQ(easterSunday(2019_y), 2019_y / date::April / 21);
  EXPECT_EQ(easterSunday(2000_y), 2000_y / date::April / 23);
  EXPECT_EQ(easterSunday(2008_y), 2008_y / date::March / 23);
  EXPECT_EQ(easterSunday(2011_y), 2011_y / date::April / 24);
  // The extremes of the Gregorian computus.
  EXPECT_EQ(easterSunday(1818_y), 1818_y / date::March / 22);
  EXPECT_EQ(easterSunday(2285_y), 2285_y / date::March / 22);
  EXPECT_EQ(easterSunday(1943_y), 1943_y / date::April / 25);
  EXPECT_EQ(easterSunday(2038_y), 2038_y / date::April / 25);
}

TEST(Easter, AlwaysASundayBetween22MarchAnd25April) {
  for (int y = 1583; y <= 2500; ++y) {
    const auto e = easterSunday(year{y});
    ASSERT_TRUE(e.ok()) << y;
    EXPECT_EQ(date::weekday{date::sys_days{e}}, date::Sunday) << y;
    EXPECT_GE(date::sys_days{e}, date::sys_days{year{y} / date::March / 22}) << y;
    EXPECT_LE(date::sys_days{e}, date::sys_days{year{y} / date::April / 25}) << y;
  }
}

TEST(HolidayCalendar, KnownIds) {
  const auto ids = knownCalendars();
  ASSERT_EQ(ids.size(), 18u);
  EXPECT_EQ(ids[0], "none");
  EXPECT_EQ(ids[1], "DE");
  for (const auto& id : ids) {
    auto cal = HolidayCalendar::forId(id);
    ASSERT_TRUE(cal.ok()) << id;
    EXPECT_EQ(cal->id(), id);
  }
}

TEST(HolidayCalendar, IdIsCaseInsensitiveAndCanonicalised) {
  auto cal = HolidayCalendar::forId("de-by");
  ASSERT_TRUE(cal.ok());
  EXPECT_EQ(cal->id(), "DE-BY");
  EXPECT_EQ(HolidayCalendar::forId("NONE")->id(), "none");
}

TEST(HolidayCalendar, UnknownIdIsInvalidArgument) {
  for (std::string_view id : {"", "FR", "DE-XX", "DE-", "DEBY", " DE"}) {
    auto cal = HolidayCalendar::forId(id);
    ASSERT_FALSE(cal.ok()) << id;
    EXPECT_EQ(cal.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(HolidayCalendar, NoneHasOnlyWeekends) {
  const HolidayCalendar none;
  EXPECT_EQ(none.id(), "none");
  EXPECT_FALSE(none.isHoliday(2025_y / date::December / 25));
  EXPECT_TRUE(none.isWorkingDay(2025_y / date::December / 25));   // Thursday
  EXPECT_FALSE(none.isWorkingDay(2025_y / date::December / 27));  // Saturday
  EXPECT_FALSE(none.isWorkingDay(2025_y / date::December / 28));  // Sunday
  EXPECT_TRUE(none.holidaysIn(2025_y).empty());
}

TEST(HolidayCalendar, FederalHolidays2025) {
  const auto de = calendar("DE");
  const std::map<std::string, year_month_day> expected{
      {"Neujahr", 2025_y / 1 / 1},
      {"Karfreitag", 2025_y / 4 / 18},
      {"Ostermontag", 2025_y / 4 / 21},
      {"Tag der Arbeit", 2025_y / 5 / 1},
      {"Christi Himmelfahrt", 2025_y / 5 / 29},
      {"Pfingstmontag", 2025_y / 6 / 9},
      {"Tag der Deutschen Einheit", 2025_y / 10 / 3},
      {"1. Weihnachtstag", 2025_y / 12 / 25},
      {"2. Weihnachtstag", 2025_y / 12 / 26},
  };
  const auto all = de.holidaysIn(2025_y);
  ASSERT_EQ(all.size(), expected.size());
  for (const auto& [name, day] : expected) {
    EXPECT_EQ(de.holidayName(day), name);
    EXPECT_TRUE(de.isHoliday(day)) << name;
    EXPECT_FALSE(de.isWorkingDay(day)) << name;
  }
  // State holidays are not federal.
  EXPECT_FALSE(de.isHoliday(2025_y / 1 / 6));
  EXPECT_FALSE(de.isHoliday(2025_y / 6 / 19));
  EXPECT_FALSE(de.isHoliday(2025_y / 10 / 31));
  EXPECT_FALSE(de.isHoliday(2025_y / 11 / 1));
  EXPECT_EQ(de.holidayName(2025_y / 7 / 1), std::nullopt);
}

TEST(HolidayCalendar, MovableHolidaysFollowEaster) {
  const auto de = calendar("DE");
  // 2024: Easter 31 March.
  EXPECT_EQ(de.holidayName(2024_y / 3 / 29), "Karfreitag");
  EXPECT_EQ(de.holidayName(2024_y / 4 / 1), "Ostermontag");
  EXPECT_EQ(de.holidayName(2024_y / 5 / 9), "Christi Himmelfahrt");
  EXPECT_EQ(de.holidayName(2024_y / 5 / 20), "Pfingstmontag");
  EXPECT_EQ(calendar("DE-HE").holidayName(2024_y / 5 / 30), "Fronleichnam");
  // 2026: Easter 5 April.
  EXPECT_EQ(de.holidayName(2026_y / 4 / 3), "Karfreitag");
  EXPECT_EQ(de.holidayName(2026_y / 4 / 6), "Ostermontag");
  EXPECT_EQ(de.holidayName(2026_y / 5 / 14), "Christi Himmelfahrt");
  EXPECT_EQ(de.holidayName(2026_y / 5 / 25), "Pfingstmontag");
  EXPECT_EQ(calendar("DE-NW").holidayName(2026_y / 6 / 4), "Fronleichnam");
}

TEST(HolidayCalendar, HolidayCountsPerState2024) {
  // Ostersonntag and Pfingstsonntag (BB, HE) are counted: they are statutory, though Sundays.
  const std::map<std::string, std::size_t> expected{
      {"DE", 9},     {"DE-BW", 12}, {"DE-BY", 12}, {"DE-BE", 10}, {"DE-BB", 12}, {"DE-HB", 10},
      {"DE-HH", 10}, {"DE-HE", 12}, {"DE-MV", 11}, {"DE-NI", 10}, {"DE-NW", 11}, {"DE-RP", 11},
      {"DE-SL", 12}, {"DE-SN", 11}, {"DE-ST", 11}, {"DE-SH", 10}, {"DE-TH", 11},
  };
  for (const auto& [id, count] : expected) {
    EXPECT_EQ(calendar(id).holidaysIn(2024_y).size(), count) << id;
  }
}

TEST(HolidayCalendar, HeiligeDreiKoenige) {
  for (auto id : {"DE-BW", "DE-BY", "DE-ST"}) {
    EXPECT_EQ(calendar(id).holidayName(2025_y / 1 / 6), "Heilige Drei Könige") << id;
  }
  for (auto id : {"DE-BE", "DE-NW", "DE-SN", "DE-TH"}) {
    EXPECT_FALSE(calendar(id).isHoliday(2025_y / 1 / 6)) << id;
  }
}

TEST(HolidayCalendar, Frauentag) {
  EXPECT_FALSE(calendar("DE-BE").isHoliday(2018_y / 3 / 8));
  EXPECT_TRUE(calendar("DE-BE").isHoliday(2019_y / 3 / 8));
  EXPECT_FALSE(calendar("DE-MV").isHoliday(2022_y / 3 / 8));
  EXPECT_EQ(calendar("DE-MV").holidayName(2023_y / 3 / 8), "Internationaler Frauentag");
  EXPECT_FALSE(calendar("DE-BB").isHoliday(2023_y / 3 / 8));
}

TEST(HolidayCalendar, FronleichnamAllerheiligenMariaeHimmelfahrt) {
  // Fronleichnam 2025: 19 June.
  for (auto id : {"DE-BW", "DE-BY", "DE-HE", "DE-NW", "DE-RP", "DE-SL"}) {
    EXPECT_EQ(calendar(id).holidayName(2025_y / 6 / 19), "Fronleichnam") << id;
  }
  for (auto id : {"DE-SN", "DE-TH", "DE-BE", "DE-NI"}) {
    EXPECT_FALSE(calendar(id).isHoliday(2025_y / 6 / 19)) << id;
  }
  for (auto id : {"DE-BW", "DE-BY", "DE-NW", "DE-RP", "DE-SL"}) {
    EXPECT_EQ(calendar(id).holidayName(2024_y / 11 / 1), "Allerheiligen") << id;
  }
  EXPECT_FALSE(calendar("DE-HE").isHoliday(2024_y / 11 / 1));
  EXPECT_EQ(calendar("DE-SL").holidayName(2024_y / 8 / 15), "Mariä Himmelfahrt");
  EXPECT_FALSE(calendar("DE-BY").isHoliday(2024_y / 8 / 15));  // only in some communes
}

TEST(HolidayCalendar, Weltkindertag) {
  EXPECT_FALSE(calendar("DE-TH").isHoliday(2018_y / 9 / 20));
  EXPECT_EQ(calendar("DE-TH").holidayName(2019_y / 9 / 20), "Weltkindertag");
  EXPECT_FALSE(calendar("DE-SN").isHoliday(2019_y / 9 / 20));
}

TEST(HolidayCalendar, Reformationstag) {
  for (auto id : {"DE-BB", "DE-MV", "DE-SN", "DE-ST", "DE-TH"}) {
    EXPECT_TRUE(calendar(id).isHoliday(2016_y / 10 / 31)) << id;
    EXPECT_TRUE(calendar(id).isHoliday(2024_y / 10 / 31)) << id;
  }
  for (auto id : {"DE-HB", "DE-HH", "DE-NI", "DE-SH"}) {
    EXPECT_FALSE(calendar(id).isHoliday(2016_y / 10 / 31)) << id;
    EXPECT_TRUE(calendar(id).isHoliday(2018_y / 10 / 31)) << id;
    EXPECT_TRUE(calendar(id).isHoliday(2024_y / 10 / 31)) << id;
  }
  for (auto id : {"DE-BW", "DE-BY", "DE-BE", "DE-HE", "DE-NW", "DE-RP", "DE-SL"}) {
    EXPECT_FALSE(calendar(id).isHoliday(2018_y / 10 / 31)) << id;
  }
}

TEST(HolidayCalendar, Reformationstag2017Everywhere) {
  for (const auto& id : knownCalendars()) {
    if (id == "none") continue;
    const auto cal = calendar(id);
    EXPECT_EQ(cal.holidayName(2017_y / 10 / 31), "Reformationstag") << id;
    // One entry for the day even where two rules cover it.
    std::size_t n = 0;
    for (const auto& h : cal.holidaysIn(2017_y)) n += h.date == 2017_y / 10 / 31 ? 1u : 0u;
    EXPECT_EQ(n, 1u) << id;
  }
  EXPECT_FALSE(calendar("DE").isHoliday(2016_y / 10 / 31));
}

TEST(HolidayCalendar, BussUndBettagInSaxonyOnly) {
  const auto sn = calendar("DE-SN");
  EXPECT_EQ(sn.holidayName(2023_y / 11 / 22), "Buß- und Bettag");
  EXPECT_TRUE(sn.isHoliday(2024_y / 11 / 20));
  EXPECT_TRUE(sn.isHoliday(2025_y / 11 / 19));
  EXPECT_TRUE(sn.isHoliday(2026_y / 11 / 18));
  EXPECT_FALSE(sn.isHoliday(2025_y / 11 / 20));
  EXPECT_FALSE(calendar("DE-BY").isHoliday(2025_y / 11 / 19));
  EXPECT_FALSE(calendar("DE").isHoliday(2025_y / 11 / 19));
  // Nationwide before 1995.
  EXPECT_TRUE(calendar("DE").isHoliday(1994_y / 11 / 16));
  EXPECT_FALSE(calendar("DE-BY").isHoliday(1995_y / 11 / 22));
  EXPECT_TRUE(sn.isHoliday(1995_y / 11 / 22));
}

TEST(HolidayCalendar, BerlinOneOffs) {
  const auto be = calendar("DE-BE");
  EXPECT_EQ(be.holidayName(2020_y / 5 / 8), "Tag der Befreiung");
  EXPECT_EQ(be.holidayName(2025_y / 5 / 8), "Tag der Befreiung");
  EXPECT_FALSE(be.isHoliday(2021_y / 5 / 8));
  EXPECT_FALSE(be.isHoliday(2024_y / 5 / 8));
  EXPECT_FALSE(calendar("DE-BB").isHoliday(2025_y / 5 / 8));
}

TEST(HolidayCalendar, SundayHolidaysOfBrandenburgAndHesse) {
  EXPECT_EQ(calendar("DE-BB").holidayName(2025_y / 4 / 20), "Ostersonntag");
  EXPECT_EQ(calendar("DE-HE").holidayName(2025_y / 6 / 8), "Pfingstsonntag");
  EXPECT_FALSE(calendar("DE-BY").isHoliday(2025_y / 4 / 20));
  EXPECT_FALSE(calendar("DE-BY").isWorkingDay(2025_y / 4 / 20));  // still a Sunday
}

TEST(HolidayCalendar, TagDerDeutschenEinheitSince1990) {
  EXPECT_TRUE(calendar("DE").isHoliday(1990_y / 10 / 3));
  EXPECT_FALSE(calendar("DE").isHoliday(1989_y / 10 / 3));
}

TEST(HolidayCalendar, ExtraDates) {
  auto cal = HolidayCalendar::forId("DE-BY", {2025_y / 7 / 14, 2025_y / 7 / 14, 2024_y / 2 / 13});
  ASSERT_TRUE(cal.ok());
  EXPECT_EQ(cal->extraDates().size(), 2u);
  EXPECT_EQ(cal->extraDates().front(), 2024_y / 2 / 13);
  EXPECT_TRUE(cal->isHoliday(2025_y / 7 / 14));
  EXPECT_FALSE(cal->isWorkingDay(2025_y / 7 / 14));
  EXPECT_EQ(cal->holidayName(2025_y / 7 / 14), "extra holiday");
  EXPECT_EQ(cal->holidaysIn(2025_y).size(), 13u);
  EXPECT_FALSE(calendar("DE-BY").isHoliday(2025_y / 7 / 14));

  // Adding an existing holiday keeps its statutory name and does not duplicate it.
  auto more = cal->withExtraDates({2025_y / 12 / 25, 2025_y / 8 / 15});
  ASSERT_TRUE(more.ok());
  EXPECT_EQ(more->holidayName(2025_y / 12 / 25), "1. Weihnachtstag");
  EXPECT_EQ(more->holidaysIn(2025_y).size(), 14u);
  EXPECT_TRUE(more->isHoliday(2025_y / 8 / 15));
  EXPECT_EQ(more->id(), "DE-BY");

  const HolidayCalendar none;
  auto noneExtra = none.withExtraDates({2025_y / 12 / 24});
  ASSERT_TRUE(noneExtra.ok());
  EXPECT_TRUE(noneExtra->isHoliday(2025_y / 12 / 24));
}

TEST(HolidayCalendar, InvalidExtraDateIsRejected) {
  auto cal = HolidayCalendar::forId("DE", {2025_y / 2 / 29});
  ASSERT_FALSE(cal.ok());
  EXPECT_EQ(cal.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(HolidayCalendar().withExtraDates({2025_y / 13 / 1}).ok());
}

TEST(HolidayCalendar, HolidaysInIsSorted) {
  for (const auto& id : knownCalendars()) {
    const auto list = calendar(id).holidaysIn(2026_y);
    for (std::size_t i = 1; i < list.size(); ++i) {
      EXPECT_LT(date::sys_days{list[i - 1].date}, date::sys_days{list[i].date}) << id;
    }
  }
}

}  // namespace
}  // namespace dsrflow
