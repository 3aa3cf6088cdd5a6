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

#include "crypto/key_ring_admin.hpp"
#include "engine/request_intake.hpp"
#include "engine/workflow_engine.hpp"
#include "engine/workflow_loader.hpp"
#include "plugin_host/in_process_loader.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"
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

  dsrflow::testing::TempDir dir("dsrflow-fanout-bench");
  auto clock = std::make_shared<SystemClock>();
  if (!crypto::initKeyRing(dir / "keys", *clock)) return fail("cannot create keys");
  auto ring = crypto::KeyRing::load(dir / "keys");
  if (!ring) return fail(ring.error().message);
  auto vault = std::make_shared<const IdentityVault>(
      std::make_shared<const crypto::KeyRing>(std::move(ring).value()));
  auto opened = Store::open("sqlite://" + (dir / "bench.db").string());
  if (!opened) return fail(opened.error().message);
  std::shared_ptr<Store> store = std::move(opened).value();
  if (!store->migrate()) return fail("migration failed");

  auto config = std::make_shared<config::Config>();
  config::ControllerConfig acme;
  acme.id = "acme";
  acme.name = "ACME";
  config->controllers.push_back(acme);
  auto intake = RequestIntake::create(config, store, vault, clock);
  if (!intake) return fail(intake.error().message);

  std::filesystem::create_directories(dir / "plugins");
  std::filesystem::permissions(dir / "plugins", std::filesystem::perms::owner_all);
  const auto plugin = dir / "plugins" / "slow.so";
  std::filesystem::copy_file(dsrflow::testing::kSlowCooperativePlugin, plugin);
  plugin_host::InProcessLoader loader;
  auto loaded = loader.load(plugin_host::PluginSpec{plugin, ""});
  if (!loaded) return fail(loaded.error().message);
  std::vector<SystemHandle> systems;
  for (int i = 0; i < systemCount; ++i) {
    plugin_host::InstanceOptions options;
    options.systemId = "system-" + std::to_string(i);
    options.configJson = R"({"duration_ms": 200, "step_ms": 10})";
    auto instance = (*loaded)->createInstance(options);
    if (!instance) return fail(instance.error().message);
    systems.push_back({options.systemId, "crm", 10s, 4, std::move(instance).value()});
  }
  auto workflows = loadWorkflows(dsrflow::testing::sourceDir() / "workflows");
  if (!workflows) return fail(workflows.error().message);
  EngineOptions options;
  options.resultsDir = dir / "results";
  options.parallelTasks = parallel;
  WorkflowEngine engine(store, vault, clock, *workflows,
                        std::make_shared<const SystemDirectory>(std::move(systems)), options);

  NewRequest n;
  n.type = RequestType::kAccess;
  n.channel = Channel::kLetter;
  n.identities.push_back({IdentityType::kEmail, "", IdentityFormat::kRaw, "ada@example.com"});
  auto request = (*intake)->submit(n, {ActorType::kSystem, "bench"});
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
