#include <signal.h>

#include <atomic>
#include <charconv>
#include <thread>

#include "app/command.hpp"
#include "app/command_support.hpp"
#include "app/engine_factory.hpp"
#include "app/runtime.hpp"
#include "app/store_status_provider.hpp"
#include "http/health_handlers.hpp"
#include "http/http_server.hpp"
#include "http/status_page_handler.hpp"

namespace dsrflow::app {
namespace {

// Blocks SIGINT/SIGTERM in every thread (call before any thread starts) and waits for one.
class TerminationSignals {
 public:
  TerminationSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
  }
  int wait() const {
    int signal = 0;
    sigwait(&set_, &signal);
    return signal;
  }

 private:
  sigset_t set_{};
};

int serve(CommandContext& ctx, const Arguments& args) {
  auto config = loadConfigOrReport(ctx);
  if (!config) return kExitUsage;
  applyLogging(*config);
  http::ServerOptions options;
  options.host = config->server.host;
  options.port = config->server.port;
  if (auto port = args.value("--port")) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port->data(), port->data() + port->size(), value);
    if (ec != std::errc() || end != port->data() + port->size() || value > 65535) {
      ctx.err << "dsrflow serve: --port expects a number from 0 to 65535\n";
      return kExitUsage;
    }
    options.port = static_cast<std::uint16_t>(value);
  }
  config::ServerRole role = config->server.role;
  if (auto value = args.value("--role")) {
    auto parsed = config::parseServerRole(*value);
    if (!parsed) {
      ctx.err << "dsrflow serve: --role expects api, worker or both\n";
      return kExitUsage;
    }
    role = *parsed;
  }
  TerminationSignals signals;
  auto runtime = openRuntime(ctx, "serve", config);
  if (!runtime) return kExitFailure;
  std::shared_ptr<Store> store = runtime->store;
  auto parts = buildEngine(*runtime);
  if (!parts) {
    ctx.err << "dsrflow serve: " << parts.error().message << '\n';
    return kExitUsage;
  }

  auto status = std::make_shared<StoreStatusProvider>(config, store, runtime->clock);
  auto router = std::make_shared<http::Router>();
  router->add("GET", "/healthz", http::makeFactory<http::HealthHandler>());
  router->add("GET", "/readyz",
              http::makeFactory<http::ReadinessHandler>(
                  std::shared_ptr<const http::StatusProvider>(status)));
  // A worker answers health checks only; the pages and the API belong to the api role.
  if (role != config::ServerRole::kWorker) {
    for (const char* path : {"/", "/status"}) {
      router->add("GET", path,
                  http::makeFactory<http::StatusPageHandler>(
                      std::shared_ptr<const http::StatusProvider>(status)));
    }
  }

  options.maxThreads = config->server.maxThreads;
  options.maxQueued = config->server.maxQueued;
  http::HttpServer server(options, router);
  server.start();
  const std::string url = "http://" + options.host + ":" + std::to_string(server.port()) + "/";
  logInfo("dsrflow started",
          {{"url", url}, {"store", toString(store->backend())}, {"role", config::toString(role)}});
  ctx.out << "dsrflow is running at " << url << '\n' << std::flush;

  // The engine works in the background: requests advance and tasks run while the server
  // answers.
  std::atomic<bool> stopping{false};
  std::thread engine([&] {
    while (!stopping && role != config::ServerRole::kApi) {
      if (auto s = runUpkeep(*parts); !s) {
        logError("upkeep failed", {{"error", s.error().message}});
      }
      if (auto s = parts->engine->runUntilIdle(); !s) {
        logError("engine round failed", {{"error", s.error().message}});
      }
      for (int i = 0; i < 10 && !stopping; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
  });

  const int signal = signals.wait();
  logInfo("stopping", {{"signal", signal == SIGINT ? "SIGINT" : "SIGTERM"}});
  server.stop();
  stopping = true;
  engine.join();
  return kExitOk;
}

}  // namespace

Command serveCommand() {
  return {"serve",
          "run the HTTP server",
          "usage: dsrflow [--config FILE] serve [--port N] [--role api|worker|both]\n\n"
          "Loads the configuration and key ring, opens the store (applying pending migrations\n"
          "unless store.migrate_on_start is false), and serves HTTP until SIGINT or SIGTERM:\n"
          "  /          status page (JSON with Accept: application/json)\n"
          "  /healthz   liveness\n"
          "  /readyz    readiness (the store answers)\n"
          "--port overrides server.port (0 picks a free port).\n"
          "--role overrides server.role: `api` serves HTTP and runs no tasks, `worker` runs the\n"
          "workflow engine and answers only /healthz and /readyz, `both` (the default) does\n"
          "both. Any number of processes may share a PostgreSQL store; they divide the tasks\n"
          "between them through leases in the database.\n",
          {.valueOptions = {"--port", "--role"}},
          serve};
}

}  // namespace dsrflow::app
