#include "plugin_isolation/process_instance.hpp"

#include "log/logger.hpp"
#include "plugin_host/outcome_reader.hpp"
#include "plugin_host/plugin_json.hpp"
#include "plugin_isolation/process_plugin.hpp"
#include "plugin_isolation/process_requests.hpp"
#include "plugin_isolation/protocol.hpp"

namespace dsrflow::plugin_isolation {
namespace {

using namespace plugin_host;
using std::chrono::milliseconds;

std::string ms(milliseconds d) { return std::to_string(d.count()) + " ms"; }

// What the caller's sink made of the records of one call.
struct SinkState {
  CallSink& sink;
  std::uint64_t accepted = 0;
  std::optional<std::string> error;  // the first refusal
};

Status handleCallFrame(const Frame& frame, PluginProcess& process, SinkState& state,
                       const InstanceOptions& options) {
  if (frame.type == frame::kRecord) {
    if (state.error) return Ok{};  // the call is being stopped; later records are dropped
    Status taken = state.sink.record(frame.body);
    if (taken) {
      ++state.accepted;
      return Ok{};
    }
    state.error = taken.error().message;
    Poco::JSON::Object header = frameHeader(frame::kSinkFailed);
    header.set("message", *state.error);
    (void)process.send(encodeFrame(header));
    return Ok{};
  }
  if (frame.type == frame::kLog) {
    state.sink.log(parseLogLevel(frame.text("level")).value_or(LogLevel::kWarn), frame.body);
    return Ok{};
  }
  if (frame.type == frame::kPollLater) {
    state.sink.pollLater(
        PollRequest{TimePoint{milliseconds(frame.number("not_before_unix_ms"))}, frame.body});
    return Ok{};
  }
  if (frame.type == frame::kReadSecret) return answerSecret(frame, process, options);
  return invalidArgument("unexpected frame '" + frame.type + "' during a call");
}

}  // namespace

ProcessInstance::ProcessInstance(std::shared_ptr<ProcessPlugin> plugin,
                                 std::unique_ptr<PluginProcess> process, InstanceOptions options)
    : plugin_(std::move(plugin)), options_(std::move(options)), process_(std::move(process)) {
  pid_ = process_->pid();
}

ProcessInstance::~ProcessInstance() {
  std::lock_guard lock(mutex_);
  if (!process_) return;
  const milliseconds grace = plugin_->options().gracePeriod;
  if (!requestDestroy(*process_, std::chrono::steady_clock::now() + options_.timeout + grace)) {
    logWarn("plugin process killed: destroy did not return in time",
            {{"plugin", plugin_->info().name}, {"system", options_.systemId}});
  }
  process_->stop(grace);
}

const PluginInfo& ProcessInstance::plugin() const { return plugin_->info(); }

pid_t ProcessInstance::processId() const { return pid_.load(); }

unsigned ProcessInstance::restarts() const { return restarts_.load(); }

Result<CallResult> ProcessInstance::invokeJson(std::string_view requestJson,
                                               const CallOptions& options, CallSink& sink) {
  return call(frame::kInvoke, requestJson, options, sink);
}

Result<CallResult> ProcessInstance::onCallback(std::string_view httpRequestJson,
                                               const CallOptions& options, CallSink& sink) {
  return call(frame::kCallback, httpRequestJson, options, sink);
}

Result<CallResult> ProcessInstance::call(std::string_view type, std::string_view json,
                                         const CallOptions& options, CallSink& sink) {
  const auto started = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  Result<CallResult> result = run(type, json, options, sink);
  if (!result) return result;
  CallResult done = std::move(result).value();
  done.elapsed =
      std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - started);
  return done;
}

CallResult ProcessInstance::failed(CallFailure failure, std::string reason) const {
  // Failures the plugin process reports were logged there (its log reaches dsrflow's); these
  // are the ones decided here.
  logWarn("plugin call failed", {{"plugin", plugin_->info().name},
                                 {"system", options_.systemId},
                                 {"failure", toString(failure)},
                                 {"reason", reason}});
  return failedCall(failure, std::move(reason), true);
}

