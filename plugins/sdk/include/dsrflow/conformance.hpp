#pragma once
// The dsrflow connector conformance kit: the checks every connector plugin must pass, a minimal
// host to run them with nothing but the SDK, and process isolation per check.
//
//   #include <dsrflow/conformance.hpp>
//   using namespace dsrflow::conformance;
//
//   Settings settings;
//   settings.configJson = R"({"base_url": "https://sandbox.example.com"})";
//   settings.subjectJson = R"({"type": "email", "format": "raw", "value": "test@example.com"})";
//   auto results = runChecks([&] { return std::make_unique<DlopenDriver>("my.so", settings); },
//                            settings);
//   std::cout << formatReport(results);
//
// For GoogleTest, include dsrflow/conformance/gtest.hpp instead (DSRFLOW_CONFORMANCE_TESTS).
// See "Conformance" in docs/plugin-sdk.md.

#include "dsrflow/conformance/checks.hpp"
#include "dsrflow/conformance/dlopen_driver.hpp"
#include "dsrflow/conformance/isolated_runner.hpp"
#include "dsrflow/conformance/report.hpp"
