#pragma once
// Where a call's records, log lines and poll requests go while the plugin runs.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "log/logger.hpp"
#include "model/result.hpp"
#include "plugin_host/call_result.hpp"

namespace dsrflow::plugin_host {

//! Receives what a plugin produces during one call. Called from the thread that runs the plugin
//! (not the caller's), never concurrently within one call, and never after invoke() returned:
//! a call the host abandons is cut off from its sink first.
class CallSink {
 public:
  virtual ~CallSink() = default;

  //! One record that passed the schema (JSON, schema "record"). An error stops the call: the
  //! plugin is told DSRFLOW_CANCELLED and the call fails with CallFailure::kSinkFailed.
  virtual Status record(std::string_view recordJson) = 0;

  //! A line the plugin logged (it has also gone to the dsrflow logger). Default: ignored.
  virtual void log(LogLevel level, std::string_view message);

  //! The plugin asked to be polled again; the same request is in CallResult::pollLater.
  virtual void pollLater(const PollRequest& request);
};

//! Keeps everything in memory: for tests, the conformance kit and small results.
class CollectingSink final : public CallSink {
 public:
  Status record(std::string_view recordJson) override;
  void log(LogLevel level, std::string_view message) override;
  void pollLater(const PollRequest& request) override;

  std::vector<std::string> records;
  std::vector<std::pair<LogLevel, std::string>> logs;
  std::vector<PollRequest> polls;
};

//! Drops records; for calls whose records nobody reads (e.g. test_connection).
class DiscardingSink final : public CallSink {
 public:
  Status record(std::string_view) override { return Ok{}; }
};

}  // namespace dsrflow::plugin_host
