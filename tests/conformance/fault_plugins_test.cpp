// Every test plugin through the conformance checks, with the kit's own host and with dsrflow's:
// each check fails exactly for the plugins built to break it, the well-behaved plugins pass
// everything, and crashing plugins fail their checks without taking the test down.
#include "dsrflow/conformance.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <tuple>

#include "conformance/host_driver.hpp"
#include "log/logger.hpp"
#include "test_plugins.hpp"

namespace dsrflow::conformance {
namespace {

using std::chrono::milliseconds;

struct Expectation {
  std::set<std::string> fail;
  std::set<std::string> skip;
  std::map<std::string, std::string> reasons;  //!< check -> part of its reason
  const char* crash = nullptr;                 //!< the signal failing checks crashed with
};

const std::set<std::string> kRunning = {"access", "records", "not_found", "errors", "timeouts"};
const std::set<std::string> kBehaviour = {"config", "access",   "records",    "not_found",
                                          "errors", "timeouts", "erase_twice"};

Expectation refusedDescriptor(const char* reason) {
  return {{"descriptor"}, kBehaviour, {{"descriptor", reason}}};
}

Expectation crashing(const char* signal) {
  Expectation e{kRunning, {"erase_twice"}, {}, signal};
  for (const std::string& check : kRunning) e.reasons[check] = std::string("crashed (") + signal;
  return e;
}

const std::map<std::string, Expectation>& expectations() {
  static const std::map<std::string, Expectation> kExpected = [] {
    std::map<std::string, Expectation> e;
    e["good"] = {};
    e["c_minimal"] = {{}, {"erase_twice"}};
    e["hello_connector"] = {};
    e["throws"] = {{"access", "records", "not_found", "erase_twice"},
                   {},
                   {{"access", "simulated connector failure"},
                    {"erase_twice", "unknown exception in the connector"}}};
    e["crash_segv"] = crashing("SIGSEGV");
    e["abort"] = crashing("SIGABRT");
    e["oom"] = crashing("SIGABRT");
    e["hang"] = {kRunning,
                 {"erase_twice"},
                 {{"access", "hung"}, {"timeouts", "did not return within 1000 ms after its 200"}}};
    e["slow_cooperative"] = {{"access", "records", "not_found", "errors"},
                             {"erase_twice"},
                             {{"access", "stopped by the host"}, {"timeouts", "returned after"}}};
    e["bad_abi_major"] = refusedDescriptor("the major version must match");
    e["newer_minor"] = refusedDescriptor("newer than the host's");
    e["bad_descriptor_null_name"] = refusedDescriptor("it has no name");
    e["bad_descriptor_no_invoke"] = refusedDescriptor("lacks create, destroy or invoke");
    e["bad_descriptor_small_struct"] = refusedDescriptor("struct_size 48 is smaller");
    e["no_entry"] = refusedDescriptor("exports no dsrflow_plugin_entry");
    e["no_entry"].skip.insert("manifest");
    e["bad_manifest"] = {{"manifest"}, kBehaviour, {{"manifest", "does not match the schema"}}};
    e["bad_records"] = {{"records", "not_found"},
                        {"erase_twice"},
                        {{"records", "7 of 8 records do not match the record schema"}}};
    e["not_found_as_error"] = {
        {"not_found", "erase_twice"},
        {},
        {{"not_found", "an unknown subject failed"}, {"erase_twice", "the second erase failed"}}};
    e["erase_not_idempotent"] = {
        {"erase_twice"}, {}, {{"erase_twice", "the second erase failed (error: record already"}}};
    return e;
  }();
  return kExpected;
}

enum class Host { kit, dsrflow };

// The host's own log lines repeat what the checks report.
[[maybe_unused]] const bool kQuietHost = [] {
  Logger::instance().configure(LogLevel::kError, &std::cerr);
  return true;
}();

using Param = std::tuple<std::string, std::string, Host>;  // name, path, host

class FaultPluginsTest : public ::testing::TestWithParam<Param> {};

TEST_P(FaultPluginsTest, EachCheckFailsExactlyForItsFault) {
  const auto& [name, path, host] = GetParam();
  auto expected = expectations().find(name);
  ASSERT_NE(expected, expectations().end()) << "no expectation for the test plugin " << name;

  Settings settings;
  settings.subjectJson = R"({"type": "email", "format": "raw", "value": "ada@example.com"})";
  settings.callTimeout = milliseconds(1000);
  settings.stopBound = milliseconds(1000);
  // oom must hit its memory limit before its calls time out: touching 512 MiB can take seconds
  // on a busy machine, so its calls get far longer than it needs (it ends at the limit anyway).
  settings.memoryLimitMb = 512;
  if (name == "oom") settings.callTimeout = milliseconds(60'000);
  const std::string file = path;
  const DriverFactory factory =
      host == Host::kit ? DriverFactory([file, settings] {
        return std::make_unique<DlopenDriver>(file, settings);
      })
                        : DriverFactory([file, settings] {
                            return std::make_unique<HostDriver>(HostDriverOptions{file}, settings);
                          });
  const std::vector<CheckResult> results = runChecks(factory, settings);
  ASSERT_EQ(results.size(), checkList().size());
  for (const CheckResult& r : results) {
    const Verdict want = expected->second.fail.count(r.id) != 0   ? Verdict::fail
                         : expected->second.skip.count(r.id) != 0 ? Verdict::skip
                                                                  : Verdict::pass;
    EXPECT_EQ(toString(r.verdict), std::string(toString(want))) << r.id << ": " << r.reason;
    if (auto part = expected->second.reasons.find(r.id); part != expected->second.reasons.end()) {
      EXPECT_NE(r.reason.find(part->second), std::string::npos) << r.id << ": " << r.reason;
    }
    EXPECT_EQ(r.crashed, r.failed() && expected->second.crash != nullptr)
        << r.id << ": " << r.reason;
    EXPECT_FALSE(r.timedOut) << r.id << ": " << r.reason;
  }
}

std::vector<Param> params() {
  std::vector<Param> out;
  for (const auto& plugin : testing::kAllTestPlugins) {
    out.emplace_back(plugin.name, plugin.path, Host::kit);
    out.emplace_back(plugin.name, plugin.path, Host::dsrflow);
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(AllTestPlugins, FaultPluginsTest, ::testing::ValuesIn(params()),
                         [](const ::testing::TestParamInfo<Param>& param) {
                           return std::get<0>(param.param) + (std::get<2>(param.param) == Host::kit
                                                                  ? "_kit_host"
                                                                  : "_dsrflow_host");
                         });

}  // namespace
}  // namespace dsrflow::conformance
