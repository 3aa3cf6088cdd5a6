#pragma once
// A compiled JSON Schema (draft 7, via valijson): the ABI's shapes and each plugin's config
// schema. Immutable after compilation and safe to share between threads.

#include <Poco/Dynamic/Var.h>

#include <memory>
#include <string>
#include <string_view>

#include "model/result.hpp"

namespace valijson {
class Schema;
}

namespace dsrflow::plugin_host {

class JsonSchema {
 public:
  //! Compiles a schema document. Refuses text that is not JSON, a schema valijson cannot
  //! compile, and references to other documents (nothing is fetched). kInvalidArgument.
  static Result<JsonSchema> compile(std::string_view schemaJson);

  //! Compiles `#/definitions/<name>` of an already parsed schema document.
  static Result<JsonSchema> compileDefinition(const Poco::Dynamic::Var& document,
                                              std::string_view name);

  //! Checks a parsed JSON value. The error (kInvalidArgument) names the path of the first
  //! violation and the rule broken, never the offending value (it may be personal data).
  [[nodiscard]] Status validate(const Poco::Dynamic::Var& value) const;

  //! Parses `json` (refusing text that is not JSON) and checks it; returns the parsed value.
  [[nodiscard]] Result<Poco::Dynamic::Var> parseAndValidate(std::string_view json) const;

 private:
  explicit JsonSchema(std::shared_ptr<const valijson::Schema> schema);
  std::shared_ptr<const valijson::Schema> schema_;
};

//! Parses JSON text with Poco; kInvalidArgument "not JSON: <parser message>" on failure.
Result<Poco::Dynamic::Var> parseJson(std::string_view json);

}  // namespace dsrflow::plugin_host
