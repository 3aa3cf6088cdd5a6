#pragma once
// What a call in the plugin process hands to dsrflow instead of keeping: records, log lines
// and poll requests go out as frames (a CallSink), secrets come in on request (a SecretStore).

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "plugin_host/call_sink.hpp"
#include "plugin_host/secret_store.hpp"
#include "plugin_isolation/child_link.hpp"

namespace dsrflow::plugin_isolation {

//! Forwards one call's output to dsrflow: records and poll requests batched, log lines at once
//! (so the last words of a plugin that crashes still arrive). A record fails once dsrflow's
//! sink refused one (sink_failed), so the plugin is told to stop as it would be in process.
class ForwardingSink final : public plugin_host::CallSink {
 public:
  ForwardingSink(ChildLink& link, std::shared_ptr<CallControl> control);

  Status record(std::string_view recordJson) override;
  void log(LogLevel level, std::string_view message) override;
  void pollLater(const plugin_host::PollRequest& request) override;

 private:
  ChildLink& link_;
  std::shared_ptr<CallControl> control_;
};

//! read_secret answered by dsrflow's SecretStore (the plugin process's environment holds no
//! secrets). The system id is dsrflow's to know; the child serves one system.
class LinkSecretStore final : public plugin_host::SecretStore {
 public:
  explicit LinkSecretStore(ChildLink& link) : link_(link) {}
  [[nodiscard]] std::optional<std::string> secret(std::string_view systemId,
                                                  std::string_view name) const override;

 private:
  ChildLink& link_;
};

}  // namespace dsrflow::plugin_isolation
