#pragma once
// The checks of what a plugin declares before any of its actions run: the descriptor, the
// manifest, and the config schema with the config it is given.

#include "dsrflow/conformance/check_support.hpp"

#include <string>

namespace dsrflow::conformance::checks {

//! Entry symbol, ABI version, struct size, name, version, actions, functions.
inline CheckResult descriptor(Driver& driver, const Settings&, Progress& progress) {
  progress.step("load and describe");
  const PluginFacts& facts = driver.describe();
  std::vector<std::string> problems = descriptorProblems(facts);
  if (!problems.empty()) {
    std::string reason;
    for (const std::string& p : problems) reason += (reason.empty() ? "" : "; ") + p;
    return CheckResult::fail(reason);
  }
  return CheckResult::pass(*facts.name + " " + *facts.version + ", ABI " +
                           std::to_string(facts.abiMajor) + "." + std::to_string(facts.abiMinor) +
                           ", actions: " + actionNames(facts.actions) +
                           (facts.hasOnCallback ? ", callbacks" : ""));
}

//! The manifest is JSON and valid against the schema's "manifest".
inline CheckResult manifest(Driver& driver, const Settings&, Progress& progress) {
  progress.step("load and describe");
  const PluginFacts& facts = driver.describe();
  if (!facts.loadError.empty() || !facts.hasDescriptor) {
    return CheckResult::skip("no descriptor to read the manifest from (see the descriptor check)");
  }
  if (std::string problem = detail::manifestProblem(driver, facts); !problem.empty()) {
    return CheckResult::fail("the manifest does not match the schema: " + problem);
  }
  const json::Value m = json::parse(*facts.manifestJson);
  return CheckResult::pass(m.getString("system_kind") + ", " + m.getString("role") +
                           ", purposes: " + std::to_string(m["purposes"].size()) +
                           ", data categories: " + std::to_string(m["data_categories"].size()));
}

//! The config schema is a JSON Schema object; the given config is valid against it and
//! create() accepts it; destroy() returns.
inline CheckResult config(Driver& driver, const Settings& settings, Progress& progress) {
  progress.step("load and describe");
  if (std::optional<std::string> why = detail::hostRefusal(driver)) return CheckResult::skip(*why);
  const PluginFacts& facts = driver.describe();
  if (!facts.configSchemaJson) return CheckResult::fail("the descriptor has no config schema");
  std::optional<json::Value> schema = json::tryParse(*facts.configSchemaJson);
  if (!schema || !schema->isObject()) {
    return CheckResult::fail("the config schema is not a JSON object");
  }
  if (std::string problem = driver.checkSchema(*facts.configSchemaJson); !problem.empty()) {
    return CheckResult::fail("the config schema is not a usable JSON Schema: " + problem);
  }
  if (std::string problem = driver.validateAgainst(*facts.configSchemaJson, settings.configJson);
      !problem.empty()) {
    return CheckResult::fail("the given config does not match the config schema: " + problem);
  }
  progress.step("create");
  if (std::string problem = driver.create(settings.configJson); !problem.empty()) {
    return CheckResult::fail("create failed with the given config: " + problem);
  }
  CheckResult result = CheckResult::pass(
      "the config matches the config schema; create and "
      "destroy succeed");
  if (!schema->contains("type")) {
    result.note("the config schema does not say \"type\": \"object\"");
  }
  return detail::finish(driver, progress, result);
}

}  // namespace dsrflow::conformance::checks
