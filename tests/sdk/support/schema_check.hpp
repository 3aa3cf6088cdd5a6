#pragma once
// Validates JSON against one definition of the plugin ABI's schema
// (plugins/sdk/schema/dsrflow-plugin.schema.json) with valijson, independently of the SDK's own
// JSON code: what the SDK writes must satisfy the schema the host checks against.

#include <string>
#include <string_view>

namespace dsrflow::testing {

//! Empty when `json` is valid against definitions/`definition` ("record", "outcome",
//! "manifest", "action_request"); otherwise the validation errors, one per line.
std::string schemaErrors(std::string_view definition, std::string_view json);

//! Empty when `json` is a usable JSON Schema (valijson can load it); otherwise the reason.
std::string loadSchemaErrors(std::string_view json);

}  // namespace dsrflow::testing
