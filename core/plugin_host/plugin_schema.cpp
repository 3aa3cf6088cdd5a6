#include "plugin_host/plugin_schema.hpp"

#include <stdexcept>
#include <string>

#include "plugin_host/embedded_schema.hpp"

namespace dsrflow::plugin_host {
namespace {

JsonSchema definition(const Poco::Dynamic::Var& document, const char* name) {
  auto schema = JsonSchema::compileDefinition(document, name);
  if (!schema) {
    throw std::logic_error(std::string("embedded plugin schema, definition ") + name + ": " +
                           schema.error().message);
  }
  return *schema;
}

}  // namespace

PluginSchema::PluginSchema(JsonSchema actionRequest, JsonSchema record, JsonSchema outcome,
                           JsonSchema manifest)
    : actionRequest_(std::move(actionRequest)),
      record_(std::move(record)),
      outcome_(std::move(outcome)),
      manifest_(std::move(manifest)) {}

const PluginSchema& PluginSchema::instance() {
  static const PluginSchema schema = [] {
    auto document = parseJson(pluginSchemaJson());
    if (!document) {
      throw std::logic_error("embedded plugin schema: " + document.error().message);
    }
    return PluginSchema(definition(*document, "action_request"), definition(*document, "record"),
                        definition(*document, "outcome"), definition(*document, "manifest"));
  }();
  return schema;
}

}  // namespace dsrflow::plugin_host
