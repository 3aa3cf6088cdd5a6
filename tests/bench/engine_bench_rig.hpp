#pragma once
// What the engine benchmarks share: a key ring and vault, a migrated store (SQLite in a temp
// dir, or a fresh database on the test PostgreSQL server), request intake for one controller,
// and N systems served by one test plugin loaded in process from a private copy.

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "crypto/key_ring_admin.hpp"
#include "engine/request_intake.hpp"
#include "engine/system_directory.hpp"
#include "plugin_host/in_process_loader.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::bench {

struct EngineRig {
  explicit EngineRig(const std::string& name) : dir(name) {}

  testing::TempDir dir;
  std::shared_ptr<const Clock> clock = std::make_shared<SystemClock>();
  std::shared_ptr<const IdentityVault> vault;
  std::shared_ptr<Store> store;
  std::unique_ptr<RequestIntake> intake;
  plugin_host::InProcessLoader loader;
  std::shared_ptr<plugin_host::Plugin> plugin;

  //! `count` systems "system-0".. served by the rig's plugin with `configJson`.
  Result<std::vector<SystemHandle>> systems(int count, const std::string& configJson) {
    std::vector<SystemHandle> out;
    for (int i = 0; i < count; ++i) {
      plugin_host::InstanceOptions options;
      options.systemId = "system-" + std::to_string(i);
      options.configJson = configJson;
      auto instance = plugin->createInstance(options);
      if (!instance) return instance.error();
      out.push_back(
          {options.systemId, "crm", std::chrono::seconds(10), 4, std::move(instance).value()});
    }
    return out;
  }
};

//! Builds the rig; `backend` is "sqlite" or "postgresql"; `pluginFile` a built test plugin.
inline Result<std::unique_ptr<EngineRig>> makeEngineRig(const std::string& name,
                                                        const std::string& backend,
                                                        const std::filesystem::path& pluginFile) {
  auto rig = std::make_unique<EngineRig>(name);
  if (auto created = crypto::initKeyRing(rig->dir / "keys", *rig->clock); !created) {
    return created.error();
  }
  auto ring = crypto::KeyRing::load(rig->dir / "keys");
  if (!ring) return ring.error();
  rig->vault = std::make_shared<const IdentityVault>(
      std::make_shared<const crypto::KeyRing>(std::move(ring).value()));
  std::string url = "sqlite://" + (rig->dir / "bench.db").string();
  if (backend == "postgresql") url = testing::PostgresServer::shared().createDatabase(name);
  auto opened = Store::open(url);
  if (!opened) return opened.error();
  rig->store = std::move(opened).value();
  if (auto migrated = rig->store->migrate(); !migrated) return migrated.error();

  auto config = std::make_shared<config::Config>();
  config::ControllerConfig acme;
  acme.id = "acme";
  acme.name = "ACME";
  config->controllers.push_back(acme);
  auto intake = RequestIntake::create(config, rig->store, rig->vault, rig->clock);
  if (!intake) return intake.error();
  rig->intake = std::move(intake).value();

  // The host refuses plugins in directories others can write: load a private copy.
  std::filesystem::create_directories(rig->dir / "plugins");
  std::filesystem::permissions(rig->dir / "plugins", std::filesystem::perms::owner_all);
  const auto copy = rig->dir / "plugins" / pluginFile.filename();
  std::filesystem::copy_file(pluginFile, copy);
  auto loaded = rig->loader.load(plugin_host::PluginSpec{copy, ""});
  if (!loaded) return loaded.error();
  rig->plugin = std::move(loaded).value();
  return rig;
}

}  // namespace dsrflow::bench
