#include "dsrflow/json.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace dsrflow::sdk::json {
namespace {

TEST(JsonValue, ConstructorsPickTheJsonType) {
  EXPECT_TRUE(Value().isNull());
  EXPECT_TRUE(Value(nullptr).isNull());
  EXPECT_EQ(Value(true).type(), Type::boolean);
  EXPECT_EQ(Value(7).type(), Type::integer);
  EXPECT_EQ(Value(std::int64_t{-7}).asInt(), -7);
  EXPECT_EQ(Value(7u).asInt(), 7);
  EXPECT_EQ(Value(2.5).type(), Type::number);
  EXPECT_EQ(Value(2.5f).asDouble(), 2.5);
  EXPECT_EQ(Value("text").asString(), "text");
  EXPECT_EQ(Value(std::string("s")).asString(), "s");
  EXPECT_EQ(Value(std::string_view("v")).asString(), "v");
  EXPECT_TRUE(Value::array().isArray());
  EXPECT_TRUE(Value::object().isObject());
}

TEST(JsonValue, UnsignedAboveInt64BecomesANumber) {
  Value big(std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(big.type(), Type::number);
  EXPECT_EQ(Value(std::uint64_t{9223372036854775807u}).type(), Type::integer);
}

TEST(JsonValue, ObjectsKeepInsertionOrderAndUniqueKeys) {
  Value v = Value::object({{"b", 1}, {"a", 2}, {"b", 3}});
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v.asObject()[0].first, "b");
  EXPECT_EQ(v["b"].asInt(), 3);
  v.set("c", "x").set("a", 4);
  EXPECT_EQ(write(v), R"({"b":3,"a":4,"c":"x"})");
}

TEST(JsonValue, ConstLookupOfMissingKeysChainsToNull) {
  const Value v = Value::object({{"a", Value::object({{"b", 1}})}});
  EXPECT_EQ(v["a"]["b"].asInt(), 1);
  EXPECT_TRUE(v["x"]["y"]["z"].isNull());
  const Value five(5);
  EXPECT_TRUE(five["a"].isNull());
  EXPECT_EQ(v.find("x"), nullptr);
  EXPECT_TRUE(v.contains("a"));
}

TEST(JsonValue, MutableLookupCreatesMembersAndObjects) {
  Value v;
  v["a"]["b"] = 2;
  EXPECT_EQ(write(v), R"({"a":{"b":2}})");
  Value n = 5;
  EXPECT_THROW(n["a"] = 1, TypeError);
}

TEST(JsonValue, ArraysPushAndIndex) {
  Value a;
  a.push(1).push("two");
  EXPECT_EQ(a.size(), 2u);
  EXPECT_EQ(a[std::size_t{1}].asString(), "two");
  EXPECT_THROW((void)a[std::size_t{2}], std::out_of_range);
}

TEST(JsonValue, EraseRemovesAMember) {
  Value v = Value::object({{"a", 1}, {"b", 2}});
  EXPECT_TRUE(v.erase("a"));
  EXPECT_FALSE(v.erase("a"));
  EXPECT_EQ(write(v), R"({"b":2})");
}

TEST(JsonValue, WrongTypeThrowsTypeError) {
  EXPECT_THROW((void)Value(1).asString(), TypeError);
  EXPECT_THROW((void)Value("x").asInt(), TypeError);
  EXPECT_THROW((void)Value().asArray(), TypeError);
  EXPECT_THROW((void)Value(2.5).asInt(), TypeError);
  EXPECT_EQ(Value(3.0).asInt(), 3);
  EXPECT_EQ(Value(3).asDouble(), 3.0);
  EXPECT_THROW((void)Value(1e300).asInt(), TypeError);
}

TEST(JsonValue, TypedGettersUseFallbacksAndNameTheKeyNotTheValue) {
  Value v = Value::object({{"name", "secret@example.com"}, {"n", 4.0}, {"off", nullptr}});
  EXPECT_EQ(v.getString("missing", "dflt"), "dflt");
  EXPECT_EQ(v.getString("off", "dflt"), "dflt");
  EXPECT_EQ(v.getInt("n"), 4);
  EXPECT_EQ(v.getDouble("n"), 4.0);
  EXPECT_TRUE(v.getBool("missing", true));
  try {
    (void)v.getInt("name");
    FAIL() << "expected TypeError";
  } catch (const TypeError& e) {
    EXPECT_NE(std::string(e.what()).find("'name'"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos);
  }
}

TEST(JsonValue, EqualityComparesTypeAndContent) {
  EXPECT_EQ(Value::array({1, "a", nullptr}), Value::array({1, "a", nullptr}));
  EXPECT_NE(Value(1), Value(1.0));
  EXPECT_NE(Value::object({{"a", 1}}), Value::object({{"a", 2}}));
}

}  // namespace
}  // namespace dsrflow::sdk::json
