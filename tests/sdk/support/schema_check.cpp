#include "sdk/support/schema_check.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <valijson/adapters/poco_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <exception>
#include <fstream>
#include <sstream>
#include <string>

namespace dsrflow::testing {

namespace {

Poco::Dynamic::Var parse(std::string_view text) {
  Poco::JSON::Parser parser;
  return parser.parse(std::string(text));
}

std::string schemaText() {
  std::ifstream in(DSRFLOW_PLUGIN_SCHEMA_FILE);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

std::string schemaErrors(std::string_view definition, std::string_view json) {
  try {
    // The whole schema document with a root $ref selects one definition and keeps the others
    // reachable for the definition's own $refs.
    Poco::Dynamic::Var schemaDoc = parse(schemaText());
    Poco::JSON::Object::Ptr root = schemaDoc.extract<Poco::JSON::Object::Ptr>();
    root->set("$ref", "#/definitions/" + std::string(definition));
    valijson::Schema schema;
    valijson::SchemaParser schemaParser;
    valijson::adapters::PocoJsonAdapter schemaAdapter(schemaDoc);
    schemaParser.populateSchema(schemaAdapter, schema);

    Poco::Dynamic::Var doc = parse(json);
    valijson::adapters::PocoJsonAdapter docAdapter(doc);
    valijson::Validator validator;
    valijson::ValidationResults results;
    if (validator.validate(schema, docAdapter, &results)) return "";
    std::string errors;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
      std::string path;
      for (const std::string& p : error.context) path += p;
      errors += path + ": " + error.description + "\n";
    }
    return errors.empty() ? "invalid" : errors;
  } catch (const std::exception& e) {
    return std::string("cannot validate: ") + e.what();
  }
}

std::string loadSchemaErrors(std::string_view json) {
  try {
    Poco::Dynamic::Var doc = parse(json);
    valijson::Schema schema;
    valijson::SchemaParser schemaParser;
    valijson::adapters::PocoJsonAdapter adapter(doc);
    schemaParser.populateSchema(adapter, schema);
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace dsrflow::testing
