#pragma once
// Shared helpers of the process isolation tests: private copies of the test plugins (the host
// refuses files in directories others can write), a ProcessLoader that starts the real dsrflow
// binary as `dsrflow plugin-host`, and sample requests.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "model/identity.hpp"
#include "plugin_host/action_request.hpp"
#include "plugin_host/call_sink.hpp"
#include "plugin_host/in_process_loader.hpp"
#include "plugin_host/quarantine.hpp"
#include "plugin_isolation/process_instance.hpp"
#include "plugin_isolation/process_loader.hpp"
#include "support/email_request.hpp"
#include "support/temp_dir.hpp"
#include "test_plugins.hpp"

namespace dsrflow::plugin_isolation::testing {

namespace plugins = dsrflow::testing;
using namespace dsrflow::plugin_host;
using namespace std::chrono_literals;

inline constexpr std::uint64_t kMiB = std::uint64_t{1} << 20U;

//! A private (0700) directory holding copies of built plugins.
class PluginDir {
 public:
  PluginDir() : dir_("dsrflow-plugin-isolation") {}

  //! Copies a built plugin into the directory (mode 0755) and returns the copy's path.
  std::filesystem::path copy(const std::filesystem::path& built) {
    const auto target = dir_.path() / built.filename();
    std::filesystem::copy_file(built, target, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::permissions(target, std::filesystem::perms(0755));
    return target;
  }

  [[nodiscard]] const std::filesystem::path& path() const { return dir_.path(); }

 private:
  dsrflow::testing::TempDir dir_;
};

//! Process isolation through the built dsrflow binary, with a short grace period.
inline ProcessHostOptions testOptions(std::chrono::milliseconds grace = 300ms) {
  ProcessHostOptions options;
  options.executable = DSRFLOW_BINARY;
  options.gracePeriod = grace;
  return options;
}

//! Instance options for a system.
inline InstanceOptions instanceOptions(const std::string& systemId = "crm",
                                       const std::string& configJson = "{}",
                                       std::chrono::milliseconds timeout = 30s,
                                       std::uint64_t memoryLimit = 0) {
  return InstanceOptions{.systemId = systemId,
                         .configJson = configJson,
                         .timeout = timeout,
                         .secrets = nullptr,
                         .memoryLimit = memoryLimit};
}

//! A request for one e-mail identity.
inline ActionRequest sampleRequest(Action action, const std::string& email = "ada@example.com") {
  return dsrflow::testing::emailRequest(action, email);
}

//! The process instance behind an instance made by a ProcessPlugin.
inline ProcessInstance& processOf(PluginInstance& instance) {
  return dynamic_cast<ProcessInstance&>(instance);
}

//! True while a process with this id exists (a zombie counts).
inline bool processExists(pid_t pid) { return pid > 0 && (::kill(pid, 0) == 0 || errno != ESRCH); }

//! True when this process has no child left, running or unreaped.
inline bool noChildrenLeft() {
  int status = 0;
  return ::waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD;
}

class IsolationTest : public ::testing::Test {
 protected:
  //! Loads a plugin out of process or fails the test.
  std::shared_ptr<Plugin> load(const char* built, ProcessHostOptions options = testOptions()) {
    ProcessLoader loader(std::move(options));
    auto plugin = loader.load(PluginSpec{dir_.copy(built), ""});
    if (!plugin) {
      ADD_FAILURE() << plugin.error().message;
      return nullptr;
    }
    return *plugin;
  }

  //! Creates an instance or fails the test.
  std::unique_ptr<PluginInstance> create(Plugin& plugin, const InstanceOptions& options) {
    auto instance = plugin.createInstance(options);
    if (!instance) {
      ADD_FAILURE() << instance.error().message;
      return nullptr;
    }
    return std::move(instance).value();
  }

  //! Runs one action and returns its result, failing the test on an error.
  CallResult invoke(PluginInstance& instance, const ActionRequest& request, CallSink& sink,
                    const CallOptions& options = {}) {
    auto result = instance.invoke(request, options, sink);
    if (!result) {
      ADD_FAILURE() << result.error().message;
      return CallResult{};
    }
    return *result;
  }

  PluginDir dir_;
};

}  // namespace dsrflow::plugin_isolation::testing
