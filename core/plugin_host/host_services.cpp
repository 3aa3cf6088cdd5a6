#include "plugin_host/host_services.hpp"

#include <atomic>
#include <string>
#include <string_view>

#include "log/logger.hpp"

namespace dsrflow::plugin_host {
namespace {

thread_local HostCall* tCurrentCall = nullptr;  // NOLINT: the call running on this thread
std::atomic<std::uint64_t> gIgnoredCalls{0};    // NOLINT: process-wide counter

HostCall* currentCall(dsrflow_call* call, const char* service) {
  HostCall* current = tCurrentCall;
  if (call != nullptr && current != nullptr && CallBinding::handle(*current) == call) {
    return current;
  }
  const std::uint64_t n = ++gIgnoredCalls;
  // Logged sparsely: a misbehaving plugin may do this in a loop.
  if (n <= 10 || n % 1000 == 0) {
    logWarn("plugin used a host service outside its call or from another thread; ignored",
            {{"service", service}, {"count", std::to_string(n)}});
  }
  return nullptr;
}

// A dsrflow_str from the plugin; nullopt when it is malformed (no data but a size).
std::optional<std::string_view> view(dsrflow_str s) {
  if (s.data == nullptr) {
    if (s.size != 0) return std::nullopt;
    return std::string_view();
  }
  return std::string_view(s.data, s.size);
}

void serviceLog(dsrflow_call* call, dsrflow_log_level level, dsrflow_str message) {
  HostCall* c = currentCall(call, "log");
  auto text = view(message);
  if (c != nullptr && text) c->log(level, *text);
}

dsrflow_status serviceEmitRecord(dsrflow_call* call, dsrflow_str record) {
  HostCall* c = currentCall(call, "emit_record");
  auto json = view(record);
  if (c == nullptr || !json) return DSRFLOW_INVALID;
  return c->emitRecord(*json);
}

dsrflow_status serviceSetOutcome(dsrflow_call* call, dsrflow_str outcome) {
  HostCall* c = currentCall(call, "set_outcome");
  auto json = view(outcome);
  if (c == nullptr || !json) return DSRFLOW_INVALID;
  return c->setOutcome(*json);
}

void serviceSetError(dsrflow_call* call, int32_t retryable, dsrflow_str message) {
  HostCall* c = currentCall(call, "set_error");
  auto text = view(message);
  if (c != nullptr) c->setError(retryable != 0, text.value_or("(malformed error message)"));
}

dsrflow_status serviceReadSecret(dsrflow_call* call, dsrflow_str name, dsrflow_sink sink,
                                 void* context) {
  HostCall* c = currentCall(call, "read_secret");
  auto secretName = view(name);
  if (c == nullptr || !secretName || sink == nullptr) return DSRFLOW_INVALID;
  std::string value;
  const dsrflow_status status = c->readSecret(*secretName, value);
  if (status == DSRFLOW_OK) sink(context, dsrflow_str{value.data(), value.size()});
  return status;
}

int32_t serviceIsCancelled(dsrflow_call* call) {
  HostCall* c = currentCall(call, "is_cancelled");
  // A stray caller is told to stop.
  return c == nullptr || c->isCancelled() ? 1 : 0;
}

int64_t serviceDeadline(dsrflow_call* call) {
  HostCall* c = currentCall(call, "deadline_unix_ms");
  return c == nullptr ? 0 : c->deadlineUnixMs();
}

dsrflow_status serviceCallbackUrl(dsrflow_call* call, dsrflow_sink, void*) {
  HostCall* c = currentCall(call, "callback_url");
  return c == nullptr ? DSRFLOW_INVALID : c->unavailable("callback_url");
}

dsrflow_status serviceSendMail(dsrflow_call* call, dsrflow_str) {
  HostCall* c = currentCall(call, "send_mail");
  return c == nullptr ? DSRFLOW_INVALID : c->unavailable("send_mail");
}

dsrflow_status servicePutBlob(dsrflow_call* call, dsrflow_str, dsrflow_str) {
  HostCall* c = currentCall(call, "put_blob");
  return c == nullptr ? DSRFLOW_INVALID : c->unavailable("put_blob");
}

dsrflow_status serviceGetBlob(dsrflow_call* call, dsrflow_str, dsrflow_sink, void*) {
  HostCall* c = currentCall(call, "get_blob");
  return c == nullptr ? DSRFLOW_INVALID : c->unavailable("get_blob");
}

dsrflow_status servicePollLater(dsrflow_call* call, int64_t notBefore, dsrflow_str state) {
  HostCall* c = currentCall(call, "poll_later");
  auto json = view(state);
  if (c == nullptr || !json) return DSRFLOW_INVALID;
  return c->pollLater(notBefore, *json);
}

const dsrflow_host_services kServices{
    .struct_size = static_cast<uint32_t>(sizeof(dsrflow_host_services)),
    .abi_major = DSRFLOW_ABI_MAJOR,
    .abi_minor = DSRFLOW_ABI_MINOR,
    .log = serviceLog,
    .emit_record = serviceEmitRecord,
    .set_outcome = serviceSetOutcome,
    .set_error = serviceSetError,
    .read_secret = serviceReadSecret,
    .is_cancelled = serviceIsCancelled,
    .deadline_unix_ms = serviceDeadline,
    .callback_url = serviceCallbackUrl,
    .send_mail = serviceSendMail,
    .put_blob = servicePutBlob,
    .get_blob = serviceGetBlob,
    .poll_later = servicePollLater,
};

}  // namespace

const dsrflow_host_services* hostServices() { return &kServices; }

CallBinding::CallBinding(HostCall& call) : previous_(tCurrentCall) { tCurrentCall = &call; }

CallBinding::~CallBinding() { tCurrentCall = previous_; }

dsrflow_call* CallBinding::handle(HostCall& call) {
  // The handle is the HostCall's address, but it is only ever compared, never dereferenced,
  // until it matched the current call of the calling thread.
  return reinterpret_cast<dsrflow_call*>(&call);
}

std::uint64_t ignoredServiceCalls() { return gIgnoredCalls.load(); }

}  // namespace dsrflow::plugin_host
