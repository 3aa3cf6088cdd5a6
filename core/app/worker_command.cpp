#include <signal.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "app/command.hpp"
#include "app/command_support.hpp"
#include "app/engine_factory.hpp"
#include "app/runtime.hpp"

namespace dsrflow::app {
namespace {

int worker(CommandContext& ctx, const Arguments& args) {
  auto config = loadConfigOrReport(ctx);
  if (!config) return kExitUsage;
  applyLogging(*config);
  auto runtime = openRuntime(ctx, "worker", config);
  if (!runtime) return kExitFailure;
  auto parts = buildEngine(*runtime);
  if (!parts) {
    ctx.err << "dsrflow worker: " << parts.error().message << '\n';
    return kExitUsage;
  }
  if (args.flag("--once")) {
    if (auto s = runUpkeep(*parts); !s) {
      ctx.err << "dsrflow worker: " << s.error().message << '\n';
      return kExitFailure;
    }
    if (auto s = parts->engine->runUntilIdle(); !s) {
      ctx.err << "dsrflow worker: " << s.error().message << '\n';
      return kExitFailure;
    }
    return kExitOk;
  }
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::atomic<bool> stop{false};
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&set, &signal);
    stop = true;
  });
  while (!stop) {
    if (auto s = runUpkeep(*parts); !s) {
      logError("upkeep failed", {{"error", s.error().message}});
    }
    if (auto s = parts->engine->runUntilIdle(); !s) {
      logError("worker round failed", {{"error", s.error().message}});
    }
    for (int i = 0; i < 10 && !stop; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  waiter.join();
  return kExitOk;
}

}  // namespace

Command workerCommand() {
  return {"worker",
          "run the workflow engine: advance requests and run their tasks",
          "usage: dsrflow [--config FILE] worker [--once]\n\n"
          "Advances every request as far as it can go and runs the tasks that are due, through\n"
          "the configured systems' plugins, until SIGINT or SIGTERM. --once stops as soon as\n"
          "nothing is runnable (for scripts and tests). `dsrflow serve` runs the same engine.\n",
          {.flags = {"--once"}},
          worker};
}

}  // namespace dsrflow::app
