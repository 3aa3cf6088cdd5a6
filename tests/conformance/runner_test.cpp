// The isolated runner: a check whose process crashes, exits or overruns fails alone, with the
// step it died in; results travel back intact; the report reads as documented.
#include "dsrflow/conformance/isolated_runner.hpp"
#include "dsrflow/conformance/report.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <thread>

namespace dsrflow::conformance {
namespace {

using std::chrono::milliseconds;

// A well-formed plugin whose invoke does what the test says.
class FakeDriver final : public Driver {
 public:
  enum class Invoke { notFound, segv, exitCode, sleep };
  explicit FakeDriver(Invoke what) : what_(what) {
    facts_.entryFound = facts_.hasDescriptor = true;
    facts_.structSize = static_cast<std::uint32_t>(sizeof(dsrflow_plugin_descriptor));
    facts_.abiMajor = DSRFLOW_ABI_MAJOR;
    facts_.name = "com.example.fake";
    facts_.version = "1.0";
    facts_.actions = DSRFLOW_ACTION_ACCESS;
    facts_.configSchemaJson = R"({"type": "object"})";
    facts_.manifestJson =
        R"({"system_kind": "other", "role": "processor", "purposes": [], "data_categories": []})";
    facts_.hasCreate = facts_.hasDestroy = facts_.hasInvoke = true;
  }
  const PluginFacts& describe() override { return facts_; }
  std::string validate(Shape shape, std::string_view json) override {
    return AbiShapes::instance().validate(shape, json);
  }
  std::string checkSchema(std::string_view) override { return {}; }
  std::string validateAgainst(std::string_view, std::string_view) override { return {}; }
  std::string create(std::string_view) override { return {}; }
  CallReport invoke(std::string_view, milliseconds) override {
    switch (what_) {
      case Invoke::segv:
        std::raise(SIGSEGV);
        break;
      case Invoke::exitCode:
        std::exit(7);
      case Invoke::sleep:
        std::this_thread::sleep_for(std::chrono::seconds(60));
        break;
      case Invoke::notFound:
        break;
    }
    CallReport r;
    r.end = CallEnd::outcome;
    r.outcomeJson = R"({"outcome": "not_found"})";
    return r;
  }
  std::string destroy() override { return {}; }

 private:
  Invoke what_;
  PluginFacts facts_;
};

Settings quick() {
  Settings s;
  s.callTimeout = milliseconds(100);
  s.stopBound = milliseconds(100);
  return s;
}

CheckResult run(const char* check, FakeDriver::Invoke what, const Settings& settings = quick()) {
  return runCheck(
      *findCheck(check), [what] { return std::make_unique<FakeDriver>(what); }, settings);
}

TEST(IsolatedRunnerTest, PassesResultsBack) {
  const CheckResult r = run("not_found", FakeDriver::Invoke::notFound);
  EXPECT_EQ(r.id, "not_found");
  EXPECT_EQ(r.verdict, Verdict::pass) << r.reason;
  EXPECT_FALSE(r.crashed);
}

TEST(IsolatedRunnerTest, ACrashFailsTheCheckWithItsStep) {
  const CheckResult r = run("not_found", FakeDriver::Invoke::segv);
  EXPECT_EQ(r.verdict, Verdict::fail);
  EXPECT_TRUE(r.crashed);
  EXPECT_EQ(r.reason, "crashed (SIGSEGV) during: invoke access (unknown subject)");
}

TEST(IsolatedRunnerTest, AnExitFailsTheCheck) {
  const CheckResult r = run("access", FakeDriver::Invoke::exitCode);
  EXPECT_EQ(r.verdict, Verdict::fail);
  EXPECT_TRUE(r.crashed);
  EXPECT_EQ(r.reason,
            "the process exited with status 7 before reporting during: invoke access "
            "(subject)");
}

TEST(IsolatedRunnerTest, AnOverrunIsKilledAtTheBudget) {
  const auto started = std::chrono::steady_clock::now();
  const CheckResult r = run("access", FakeDriver::Invoke::sleep);
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(r.verdict, Verdict::fail);
  EXPECT_TRUE(r.timedOut);
  EXPECT_NE(r.reason.find("was killed during: invoke access"), std::string::npos) << r.reason;
  // Only a generous bound: the check was killed rather than waited for (the sleep is far
  // longer). Exact timing is not this test's business.
  EXPECT_LT(took, checkBudget(quick()) + std::chrono::seconds(30));
}

TEST(IsolatedRunnerTest, RunsInProcessWhenAskedTo) {
  Settings settings = quick();
  settings.isolate = false;
  const CheckResult r = run("descriptor", FakeDriver::Invoke::notFound, settings);
  EXPECT_EQ(r.verdict, Verdict::pass) << r.reason;
}

TEST(IsolatedRunnerTest, RunsSelectedChecksInOrder) {
  std::vector<std::string> seen;
  const auto results =
      runChecks([] { return std::make_unique<FakeDriver>(FakeDriver::Invoke::notFound); }, quick(),
                {"manifest", "descriptor"}, [&](const CheckResult& r) { seen.push_back(r.id); });
  ASSERT_EQ(results.size(), 2U);
  EXPECT_EQ(seen, (std::vector<std::string>{"manifest", "descriptor"}));
  EXPECT_TRUE(allPassed(results));
  EXPECT_THROW(runChecks([] { return std::make_unique<FakeDriver>(FakeDriver::Invoke::notFound); },
                         quick(), {"nonsense"}),
               std::invalid_argument);
}

TEST(CheckResultTest, RoundTripsThroughJson) {
  CheckResult r = CheckResult::fail("why");
  r.id = "records";
  r.note("a").note("b");
  r.crashed = true;
  r.elapsed = milliseconds(42);
  const CheckResult back = checkResultFromJson(toJson(r));
  EXPECT_EQ(back.id, "records");
  EXPECT_EQ(back.verdict, Verdict::fail);
  EXPECT_EQ(back.reason, "why");
  EXPECT_EQ(back.notes, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(back.crashed);
  EXPECT_FALSE(back.timedOut);
  EXPECT_EQ(back.elapsed, milliseconds(42));
}

TEST(ReportTest, FormatsATable) {
  CheckResult pass = CheckResult::pass("fine");
  pass.id = "descriptor";
  CheckResult fail = CheckResult::fail("broken");
  fail.id = "erase_twice";
  fail.note("look here");
  CheckResult skip = CheckResult::skip("n/a");
  skip.id = "access";
  EXPECT_EQ(formatReport({pass, fail, skip}),
            "CHECK        RESULT  DETAIL\n"
            "descriptor   pass    fine\n"
            "erase_twice  FAIL    broken\n"
            "                     note: look here\n"
            "access       skip    n/a\n"
            "3 checks: 1 passed, 1 failed, 1 skipped\n");
  EXPECT_FALSE(allPassed({pass, fail}));
  EXPECT_TRUE(allPassed({pass, skip}));
}

}  // namespace
}  // namespace dsrflow::conformance
