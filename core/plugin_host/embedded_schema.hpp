#pragma once
// The ABI's JSON Schema (plugins/sdk/schema/dsrflow-plugin.schema.json), compiled into the
// library at build time.

#include <string_view>

namespace dsrflow::plugin_host {

//! The schema document, verbatim; static storage.
std::string_view pluginSchemaJson();

}  // namespace dsrflow::plugin_host
