#pragma once
// What one call into a plugin produced: the typed outcome (parsed from the plugin's outcome JSON,
// which is kept verbatim), or the failure the host observed instead, plus counters. The same
// struct comes back whether the plugin runs in this process or in a child process.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "model/clock.hpp"
#include "model/enum_names.hpp"
#include "model/task.hpp"

namespace dsrflow::plugin_host {

//! Why a call failed when the host, not the plugin's outcome, decided it.
enum class CallFailure {
  kNone,            //!< the plugin set this outcome itself (which may be "failed")
  kPluginError,     //!< the plugin returned DSRFLOW_ERROR; reason from set_error
  kCancelled,       //!< the caller's cancellation token fired
  kTimedOut,        //!< the timeout or the deadline passed
  kQuarantined,     //!< the plugin is quarantined; it was not called
  kInvalidOutcome,  //!< the outcome was missing or did not match the schema
  kAbiViolation,    //!< e.g. an exception escaped, an unknown status code
  kSinkFailed,      //!< the caller's sink refused a record, so the call was stopped
  kCrashed,         //!< out of process: the plugin's process died
};

inline constexpr EnumNameTable<CallFailure, 9> kCallFailureNames{{
    {CallFailure::kNone, "none"},
    {CallFailure::kPluginError, "plugin_error"},
    {CallFailure::kCancelled, "cancelled"},
    {CallFailure::kTimedOut, "timed_out"},
    {CallFailure::kQuarantined, "quarantined"},
    {CallFailure::kInvalidOutcome, "invalid_outcome"},
    {CallFailure::kAbiViolation, "abi_violation"},
    {CallFailure::kSinkFailed, "sink_failed"},
    {CallFailure::kCrashed, "crashed"},
}};
constexpr std::string_view toString(CallFailure v) { return enumName(kCallFailureNames, v); }
constexpr std::optional<CallFailure> parseCallFailure(std::string_view s) {
  return enumParse(kCallFailureNames, s);
}

//! The plugin asked to be invoked again with action "status" (host service poll_later).
struct PollRequest {
  TimePoint notBefore{};
  std::string stateJson;  //!< comes back as the request's "state"
};

//! The result of one invoke() or on_callback(). For a failure the host observed, `outcome` is
//! kFailed, `failure` says why and `outcomeJson` is a synthesised schema-valid outcome.
struct CallResult {
  bool hasOutcome = true;  //!< false only for on_callback() that set no outcome
  Outcome outcome = Outcome::kFailed;
  std::map<std::string, std::int64_t, std::less<>> counts;  //!< per data category
  std::optional<ErasureMethod> method;
  std::string reason;  //!< failed/retained/needs_review: why; never personal data
  bool retryable = false;
  std::string jobId;                  //!< deferred/accepted_unconfirmed: the vendor's job id
  std::optional<TimePoint> nextPoll;  //!< the outcome's next_poll
  std::string instructions;           //!< action_required
  std::string outcomeJson;            //!< verbatim as set by the plugin (schema "outcome")
  CallFailure failure = CallFailure::kNone;
  std::optional<PollRequest> pollLater;
  std::uint64_t recordsAccepted = 0;  //!< schema-valid records handed to the sink
  std::uint64_t recordsRefused = 0;   //!< records refused with DSRFLOW_INVALID
  std::chrono::milliseconds elapsed{0};

  [[nodiscard]] bool failed() const { return hasOutcome && outcome == Outcome::kFailed; }
};

}  // namespace dsrflow::plugin_host
