// The host's hand-written record check agrees with the plugin schema's "record" definition (the
// contract) on every record of a corpus, accepted or refused, and names the broken rule without
// the value.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugin_host/plugin_schema.hpp"
#include "plugin_host/record_check.hpp"

namespace dsrflow::plugin_host {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Case {
  const char* json;
  bool valid;
};

const Case kCorpus[] = {
    {R"({"collection": "customers", "fields": {}})", true},
    {R"({"collection": "c", "fields": {"email": "ada@example.com", "n": 7, "x": null},
         "categories": {"email": ["user.contact.email"], "n": []},
         "origin": {"email": "provided", "n": "observed", "x": "inferred"},
         "key": {"id": 7}, "extra": [1, 2]})",
     true},
    {R"({"collection": "c", "fields": {}, "categories": {"a": ["user", "a_1.b_2.c3", "x9"]}})",
     true},
    {R"({"collection": "c", "fields": {}, "categories": {}, "origin": {}, "key": {}})", true},
    {R"({"collection": "déjà vu ✓", "fields": {"ü": "ß"}})", true},
    // Shape.
    {R"([])", false},
    {R"("record")", false},
    {R"(null)", false},
    {R"({"fields": {}})", false},
    {R"({"collection": "c"})", false},
    {R"({"collection": "", "fields": {}})", false},
    {R"({"collection": 7, "fields": {}})", false},
    {R"({"collection": null, "fields": {}})", false},
    {R"({"collection": "c", "fields": []})", false},
    {R"({"collection": "c", "fields": null})", false},
    {R"({"collection": "c", "fields": "x"})", false},
    {R"({"collection": "c", "fields": {}, "key": []})", false},
    {R"({"collection": "c", "fields": {}, "key": 7})", false},
    // Categories.
    {R"({"collection": "c", "fields": {}, "categories": []})", false},
    {R"({"collection": "c", "fields": {}, "categories": null})", false},
    {R"({"collection": "c", "fields": {}, "categories": {"a": "user.name"}})", false},
    {R"({"collection": "c", "fields": {}, "categories": {"a": [7]}})", false},
    {R"({"collection": "c", "fields": {}, "categories": {"a": [null]}})", false},
    {R"({"collection": "c", "fields": {}, "categories": {"a": ["User.name"]}})", false},
    {R"({"collection": "c", "fields": {}, "categories": {"a": ["user..name"]}})", false},
    {R"({"collection": "c", "fields": {}, "categories": {"a": ["user.name."]}})", false},
    {R"({"collection": "c", "fields": {}, "categories": {"a": [".user"]}})", false},
    {R"({"collection": "c", "fields": {}, "categories": {"a": ["1user"]}})", false},
    {R"({"collection": "c", "fields": {}, "categories": {"a": ["user-name"]}})", false},
    {R"({"collection": "c", "fields": {}, "categories": {"a": [""]}})", false},
    {R"({"collection": "c", "fields": {}, "categories": {"a": ["user.name "]}})", false},
    // Origin.
    {R"({"collection": "c", "fields": {}, "origin": []})", false},
    {R"({"collection": "c", "fields": {}, "origin": {"a": "derived"}})", false},
    {R"({"collection": "c", "fields": {}, "origin": {"a": "Provided"}})", false},
    {R"({"collection": "c", "fields": {}, "origin": {"a": null}})", false},
    {R"({"collection": "c", "fields": {}, "origin": {"a": ["provided"]}})", false},
    // Not JSON.
    {R"({"collection": "c", "fields": {},})", false},
    {R"({"collection": "c", "fields": {}} trailing)", false},
    {R"({"collection": "c" "fields": {}})", false},
    {"", false},
};

TEST(RecordCheck, AgreesWithTheSchemaOnEveryRecordOfTheCorpus) {
  const JsonSchema& schema = PluginSchema::instance().record();
  for (const Case& c : kCorpus) {
    SCOPED_TRACE(c.json);
    const Status fast = checkRecord(c.json);
    EXPECT_EQ(fast.ok(), c.valid) << (fast.ok() ? "accepted" : fast.error().message);
    EXPECT_EQ(schema.parseAndValidate(c.json).ok(), c.valid) << "the corpus is wrong";
    if (!fast.ok()) {
      EXPECT_EQ(fast.error().code, ErrorCode::kInvalidArgument);
    }
  }
}

TEST(RecordCheck, RefusalsNameThePathNotTheValue) {
  auto message = [](const char* json) { return checkRecord(json).error().message; };
  EXPECT_THAT(message(R"({"collection": "c", "fields": {}, "categories": {"email": ["ada@x"]}})"),
              AllOf(HasSubstr("[categories][email][0]"), Not(HasSubstr("ada@x"))));
  EXPECT_THAT(message(R"({"collection": "c", "fields": {}, "origin": {"name": "Ada Lovelace"}})"),
              AllOf(HasSubstr("[origin][name]"), Not(HasSubstr("Ada"))));
  EXPECT_THAT(message(R"({"fields": {"email": "ada@example.com"}})"),
              AllOf(HasSubstr("collection"), Not(HasSubstr("ada@"))));
  EXPECT_THAT(message(R"({"collection": "ada@example.com", "fields": {},)"),
              AllOf(HasSubstr("not JSON"), Not(HasSubstr("ada@"))));
  // Deep nesting is refused, not a stack overflow.
  const std::string deep = R"({"collection": "c", "fields": {"x": )" + std::string(5000, '[') +
                           std::string(5000, ']') + "}}";
  EXPECT_FALSE(checkRecord(deep).ok());
}

}  // namespace
}  // namespace dsrflow::plugin_host
