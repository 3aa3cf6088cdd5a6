#include "plugin_host/manifest_merge.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "plugin_host/plugin_schema.hpp"

namespace dsrflow::plugin_host {
namespace {

using Poco::JSON::Object;

// RFC 7386 for object targets.
void mergePatch(Object& target, const Object& patch) {
  for (const auto& [key, value] : patch) {
    if (value.isEmpty()) {
      target.remove(key);
    } else if (value.type() == typeid(Object::Ptr) && target.has(key) && target.isObject(key)) {
      mergePatch(*target.getObject(key), *value.extract<Object::Ptr>());
    } else {
      target.set(key, value);
    }
  }
}

}  // namespace

Result<std::string> mergeManifest(std::string_view pluginManifestJson,
                                  std::string_view overrideJson) {
  Object::Ptr manifest;
  Object::Ptr patch;
  try {
    manifest = Poco::JSON::Parser().parse(std::string(pluginManifestJson)).extract<Object::Ptr>();
    patch = Poco::JSON::Parser().parse(std::string(overrideJson)).extract<Object::Ptr>();
  } catch (const Poco::Exception&) {
    return invalidArgument("manifest: the override must be a mapping");
  } catch (const std::exception&) {
    return invalidArgument("manifest: the override must be a mapping");
  }
  mergePatch(*manifest, *patch);
  std::ostringstream merged;
  manifest->stringify(merged);
  if (auto valid = PluginSchema::instance().manifest().parseAndValidate(merged.str()); !valid) {
    return invalidArgument("manifest: with the override applied it is not a valid manifest: " +
                           valid.error().message);
  }
  return merged.str();
}

}  // namespace dsrflow::plugin_host
