#include "plugin_host/in_process_instance.hpp"

#include <Poco/JSON/Object.h>

#include <algorithm>

#include "log/logger.hpp"
#include "plugin_host/guarded_run.hpp"
#include "plugin_host/host_services.hpp"
#include "plugin_host/in_process_plugin.hpp"
#include "plugin_host/outcome_reader.hpp"
#include "plugin_host/plugin_schema.hpp"

namespace dsrflow::plugin_host {
namespace {

using std::chrono::milliseconds;

std::string ms(milliseconds d) { return std::to_string(d.count()) + " ms"; }

}  // namespace

InProcessInstance::InProcessInstance(std::shared_ptr<InProcessPlugin> plugin,
                                     std::shared_ptr<NativeInstance> native,
                                     InstanceOptions options)
    : plugin_(std::move(plugin)), native_(std::move(native)), options_(std::move(options)) {}

InProcessInstance::~InProcessInstance() {
  std::lock_guard lock(callMutex_);
  if (plugin_->quarantined()) {
    logWarn("plugin instance left undestroyed: the plugin is quarantined",
            {{"plugin", plugin_->info().name}, {"system", options_.systemId}});
    return;
  }
  auto body = [native = native_] { native->library->descriptor()->destroy(native->handle); };
  const RunEnd end =
      runGuarded(body, RunLimits{options_.timeout, plugin_->gracePeriod(), {}}, [](StopCause) {});
  if (end.kind == RunEnd::kAbandoned) {
    plugin_->quarantine("destroy for system '" + options_.systemId + "' did not return within " +
                        ms(options_.timeout));
  } else if (end.kind == RunEnd::kNotStarted) {
    // Without a thread the bound cannot be kept; destroying inline is still better than a leak.
    native_->library->descriptor()->destroy(native_->handle);
  }
}

const PluginInfo& InProcessInstance::plugin() const { return plugin_->info(); }

Result<CallResult> InProcessInstance::invokeJson(std::string_view requestJson,
                                                 const CallOptions& options, CallSink& sink) {
  return call(CallKind::kInvoke, requestJson, options, sink);
}

Result<CallResult> InProcessInstance::onCallback(std::string_view httpRequestJson,
                                                 const CallOptions& options, CallSink& sink) {
  return call(CallKind::kCallback, httpRequestJson, options, sink);
}

Result<CallResult> InProcessInstance::call(CallKind kind, std::string_view json,
                                           const CallOptions& options, CallSink& sink) {
  const PluginInfo& info = plugin_->info();
  // The caller's mistakes are errors, checked before anything runs.
  if (kind == CallKind::kInvoke) {
    auto request = PluginSchema::instance().actionRequest().parseAndValidate(json);
    if (!request) {
      return invalidArgument("action request does not match the schema: " +
                             request.error().message);
    }
    const auto object = request->extract<Poco::JSON::Object::Ptr>();
    const auto action = parseAction(object->getValue<std::string>("action"));
    if (!action || !info.supports(*action)) {
      return invalidArgument("plugin " + info.name + " does not support action '" +
                             object->getValue<std::string>("action") + "'");
    }
  } else {
    if (!info.handlesCallbacks) {
      return invalidArgument("plugin " + info.name + " handles no callbacks");
    }
    if (auto request = parseJson(json); !request) {
      return invalidArgument("callback request: " + request.error().message);
    }
  }
  const auto started = std::chrono::steady_clock::now();
  std::lock_guard lock(callMutex_);
  Result<CallResult> result = run(kind, std::string(json), options, sink);
  if (result) {
    CallResult done = *result;
    done.elapsed =
        std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - started);
    if (done.failure != CallFailure::kNone) {
      logWarn("plugin call failed", {{"plugin", info.name},
                                     {"system", options_.systemId},
                                     {"failure", toString(done.failure)},
                                     {"reason", done.reason}});
    }
    return done;
  }
  return result;
}

