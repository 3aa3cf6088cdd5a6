#pragma once
// The conformance kit as GoogleTest tests: one test per check, each run in a child process of
// its own with the kit's minimal host, so a crashing plugin fails tests instead of the test
// program.
//
//   #include <dsrflow/conformance/gtest.hpp>
//
//   DSRFLOW_CONFORMANCE_TESTS(AcmeCrm, ACME_CRM_PLUGIN_PATH, R"({"base_url": "..."})",
//                             R"({"type": "email", "format": "raw", "value":
//                             "test@acme.example"})")
//
// registers AcmeCrm.descriptor, AcmeCrm.manifest, ... AcmeCrm.erase_twice; link
// DsrflowSdk::conformance and GTest::gtest_main. A failed check fails its test with the check's
// reason; a check that does not apply (an action the plugin lacks) is skipped. Use
// registerTests() for settings beyond config and subject (time limits, secrets).

#include "dsrflow/conformance.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

namespace dsrflow::conformance {

//! One check as a GoogleTest test.
class ConformanceTest : public ::testing::Test {
 public:
  ConformanceTest(const CheckSpec& check, std::string pluginPath, Settings settings)
      : check_(check), pluginPath_(std::move(pluginPath)), settings_(std::move(settings)) {}

  void TestBody() override {
    const std::string path = pluginPath_;
    const Settings settings = settings_;
    const CheckResult result = runCheck(
        check_, [path, settings] { return std::make_unique<DlopenDriver>(path, settings); },
        settings);
    RecordProperty("meaning", check_.meaning);
    for (const std::string& note : result.notes) {
      std::printf("[   NOTE   ] %s: %s\n", check_.id, note.c_str());
    }
    if (result.verdict == Verdict::skip) GTEST_SKIP() << result.reason;
    if (result.failed()) {
      ADD_FAILURE() << check_.id << " (" << check_.meaning << "): " << result.reason;
    } else {
      std::printf("[   PASS   ] %s: %s\n", check_.id, result.reason.c_str());
    }
  }

 private:
  const CheckSpec& check_;
  std::string pluginPath_;
  Settings settings_;
};

//! Registers one test per check in test suite `suite` (names: the check ids) for the plugin at
//! `pluginPath`. Call before RUN_ALL_TESTS (e.g. from a static initializer or main).
inline void registerTests(const std::string& suite, const std::string& pluginPath,
                          const Settings& settings) {
  for (const CheckSpec& check : checkList()) {
    ::testing::RegisterTest(suite.c_str(), check.id, nullptr, nullptr, __FILE__, __LINE__,
                            [&check, pluginPath, settings]() -> ::testing::Test* {
                              return new ConformanceTest(check, pluginPath, settings);
                            });
  }
}

//! registerTests with a config and a subject and the default limits; returns true (for the
//! static initializer of DSRFLOW_CONFORMANCE_TESTS).
inline bool registerTests(const std::string& suite, const std::string& pluginPath,
                          const std::string& configJson, const std::string& subjectJson) {
  Settings settings;
  settings.configJson = configJson;
  settings.subjectJson = subjectJson;
  registerTests(suite, pluginPath, settings);
  return true;
}

}  // namespace dsrflow::conformance

//! Registers the conformance tests `Suite.<check>` for the plugin at `pluginPath`, with the
//! system's config (JSON) and a subject the system knows (an identity object or an array; the
//! erase check erases it; "" for none). Use at namespace scope, once per suite name.
#define DSRFLOW_CONFORMANCE_TESTS(Suite, pluginPath, configJson, subjectJson) \
  [[maybe_unused]] static const bool dsrflow_conformance_registered_##Suite = \
      ::dsrflow::conformance::registerTests(#Suite, pluginPath, configJson, subjectJson)
