#include "plugin_host/call_sink.hpp"

namespace dsrflow::plugin_host {

void CallSink::log(LogLevel, std::string_view) {}

void CallSink::pollLater(const PollRequest&) {}

Status CollectingSink::record(std::string_view recordJson) {
  records.emplace_back(recordJson);
  return Ok{};
}

void CollectingSink::log(LogLevel level, std::string_view message) {
  logs.emplace_back(level, std::string(message));
}

void CollectingSink::pollLater(const PollRequest& request) { polls.push_back(request); }

}  // namespace dsrflow::plugin_host