// Called with mutex_ held.
Result<CallResult> ProcessInstance::run(std::string_view type, std::string_view json,
                                        const CallOptions& options, CallSink& sink) {
  if (options.cancellation.stop_requested()) {
    return failed(CallFailure::kCancelled, "cancelled before the call started");
  }
  if (process_) {
    // One that died while idle (e.g. the kernel's out-of-memory killer) is replaced before
    // the call, which then never saw it.
    if (auto ended = process_->exited()) {
      logWarn("plugin process ended between calls", {{"plugin", plugin_->info().name},
                                                     {"system", options_.systemId},
                                                     {"pid", std::to_string(pid_.load())},
                                                     {"status", ended->describe()}});
      process_.reset();
      pid_ = -1;
    }
  }
  if (!process_) {
    auto started = plugin_->startInstance(options_);
    if (!started) {
      return failed(CallFailure::kCrashed,
                    "the plugin process could not be restarted: " + started.error().message);
    }
    process_ = std::move(started).value();
    pid_ = process_->pid();
    ++restarts_;
    logInfo("plugin process restarted", {{"plugin", plugin_->info().name},
                                         {"system", options_.systemId},
                                         {"pid", std::to_string(pid_.load())}});
  }
  // The deadline is counted from here, after any restart, as in process.
  const TimePoint now = plugin_->clock().now();
  const milliseconds timeout = options.timeout.count() > 0 ? options.timeout : options_.timeout;
  TimePoint deadline = now + timeout;
  if (options.deadline && *options.deadline < deadline) deadline = *options.deadline;
  const milliseconds wait = deadline - now;
  if (wait.count() <= 0) {
    return failed(CallFailure::kTimedOut, "the deadline passed before the call started");
  }

  Poco::JSON::Object header = frameHeader(type);
  header.set("timeout_ms", static_cast<std::int64_t>(wait.count()));
  header.set("request_id", ScopedRequestId::current());
  const milliseconds grace = plugin_->options().gracePeriod;
  SinkState state{sink};
  const ExchangeEnd end = process_->exchange(
      encodeFrame(header, json),
      ExchangeLimits{std::chrono::steady_clock::now() + wait + grace, options.cancellation, grace},
      [&](const Frame& frame, PluginProcess& process) {
        return handleCallFrame(frame, process, state, options_);
      });

  CallResult result;
  if (end.kind != ExchangeEnd::kReply) {
    result = processEnded(end, wait);
  } else if (end.reply.type == frame::kError) {
    return decodeError(end.reply);
  } else if (end.reply.type != frame::kResult) {
    process_->stop(milliseconds(0));
    process_.reset();
    pid_ = -1;
    result = failed(CallFailure::kCrashed,
                    "the plugin process answered '" + end.reply.type + "' to a call");
  } else if (auto read = readCallResult(end.reply.body); !read) {
    process_->stop(milliseconds(0));
    process_.reset();
    pid_ = -1;
    result = failed(CallFailure::kCrashed,
                    "the plugin process sent an unreadable result: " + read.error().message);
  } else {
    result = std::move(read).value();
    if (end.reply.flag("restart")) {
      // Its host gave up on a call that still runs there: start afresh on the next call.
      process_->stop(grace);
      process_.reset();
      pid_ = -1;
    }
  }
  // The caller's sink is the judge of what it took, wherever the plugin ran.
  if (state.error && result.failure != CallFailure::kSinkFailed) {
    result = failed(CallFailure::kSinkFailed, "the host could not take a record: " + *state.error);
  }
  result.recordsAccepted = state.accepted;
  return result;
}

CallResult ProcessInstance::processEnded(const ExchangeEnd& end, milliseconds wait) {
  logWarn("plugin process ended during a call; the next call starts a new one",
          {{"plugin", plugin_->info().name},
           {"system", options_.systemId},
           {"pid", std::to_string(pid_.load())},
           {"status", end.exit.describe()}});
  process_.reset();
  pid_ = -1;
  const std::string grace = ms(plugin_->options().gracePeriod);
  switch (end.kind) {
    case ExchangeEnd::kKilled:
      if (end.cancelled) {
        return failed(CallFailure::kCancelled,
                      "cancelled; the plugin did not stop within the grace period of " + grace +
                          ", so its process was killed");
      }
      return failed(CallFailure::kTimedOut,
                    "timed out after " + ms(wait) +
                        "; the plugin did not stop within the grace period of " + grace +
                        ", so its process was killed");
    case ExchangeEnd::kBroken:
      return failed(CallFailure::kCrashed,
                    "the plugin process broke the protocol (" + end.problem + ") and was killed");
    default:
      return failed(CallFailure::kCrashed, describeExit(end, plugin_->memoryLimit(options_)));
  }
}

}  // namespace dsrflow::plugin_isolation
