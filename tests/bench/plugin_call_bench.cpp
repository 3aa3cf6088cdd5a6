// Per-call overhead of a plugin call in process and out of process (a `dsrflow plugin-host`
// child over pipes). Not a test: prints a table.
//
//   plugin_call_bench [CALLS]   (default 10000)
//
// Trivial call: test_connection on the good test plugin (no records, outcome completed). The
// second pair of rows streams three records per call (access). Goal out of process: <= 0.2 ms
// per trivial call.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "log/logger.hpp"
#include "model/identity.hpp"
#include "plugin_host/action_request.hpp"
#include "plugin_host/call_sink.hpp"
#include "plugin_host/in_process_loader.hpp"
#include "plugin_isolation/process_loader.hpp"
#include "support/temp_dir.hpp"
#include "test_plugins.hpp"

namespace {

using namespace dsrflow;
using namespace dsrflow::plugin_host;
using Clock = std::chrono::steady_clock;

std::string request(Action action) {
  ActionRequest r;
  r.action = action;
  r.requestId = "4f8a1c2e-0000-4000-8000-000000000001";
  r.taskId = "4f8a1c2e-0000-4000-8000-000000000002";
  r.requestType = RequestType::kAccess;
  r.regulation = Regulation::kGdpr;
  r.identities.push_back(
      normalizeIdentity(IdentityType::kEmail, "", IdentityFormat::kRaw, "ada@example.com").value());
  return toJson(r);
}

struct Row {
  std::string mode;
  int calls = 0;
  double totalSeconds = 0;
  double p50 = 0;
  double p99 = 0;
};

Row measure(const std::string& mode, PluginInstance& instance, const std::string& json,
            std::size_t records, int calls) {
  CollectingSink warmupSink;
  for (int i = 0; i < std::min(calls / 10, 500); ++i) {
    (void)instance.invokeJson(json, {}, warmupSink);
  }
  std::vector<double> micros;
  micros.reserve(static_cast<std::size_t>(calls));
  const auto start = Clock::now();
  for (int i = 0; i < calls; ++i) {
    CollectingSink sink;
    const auto before = Clock::now();
    auto result = instance.invokeJson(json, {}, sink);
    micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - before).count());
    if (!result || result->failed() || sink.records.size() != records) {
      std::fprintf(stderr, "%s: call %d failed: %s\n", mode.c_str(), i,
                   result ? result->reason.c_str() : result.error().message.c_str());
      std::exit(1);
    }
  }
  const double total = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(micros.begin(), micros.end());
  const auto at = [&](double q) {
    const auto index = static_cast<std::size_t>(q * static_cast<double>(micros.size()));
    return micros[std::min(micros.size() - 1, index)];
  };
  return Row{mode, calls, total, at(0.50), at(0.99)};
}

std::unique_ptr<PluginInstance> instanceOf(PluginLoader& loader,
                                           const std::filesystem::path& plugin) {
  auto loaded = loader.load(PluginSpec{plugin, ""});
  if (!loaded) {
    std::fprintf(stderr, "load failed: %s\n", loaded.error().message.c_str());
    std::exit(1);
  }
  auto created = (*loaded)->createInstance(InstanceOptions{.systemId = "bench"});
  if (!created) {
    std::fprintf(stderr, "create failed: %s\n", created.error().message.c_str());
    std::exit(1);
  }
  return std::move(created).value();
}

}  // namespace

int main(int argc, char** argv) {
  const int calls = argc > 1 ? std::atoi(argv[1]) : 10'000;
  if (calls <= 0) {
    std::fprintf(stderr, "usage: plugin_call_bench [CALLS]\n");
    return 2;
  }
  Logger::instance().configure(LogLevel::kWarn, &std::cerr);
  // A private directory: the host refuses plugins others could replace.
  testing::TempDir dir("dsrflow-plugin-bench");
  const auto plugin = dir.path() / "good.so";
  std::filesystem::copy_file(testing::kGoodPlugin, plugin);
  std::filesystem::permissions(plugin, std::filesystem::perms(0755));

  InProcessLoader inProcessLoader;
  plugin_isolation::ProcessHostOptions options;
  options.executable = DSRFLOW_BINARY;
  plugin_isolation::ProcessLoader processLoader(options);
  auto inProcess = instanceOf(inProcessLoader, plugin);
  auto outOfProcess = instanceOf(processLoader, plugin);

  const std::string trivial = request(Action::kTestConnection);
  const std::string access = request(Action::kAccess);
  std::vector<Row> rows;
  rows.push_back(measure("in_process test_connection", *inProcess, trivial, 0, calls));
  rows.push_back(measure("process test_connection", *outOfProcess, trivial, 0, calls));
  rows.push_back(measure("in_process access (3 records)", *inProcess, access, 3, calls));
  rows.push_back(measure("process access (3 records)", *outOfProcess, access, 3, calls));

  std::printf("%-32s %8s %9s %9s %9s %9s\n", "mode", "calls", "total s", "us/call", "p50 us",
              "p99 us");
  for (const Row& row : rows) {
    std::printf("%-32s %8d %9.3f %9.1f %9.1f %9.1f\n", row.mode.c_str(), row.calls,
                row.totalSeconds, row.totalSeconds * 1e6 / row.calls, row.p50, row.p99);
  }
  return 0;
}
