#include "dsrflow/json.hpp"
#include "dsrflow/sdk/utf8.hpp"

#include <gtest/gtest.h>

#include <clocale>
#include <cstdint>
#include <limits>
#include <string>

namespace dsrflow::sdk::json {
namespace {

TEST(JsonWrite, EscapesOnlyWhatJsonRequires) {
  EXPECT_EQ(write(Value("a\"b\\c/d")), R"("a\"b\\c/d")");
  EXPECT_EQ(write(Value("\b\f\n\r\t")), R"("\b\f\n\r\t")");
  EXPECT_EQ(write(Value(std::string("\x01\x1f\x7f", 3))), "\"\\u0001\\u001f\x7f\"");
  EXPECT_EQ(write(Value(std::string("a\0b", 3))), R"("a\u0000b")");
}

TEST(JsonWrite, Utf8PassesThroughUnescaped) {
  std::string text = "Gr\xC3\xBC\xC3\x9F\x65 \xE2\x82\xAC \xF0\x9F\x98\x80";
  EXPECT_EQ(write(Value(text)), "\"" + text + "\"");
}

TEST(JsonWrite, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  // Latin-1 "Müller" and a truncated sequence.
  std::string out = write(Value(std::string("M\xFCller \xE2\x82")));
  EXPECT_EQ(out, "\"M\xEF\xBF\xBDller \xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_TRUE(utf8::isValid(out));
  EXPECT_NO_THROW((void)parse(out));
}

TEST(JsonWrite, Numbers) {
  EXPECT_EQ(write(Value(0)), "0");
  EXPECT_EQ(write(Value(std::numeric_limits<std::int64_t>::min())), "-9223372036854775808");
  EXPECT_EQ(write(Value(0.1)), "0.1");
  EXPECT_EQ(write(Value(1.0)), "1.0");
  EXPECT_EQ(write(Value(-2.0)), "-2.0");
  EXPECT_EQ(write(Value(1e300)), "1e+300");
  EXPECT_EQ(write(Value(std::numeric_limits<double>::quiet_NaN())), "null");
  EXPECT_EQ(write(Value(std::numeric_limits<double>::infinity())), "null");
  EXPECT_EQ(parse(write(Value(1.0))).type(), Type::number);
}

TEST(JsonWrite, NumbersIgnoreTheProcessLocale) {
  const char* previous = std::setlocale(LC_NUMERIC, nullptr);
  std::string saved = previous != nullptr ? previous : "C";
  if (std::setlocale(LC_NUMERIC, "de_DE.UTF-8") == nullptr) {
    GTEST_SKIP() << "no de_DE.UTF-8 locale installed";
  }
  std::string out = write(Value(2.5));
  Value back = parse("2.5");
  std::setlocale(LC_NUMERIC, saved.c_str());
  EXPECT_EQ(out, "2.5");
  EXPECT_EQ(back.asDouble(), 2.5);
}

TEST(JsonWrite, RoundTripsEverything) {
  Value v = Value::object({{"s", "\xC3\xA9\n\"q\""},
                           {"n", Value::array({0, -1, 2.5, 1e-10, true, false, nullptr})},
                           {"o", Value::object({{"", Value::object()}, {"k", Value::array()}})}});
  EXPECT_EQ(parse(write(v)), v);
}

TEST(Utf8, ValidatesSequences) {
  EXPECT_TRUE(utf8::isValid(""));
  EXPECT_TRUE(utf8::isValid("\xF4\x8F\xBF\xBF"));   // U+10FFFF
  EXPECT_FALSE(utf8::isValid("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(utf8::isValid("\xC1\xBF"));          // overlong
  std::string s;
  utf8::append(s, 0x1F600);
  EXPECT_EQ(s, "\xF0\x9F\x98\x80");
}

}  // namespace
}  // namespace dsrflow::sdk::json
