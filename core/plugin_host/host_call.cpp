#include "plugin_host/host_call.hpp"

#include <string>

#include "plugin_host/json_schema.hpp"
#include "plugin_host/outcome_reader.hpp"
#include "plugin_host/plugin_schema.hpp"
#include "plugin_host/record_check.hpp"

namespace dsrflow::plugin_host {
namespace {

LogLevel logLevelOf(dsrflow_log_level level) {
  switch (static_cast<int>(level)) {
    case DSRFLOW_LOG_DEBUG:
      return LogLevel::kDebug;
    case DSRFLOW_LOG_INFO:
      return LogLevel::kInfo;
    case DSRFLOW_LOG_WARN:
      return LogLevel::kWarn;
    case DSRFLOW_LOG_ERROR:
      return LogLevel::kError;
    default:
      return LogLevel::kWarn;  // an unknown level is worth seeing
  }
}

std::string truncated(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  return std::string(text.substr(0, limit)) + "...";
}

}  // namespace

HostCall::HostCall(CallSetup setup) : setup_(std::move(setup)) {}

void HostCall::log(dsrflow_log_level level, std::string_view message) {
  const LogLevel mapped = logLevelOf(level);
  const std::string text = truncated(message, kMaxLogBytes);
  Logger::instance().log(mapped, text,
                         {{"plugin", setup_.pluginName}, {"system", setup_.systemId}});
  std::lock_guard lock(mutex_);
  if (!detached_ && setup_.sink != nullptr) setup_.sink->log(mapped, text);
}

dsrflow_status HostCall::emitRecord(std::string_view recordJson) {
  // Records belong to invoke and on_callback (a vendor may deliver an export to the callback).
  if (setup_.kind == CallKind::kCreate) return DSRFLOW_INVALID;
  if (isCancelled()) return DSRFLOW_CANCELLED;
  // The schema check runs outside the lock: it is the expensive part and touches no state.
  Status valid = Ok{};
  if (recordJson.size() > kMaxRecordBytes) {
    valid = invalidArgument("record larger than " + std::to_string(kMaxRecordBytes) + " bytes");
  } else {
    valid = checkRecord(recordJson);
  }
  std::lock_guard lock(mutex_);
  if (!valid) {
    if (++recordsRefused_ == 1) {
      firstRefusal_ = valid.error().message;
      logWarn(
          "plugin record refused: does not match the schema",
          {{"plugin", setup_.pluginName}, {"system", setup_.systemId}, {"reason", firstRefusal_}});
    }
    return DSRFLOW_INVALID;
  }
  if (detached_ || setup_.sink == nullptr) return DSRFLOW_CANCELLED;
  Status delivered = setup_.sink->record(recordJson);
  if (!delivered) {
    if (!sinkError_) sinkError_ = delivered.error();
    stopRequested_ = true;
    return DSRFLOW_CANCELLED;
  }
  ++recordsAccepted_;
  return DSRFLOW_OK;
}

dsrflow_status HostCall::setOutcome(std::string_view outcomeJson) {
  if (setup_.kind == CallKind::kCreate) return DSRFLOW_INVALID;
  Result<CallResult> parsed =
      outcomeJson.size() > kMaxOutcomeBytes
          ? Result<CallResult>(invalidArgument("outcome larger than " +
                                               std::to_string(kMaxOutcomeBytes) + " bytes"))
          : readOutcome(outcomeJson);
  const bool ok = parsed.ok();
  std::lock_guard lock(mutex_);
  outcome_.emplace(std::move(parsed));
  return ok ? DSRFLOW_OK : DSRFLOW_INVALID;
}

void HostCall::setError(bool retryable, std::string_view message) {
  std::lock_guard lock(mutex_);
  error_ = truncated(message, kMaxErrorBytes);
  errorSet_ = true;
  errorRetryable_ = retryable;
}

dsrflow_status HostCall::readSecret(std::string_view name, std::string& value) {
  if (!isValidSecretName(name)) return DSRFLOW_INVALID;
  if (!setup_.secrets) return DSRFLOW_NOT_FOUND;
  auto secret = setup_.secrets->secret(setup_.systemId, name);
  if (!secret) {
    logDebug("plugin asked for a secret that is not configured",
             {{"plugin", setup_.pluginName},
              {"system", setup_.systemId},
              {"secret", name},
              {"variable", secretEnvironmentVariable(setup_.systemId, name)}});
    return DSRFLOW_NOT_FOUND;
  }
  value = std::move(*secret);
  return DSRFLOW_OK;
}

bool HostCall::isCancelled() const {
  return stopRequested_.load() || setup_.cancellation.stop_requested();
}

dsrflow_status HostCall::pollLater(std::int64_t notBeforeUnixMs, std::string_view stateJson) {
  if (setup_.kind == CallKind::kCreate || notBeforeUnixMs <= 0) return DSRFLOW_INVALID;
  if (!stateJson.empty() && !parseJson(stateJson)) return DSRFLOW_INVALID;
  PollRequest request{TimePoint{std::chrono::milliseconds{notBeforeUnixMs}},
                      std::string(stateJson)};
  std::lock_guard lock(mutex_);
  pollLater_ = request;
  if (!detached_ && setup_.sink != nullptr) setup_.sink->pollLater(request);
  return DSRFLOW_OK;
}

dsrflow_status HostCall::unavailable(std::string_view service) {
  logDebug("plugin asked for a host service this host does not offer yet",
           {{"plugin", setup_.pluginName}, {"system", setup_.systemId}, {"service", service}});
  return DSRFLOW_UNAVAILABLE;
}

void HostCall::requestStop(CallFailure why, std::string reason) {
  std::lock_guard lock(mutex_);
  if (stopFailure_ == CallFailure::kNone) {
    stopFailure_ = why;
    stopReason_ = std::move(reason);
  }
  stopRequested_ = true;
}

void HostCall::detach() {
  std::lock_guard lock(mutex_);
  detached_ = true;
}

std::string HostCall::errorMessage() const {
  std::lock_guard lock(mutex_);
  return error_;
}

bool HostCall::errorRetryable() const {
  std::lock_guard lock(mutex_);
  return errorRetryable_;
}

std::uint64_t HostCall::recordsRefused() const {
  std::lock_guard lock(mutex_);
  return recordsRefused_;
}

CallResult HostCall::abandon(CallFailure why, std::string reason) {
  std::lock_guard lock(mutex_);
  detached_ = true;
  stopRequested_ = true;
  CallResult result = failedCall(why, std::move(reason), true);
  result.recordsAccepted = recordsAccepted_;
  result.recordsRefused = recordsRefused_;
  return result;
}

CallResult HostCall::finish(dsrflow_status status) {
  std::lock_guard lock(mutex_);
  CallResult result = resultFor(status);
  result.recordsAccepted = recordsAccepted_;
  result.recordsRefused = recordsRefused_;
  if (!result.failed()) result.pollLater = pollLater_;
  if (recordsRefused_ > 1) {
    logWarn("plugin records refused", {{"plugin", setup_.pluginName},
                                       {"system", setup_.systemId},
                                       {"count", std::to_string(recordsRefused_)},
                                       {"first_reason", firstRefusal_}});
  }
  return result;
}

// Called with mutex_ held.
CallResult HostCall::resultFor(dsrflow_status status) {
  // Order matters: once the host stopped the call, or could not take its records, the call
  // failed whatever the plugin returned -- its records may be incomplete.
  if (sinkError_) {
    return failedCall(CallFailure::kSinkFailed,
                      "the host could not take a record: " + sinkError_->message, true);
  }
  if (stopFailure_ != CallFailure::kNone) return failedCall(stopFailure_, stopReason_, true);
  if (setup_.cancellation.stop_requested()) {
    return failedCall(CallFailure::kCancelled, "cancelled", true);
  }
  switch (static_cast<int>(status)) {
    case DSRFLOW_OK:
      if (!outcome_) {
        if (setup_.kind == CallKind::kCallback) {
          CallResult none;
          none.hasOutcome = false;
          return none;
        }
        return failedCall(CallFailure::kInvalidOutcome,
                          "the plugin returned DSRFLOW_OK without setting an outcome", false);
      }
      if (!outcome_->ok()) {
        return failedCall(
            CallFailure::kInvalidOutcome,
            "the plugin's outcome does not match the schema: " + outcome_->error().message, false);
      }
      return outcome_->value();
    case DSRFLOW_ERROR:
      return failedCall(
          CallFailure::kPluginError,
          errorSet_ && !error_.empty() ? error_ : "the plugin failed without a reason",
          errorRetryable_);
    case DSRFLOW_CANCELLED:
      return failedCall(CallFailure::kAbiViolation,
                        "the plugin returned DSRFLOW_CANCELLED though it was not asked to stop",
                        true);
    default:
      return failedCall(
          CallFailure::kAbiViolation,
          "the plugin returned the unknown status " + std::to_string(static_cast<int>(status)),
          false);
  }
}

}  // namespace dsrflow::plugin_host
