#pragma once
// The host's side of one call into a plugin (create, invoke or on_callback): what each host
// service does, and how the call's result is put together when the plugin returns. It knows
// nothing of threads or pipes, so the in-process host (through the C table, host_services.hpp)
// and a process-isolated host (through messages) give a plugin exactly the same services.

#include <dsrflow/plugin.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

#include "log/logger.hpp"
#include "plugin_host/call_result.hpp"
#include "plugin_host/call_sink.hpp"
#include "plugin_host/secret_store.hpp"

namespace dsrflow::plugin_host {

enum class CallKind { kCreate, kInvoke, kCallback };

struct CallSetup {
  CallKind kind = CallKind::kInvoke;
  std::string pluginName;                      //!< tags log lines
  std::string systemId;                        //!< tags log lines, names secrets
  CallSink* sink = nullptr;                    //!< records, logs, polls; null for create
  std::shared_ptr<const SecretStore> secrets;  //!< null: no secrets
  std::stop_token cancellation;                //!< the caller's token
  std::int64_t deadlineUnixMs = 0;             //!< handed to the plugin; 0: none
};

//! Thread-safe: the services run on the plugin's thread while the host's thread may stop or
//! detach the call. After detach() nothing reaches the sink any more.
class HostCall {
 public:
  static constexpr std::size_t kMaxRecordBytes = 16U << 20U;
  static constexpr std::size_t kMaxOutcomeBytes = 1U << 20U;
  static constexpr std::size_t kMaxLogBytes = 8U << 10U;
  static constexpr std::size_t kMaxErrorBytes = 2U << 10U;

  explicit HostCall(CallSetup setup);

  // Host services (plugin.h), in the ABI's terms.
  void log(dsrflow_log_level level, std::string_view message);
  dsrflow_status emitRecord(std::string_view recordJson);
  dsrflow_status setOutcome(std::string_view outcomeJson);
  void setError(bool retryable, std::string_view message);
  //! On DSRFLOW_OK the secret is in `value`.
  dsrflow_status readSecret(std::string_view name, std::string& value);
  [[nodiscard]] bool isCancelled() const;
  [[nodiscard]] std::int64_t deadlineUnixMs() const { return setup_.deadlineUnixMs; }
  dsrflow_status pollLater(std::int64_t notBeforeUnixMs, std::string_view stateJson);
  //! callback_url, send_mail, put_blob, get_blob: not offered yet.
  dsrflow_status unavailable(std::string_view service);

  // The host's side.
  //! Tells the plugin to stop (is_cancelled turns true); the call will fail with `why`
  //! and `reason` whatever the plugin returns. The first request wins.
  void requestStop(CallFailure why, std::string reason);
  //! The caller stopped waiting: cut the call off from its sink.
  void detach();
  //! The caller gives up on a call that did not return: detach() and a failed result (retryable)
  //! that still counts the records taken so far.
  CallResult abandon(CallFailure why, std::string reason);
  //! The call's result once the plugin returned `status` from invoke or on_callback.
  CallResult finish(dsrflow_status status);
  //! What the plugin passed to set_error (create reports failures this way).
  [[nodiscard]] std::string errorMessage() const;
  [[nodiscard]] bool errorRetryable() const;
  //! Service calls refused as malformed (e.g. a record failing the schema).
  [[nodiscard]] std::uint64_t recordsRefused() const;

 private:
  CallResult resultFor(dsrflow_status status);

  const CallSetup setup_;
  std::atomic<bool> stopRequested_{false};
  mutable std::mutex mutex_;
  bool detached_ = false;
  CallFailure stopFailure_ = CallFailure::kNone;
  std::string stopReason_;
  std::optional<Result<CallResult>> outcome_;
  std::string error_;
  bool errorSet_ = false;
  bool errorRetryable_ = false;
  std::optional<Error> sinkError_;
  std::optional<PollRequest> pollLater_;
  std::uint64_t recordsAccepted_ = 0;
  std::uint64_t recordsRefused_ = 0;
  std::string firstRefusal_;
};

}  // namespace dsrflow::plugin_host
