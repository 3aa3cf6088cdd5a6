// Fan-out benchmark: one access request reaching N systems whose connector takes 200 ms each
// (the slow_cooperative test plugin, in process), run by the workflow engine on SQLite. The
// issue's goal: the whole fan-out within 1.3 x 200 ms. Prints one table; not run by ctest.
//
//   fanout_bench [SYSTEMS=50] [PARALLEL=64]

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include "engine/workflow_engine.hpp"
#include "engine/workflow_loader.hpp"
#include "engine_bench_rig.hpp"
#include "support/fixtures.hpp"
#include "test_plugins.hpp"

using namespace dsrflow;
using namespace std::chrono_literals;

namespace {

int fail(const std::string& what) {
  std::cerr << "fanout_bench: " << what << '\n';
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const int systemCount = argc > 1 ? std::stoi(argv[1]) : 50;
  const std::size_t parallel = argc > 2 ? std::stoul(argv[2]) : 64;
  Logger::instance().configure(LogLevel::kWarn, nullptr);

  auto rig =
      bench::makeEngineRig("fanout_bench", "sqlite", dsrflow::testing::kSlowCooperativePlugin);
  if (!rig) return fail(rig.error().message);
  auto systems = (*rig)->systems(systemCount, R"({"duration_ms": 200, "step_ms": 10})");
  if (!systems) return fail(systems.error().message);
  auto& dir = (*rig)->dir;
  auto& store = (*rig)->store;
  auto& vault = (*rig)->vault;
  auto& clock = (*rig)->clock;
  auto& intake = (*rig)->intake;
  auto workflows = loadWorkflows(dsrflow::testing::sourceDir() / "workflows");
  if (!workflows) return fail(workflows.error().message);
  EngineOptions options;
  options.resultsDir = dir / "results";
  options.parallelTasks = parallel;
  WorkflowEngine engine(store, vault, clock, *workflows,
                        std::make_shared<const SystemDirectory>(std::move(systems).value()),
                        options);

  NewRequest n;
  n.type = RequestType::kAccess;
  n.channel = Channel::kLetter;
  n.identities.push_back({IdentityType::kEmail, "", IdentityFormat::kRaw, "ada@example.com"});
  auto request = intake->submit(n, {ActorType::kSystem, "bench"});
  if (!request) return fail(request.error().message);
  if (!engine.runUntilIdle()) return fail("advance failed");
  const auto start = std::chrono::steady_clock::now();
  if (!engine.attestIdentity(request->id, {ActorType::kSystem, "bench"}, "bench")) {
    return fail("attest failed");
  }
  if (!engine.runUntilIdle()) return fail("run failed");
  const auto took =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  auto after =
      store->readValue<Request>([&](StoreTx& tx) { return tx.requests().get(request->id); });
  std::printf("%-8s %-9s %-12s %-10s %-8s %s\n", "systems", "parallel", "connector_ms", "total_ms",
              "ratio", "status");
  std::printf("%-8d %-9zu %-12d %-10.0f %-8.2f %s\n", systemCount, parallel, 200, took,
              took / 200.0, after ? std::string(toString(after->status)).c_str() : "?");
  return 0;
}
