#include "plugin_host/json_schema.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <valijson/adapters/poco_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <exception>
#include <string>

namespace dsrflow::plugin_host {
namespace {

// valijson's error context is a list like {"<root>", "[categories]", "[email]"}.
std::string contextPath(const std::vector<std::string>& context) {
  std::string path;
  for (const auto& part : context) path += part;
  return path.empty() ? "<root>" : path;
}

Result<std::shared_ptr<const valijson::Schema>> compileDocument(
    const Poco::Dynamic::Var& document) {
  auto schema = std::make_shared<valijson::Schema>();
  try {
    valijson::SchemaParser parser;
    valijson::adapters::PocoJsonAdapter adapter(document);
    // No fetch function: a reference to another document is refused, never downloaded.
    parser.populateSchema(adapter, *schema);
  } catch (const std::exception& e) {
    return invalidArgument(std::string("not a usable JSON Schema: ") + e.what());
  }
  return std::shared_ptr<const valijson::Schema>(std::move(schema));
}

}  // namespace

JsonSchema::JsonSchema(std::shared_ptr<const valijson::Schema> schema)
    : schema_(std::move(schema)) {}

Result<Poco::Dynamic::Var> parseJson(std::string_view json) {
  // Poco's parser takes only an object or an array at the top; a scalar ("x", 1, true, null)
  // is parsed as the one element of an array.
  const std::size_t first = json.find_first_not_of(" \t\r\n");
  const bool scalar = first != std::string_view::npos && json[first] != '{' && json[first] != '[';
  try {
    Poco::JSON::Parser parser;
    if (!scalar) return parser.parse(std::string(json));
    const auto array =
        parser.parse("[" + std::string(json) + "]").extract<Poco::JSON::Array::Ptr>();
    if (array->size() != 1) return invalidArgument("not JSON: more than one value");
    return array->get(0);
  } catch (const Poco::Exception& e) {
    return invalidArgument("not JSON: " + e.message());
  } catch (const std::exception& e) {
    return invalidArgument(std::string("not JSON: ") + e.what());
  }
}

Result<JsonSchema> JsonSchema::compile(std::string_view schemaJson) {
  auto document = parseJson(schemaJson);
  if (!document) return document.error();
  if (document->type() != typeid(Poco::JSON::Object::Ptr)) {
    return invalidArgument("not a usable JSON Schema: the document is not an object");
  }
  auto schema = compileDocument(*document);
  if (!schema) return schema.error();
  return JsonSchema(*schema);
}

Result<JsonSchema> JsonSchema::compileDefinition(const Poco::Dynamic::Var& document,
                                                 std::string_view name) {
  // A wrapper document with the same definitions and one reference to the wanted one, so
  // that "#/definitions/..." references inside resolve exactly as in the original file.
  Poco::JSON::Object::Ptr root;
  try {
    root = document.extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception&) {
    return invalidArgument("schema document is not an object");
  }
  if (!root->has("definitions")) return invalidArgument("schema document has no definitions");
  Poco::JSON::Object::Ptr definitions = root->getObject("definitions");
  if (definitions.isNull() || !definitions->has(std::string(name))) {
    return invalidArgument("schema has no definition '" + std::string(name) + "'");
  }
  Poco::JSON::Object::Ptr wrapper = new Poco::JSON::Object;
  wrapper->set("definitions", definitions);
  Poco::JSON::Object::Ptr reference = new Poco::JSON::Object;
  reference->set("$ref", "#/definitions/" + std::string(name));
  Poco::JSON::Array::Ptr allOf = new Poco::JSON::Array;
  allOf->add(reference);
  wrapper->set("allOf", allOf);
  auto schema = compileDocument(Poco::Dynamic::Var(wrapper));
  if (!schema) return schema.error();
  return JsonSchema(*schema);
}

Status JsonSchema::validate(const Poco::Dynamic::Var& value) const {
  // One validator per thread: it caches compiled regular expressions, and a plugin call runs
  // on one thread, so its records share the cache.
  thread_local valijson::Validator validator;
  valijson::ValidationResults results;
  bool valid = false;
  try {
    valijson::adapters::PocoJsonAdapter adapter(value);
    valid = validator.validate(*schema_, adapter, &results);
  } catch (const std::exception& e) {
    return invalidArgument(std::string("schema check failed: ") + e.what());
  }
  if (valid) return Ok{};
  valijson::ValidationResults::Error first;
  if (!results.popError(first)) return invalidArgument("does not match the schema");
  return invalidArgument("at " + contextPath(first.context) + ": " + first.description);
}

Result<Poco::Dynamic::Var> JsonSchema::parseAndValidate(std::string_view json) const {
  auto value = parseJson(json);
  if (!value) return value;
  if (auto status = validate(*value); !status) return status.error();
  return value;
}

}  // namespace dsrflow::plugin_host
