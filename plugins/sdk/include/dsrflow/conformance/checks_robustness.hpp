#pragma once
// The checks of a plugin under stress: requests it cannot serve are answered with errors that
// say why (not with crashes, exceptions or silence), and a short deadline is honoured.

#include "dsrflow/conformance/check_support.hpp"

#include <string>
#include <vector>

namespace dsrflow::conformance::checks {

namespace detail = ::dsrflow::conformance::detail;

namespace robustness {

struct Probe {
  std::string what;  //!< e.g. "a malformed request"
  std::string json;  //!< sent as is, unchecked
  bool malformed;    //!< a host never sends it: an error is the expected answer
};

// An identity no connector matches: a custom namespace and a hash format.
inline json::Value oddIdentity() {
  return json::Value::array({json::Value::object({{"type", "custom"},
                                                  {"subtype", "dsrflow_conformance"},
                                                  {"format", "sha1"},
                                                  {"value", std::string(40, '0')}})});
}

inline std::vector<Probe> probes(const PluginFacts& facts) {
  std::vector<Probe> out;
  out.push_back({"a malformed request", R"({"action": "access", "request_id": )", true});
  for (const auto& [bit, name] : kActions) {
    if (facts.supports(bit)) continue;
    out.push_back({std::string("an unsupported action (") + name + ")",
                   json::write(detail::request(name, "errors", detail::unknownSubject())), true});
    break;
  }
  if (facts.supports(DSRFLOW_ACTION_STATUS)) {
    json::Value status = detail::request("status", "errors", json::Value::array());
    status.set("state", json::Value::object({{"dsrflow_conformance", "no such job"}}));
    out.push_back({"status for a job it never started", json::write(status), false});
    return out;
  }
  for (const auto& [bit, name] : kActions) {
    if (!facts.supports(bit)) continue;
    out.push_back({std::string(name) + " for an identity it cannot match",
                   json::write(detail::request(name, "errors", oddIdentity())), false});
    break;
  }
  return out;
}

}  // namespace robustness

//! Requests the plugin cannot serve get an error with a reason (or a valid outcome), never a
//! crash, an escaped exception, a missing outcome or a hang.
inline CheckResult errors(Driver& driver, const Settings& settings, Progress& progress) {
  if (auto stop = detail::start(driver, settings, progress, 0, "")) return *stop;
  int answered = 0;
  int refused = 0;
  std::vector<std::string> notes;
  for (const robustness::Probe& probe : robustness::probes(driver.describe())) {
    progress.step("invoke with " + probe.what);
    const CallReport r = driver.invoke(probe.json, settings.callTimeout);
    if (r.end == CallEnd::refused) {
      ++refused;
      continue;
    }
    ++answered;
    const bool ok = (r.end == CallEnd::error && !r.error.empty()) || r.end == CallEnd::outcome;
    if (!ok) {
      return detail::finish(
          driver, progress,
          CheckResult::fail(probe.what + " was answered with " + detail::describe(r) +
                            "; expected DSRFLOW_ERROR with a reason"));
    }
    if (r.end == CallEnd::outcome && probe.malformed) {
      notes.push_back(probe.what + " was answered with " + detail::describe(r) +
                      "; DSRFLOW_ERROR with a reason is clearer");
    }
  }
  CheckResult result = CheckResult::pass(
      std::to_string(answered) + (answered == 1 ? " request" : " requests") +
      " it cannot serve answered with a reason or an outcome" +
      (refused > 0 ? " (" + std::to_string(refused) + " more refused by the host)" : ""));
  result.notes = std::move(notes);
  return detail::finish(driver, progress, result);
}

//! A call whose deadline passes returns within the stop bound.
inline CheckResult timeouts(Driver& driver, const Settings& settings, Progress& progress) {
  const PluginFacts& facts = driver.describe();
  const char* action = facts.supports(DSRFLOW_ACTION_ACCESS)            ? "access"
                       : facts.supports(DSRFLOW_ACTION_ERASE)           ? "erase"
                       : facts.supports(DSRFLOW_ACTION_TEST_CONNECTION) ? "test_connection"
                                                                        : nullptr;
  if (auto stop = detail::start(driver, settings, progress, 0, "")) return *stop;
  if (action == nullptr) {
    return detail::finish(driver, progress,
                          CheckResult::skip("the plugin supports none of access, erase and "
                                            "test_connection"));
  }
  const std::string limits = std::to_string(settings.shortTimeout.count()) + " ms deadline";
  const CallReport r = detail::invoke(
      driver, progress, std::string("invoke ") + action + " with a " + limits,
      detail::request(action, "timeouts", detail::unknownSubject()), settings.shortTimeout);
  if (r.end == CallEnd::crashed) {
    return detail::finish(driver, progress,
                          CheckResult::fail(std::string(action) + " " + detail::describe(r)));
  }
  if (r.end == CallEnd::hung || r.elapsed > settings.shortTimeout + settings.stopBound) {
    return detail::finish(
        driver, progress,
        CheckResult::fail(std::string(action) + " did not return within " +
                          std::to_string(settings.stopBound.count()) + " ms after its " + limits +
                          " passed: watch is_cancelled() and deadline_unix_ms while working"));
  }
  return detail::finish(driver, progress,
                        CheckResult::pass(std::string(action) + " returned after " +
                                          std::to_string(r.elapsed.count()) + " ms with a " +
                                          limits + " (" + detail::describe(r) + ")"));
}

}  // namespace dsrflow::conformance::checks
