// dsrflow plugin check: the conformance kit's checks through dsrflow's own plugin host, each in a
// child process of its own so that a plugin that crashes or hangs fails one check, not the
// command.
#include <dsrflow/conformance/isolated_runner.hpp>
#include <dsrflow/conformance/report.hpp>
#include <dsrflow/json.hpp>

#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/command.hpp"
#include "app/command_support.hpp"
#include "app/identity_options.hpp"
#include "conformance/host_driver.hpp"
#include "log/logger.hpp"
#include "model/identity.hpp"
#include "plugin_isolation/process_loader.hpp"

namespace dsrflow::app {
namespace {

namespace json = sdk::json;
using conformance::CheckResult;
using conformance::HostDriver;
using conformance::HostDriverOptions;
using conformance::Settings;

constexpr const char* kUsage =
    "usage: dsrflow plugin check PLUGIN [options]\n"
    "       dsrflow plugin check --system ID [options]\n"
    "       dsrflow plugin check --list\n\n"
    "Runs the conformance checks against a connector plugin through dsrflow's plugin host\n"
    "(file checks, descriptor checks, schema validation, timeouts), each check in a child\n"
    "process of its own, and prints one row per check: pass, FAIL or skip, with the reason.\n"
    "The erase_twice check really erases the subject: point it at a test system.\n\n"
    "options:\n"
    "  --system ID            the plugin, pin, config and timeout of a configured system\n"
    "                         (from the --config file)\n"
    "  --plugin-config FILE   the system's config block, as a JSON file (default {})\n"
    "  --config-json JSON     the same, inline\n"
    "  --sha256 HEX           the file's digest must be this\n"
    "  --isolation MODE       in_process (default; each check still runs in a child of its\n"
    "                         own) or process (the plugin in a `dsrflow plugin-host` child, as\n"
    "                         with `isolation: process`)\n"
    "  --check ID             run only this check (repeatable; see --list)\n"
    "  --timeout MS           each call's timeout (default 10000, or the system's)\n"
    "  --stop-bound MS        how long a plugin may take to stop once told (default 2000)\n"
    "  --memory-limit MB      address space a check (or with --isolation process, the\n"
    "                         plugin process) may use beyond its start (default 1024; 0: none)\n"
    "  --verbose              show the host's log lines\n"
    "  --list                 list the checks and what they mean\n"
    "a subject the system knows (optional; checks use an unknown one besides):\n"
    "  --email ADDRESS  --phone NUMBER  --customer-id ID   (each may repeat)\n"
    "  --identity TYPE[:SUBTYPE][/FORMAT]=VALUE\n\n"
    "Exit code 0 when every check passed or was skipped, 1 when one failed, 2 on usage errors.\n";

// A positive number of milliseconds (or megabytes) from an option; false when malformed.
bool readNumber(const Arguments& args, const std::string& name, std::int64_t& out,
                std::int64_t minimum) {
  const std::optional<std::string> text = args.value(name);
  if (!text) return true;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < minimum) return false;
  out = value;
  return true;
}

// The subject's identities as the ABI's JSON array; kInvalidArgument naming the option.
Result<std::string> subjectJson(const Arguments& args) {
  auto submitted = submittedIdentities(args);
  if (!submitted) return submitted.error();
  json::Value identities = json::Value::array();
  for (const SubmittedIdentity& s : *submitted) {
    auto identity = normalizeIdentity(s.type, s.subtype, s.format, s.value);
    if (!identity) return identity.error();
    json::Value item = json::Value::object({{"type", std::string(toString(identity->type))},
                                            {"format", std::string(toString(identity->format))},
                                            {"value", identity->value}});
    if (!identity->subtype.empty()) item.set("subtype", identity->subtype);
    identities.push(std::move(item));
  }
  return identities.size() == 0 ? std::string() : json::write(identities);
}

Result<std::string> pluginConfig(const Arguments& args) {
  std::string text = args.value("--config-json").value_or("{}");
  if (auto file = args.value("--plugin-config")) {
    std::ifstream in(*file);
    if (!in) return invalidArgument("--plugin-config: cannot read " + *file);
    std::ostringstream content;
    content << in.rdbuf();
    text = content.str();
  }
  std::string error;
  std::optional<json::Value> config = json::tryParse(text, &error);
  if (!config || !config->isObject()) {
    return invalidArgument("the plugin config is not a JSON object" +
                           (error.empty() ? std::string() : ": " + error));
  }
  return text;
}

int usageError(CommandContext& ctx, const std::string& message) {
  ctx.err << "dsrflow plugin check: " << message << "\n\n" << kUsage;
  return kExitUsage;
}

int listChecks(CommandContext& ctx) {
  for (const conformance::CheckSpec& check : conformance::checkList()) {
    ctx.out << conformance::detail::padded(check.id, 14) << check.meaning << '\n';
  }
  return kExitOk;
}

int run(CommandContext& ctx, const Arguments& args) {
  if (args.flag("--list")) return listChecks(ctx);
  const std::optional<std::string> systemId = args.value("--system");
  if (args.positional().empty() == !systemId) {
    return usageError(ctx, "name either a PLUGIN file or a --system");
  }
  if (args.value("--plugin-config") && args.value("--config-json")) {
    return usageError(ctx, "--plugin-config and --config-json exclude each other");
  }
  for (const std::string& id : args.values("--check")) {
    if (conformance::findCheck(id) == nullptr) {
      return usageError(ctx, "unknown check '" + id + "' (see --list)");
    }
  }

  Settings settings;
  HostDriverOptions host;
  config::Isolation isolation = config::Isolation::kInProcess;
  const bool configGiven = args.value("--plugin-config") || args.value("--config-json");
  if (systemId) {
    auto config = loadConfigOrReport(ctx);
    if (!config) return kExitUsage;
    const config::SystemConfig* system = config->system(*systemId);
    if (system == nullptr) return usageError(ctx, "no system '" + *systemId + "' is configured");
    host.path = system->plugin;
    host.sha256 = system->sha256;
    host.systemId = system->id;
    settings.configJson = system->pluginConfigJson;
    settings.callTimeout = system->timeout;
    isolation = system->isolation;
    host.memoryLimit = system->memoryLimit;
  } else {
    host.path = args.positional().front();
  }
  if (configGiven || !systemId) {
    auto config = pluginConfig(args);
    if (!config) return usageError(ctx, config.error().message);
    settings.configJson = *config;
  }
  if (auto pin = args.value("--sha256")) host.sha256 = *pin;
  if (auto mode = args.value("--isolation")) {
    if (*mode != "in_process" && *mode != "process") {
      return usageError(ctx, "--isolation is in_process or process");
    }
    isolation = *mode == "process" ? config::Isolation::kProcess : config::Isolation::kInProcess;
  }
  std::int64_t timeout = settings.callTimeout.count();
  std::int64_t stopBound = settings.stopBound.count();
  auto memory = static_cast<std::int64_t>(settings.memoryLimitMb);
  if (!readNumber(args, "--timeout", timeout, 1) ||
      !readNumber(args, "--stop-bound", stopBound, 1) ||
      !readNumber(args, "--memory-limit", memory, 0)) {
    return usageError(ctx,
                      "--timeout and --stop-bound take milliseconds above 0, "
                      "--memory-limit megabytes");
  }
  settings.callTimeout = std::chrono::milliseconds(timeout);
  settings.stopBound = std::chrono::milliseconds(stopBound);
  settings.memoryLimitMb = static_cast<std::size_t>(memory);
  if (isolation == config::Isolation::kProcess) {
    // The plugin process gets the memory limit; the check's own process needs none.
    plugin_isolation::ProcessHostOptions process;
    process.gracePeriod = settings.stopBound;
    host.loader = plugin_isolation::makeProcessLoader(process);
    if (args.value("--memory-limit") || host.memoryLimit == 0) {
      host.memoryLimit = static_cast<std::uint64_t>(memory) << 20U;
    }
    settings.memoryLimitMb = 0;
  }
  auto subject = subjectJson(args);
  if (!subject) return usageError(ctx, subject.error().message);
  settings.subjectJson = *subject;

  // The host's own log lines (a plugin call failed, ...) say what the table says already.
  Logger::instance().configure(args.flag("--verbose") ? LogLevel::kDebug : LogLevel::kError,
                               &std::cerr);
  ctx.out << "dsrflow plugin check: " << host.path.string() << '\n'
          << conformance::formatHeader() << std::flush;
  const auto results = conformance::runChecks(
      [host, settings] { return std::make_unique<HostDriver>(host, settings); }, settings,
      args.values("--check"),
      [&](const CheckResult& r) { ctx.out << conformance::formatRow(r) << std::flush; });
  ctx.out << conformance::formatSummary(results);
  return conformance::allPassed(results) ? kExitOk : kExitFailure;
}

}  // namespace

Command pluginCheckCommand() {
  return {"plugin check",
          "run the conformance checks against a connector plugin",
          kUsage,
          {.valueOptions = withIdentityOptions({"--system", "--plugin-config", "--config-json",
                                                "--sha256", "--isolation", "--check", "--timeout",
                                                "--stop-bound", "--memory-limit"}),
           .flags = {"--list", "--verbose"},
           .maxPositional = 1},
          run};
}

}  // namespace dsrflow::app
