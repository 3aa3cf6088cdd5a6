#pragma once
// The host's services for one call (create, invoke, on_callback), over dsrflow_host_services.
//
// Every service first checks that the host's table has it (DSRFLOW_HAS_FIELD and a non-null
// pointer); a missing service answers ServiceStatus::unavailable (or nullopt/false) instead of
// crashing, so a plugin built against a newer 1.x SDK still runs on an older host.
//
// Lifetime and threading: a Call is valid only during the call it was made for, and only on the
// thread the host called the plugin on (the ABI's rule); don't keep it or hand it to another
// thread. Values a service returns are copies the plugin owns.

#include "dsrflow/plugin.h"
#include "dsrflow/sdk/json_value.hpp"
#include "dsrflow/sdk/json_writer.hpp"
#include "dsrflow/sdk/record.hpp"
#include "dsrflow/sdk/time.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dsrflow::sdk {

namespace detail {
template <class T>
struct Entry;
}  // namespace detail

//! The result of a service call; the values mirror dsrflow_status.
enum class ServiceStatus {
  ok = DSRFLOW_OK,
  error = DSRFLOW_ERROR,
  cancelled = DSRFLOW_CANCELLED,
  unavailable = DSRFLOW_UNAVAILABLE,
  notFound = DSRFLOW_NOT_FOUND,
  invalid = DSRFLOW_INVALID,
};

enum class LogLevel { debug, info, warn, error };

//! An e-mail for Call::sendMail.
struct Mail {
  std::string to;
  std::string subject;
  std::string text;
  std::string html;  //!< optional
};

//! A borrowed ABI string over `s` (valid while `s` is).
inline dsrflow_str toStr(std::string_view s) noexcept { return dsrflow_str{s.data(), s.size()}; }
//! A view of an ABI string; empty for a null pointer.
inline std::string_view toView(dsrflow_str s) noexcept {
  return s.data == nullptr ? std::string_view() : std::string_view(s.data, s.size);
}

// True when the host's table has `field` and it is set.
#define DSRFLOW_SDK_HAS_SERVICE(services, field) \
  (DSRFLOW_HAS_FIELD(services, dsrflow_host_services, field) && (services)->field != nullptr)

//! The services of one call. Not copyable: it belongs to the call.
class Call {
 public:
  //! Wraps the host's table and call handle (the SDK's entry code makes these).
  Call(const dsrflow_host_services* services, dsrflow_call* call) noexcept
      : services_(services), call_(call) {}
  Call(const Call&) = delete;
  Call& operator=(const Call&) = delete;

  //! Writes a log line attributed to the plugin. Never log personal data.
  void log(LogLevel level, std::string_view message) const noexcept {
    if (!DSRFLOW_SDK_HAS_SERVICE(services_, log)) return;
    services_->log(call_, static_cast<dsrflow_log_level>(level), toStr(message));
  }
  void debug(std::string_view message) const noexcept { log(LogLevel::debug, message); }
  void info(std::string_view message) const noexcept { log(LogLevel::info, message); }
  void warn(std::string_view message) const noexcept { log(LogLevel::warn, message); }
  void error(std::string_view message) const noexcept { log(LogLevel::error, message); }

  //! Streams one record. False when the host says stop (cancelled), refuses the record as not
  //! matching the schema, or has no emit service: then stop emitting and return. The SDK makes
  //! the call end as cancelled or failed accordingly, whatever outcome the connector returns.
  bool emit(const Record& record) {
    buffer_.clear();
    record.writeJson(buffer_);
    return emitBuffer();
  }
  //! Streams a record given as JSON (an escape hatch; prefer Record).
  bool emitJson(const json::Value& record) {
    buffer_.clear();
    json::write(buffer_, record);
    return emitBuffer();
  }
  //! Records the host accepted so far.
  [[nodiscard]] std::size_t emitted() const noexcept { return emitted_; }

  //! The secret `name` from the system's configuration; nullopt when the host has none of that
  //! name (`status` notFound) or offers no secrets (unavailable).
  std::optional<std::string> secret(std::string_view name, ServiceStatus* status = nullptr) const {
    if (!DSRFLOW_SDK_HAS_SERVICE(services_, read_secret)) return unavailable(status);
    Sink sink;
    auto s = static_cast<ServiceStatus>(
        services_->read_secret(call_, toStr(name), &Sink::receive, &sink));
    return sink.result(s, status);
  }

  //! True when the host asks the call to stop (cancellation, timeout, shutdown). Check it in
  //! every loop that may run long, then return Outcome::cancelled().
  [[nodiscard]] bool cancelled() const noexcept {
    return DSRFLOW_SDK_HAS_SERVICE(services_, is_cancelled) && services_->is_cancelled(call_) != 0;
  }

  //! The call's deadline; nullopt when there is none or the host does not say.
  [[nodiscard]] std::optional<TimePoint> deadline() const noexcept {
    if (!DSRFLOW_SDK_HAS_SERVICE(services_, deadline_unix_ms)) return std::nullopt;
    std::int64_t ms = services_->deadline_unix_ms(call_);
    if (ms == 0) return std::nullopt;
    return fromUnixMillis(ms);
  }

