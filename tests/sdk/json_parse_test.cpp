#include "dsrflow/json.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace dsrflow::sdk::json {
namespace {

TEST(JsonParse, ScalarsAndStructures) {
  EXPECT_TRUE(parse("null").isNull());
  EXPECT_TRUE(parse(" true ").asBool());
  EXPECT_FALSE(parse("false").asBool());
  Value v = parse(R"( { "a" : [ 1 , 2.5 , "x" , { } , [ ] ] , "b" : null } )");
  EXPECT_EQ(write(v), R"({"a":[1,2.5,"x",{},[]],"b":null})");
}

TEST(JsonParse, IntegersStayExactAndOthersBecomeDoubles) {
  EXPECT_EQ(parse("9223372036854775807").asInt(), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(parse("-9223372036854775808").asInt(), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(parse("9223372036854775808").type(), Type::number);
  EXPECT_EQ(parse("-0").asInt(), 0);
  EXPECT_EQ(parse("1.5e3").asDouble(), 1500.0);
  EXPECT_EQ(parse("2E-2").asDouble(), 0.02);
  EXPECT_EQ(parse("0.1").asDouble(), 0.1);
  EXPECT_EQ(parse("1e-400").asDouble(), 0.0);
  EXPECT_THROW((void)parse("1e400"), ParseError);
}

TEST(JsonParse, DoublesRoundTripExactly) {
  for (double d : {0.1, 1.0 / 3.0, 123456.789e-20, 5e-324, 1.7976931348623157e308, -2.5}) {
    EXPECT_EQ(parse(write(Value(d))).asDouble(), d) << write(Value(d));
  }
}

TEST(JsonParse, EscapesDecode) {
  EXPECT_EQ(parse(R"("\" \\ \/ \b \f \n \r \t")").asString(), "\" \\ / \b \f \n \r \t");
  EXPECT_EQ(parse(R"("\u0041\u00e9\u20AC")").asString(), "A\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(parse(R"("\ud83d\ude00")").asString(), "\xF0\x9F\x98\x80");
  EXPECT_EQ(parse(R"("\u0000")").asString(), std::string(1, '\0'));
}

TEST(JsonParse, RawUtf8PassesThrough) {
  std::string text = "M\xC3\xBCller \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80";
  EXPECT_EQ(parse("\"" + text + "\"").asString(), text);
}

TEST(JsonParse, RejectsMalformedUtf8AndSurrogates) {
  for (const char* bad : {"\"\xC0\x80\"", "\"\xED\xA0\x80\"", "\"\xE2\x82\"", "\"\xFF\"",
                          "\"\xF4\x90\x80\x80\"", "\"\x80\"", "\"\xE0\x80\xAF\""}) {
    EXPECT_THROW((void)parse(bad), ParseError) << bad;
  }
  EXPECT_THROW((void)parse(R"("\ud83d")"), ParseError);
  EXPECT_THROW((void)parse(R"("\ude00")"), ParseError);
  EXPECT_THROW((void)parse(R"("\ud83d\u0041")"), ParseError);
}

TEST(JsonParse, RejectsWhatTheRfcRejects) {
  for (const char* bad :
       {"",        " ",   "[1,]",   "{\"a\":1,}", "01",          "-",          ".5",
        "1.",      "+1",  "1e",     "[1 2]",      "{\"a\" 1}",   "{a:1}",      "'x'",
        "\"x",     "[",   "{",      "tru",        "nul",         "NaN",        "Infinity",
        "// c\n1", "1 2", "\"\t\"", "\"\\x\"",    "\"\\u12G4\"", "{\"a\":1}}", "\xEF\xBB\xBF{}"}) {
    EXPECT_THROW((void)parse(bad), ParseError) << bad;
  }
}

TEST(JsonParse, DeepNestingFailsCleanly) {
  std::string ok = std::string(200, '[') + std::string(200, ']');
  EXPECT_NO_THROW((void)parse(ok));
  std::string deep(100000, '[');
  EXPECT_THROW((void)parse(deep), ParseError);
}

TEST(JsonParse, LaterDuplicateKeysWin) {
  Value v = parse(R"({"a":1,"b":2,"a":3})");
  EXPECT_EQ(write(v), R"({"a":3,"b":2})");
}

TEST(JsonParse, LaterDuplicateKeysWinInLargeObjectsToo) {
  // Past the first members a parser may switch from scanning to an index: both must agree.
  std::string text = "{";
  for (int i = 0; i < 40; ++i) text += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  text += R"("k3":"again","k30":"again","k40":40})";
  Value v = parse(text);
  ASSERT_EQ(v.asObject().size(), 41u);
  EXPECT_EQ(write(v.asObject()[3].second), R"("again")");
  EXPECT_EQ(write(v.asObject()[30].second), R"("again")");
  EXPECT_EQ(v.asObject()[40].first, "k40");
}

TEST(JsonParse, ErrorsGiveAnOffsetButNoInput) {
  try {
    (void)parse(R"({"email": jane@example.com})");
    FAIL() << "expected ParseError";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.offset(), 10u);
    EXPECT_EQ(std::string(e.what()).find("jane"), std::string::npos) << e.what();
  }
}

TEST(JsonParse, TryParseReportsInsteadOfThrowing) {
  std::string error;
  EXPECT_FALSE(tryParse("[1,", &error).has_value());
  EXPECT_NE(error.find("offset 3"), std::string::npos) << error;
  EXPECT_EQ(tryParse("[1]")->size(), 1u);
}

}  // namespace
}  // namespace dsrflow::sdk::json
