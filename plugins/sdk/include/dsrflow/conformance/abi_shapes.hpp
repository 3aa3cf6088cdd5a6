#pragma once
// The ABI's data shapes (dsrflow-plugin.schema.json, embedded in the SDK), compiled once for the
// conformance kit's own host.

#include "dsrflow/conformance/abi_schema.hpp"
#include "dsrflow/conformance/schema_validator.hpp"

#include <stdexcept>
#include <string>

namespace dsrflow::conformance {

//! The JSON shapes that cross the ABI.
enum class Shape { manifest, record, outcome, actionRequest };

//! The schema definition of a shape ("manifest", "record", ...).
inline const char* definitionName(Shape shape) {
  switch (shape) {
    case Shape::manifest:
      return "manifest";
    case Shape::record:
      return "record";
    case Shape::outcome:
      return "outcome";
    case Shape::actionRequest:
      return "action_request";
  }
  return "unknown";
}

//! The compiled definitions. Immutable; safe to share between threads.
class AbiShapes {
 public:
  //! The process-wide instance, compiled on first use. Throws std::logic_error when the
  //! embedded schema does not compile (a defect of the SDK build, caught by its tests).
  static const AbiShapes& instance() {
    static const AbiShapes shapes;
    return shapes;
  }

  [[nodiscard]] const SchemaValidator& validator(Shape shape) const {
    switch (shape) {
      case Shape::manifest:
        return manifest_;
      case Shape::record:
        return record_;
      case Shape::outcome:
        return outcome_;
      case Shape::actionRequest:
        break;
    }
    return actionRequest_;
  }

  //! "" when `text` is JSON of the shape; otherwise the first violation.
  [[nodiscard]] std::string validate(Shape shape, std::string_view text) const {
    return validator(shape).validateText(text);
  }

 private:
  AbiShapes()
      : manifest_(load(Shape::manifest)),
        record_(load(Shape::record)),
        outcome_(load(Shape::outcome)),
        actionRequest_(load(Shape::actionRequest)) {}

  static SchemaValidator load(Shape shape) {
    std::string error;
    std::optional<json::Value> document = json::tryParse(kAbiSchemaJson, &error);
    if (!document) throw std::logic_error("the embedded ABI schema is not JSON: " + error);
    std::optional<SchemaValidator> validator = SchemaValidator::compile(
        std::move(*document), std::string("#/definitions/") + definitionName(shape), &error);
    if (!validator) throw std::logic_error("the embedded ABI schema does not compile: " + error);
    return *validator;
  }

  SchemaValidator manifest_;
  SchemaValidator record_;
  SchemaValidator outcome_;
  SchemaValidator actionRequest_;
};

}  // namespace dsrflow::conformance
