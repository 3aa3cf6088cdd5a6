#pragma once
// The conformance checks, in the order they run. Each is written once, against the Driver
// interface, and run by the GoogleTest kit (the SDK's own host) and by `dsrflow plugin check`
// (dsrflow's real host) alike.

#include "dsrflow/conformance/checks_calls.hpp"
#include "dsrflow/conformance/checks_robustness.hpp"
#include "dsrflow/conformance/checks_static.hpp"

#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace dsrflow::conformance {

struct CheckSpec {
  const char* id;       //!< e.g. "erase_twice"; also the GoogleTest test name
  const char* meaning;  //!< one line: what passing means
  CheckResult (*run)(Driver&, const Settings&, Progress&);
};

//! Every check, in the order they run (read-only checks before the erasure).
inline const std::vector<CheckSpec>& checkList() {
  static const std::vector<CheckSpec> kChecks = {
      {"descriptor",
       "exports dsrflow_plugin_entry; ABI major equal and minor not newer than the host's; "
       "struct_size covers ABI 1.0; reverse-DNS name; version; known, non-empty actions; "
       "create, destroy and invoke set",
       &checks::descriptor},
      {"manifest", "the manifest is JSON and valid against the schema's manifest",
       &checks::manifest},
      {"config",
       "the config schema is a usable JSON Schema object, the given config is valid against "
       "it, and create and destroy succeed with it",
       &checks::config},
      {"access", "access for the subject answers completed or not_found", &checks::access},
      {"records", "every record access emits, and its outcome, match the schema", &checks::records},
      {"not_found", "access (or erase) of an unknown subject answers not_found, not an error",
       &checks::notFound},
      {"errors",
       "requests the plugin cannot serve are answered with DSRFLOW_ERROR and a reason (or an "
       "outcome), never a crash, an escaped exception or a missing outcome",
       &checks::errors},
      {"timeouts", "a call whose short deadline passes returns within the stop bound",
       &checks::timeouts},
      {"erase_twice",
       "erasing the subject twice succeeds; the second erase answers not_found or zero counts",
       &checks::eraseTwice},
  };
  return kChecks;
}

//! The check with this id, or nullptr.
inline const CheckSpec* findCheck(std::string_view id) {
  for (const CheckSpec& c : checkList()) {
    if (id == c.id) return &c;
  }
  return nullptr;
}

//! Runs one check in this process. Exceptions (a malformed subject setting, a defect of the
//! kit) fail the check with their message.
inline CheckResult runCheckHere(const CheckSpec& check, Driver& driver, const Settings& settings,
                                Progress& progress) {
  CheckResult result;
  try {
    result = check.run(driver, settings, progress);
  } catch (const std::exception& e) {
    result = CheckResult::fail(std::string("the check could not run: ") + e.what());
  } catch (...) {
    result = CheckResult::fail("the check could not run: unknown exception");
  }
  result.id = check.id;
  return result;
}

}  // namespace dsrflow::conformance
