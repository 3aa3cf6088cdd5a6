#include "sdk/support/fake_host.hpp"

#include <cstddef>
#include <string>

namespace dsrflow::testing {

namespace {

std::string text(dsrflow_str s) {
  return s.data == nullptr ? std::string() : std::string(s.data, s.size);
}

// Hands `value` to a plugin's sink the way the host does: borrowed for the duration of the call.
void give(dsrflow_sink sink, void* context, const std::string& value) {
  sink(context, dsrflow_str{value.data(), value.size()});
}

}  // namespace

// Each service first checks that the table it was reached through really has it: a plugin that
// ignores struct_size would call it on an older host, where the memory holds something else.
#define FAKE_HOST_REQUIRE(call, field)                           \
  do {                                                           \
    if (!self(call).has(offsetof(dsrflow_host_services, field),  \
                        sizeof(dsrflow_host_services::field))) { \
      ++self(call).outOfTableCalls;                              \
    }                                                            \
  } while (false)

FakeHost::FakeHost() {
  services_.struct_size = sizeof(dsrflow_host_services);
  services_.abi_major = DSRFLOW_ABI_MAJOR;
  services_.abi_minor = DSRFLOW_ABI_MINOR;
  services_.log = &FakeHost::log;
  services_.emit_record = &FakeHost::emitRecord;
  services_.set_outcome = &FakeHost::setOutcome;
  services_.set_error = &FakeHost::setError;
  services_.read_secret = &FakeHost::readSecret;
  services_.is_cancelled = &FakeHost::isCancelled;
  services_.deadline_unix_ms = &FakeHost::deadline;
  services_.callback_url = &FakeHost::callbackUrlService;
  services_.send_mail = &FakeHost::sendMail;
  services_.put_blob = &FakeHost::putBlob;
  services_.get_blob = &FakeHost::getBlob;
  services_.poll_later = &FakeHost::pollLater;
}

void FakeHost::clearObservations() {
  logs.clear();
  records.clear();
  recordsOffered = 0;
  outcomes.clear();
  errors.clear();
  mails.clear();
  polls.clear();
  outOfTableCalls = 0;
}

bool FakeHost::has(std::size_t offset, std::size_t size) {
  return services_.struct_size >= offset + size;
}

void FakeHost::log(dsrflow_call* call, dsrflow_log_level level, dsrflow_str message) {
  FAKE_HOST_REQUIRE(call, log);
  self(call).logs.emplace_back(level, text(message));
}

dsrflow_status FakeHost::emitRecord(dsrflow_call* call, dsrflow_str record) {
  FAKE_HOST_REQUIRE(call, emit_record);
  FakeHost& host = self(call);
  ++host.recordsOffered;
  if (host.records.size() >= host.cancelAfterRecords) return DSRFLOW_CANCELLED;
  if (host.recordAnswer != DSRFLOW_OK) return host.recordAnswer;
  host.records.push_back(text(record));
  return DSRFLOW_OK;
}

dsrflow_status FakeHost::setOutcome(dsrflow_call* call, dsrflow_str outcome) {
  FAKE_HOST_REQUIRE(call, set_outcome);
  self(call).outcomes.push_back(text(outcome));
  return self(call).outcomeAnswer;
}

void FakeHost::setError(dsrflow_call* call, int32_t retryable, dsrflow_str message) {
  FAKE_HOST_REQUIRE(call, set_error);
  self(call).errors.push_back(Error{retryable != 0, text(message)});
}

dsrflow_status FakeHost::readSecret(dsrflow_call* call, dsrflow_str name, dsrflow_sink sink,
                                    void* context) {
  FAKE_HOST_REQUIRE(call, read_secret);
  auto it = self(call).secrets.find(text(name));
  if (it == self(call).secrets.end()) return DSRFLOW_NOT_FOUND;
  give(sink, context, it->second);
  return DSRFLOW_OK;
}

int32_t FakeHost::isCancelled(dsrflow_call* call) {
  FAKE_HOST_REQUIRE(call, is_cancelled);
  return self(call).cancelled ? 1 : 0;
}

int64_t FakeHost::deadline(dsrflow_call* call) {
  FAKE_HOST_REQUIRE(call, deadline_unix_ms);
  return self(call).deadlineUnixMs;
}

dsrflow_status FakeHost::callbackUrlService(dsrflow_call* call, dsrflow_sink sink, void* context) {
  FAKE_HOST_REQUIRE(call, callback_url);
  if (self(call).callbackUrl.empty()) return DSRFLOW_UNAVAILABLE;
  give(sink, context, self(call).callbackUrl);
  return DSRFLOW_OK;
}

dsrflow_status FakeHost::sendMail(dsrflow_call* call, dsrflow_str message) {
  FAKE_HOST_REQUIRE(call, send_mail);
  self(call).mails.push_back(text(message));
  return DSRFLOW_OK;
}

dsrflow_status FakeHost::putBlob(dsrflow_call* call, dsrflow_str name, dsrflow_str bytes) {
  FAKE_HOST_REQUIRE(call, put_blob);
  self(call).blobs[text(name)] = text(bytes);
  return DSRFLOW_OK;
}

dsrflow_status FakeHost::getBlob(dsrflow_call* call, dsrflow_str name, dsrflow_sink sink,
                                 void* context) {
  FAKE_HOST_REQUIRE(call, get_blob);
  auto it = self(call).blobs.find(text(name));
  if (it == self(call).blobs.end()) return DSRFLOW_NOT_FOUND;
  give(sink, context, it->second);
  return DSRFLOW_OK;
}

dsrflow_status FakeHost::pollLater(dsrflow_call* call, int64_t notBefore, dsrflow_str state) {
  FAKE_HOST_REQUIRE(call, poll_later);
  self(call).polls.push_back(Poll{notBefore, text(state)});
  return DSRFLOW_OK;
}

}  // namespace dsrflow::testing
