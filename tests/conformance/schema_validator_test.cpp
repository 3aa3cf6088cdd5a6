// The conformance kit's JSON Schema validator, keyword by keyword and on the ABI's shapes, each
// case also run through the host's validator (valijson) so that the two agree.
#include "dsrflow/conformance/schema_validator.hpp"
#include "dsrflow/conformance/abi_shapes.hpp"

#include <gtest/gtest.h>

#include <string>

#include "plugin_host/json_schema.hpp"
#include "plugin_host/plugin_schema.hpp"

namespace dsrflow::conformance {
namespace {

struct Case {
  const char* schema;
  const char* value;
  bool valid;
};

// The kit's verdict: "" when valid.
std::string kit(const char* schema, const char* value) {
  std::string error;
  auto validator = SchemaValidator::compile(schema, &error);
  if (!validator) return "compile: " + error;
  return validator->validateText(value);
}

bool hostValid(const char* schema, const char* value) {
  auto compiled = plugin_host::JsonSchema::compile(schema);
  if (!compiled) return false;
  return compiled->parseAndValidate(value).ok();
}

void expectCases(std::initializer_list<Case> cases) {
  for (const Case& c : cases) {
    const std::string problem = kit(c.schema, c.value);
    EXPECT_EQ(problem.empty(), c.valid) << c.schema << " vs " << c.value << ": " << problem;
    EXPECT_EQ(hostValid(c.schema, c.value), c.valid)
        << "valijson: " << c.schema << " vs " << c.value;
  }
}

TEST(SchemaValidatorTest, Types) {
  expectCases({
      {R"({"type": "integer"})", "3", true},
      {R"({"type": "integer"})", "3.0", false},  // as valijson: written as an integer
      {R"({"type": "integer"})", "3.5", false},
      {R"({"type": "number"})", "3", true},
      {R"({"type": "string"})", "3", false},
      {R"({"type": ["string", "null"]})", "null", true},
      {R"({"type": ["string", "null"]})", "true", false},
      {R"({"type": "object"})", "[]", false},
      {R"({"type": "array"})", "[]", true},
      {R"({"type": "boolean"})", "false", true},
      {R"({"properties": {"a": true, "b": false}})", R"({"a": 1})", true},
      {R"({"properties": {"a": true, "b": false}})", R"({"b": 1})", false},
      {"{}", "[1, {}]", true},
  });
}

TEST(SchemaValidatorTest, BooleanRootSchemas) {
  // valijson (the host) takes only object roots; the kit follows draft 7.
  EXPECT_EQ(kit("true", "{}"), "");
  EXPECT_NE(kit("false", "{}"), "");
}

TEST(SchemaValidatorTest, EnumAndConst) {
  expectCases({
      {R"({"enum": ["a", 1, null]})", "1.0", true},
      {R"({"enum": ["a", 1, null]})", R"("b")", false},
      {R"({"enum": [{"a": [1, 2]}]})", R"({"a": [1, 2]})", true},
      {R"({"enum": [{"a": [1, 2]}]})", R"({"a": [2, 1]})", false},
      {R"({"const": {"x": 1, "y": 2}})", R"({"y": 2, "x": 1})", true},
      {R"({"const": 5})", "6", false},
  });
}

TEST(SchemaValidatorTest, Numbers) {
  expectCases({
      {R"({"minimum": 0})", "0", true},
      {R"({"minimum": 0})", "-1", false},
      {R"({"exclusiveMinimum": 0})", "0", false},
      {R"({"maximum": 2.5})", "2.5", true},
      {R"({"exclusiveMaximum": 2.5})", "2.5", false},
      {R"({"multipleOf": 3})", "9", true},
      {R"({"multipleOf": 3})", "10", false},
      {R"({"multipleOf": 0.5})", "1.5", true},
      {R"({"minimum": 0})", R"("-5")", true},  // applies to numbers only
  });
}

TEST(SchemaValidatorTest, Strings) {
  expectCases({
      {R"({"minLength": 1})", R"("")", false},
      {R"({"maxLength": 2})", R"("äö")", true},  // code points, not bytes
      {R"({"maxLength": 2})", R"("abc")", false},
      {R"({"pattern": "^[a-z]+$"})", R"("abc")", true},
      {R"({"pattern": "^[a-z]+$"})", R"("aBc")", false},
      {R"({"pattern": "b"})", R"("abc")", true},  // unanchored: a search
  });
}

TEST(SchemaValidatorTest, Arrays) {
  expectCases({
      {R"({"items": {"type": "integer"}})", "[1, 2]", true},
      {R"({"items": {"type": "integer"}})", R"([1, "2"])", false},
      {R"({"items": [{"type": "integer"}, {"type": "string"}]})", R"([1, "a", null])", true},
      {R"({"items": [{"type": "integer"}], "additionalItems": false})", "[1, 2]", false},
      {R"({"minItems": 2})", "[1]", false},
      {R"({"maxItems": 1})", "[1, 2]", false},
      {R"({"uniqueItems": true})", "[1, 1.0]", false},
      {R"({"uniqueItems": true})", "[1, 2]", true},
      {R"({"contains": {"const": 2}})", "[1, 2]", true},
      {R"({"contains": {"const": 2}})", "[1, 3]", false},
  });
}

TEST(SchemaValidatorTest, Objects) {
  expectCases({
      {R"({"required": ["a"]})", R"({"a": 1})", true},
      {R"({"required": ["a"]})", R"({"b": 1})", false},
      {R"({"properties": {"a": {"type": "string"}}})", R"({"a": 1})", false},
      {R"({"properties": {"a": {}}, "additionalProperties": false})", R"({"a": 1, "b": 2})", false},
      {R"({"additionalProperties": {"type": "integer"}})", R"({"a": 1, "b": 2})", true},
      {R"({"patternProperties": {"^x_": {"type": "integer"}}, "additionalProperties": false})",
       R"({"x_a": 1})", true},
      {R"({"patternProperties": {"^x_": {"type": "integer"}}, "additionalProperties": false})",
       R"({"y": 1})", false},
      {R"({"propertyNames": {"pattern": "^[a-z]+$"}})", R"({"Ab": 1})", false},
      {R"({"minProperties": 1})", "{}", false},
      {R"({"maxProperties": 1})", R"({"a": 1, "b": 2})", false},
      {R"({"dependencies": {"a": ["b"]}})", R"({"a": 1})", false},
      {R"({"dependencies": {"a": {"required": ["c"]}}})", R"({"a": 1, "c": 2})", true},
  });
}

TEST(SchemaValidatorTest, Combinators) {
  expectCases({
      {R"({"allOf": [{"type": "integer"}, {"minimum": 2}]})", "1", false},
      {R"({"anyOf": [{"type": "string"}, {"minimum": 2}]})", "3", true},
      {R"({"anyOf": [{"type": "string"}, {"minimum": 2}]})", "1", false},
      {R"({"oneOf": [{"type": "integer"}, {"minimum": 2}]})", "3", false},
      {R"({"oneOf": [{"type": "integer"}, {"minimum": 2}]})", "1", true},
      {R"({"not": {"type": "null"}})", "null", false},
      {R"({"if": {"type": "integer"}, "then": {"minimum": 5}, "else": {"type": "string"}})", "3",
       false},
      {R"({"if": {"type": "integer"}, "then": {"minimum": 5}, "else": {"type": "string"}})",
       R"("x")", true},
  });
}

TEST(SchemaValidatorTest, References) {
  expectCases({
      {R"({"definitions": {"n": {"type": "integer"}}, "properties": {"a": {"$ref": "#/definitions/n"}}})",
       R"({"a": "x"})", false},
      {R"({"definitions": {"n": {"type": "integer"}}, "properties": {"a": {"$ref": "#/definitions/n"}}})",
       R"({"a": 1})", true},
      // Recursion through the root.
      {R"({"type": "object", "properties": {"child": {"$ref": "#"}}, "additionalProperties": false})",
       R"({"child": {"child": {}}})", true},
      {R"({"type": "object", "properties": {"child": {"$ref": "#"}}, "additionalProperties": false})",
       R"({"child": {"other": 1}})", false},
  });
}

TEST(SchemaValidatorTest, RefusesMalformedSchemas) {
  for (const char* schema :
       {R"([])", R"({"type": "integr"})", R"({"required": "a"})", R"({"properties": {"a": 5}})",
        R"({"pattern": "(("})", R"({"minLength": -1})", R"({"$ref": "#/definitions/none"})",
        R"({"$ref": "other.json#/x"})", R"({"anyOf": []})", "not json"}) {
    std::string error;
    EXPECT_FALSE(SchemaValidator::compile(schema, &error)) << schema;
    EXPECT_FALSE(error.empty()) << schema;
  }
}

TEST(SchemaValidatorTest, ErrorsNamePathAndRuleButNotTheValue) {
  std::string problem =
      kit(R"({"properties": {"email": {"pattern": "^[a-z]+$"}}})", R"({"email": "Ada@X.org"})");
  EXPECT_NE(problem.find("#/email"), std::string::npos) << problem;
  EXPECT_NE(problem.find("pattern"), std::string::npos) << problem;
  EXPECT_EQ(problem.find("Ada"), std::string::npos) << problem;
  EXPECT_NE(kit(R"({"required": ["collection"]})", "{}").find("'collection'"), std::string::npos);
}

// The ABI's shapes: the kit's embedded schema against the host's, on valid and broken examples.
struct ShapeCase {
  Shape shape;
  const char* json;
  bool valid;
};

std::string hostShapeProblem(Shape shape, const char* json) {
  const auto& s = plugin_host::PluginSchema::instance();
  const plugin_host::JsonSchema& schema = shape == Shape::manifest  ? s.manifest()
                                          : shape == Shape::record  ? s.record()
                                          : shape == Shape::outcome ? s.outcome()
                                                                    : s.actionRequest();
  auto parsed = schema.parseAndValidate(json);
  return parsed ? std::string() : parsed.error().message;
}

TEST(AbiShapesTest, AgreeWithTheHost) {
  const ShapeCase cases[] = {
      {Shape::record, R"({"collection": "c", "fields": {"a": 1}})", true},
      {Shape::record, R"({"fields": {"a": 1}})", false},
      {Shape::record, R"({"collection": "", "fields": {"a": 1}})", false},
      {Shape::record, R"({"collection": "c", "fields": [1, 2]})", false},
      {Shape::record,
       R"({"collection": "c", "fields": {"email": "x"}, "categories": {"email": ["User.Contact"]}})",
       false},
      {Shape::record,
       R"({"collection": "c", "fields": {"email": "x"}, "categories": {"email": ["user.contact.email"]},
           "origin": {"email": "provided"}, "key": {"id": 7}})",
       true},
      {Shape::record, R"({"collection": "c", "fields": {"a": 1}, "origin": {"a": "guessed"}})",
       false},
      {Shape::record, R"(["collection", "c"])", false},
      {Shape::outcome, R"({"outcome": "not_found"})", true},
      {Shape::outcome, R"({"outcome": "erased", "counts": {"user.name": 2}, "method": "nulled"})",
       true},
      {Shape::outcome, R"({"outcome": "erased", "counts": {"user.name": -2}})", false},
      {Shape::outcome,
       R"({"outcome": "deferred", "job_id": "j", "next_poll": "2026-11-29T10:00:00Z"})", true},
      {Shape::outcome, R"({"outcome": "deferred", "next_poll": "tomorrow"})", false},
      {Shape::outcome, R"({"outcome": "done"})", false},
      {Shape::outcome, R"({"counts": {}})", false},
      {Shape::outcome,
       R"({"outcome": "completed", "explanation": {"decided_at": "2026-11-01T08:30:00Z",
           "main_factors": [{"factor": "f", "direction": "lowers"}]}})",
       true},
      {Shape::outcome, R"({"outcome": "completed", "explanation": {"score": 1}})", false},
      {Shape::outcome,
       R"({"outcome": "retained", "retained": [{"legal_basis": "HGB", "retention_end": "2036-12-31"}]})",
       true},
      {Shape::outcome, R"({"outcome": "retained", "retained": [{"retention_end": "2036-12-31"}]})",
       false},
      {Shape::manifest,
       R"({"system_kind": "crm", "role": "processor", "purposes": [], "data_categories": []})",
       true},
      {Shape::manifest, R"({"system_kind": "crm"})", false},
      {Shape::manifest,
       R"({"system_kind": "crm", "role": "processor", "purposes": [], "data_categories": [],
           "data_location": ["de"]})",
       false},
      {Shape::manifest,
       R"({"system_kind": "crm", "role": "processor", "purposes": [{"name": "x", "legal_basis": "art6_1_z"}],
           "data_categories": []})",
       false},
      {Shape::actionRequest,
       R"({"action": "access", "request_id": "r", "task_id": "t", "identities": [
           {"type": "email", "format": "raw", "value": "a@b.c"}]})",
       true},
      {Shape::actionRequest,
       R"({"action": "access", "request_id": "r", "task_id": "t", "identities": [
           {"type": "email", "format": "raw", "value": ""}]})",
       false},
      {Shape::actionRequest,
       R"({"action": "fly", "request_id": "r", "task_id": "t", "identities": []})", false},
  };
  for (const ShapeCase& c : cases) {
    const std::string problem = AbiShapes::instance().validate(c.shape, c.json);
    EXPECT_EQ(problem.empty(), c.valid)
        << definitionName(c.shape) << " " << c.json << ": " << problem;
    EXPECT_EQ(hostShapeProblem(c.shape, c.json).empty(), c.valid)
        << "host: " << definitionName(c.shape) << " " << c.json;
  }
}

}  // namespace
}  // namespace dsrflow::conformance
