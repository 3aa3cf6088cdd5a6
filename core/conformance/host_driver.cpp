#include "conformance/host_driver.hpp"

#include <map>
#include <utility>

#include "plugin_host/call_sink.hpp"
#include "plugin_host/in_process_loader.hpp"
#include "plugin_host/json_schema.hpp"
#include "plugin_host/plugin_file.hpp"
#include "plugin_host/plugin_loader.hpp"
#include "plugin_host/plugin_schema.hpp"

namespace dsrflow::conformance {
namespace {

namespace ph = plugin_host;

// The host's refusals start with "plugin '<path>' refused: "; the report names the file once.
std::string withoutPathPrefix(const std::string& message, const std::filesystem::path& path) {
  const std::string prefix = "plugin '" + path.string() + "' refused: ";
  return message.rfind(prefix, 0) == 0 ? message.substr(prefix.size()) : message;
}

std::string problemOf(const Status& status) {
  return status ? std::string() : status.error().message;
}

const ph::JsonSchema& shapeSchema(Shape shape) {
  const ph::PluginSchema& schema = ph::PluginSchema::instance();
  switch (shape) {
    case Shape::manifest:
      return schema.manifest();
    case Shape::record:
      return schema.record();
    case Shape::outcome:
      return schema.outcome();
    case Shape::actionRequest:
      break;
  }
  return schema.actionRequest();
}

// The words dsrflow's host uses when a plugin returns DSRFLOW_ERROR without set_error
// (host_call.cpp); the kit reports that case as an error without a reason.
constexpr std::string_view kNoReason = "the plugin failed without a reason";

// `hung`: the call did not stop within the grace period (the in-process host quarantines the
// plugin, process isolation kills its process).
void fillFromResult(const ph::CallResult& result, bool hung, CallReport& report) {
  switch (result.failure) {
    case ph::CallFailure::kNone:
      if (result.hasOutcome) {
        report.end = CallEnd::outcome;
        report.outcomeJson = result.outcomeJson;
      } else {
        report.end = CallEnd::invalidOutcome;
        report.detail = "no outcome";
      }
      return;
    case ph::CallFailure::kPluginError:
      report.end = CallEnd::error;
      report.error = result.reason == kNoReason ? std::string() : result.reason;
      report.retryable = result.retryable;
      return;
    case ph::CallFailure::kCancelled:
    case ph::CallFailure::kTimedOut:
      report.end = hung ? CallEnd::hung : CallEnd::stopped;
      report.detail = result.reason;
      return;
    case ph::CallFailure::kInvalidOutcome:
      report.end = CallEnd::invalidOutcome;
      report.detail = result.reason;
      return;
    case ph::CallFailure::kQuarantined:
      report.end = CallEnd::refused;
      report.detail = result.reason;
      return;
    case ph::CallFailure::kCrashed:
      report.end = CallEnd::crashed;
      report.detail = result.reason;
      return;
    case ph::CallFailure::kAbiViolation:
    case ph::CallFailure::kSinkFailed:
      report.end = CallEnd::abiViolation;
      report.detail = result.reason;
      return;
  }
}

}  // namespace

HostDriver::HostDriver(HostDriverOptions options, Settings settings)
    : options_(std::move(options)), settings_(std::move(settings)) {
  if (!options_.secrets) {
    std::map<ph::MapSecretStore::Key, std::string> secrets;
    for (const auto& [name, value] : settings_.secrets) {
      secrets[{options_.systemId, name}] = value;
    }
    options_.secrets = std::make_shared<ph::MapSecretStore>(
        std::move(secrets), std::make_shared<ph::EnvironmentSecretStore>());
  }
}

HostDriver::~HostDriver() = default;

const PluginFacts& HostDriver::describe() {
  if (described_) return facts_;
  described_ = true;
  auto file = ph::openPluginFile(options_.path, options_.sha256);
  if (!file) {
    facts_.loadError = "the host refuses the file: " + file.error().message;
    return facts_;
  }
  auto library = ph::PluginLibrary::load(std::move(file).value(), options_.path);
  if (!library) {
    facts_.loadError = withoutPathPrefix(library.error().message, options_.path);
    return facts_;
  }
  library_ = *library;
  facts_ = readDescriptor(library_->descriptor());
  return facts_;
}

std::string HostDriver::validate(Shape shape, std::string_view json) {
  auto parsed = shapeSchema(shape).parseAndValidate(json);
  return parsed ? std::string() : parsed.error().message;
}

std::string HostDriver::checkSchema(std::string_view schemaJson) {
  auto schema = ph::JsonSchema::compile(schemaJson);
  return schema ? std::string() : schema.error().message;
}

std::string HostDriver::validateAgainst(std::string_view schemaJson, std::string_view json) {
  auto schema = ph::JsonSchema::compile(schemaJson);
  if (!schema) return "the schema is not usable: " + schema.error().message;
  auto value = ph::parseJson(json);
  if (!value) return value.error().message;
  return problemOf(schema->validate(*value));
}

std::string HostDriver::create(std::string_view configJson) {
  if (std::string problem = destroy(); !problem.empty()) return problem;
  if (!plugin_) {
    if (!options_.loader) {
      ph::HostOptions host;
      host.gracePeriod = settings_.stopBound;
      options_.loader = std::make_shared<ph::InProcessLoader>(host);
    }
    auto plugin = options_.loader->load(ph::PluginSpec{options_.path, options_.sha256});
    if (!plugin) {
      return "the host refuses the plugin: " +
             withoutPathPrefix(plugin.error().message, options_.path);
    }
    plugin_ = *plugin;
  }
  ph::InstanceOptions instance;
  instance.systemId = options_.systemId;
  instance.configJson = std::string(configJson);
  instance.timeout = settings_.callTimeout;
  instance.secrets = options_.secrets;
  instance.memoryLimit = options_.memoryLimit;
  auto created = plugin_->createInstance(instance);
  if (!created) return created.error().message;
  instance_ = std::move(created).value();
  return {};
}

CallReport HostDriver::invoke(std::string_view requestJson, std::chrono::milliseconds timeout) {
  CallReport report;
  if (!instance_) {
    report.detail = "no instance";
    return report;
  }
  ph::CollectingSink sink;
  ph::CallOptions options;
  options.timeout = timeout;
  const auto started = std::chrono::steady_clock::now();
  auto result = instance_->invokeJson(requestJson, options, sink);
  report.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  if (!result) {
    report.detail = result.error().message;
    return report;
  }
  report.records = std::move(sink.records);
  report.recordsRefused = result->recordsRefused;
  // In process, a call that did not stop within the grace period quarantines the plugin; in a
  // plugin process, it is killed at the end of the grace period.
  const bool hung = plugin_->quarantined() || report.elapsed >= timeout + settings_.stopBound;
  fillFromResult(*result, hung, report);
  return report;
}

std::string HostDriver::destroy() {
  if (!instance_) return {};
  const bool quarantined = plugin_->quarantined();
  instance_.reset();  // bounded by the call timeout; skipped for a quarantined plugin
  if (!quarantined && plugin_->quarantined()) {
    return "destroy did not return in time: " + plugin_->quarantineReason();
  }
  return {};
}

}  // namespace dsrflow::conformance
