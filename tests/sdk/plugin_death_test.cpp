// The test plugins that take their process down, each run in a forked child (gtest death
// tests), to prove they fail the way their names promise.
#include "dsrflow/plugin.h"
#include "sdk/support/fake_host.hpp"
#include "test_plugins.hpp"

#include <dlfcn.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <string>

namespace dsrflow::testing {
namespace {

// Loads `path`, creates an instance from `config` and invokes access; returns only if the
// plugin does.
void runAccess(const char* path, const std::string& config, bool cancelled = false) {
  void* library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) return;
  auto entry = reinterpret_cast<dsrflow_plugin_entry_fn>(dlsym(library, "dsrflow_plugin_entry"));
  const dsrflow_plugin_descriptor* d = entry();
  FakeHost host;
  host.cancelled = cancelled;
  dsrflow_instance* instance =
      d->create(host.services(), host.call(), {config.data(), config.size()});
  std::string request = R"({"action":"access","request_id":"r","task_id":"t","identities":[]})";
  d->invoke(instance, host.call(), {request.data(), request.size()});
}

// The process's current address-space size, from /proc/self/statm (pages).
rlim_t addressSpaceBytes() {
  unsigned long pages = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%lu", &pages) != 1) pages = 0;
    std::fclose(f);
  }
  return static_cast<rlim_t>(pages) * static_cast<rlim_t>(sysconf(_SC_PAGESIZE));
}

TEST(PluginDeathTest, CrashSegvDiesOfSegmentationFault) {
  EXPECT_EXIT(runAccess(kCrashSegvPlugin, "{}"), ::testing::KilledBySignal(SIGSEGV), "");
}

TEST(PluginDeathTest, AbortAborts) {
  EXPECT_EXIT(runAccess(kAbortPlugin, "{}"), ::testing::KilledBySignal(SIGABRT), "");
}

TEST(PluginDeathTest, HangIgnoresCancellation) {
  // Asked to stop from the start, it is still running when the alarm fires a second later.
  EXPECT_EXIT(
      {
        alarm(1);
        runAccess(kHangPlugin, "{}", true);
      },
      ::testing::KilledBySignal(SIGALRM), "");
}

TEST(PluginDeathTest, OomDiesWhenMemoryRunsOut) {
  EXPECT_EXIT(
      {
        rlimit limit{};
        limit.rlim_cur = limit.rlim_max = addressSpaceBytes() + (rlim_t{256} << 20);
        setrlimit(RLIMIT_AS, &limit);
        runAccess(kOomPlugin, R"({"max_mb": 4096})");
      },
      ::testing::KilledBySignal(SIGABRT), "");
  // Without a limit it stops itself at max_mb.
  EXPECT_EXIT(runAccess(kOomPlugin, R"({"max_mb": 128})"), ::testing::KilledBySignal(SIGABRT), "");
}

}  // namespace
}  // namespace dsrflow::testing
