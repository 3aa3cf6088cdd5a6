#include "dsrflow/sdk/record.hpp"

#include "dsrflow/sdk/json_writer.hpp"
#include "sdk/support/schema_check.hpp"

#include <gtest/gtest.h>

#include <string>

namespace dsrflow::sdk {
namespace {

TEST(Record, BuildsTheSchemaShape) {
  Record r("orders");
  r.key("id", 7)
      .field("email", "ada@example.com", "user.contact.email", Origin::provided)
      .field("total", 12.5, {"user.financial", "user.behavior.purchase_history"}, Origin::observed)
      .field("note", "unclassified");
  std::string json = json::write(r.toJson());
  EXPECT_EQ(json, R"({"collection":"orders","fields":{"email":"ada@example.com","total":12.5,)"
                  R"("note":"unclassified"},"categories":{"email":["user.contact.email"],)"
                  R"("total":["user.financial","user.behavior.purchase_history"]},)"
                  R"("origin":{"email":"provided","total":"observed"},"key":{"id":7}})");
  EXPECT_EQ(testing::schemaErrors("record", json), "");
}

TEST(Record, WritesTheSameTextAsItsJsonValue) {
  Record full("orders");
  full.key("id", 7)
      .field("email", "a\"da@example.com", "user.contact.email", Origin::provided)
      .field("total", 12.5, {"user.financial"}, Origin::observed);
  for (const Record& r : {full, Record("empty"), Record("events").field("n", 1)}) {
    std::string text = "prefix";
    r.writeJson(text);
    EXPECT_EQ(text, "prefix" + json::write(r.toJson()));
  }
}

TEST(Record, OmitsEmptyParts) {
  Record r("events");
  r.field("n", 1);
  EXPECT_EQ(json::write(r.toJson()), R"({"collection":"events","fields":{"n":1}})");
  EXPECT_FALSE(r.empty());
  EXPECT_TRUE(Record("x").empty());
}

TEST(Record, LaterFieldsReplaceEarlierOnes) {
  Record r("c");
  r.field("a", 1, "user.name", Origin::provided).field("a", 2, "user.contact", Origin::inferred);
  EXPECT_EQ(json::write(r.toJson()),
            R"({"collection":"c","fields":{"a":2},"categories":{"a":["user.contact"]},)"
            R"("origin":{"a":"inferred"}})");
}

TEST(Record, KeepCoveredDropsFieldsOutsideTheRequest) {
  ActionRequest request;
  request.categories = {"user.contact"};
  Record r("c");
  r.key("id", 1)
      .field("email", "a@b.c", "user.contact.email", Origin::provided)
      .field("name", "Ada", "user.name", Origin::provided)
      .field("both", 1, {"user.name", "user.contact.phone_number"}, Origin::provided)
      .field("plain", true);
  r.keepCovered(request);
  EXPECT_EQ(json::write(r.fields()), R"({"email":"a@b.c","both":1,"plain":true})");
  EXPECT_FALSE(json::write(r.toJson()).find("\"name\"") != std::string::npos);

  Record only("c");
  only.field("name", "Ada", "user.name", Origin::provided).keepCovered(request);
  EXPECT_TRUE(only.empty());
}

TEST(Record, KeepCoveredWithoutCategoriesKeepsAll) {
  ActionRequest all;
  Record r("c");
  r.field("name", "Ada", "user.name", Origin::provided).keepCovered(all);
  EXPECT_FALSE(r.empty());
}

}  // namespace
}  // namespace dsrflow::sdk

namespace dsrflow::testing {
namespace {

// The schema check must be able to fail, or the tests above would prove nothing.
TEST(SchemaCheck, RejectsWhatTheSchemaForbids) {
  EXPECT_NE(schemaErrors("record", R"({"fields":{}})"), "");
  EXPECT_NE(schemaErrors("record", R"({"collection":"c","fields":{},"origin":{"a":"guessed"}})"),
            "");
  EXPECT_NE(schemaErrors("record", R"({"collection":"c","fields":{},"categories":{"a":["User"]}})"),
            "");
  EXPECT_NE(schemaErrors("outcome", R"({"outcome":"done"})"), "");
  EXPECT_NE(schemaErrors("outcome", R"({"outcome":"erased","counts":{"user.name":-1}})"), "");
  EXPECT_NE(schemaErrors("manifest", R"({"system_kind":"crm"})"), "");
}

}  // namespace
}  // namespace dsrflow::testing