Result<CallResult> InProcessInstance::run(CallKind kind, std::string json,
                                          const CallOptions& options, CallSink& sink) {
  const PluginInfo& info = plugin_->info();
  if (auto reason = plugin_->quarantineReason(); !reason.empty()) {
    return failedCall(CallFailure::kQuarantined,
                      "plugin " + info.name + " is quarantined until restart: " + reason, true);
  }
  if (options.cancellation.stop_requested()) {
    return failedCall(CallFailure::kCancelled, "cancelled before the call started", true);
  }
  // The deadline the plugin sees comes from the injectable clock; the waiting below uses the
  // steady clock for the same span.
  const TimePoint now = plugin_->clock().now();
  const milliseconds timeout = options.timeout.count() > 0 ? options.timeout : options_.timeout;
  TimePoint deadline = now + timeout;
  if (options.deadline && *options.deadline < deadline) deadline = *options.deadline;
  const milliseconds wait = deadline - now;
  if (wait.count() <= 0) {
    return failedCall(CallFailure::kTimedOut, "the deadline passed before the call started", true);
  }

  auto hostCall = std::make_shared<HostCall>(CallSetup{
      .kind = kind,
      .pluginName = info.name,
      .systemId = options_.systemId,
      .sink = &sink,
      .secrets = options_.secrets,
      .cancellation = options.cancellation,
      .deadlineUnixMs = deadline.time_since_epoch().count(),
  });
  struct Returned {
    dsrflow_status status = DSRFLOW_ERROR;
    bool threw = false;
  };
  auto returned = std::make_shared<Returned>();
  // Everything the thread needs is owned by it (shared_ptr, copies): if the call is abandoned
  // the thread outlives this frame, the instance object and perhaps the plugin object.
  auto body = [native = native_, hostCall, returned, kind, request = std::move(json),
               requestId = ScopedRequestId::current()] {
    ScopedRequestId tag(requestId);
    CallBinding binding(*hostCall);
    const dsrflow_plugin_descriptor* d = native->library->descriptor();
    const dsrflow_str text{request.data(), request.size()};
    try {
      returned->status = kind == CallKind::kInvoke
                             ? d->invoke(native->handle, CallBinding::handle(*hostCall), text)
                             : d->on_callback(native->handle, CallBinding::handle(*hostCall), text);
    } catch (...) {
      returned->threw = true;
    }
  };
  const std::string timedOut = "timed out after " + ms(wait);
  const RunEnd end = runGuarded(body, RunLimits{wait, plugin_->gracePeriod(), options.cancellation},
                                [&](StopCause cause) {
                                  if (cause == StopCause::kTimeout) {
                                    hostCall->requestStop(CallFailure::kTimedOut, timedOut);
                                  } else {
                                    hostCall->requestStop(CallFailure::kCancelled, "cancelled");
                                  }
                                });
  switch (end.kind) {
    case RunEnd::kNotStarted:
      return Error{ErrorCode::kUnavailable, "cannot start a thread for the plugin call"};
    case RunEnd::kAbandoned: {
      const bool cancelled = end.stopped == StopCause::kCancelled;
      const std::string what = cancelled ? "cancelled" : timedOut;
      CallResult abandoned =
          hostCall->abandon(cancelled ? CallFailure::kCancelled : CallFailure::kTimedOut,
                            what + "; the plugin did not stop and is quarantined until restart");
      plugin_->quarantine("a call for system '" + options_.systemId + "' was " + what +
                          " and did not stop within the grace period of " +
                          ms(plugin_->gracePeriod()));
      return abandoned;
    }
    case RunEnd::kReturned:
      break;
  }
  if (returned->threw) {
    logError("an exception escaped a plugin call (ABI violation)",
             {{"plugin", info.name}, {"system", options_.systemId}});
    return failedCall(CallFailure::kAbiViolation, "an exception escaped the plugin (ABI violation)",
                      false);
  }
  return hostCall->finish(returned->status);
}

}  // namespace dsrflow::plugin_host
