#pragma once
// Shared helpers of the plugin host tests: private copies of the test plugins (the host refuses
// files in directories others can write, and the build tree is not guaranteed to be private),
// loaders with a short grace period, and sample requests. The plugins are the shared fault
// plugins of tests/plugins (test_plugins.hpp, namespace `plugins` here) and the host's own
// scripted one (host_test_plugins.hpp).

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "host_test_plugins.hpp"
#include "model/identity.hpp"
#include "plugin_host/action_request.hpp"
#include "plugin_host/in_process_loader.hpp"
#include "plugin_host/quarantine.hpp"
#include "support/email_request.hpp"
#include "support/temp_dir.hpp"
#include "test_plugins.hpp"

namespace dsrflow::plugin_host {

namespace plugins = dsrflow::testing;

namespace testing {

//! A private (0700) directory holding copies of built plugins.
class PluginDir {
 public:
  PluginDir() : dir_("dsrflow-plugin-host") {}

  //! Copies a built plugin into the directory (mode 0755) and returns the copy's path. An
  //! existing file is replaced by rename, never rewritten in place: it may be loaded, and
  //! rewriting a loaded library crashes the process that has it mapped.
  std::filesystem::path copy(const std::filesystem::path& built, const std::string& name = "") {
    const auto target = dir_.path() / (name.empty() ? built.filename().string() : name);
    const auto staging = target.string() + ".new";
    std::filesystem::copy_file(built, staging, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::permissions(staging, std::filesystem::perms(0755));
    std::filesystem::rename(staging, target);
    return target;
  }

  [[nodiscard]] const std::filesystem::path& path() const { return dir_.path(); }

 private:
  dsrflow::testing::TempDir dir_;
};

//! A quarantine list of the test's own. Deliberately never destroyed: a plugin left hanging
//! keeps running until the test process exits.
inline Quarantine& isolatedQuarantine() { return *new Quarantine(); }  // NOLINT

//! Host options with a short grace period and a quarantine list of the test's own.
inline HostOptions testHost(std::shared_ptr<const Clock> clock = nullptr) {
  HostOptions options;
  options.clock = std::move(clock);
  options.gracePeriod = std::chrono::milliseconds(300);
  options.quarantine = &isolatedQuarantine();
  return options;
}

//! Loads a plugin or fails the test.
inline std::shared_ptr<Plugin> loadPlugin(InProcessLoader& loader,
                                          const std::filesystem::path& path) {
  auto plugin = loader.load(PluginSpec{path, ""});
  if (!plugin) {
    ADD_FAILURE() << plugin.error().message;
    return nullptr;
  }
  return *plugin;
}

//! The scripted plugin's config for one behaviour.
inline std::string scripted(const std::string& behaviour) {
  return R"({"behaviour": ")" + behaviour + R"("})";
}

//! Instance options for a system "crm".
inline InstanceOptions instanceOptions(
    const std::string& configJson = "{}",
    std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
  return InstanceOptions{.systemId = "crm", .configJson = configJson, .timeout = timeout};
}

//! A request for one e-mail identity.
inline ActionRequest sampleRequest(Action action, const std::string& email = "a@example.org") {
  return dsrflow::testing::emailRequest(action, email);
}

}  // namespace testing
}  // namespace dsrflow::plugin_host