  //! A URL unique to this task; HTTP requests to it reach Connector::onCallback.
  std::optional<std::string> callbackUrl(ServiceStatus* status = nullptr) const {
    if (!DSRFLOW_SDK_HAS_SERVICE(services_, callback_url)) return unavailable(status);
    Sink sink;
    auto s = static_cast<ServiceStatus>(services_->callback_url(call_, &Sink::receive, &sink));
    return sink.result(s, status);
  }

  //! Sends an e-mail through the host's mailer.
  ServiceStatus sendMail(const Mail& mail) const {
    if (!DSRFLOW_SDK_HAS_SERVICE(services_, send_mail)) return ServiceStatus::unavailable;
    json::Value message =
        json::Value::object({{"to", mail.to}, {"subject", mail.subject}, {"text", mail.text}});
    if (!mail.html.empty()) message.set("html", mail.html);
    std::string text = json::write(message);
    return static_cast<ServiceStatus>(services_->send_mail(call_, toStr(text)));
  }

  //! Stores `bytes` encrypted at rest under `name`, scoped to this task.
  ServiceStatus putBlob(std::string_view name, std::string_view bytes) const {
    if (!DSRFLOW_SDK_HAS_SERVICE(services_, put_blob)) return ServiceStatus::unavailable;
    return static_cast<ServiceStatus>(services_->put_blob(call_, toStr(name), toStr(bytes)));
  }

  //! Fetches bytes stored with putBlob for this task; nullopt when absent or unavailable.
  std::optional<std::string> getBlob(std::string_view name, ServiceStatus* status = nullptr) const {
    if (!DSRFLOW_SDK_HAS_SERVICE(services_, get_blob)) return unavailable(status);
    Sink sink;
    auto s =
        static_cast<ServiceStatus>(services_->get_blob(call_, toStr(name), &Sink::receive, &sink));
    return sink.result(s, status);
  }

  //! Asks to be invoked again with action "status" no earlier than `notBefore`; `state` comes
  //! back as ActionRequest::state. Return Outcome::deferred(...) from the same call.
  ServiceStatus pollLater(TimePoint notBefore, const json::Value& state = json::Value()) const {
    if (!DSRFLOW_SDK_HAS_SERVICE(services_, poll_later)) return ServiceStatus::unavailable;
    std::string text = json::write(state);
    return static_cast<ServiceStatus>(
        services_->poll_later(call_, toUnixMillis(notBefore), toStr(text)));
  }

  //! The raw ABI handles, for services newer than this SDK.
  [[nodiscard]] const dsrflow_host_services* services() const noexcept { return services_; }
  [[nodiscard]] dsrflow_call* handle() const noexcept { return call_; }

 private:
  // Hands the record in buffer_ to the host.
  bool emitBuffer() {
    ServiceStatus status = ServiceStatus::unavailable;
    if (DSRFLOW_SDK_HAS_SERVICE(services_, emit_record)) {
      status = static_cast<ServiceStatus>(services_->emit_record(call_, toStr(buffer_)));
    }
    if (status == ServiceStatus::ok) {
      ++emitted_;
      return true;
    }
    if (stop_ == ServiceStatus::ok) stop_ = status;
    return false;
  }

  template <class T>
  friend struct detail::Entry;

  // Collects what the host hands out through a dsrflow_sink. Called across the ABI, so it must
  // not throw: an allocation failure is remembered and reported as an error instead.
  struct Sink {
    std::string value;
    bool failed = false;

    static void receive(void* context, dsrflow_str bytes) noexcept {
      auto* self = static_cast<Sink*>(context);
      try {
        self->value.assign(toView(bytes));
      } catch (...) {
        self->failed = true;
      }
    }
    // A host that answers ok without calling the sink handed out an empty value.
    std::optional<std::string> result(ServiceStatus s, ServiceStatus* status) {
      if (s == ServiceStatus::ok && failed) s = ServiceStatus::error;
      if (status != nullptr) *status = s;
      if (s != ServiceStatus::ok) return std::nullopt;
      return std::move(value);
    }
  };

  static std::optional<std::string> unavailable(ServiceStatus* status) noexcept {
    if (status != nullptr) *status = ServiceStatus::unavailable;
    return std::nullopt;
  }

  // Used by the entry code after the connector returns.
  void setError(bool retryable, std::string_view message) const noexcept {
    if (!DSRFLOW_SDK_HAS_SERVICE(services_, set_error)) return;
    services_->set_error(call_, retryable ? 1 : 0, toStr(message));
  }
  ServiceStatus setOutcome(std::string_view outcomeJson) const noexcept {
    if (!DSRFLOW_SDK_HAS_SERVICE(services_, set_outcome)) return ServiceStatus::unavailable;
    return static_cast<ServiceStatus>(services_->set_outcome(call_, toStr(outcomeJson)));
  }
  // The first reason emit() returned false; ok while every record was accepted.
  [[nodiscard]] ServiceStatus stopReason() const noexcept { return stop_; }

  const dsrflow_host_services* services_;
  dsrflow_call* call_;
  std::string buffer_;  // reused across emit() calls
  std::size_t emitted_ = 0;
  ServiceStatus stop_ = ServiceStatus::ok;
};

}  // namespace dsrflow::sdk
