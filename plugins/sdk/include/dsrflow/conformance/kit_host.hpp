#pragma once
// The conformance kit's own host services: the dsrflow_host_services table a plugin gets from
// DlopenDriver, behaving like dsrflow's host where the checks can tell (records and outcomes
// are checked against the schema and refused with DSRFLOW_INVALID, is_cancelled turns true
// when the deadline passes, services dsrflow does not offer yet answer DSRFLOW_UNAVAILABLE),
// and running each call on a thread of its own so that a call that never returns can be left
// behind.

#include "dsrflow/conformance/abi_shapes.hpp"
#include "dsrflow/plugin.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace dsrflow::conformance::detail {

//! One call into the plugin (create or invoke): what the plugin handed over. The plugin
//! receives a pointer to it as its dsrflow_call*.
struct KitCall {
  static constexpr std::size_t kMaxRecordBytes = std::size_t{16} << 20U;
  static constexpr std::size_t kMaxOutcomeBytes = std::size_t{1} << 20U;

  bool create = false;
  const std::map<std::string, std::string>* secrets = nullptr;
  std::int64_t deadlineUnixMs = 0;
  std::atomic<bool> stop{false};  //!< set when the deadline passes: is_cancelled

  std::mutex mutex;  // guards everything below
  std::vector<std::string> records;
  std::uint64_t refused = 0;
  std::string firstRefusal;
  bool outcomeSet = false;
  std::string outcome;
  std::string outcomeProblem;
  bool errorSet = false;
  std::string error;
  bool retryable = false;

  [[nodiscard]] dsrflow_call* handle() { return reinterpret_cast<dsrflow_call*>(this); }
};

inline std::string_view view(dsrflow_str s) {
  return s.data == nullptr ? std::string_view() : std::string_view(s.data, s.size);
}

//! The services, as static functions over KitCall.
struct KitServices {
  static KitCall& of(dsrflow_call* call) { return *reinterpret_cast<KitCall*>(call); }

  static void log(dsrflow_call*, dsrflow_log_level, dsrflow_str) {}

  static dsrflow_status emitRecord(dsrflow_call* handle, dsrflow_str record) {
    KitCall& call = of(handle);
    if (call.create) return DSRFLOW_INVALID;
    if (call.stop) return DSRFLOW_CANCELLED;
    const std::string_view text = view(record);
    std::string problem = text.size() > KitCall::kMaxRecordBytes
                              ? std::string("larger than 16 MiB")
                              : AbiShapes::instance().validate(Shape::record, text);
    std::lock_guard<std::mutex> lock(call.mutex);
    if (!problem.empty()) {
      if (call.refused++ == 0) call.firstRefusal = problem;
      return DSRFLOW_INVALID;
    }
    call.records.emplace_back(text);
    return DSRFLOW_OK;
  }

  static dsrflow_status setOutcome(dsrflow_call* handle, dsrflow_str outcome) {
    KitCall& call = of(handle);
    if (call.create) return DSRFLOW_INVALID;
    const std::string_view text = view(outcome);
    std::string problem = text.size() > KitCall::kMaxOutcomeBytes
                              ? std::string("larger than 1 MiB")
                              : AbiShapes::instance().validate(Shape::outcome, text);
    std::lock_guard<std::mutex> lock(call.mutex);
    call.outcomeSet = true;
    call.outcome = std::string(text);
    call.outcomeProblem = problem;
    return problem.empty() ? DSRFLOW_OK : DSRFLOW_INVALID;
  }

  static void setError(dsrflow_call* handle, int32_t retryable, dsrflow_str message) {
    KitCall& call = of(handle);
    std::lock_guard<std::mutex> lock(call.mutex);
    call.errorSet = true;
    call.error = std::string(view(message).substr(0, 2048));
    call.retryable = retryable != 0;
  }

  static dsrflow_status readSecret(dsrflow_call* handle, dsrflow_str name, dsrflow_sink sink,
                                   void* context) {
    KitCall& call = of(handle);
    if (call.secrets == nullptr || sink == nullptr) return DSRFLOW_NOT_FOUND;
    auto it = call.secrets->find(std::string(view(name)));
    if (it == call.secrets->end()) return DSRFLOW_NOT_FOUND;
    sink(context, dsrflow_str{it->second.data(), it->second.size()});
    return DSRFLOW_OK;
  }

  static int32_t isCancelled(dsrflow_call* handle) { return of(handle).stop ? 1 : 0; }

  static int64_t deadline(dsrflow_call* handle) { return of(handle).deadlineUnixMs; }

  static dsrflow_status callbackUrl(dsrflow_call*, dsrflow_sink, void*) {
    return DSRFLOW_UNAVAILABLE;
  }
  static dsrflow_status sendMail(dsrflow_call*, dsrflow_str) { return DSRFLOW_UNAVAILABLE; }
  static dsrflow_status putBlob(dsrflow_call*, dsrflow_str, dsrflow_str) {
    return DSRFLOW_UNAVAILABLE;
  }
  static dsrflow_status getBlob(dsrflow_call*, dsrflow_str, dsrflow_sink, void*) {
    return DSRFLOW_UNAVAILABLE;
  }

  static dsrflow_status pollLater(dsrflow_call* handle, int64_t notBefore, dsrflow_str state) {
    if (of(handle).create || notBefore <= 0) return DSRFLOW_INVALID;
    if (state.size > 0 && !json::tryParse(view(state))) return DSRFLOW_INVALID;
    return DSRFLOW_OK;
  }

  //! The table (static storage, this SDK's ABI version).
  static const dsrflow_host_services* table() {
    static const dsrflow_host_services kTable = {
        sizeof(dsrflow_host_services),
        DSRFLOW_ABI_MAJOR,
        DSRFLOW_ABI_MINOR,
        &log,
        &emitRecord,
        &setOutcome,
        &setError,
        &readSecret,
        &isCancelled,
        &deadline,
        &callbackUrl,
        &sendMail,
        &putBlob,
        &getBlob,
        &pollLater,
    };
    return &kTable;
  }
};

//! How a bounded run ended.
enum class RunEnd { returned, returnedAfterStop, abandoned };

//! Runs `body` on a detached thread of its own and waits up to `timeout`; then sets `stop` and
//! waits up to `grace` more. kAbandoned: the body still runs and is left behind, so it must own
//! (by shared_ptr or copy) everything it uses.
inline RunEnd runBounded(std::function<void()> body, std::chrono::milliseconds timeout,
                         std::chrono::milliseconds grace, std::atomic<bool>& stop) {
  struct Done {
    std::mutex mutex;
    std::condition_variable cv;
    bool done = false;
  };
  auto done = std::make_shared<Done>();
  std::thread([done, work = std::move(body)] {
    work();
    std::lock_guard<std::mutex> lock(done->mutex);
    done->done = true;
    done->cv.notify_all();
  }).detach();
  std::unique_lock<std::mutex> lock(done->mutex);
  if (done->cv.wait_for(lock, timeout, [&] { return done->done; })) return RunEnd::returned;
  stop = true;
  if (done->cv.wait_for(lock, grace, [&] { return done->done; })) {
    return RunEnd::returnedAfterStop;
  }
  return RunEnd::abandoned;
}

}  // namespace dsrflow::conformance::detail
