#pragma once
// What the conformance checks share: the requests they send, the subjects they name, how they
// describe a call, and the rule that a plugin the host refuses is not run at all.

#include "dsrflow/conformance/check_result.hpp"
#include "dsrflow/conformance/driver.hpp"
#include "dsrflow/conformance/settings.hpp"
#include "dsrflow/sdk/json_reader.hpp"
#include "dsrflow/sdk/json_writer.hpp"

#include <cstdint>
#include <optional>
#include <random>
#include <string>

namespace dsrflow::conformance::detail {

//! The identities of the subject the settings name, as a JSON array; an empty array when none
//! is given. Throws std::invalid_argument when the setting is not an identity or an array.
inline json::Value subjectIdentities(const Settings& settings) {
  if (settings.subjectJson.find_first_not_of(" \t\r\n") == std::string::npos) {
    return json::Value::array();
  }
  std::string error;
  std::optional<json::Value> subject = json::tryParse(settings.subjectJson, &error);
  if (!subject) throw std::invalid_argument("the subject is not JSON: " + error);
  if (subject->isObject()) return json::Value::array({*subject});
  if (!subject->isArray()) {
    throw std::invalid_argument("the subject must be an identity object or an array of them");
  }
  return *subject;
}

//! True when the settings name a subject the system knows.
inline bool hasSubject(const Settings& settings) { return subjectIdentities(settings).size() > 0; }

//! A subject no system knows: a random address in the reserved .invalid domain.
inline json::Value unknownSubject() {
  std::random_device random;
  std::string local = "dsrflow-conformance-";
  for (int i = 0; i < 4; ++i) {
    const unsigned n = random();
    static constexpr char kHex[] = "0123456789abcdef";
    for (int shift = 28; shift >= 0; shift -= 4) local += kHex[(n >> shift) & 0xFU];
  }
  return json::Value::array({json::Value::object(
      {{"type", "email"}, {"format", "raw"}, {"value", local + "@example.invalid"}})});
}

//! The subject for a check: the one given, or else an unknown one.
inline json::Value subjectOrUnknown(const Settings& settings) {
  json::Value subject = subjectIdentities(settings);
  return subject.size() > 0 ? subject : unknownSubject();
}

//! An action request (schema "action_request") from the conformance kit.
inline json::Value request(const char* action, const char* checkId, json::Value identities) {
  return json::Value::object({{"action", action},
                              {"request_id", std::string("conformance-") + checkId},
                              {"task_id", std::string("conformance-") + checkId + "-task"},
                              {"identities", std::move(identities)},
                              {"dry_run", false}});
}

//! The "outcome" property of a call's outcome ("" when there is none).
inline std::string outcomeName(const CallReport& r) {
  if (r.end != CallEnd::outcome) return {};
  std::optional<json::Value> outcome = json::tryParse(r.outcomeJson);
  return outcome ? outcome->getString("outcome") : std::string();
}

//! The outcome's counts are all zero (or absent).
inline bool zeroCounts(const CallReport& r) {
  std::optional<json::Value> outcome = json::tryParse(r.outcomeJson);
  if (!outcome) return false;
  const json::Value* counts = outcome->find("counts");
  if (counts == nullptr || !counts->isObject()) return true;
  for (const json::Member& m : counts->asObject()) {
    if (!m.second.isNumber() || m.second.asDouble() != 0.0) return false;
  }
  return true;
}

//! How a call ended, in a few words for a check's reason.
inline std::string describe(const CallReport& r) {
  switch (r.end) {
    case CallEnd::outcome:
      return "outcome " + outcomeName(r);
    case CallEnd::error:
      return r.error.empty() ? std::string("DSRFLOW_ERROR without a reason (call set_error)")
                             : "error: " + r.error;
    case CallEnd::invalidOutcome:
      return "invalid outcome: " + r.detail;
    case CallEnd::stopped:
      return "stopped by the host: " + r.detail;
    case CallEnd::abiViolation:
      return "ABI violation: " + r.detail;
    case CallEnd::hung:
      return "hung: " + r.detail;
    case CallEnd::crashed:
      return "crashed: " + r.detail;
    case CallEnd::refused:
      return "refused by the host: " + r.detail;
  }
  return r.detail;
}

//! The manifest's first problem, or "" when it is valid.
inline std::string manifestProblem(Driver& driver, const PluginFacts& facts) {
  if (!facts.manifestJson) return "the descriptor has no manifest";
  return driver.validate(Shape::manifest, *facts.manifestJson);
}

//! Why a host would refuse to run this plugin at all (so the checks that run it are skipped),
//! or nullopt.
inline std::optional<std::string> hostRefusal(Driver& driver) {
  const PluginFacts& facts = driver.describe();
  if (!descriptorProblems(facts).empty()) {
    return "the host refuses this plugin (see the descriptor check)";
  }
  if (!manifestProblem(driver, facts).empty()) {
    return "the host refuses this plugin (see the manifest check)";
  }
  return std::nullopt;
}

//! Runs one invoke of the check's plugin: validates the request first (a malformed request is
//! the kit's or the settings' fault, not the plugin's) and reports the step.
inline CallReport invoke(Driver& driver, Progress& progress, const std::string& step,
                         const json::Value& request, std::chrono::milliseconds timeout) {
  const std::string text = json::write(request);
  if (std::string problem = driver.validate(Shape::actionRequest, text); !problem.empty()) {
    CallReport refused;
    refused.detail = "the request does not match the schema (check the subject): " + problem;
    return refused;
  }
  progress.step(step);
  return driver.invoke(text, timeout);
}

//! Creates the instance a check runs, or says why the check cannot run.
inline std::optional<CheckResult> start(Driver& driver, const Settings& settings,
                                        Progress& progress, std::uint32_t neededAction,
                                        const char* actionName) {
  if (std::optional<std::string> why = hostRefusal(driver)) return CheckResult::skip(*why);
  if (neededAction != 0 && !driver.describe().supports(neededAction)) {
    return CheckResult::skip(std::string("the plugin does not support ") + actionName);
  }
  progress.step("create");
  if (std::string problem = driver.create(settings.configJson); !problem.empty()) {
    return CheckResult::fail("create failed: " + problem);
  }
  return std::nullopt;
}

//! Destroys the instance; a failure to destroy fails a check that would otherwise pass.
inline CheckResult finish(Driver& driver, Progress& progress, CheckResult result) {
  progress.step("destroy");
  if (std::string problem = driver.destroy(); !problem.empty() && !result.failed()) {
    CheckResult failed = CheckResult::fail("destroy failed: " + problem);
    failed.notes = std::move(result.notes);
    return failed;
  }
  return result;
}

}  // namespace dsrflow::conformance::detail
