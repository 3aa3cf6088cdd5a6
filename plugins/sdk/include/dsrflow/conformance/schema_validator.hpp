#pragma once
// A JSON Schema (draft 7) validator over the SDK's json::Value, for the conformance kit: vendors
// have no JSON Schema library, and the kit must check manifests, records, outcomes and configs
// against the same schemas the host uses.
//
// Supported: boolean schemas, type, enum, const, multipleOf, maximum, exclusiveMaximum, minimum,
// exclusiveMinimum, maxLength, minLength, pattern, items (schema or array), additionalItems,
// maxItems, minItems, uniqueItems, contains, maxProperties, minProperties, required,
// properties, patternProperties, additionalProperties, dependencies, propertyNames, if/then/
// else, allOf, anyOf, oneOf, not, definitions and $ref to a JSON pointer in the same document.
// Not supported, and refused when compiling: $ref to another document. Ignored, as draft 7
// allows for annotations: format, title, description, default, examples, $comment, $id,
// $schema, and keywords it does not know. Patterns are ECMAScript regular expressions
// (std::regex) matched against the UTF-8 bytes; string lengths count code points. As in
// dsrflow's host, "integer" means a number written without fraction or exponent (3, not 3.0).

#include "dsrflow/conformance/schema_checker.hpp"
#include "dsrflow/conformance/schema_document.hpp"
#include "dsrflow/sdk/json_reader.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace dsrflow::conformance {

//! A compiled JSON Schema (or one subschema of a document). Immutable; copies share the
//! document; safe to use from several threads.
class SchemaValidator {
 public:
  //! Compiles the subschema at `pointer` ("#" for the root, "#/definitions/record") of
  //! `document`. nullopt, with the reason in `error`, when the schema is malformed.
  static std::optional<SchemaValidator> compile(json::Value document, std::string_view pointer,
                                                std::string* error = nullptr) {
    auto doc = std::make_shared<detail::SchemaDocument>();
    doc->document = std::move(document);
    const json::Value* root = doc->resolve(pointer);
    std::string problem;
    if (root == nullptr) {
      problem = std::string(pointer) + ": not found in the schema document";
    } else {
      // The whole document: $refs may lead anywhere in it.
      problem = detail::SchemaCompiler(*doc).check(doc->document, "#");
    }
    if (!problem.empty()) {
      if (error != nullptr) *error = problem;
      return std::nullopt;
    }
    return SchemaValidator(std::move(doc), root);
  }

  //! Parses `schemaJson` and compiles its root.
  static std::optional<SchemaValidator> compile(std::string_view schemaJson,
                                                std::string* error = nullptr) {
    std::optional<json::Value> document = json::tryParse(schemaJson, error);
    if (!document) return std::nullopt;
    return compile(std::move(*document), "#", error);
  }

  //! "" when `value` is valid; otherwise its first violation, "<JSON pointer>: <rule>". Never
  //! contains the offending value (it may be personal data).
  [[nodiscard]] std::string validate(const json::Value& value) const {
    return detail::SchemaChecker(*doc_).check(*root_, value, "#", 0);
  }

  //! Parses `text` and validates it; "not JSON: ..." when it does not parse.
  [[nodiscard]] std::string validateText(std::string_view text) const {
    std::string error;
    std::optional<json::Value> value = json::tryParse(text, &error);
    if (!value) return "not JSON: " + error;
    return validate(*value);
  }

 private:
  SchemaValidator(std::shared_ptr<const detail::SchemaDocument> doc, const json::Value* root)
      : doc_(std::move(doc)), root_(root) {}

  std::shared_ptr<const detail::SchemaDocument> doc_;
  const json::Value* root_;
};

}  // namespace dsrflow::conformance
