#include "plugin_isolation/child_host.hpp"

#include <malloc.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "log/logger.hpp"
#include "plugin_host/in_process_loader.hpp"
#include "plugin_host/plugin_json.hpp"
#include "plugin_isolation/child_link.hpp"
#include "plugin_isolation/child_services.hpp"
#include "plugin_isolation/protocol.hpp"

namespace dsrflow::plugin_isolation {
namespace {

using namespace plugin_host;
using std::chrono::milliseconds;

class ChildHost {
 public:
  ChildHost(ChildLink& link, const ChildHostOptions& options)
      : link_(link),
        loader_(HostOptions{.clock = nullptr, .gracePeriod = options.grace, .quarantine = nullptr}),
        secrets_(std::make_shared<LinkSecretStore>(link)) {}

  void serve() {
    while (auto request = link_.nextRequest()) handle(*request);
    instance_.reset();
  }

 private:
  void reply(const std::string& frame) { (void)link_.write(frame); }
  void fail(Error error) { reply(encodeError(error)); }

  void handle(const IncomingRequest& request) {
    const Frame& frame = request.frame;
    if (frame.type == frame::kLoad) {
      load(frame);
    } else if (frame.type == frame::kCreate) {
      create(frame);
    } else if (frame.type == frame::kInvoke || frame.type == frame::kCallback) {
      call(frame, request.control);
    } else if (frame.type == frame::kDestroy) {
      instance_.reset();
      reply(encodeFrame(frameHeader(frame::kDestroyed)));
    } else {
      fail(invalidArgument("plugin host: unknown request '" + frame.type + "'"));
    }
  }

  void load(const Frame& frame) {
    const std::int64_t protocol = frame.number("protocol", -1);
    if (protocol != kProtocolVersion) {
      return fail(invalidArgument("plugin host speaks protocol " +
                                  std::to_string(kProtocolVersion) + ", dsrflow asked for " +
                                  std::to_string(protocol)));
    }
    if (plugin_) return fail(invalidArgument("plugin host: a plugin is loaded already"));
    auto loaded = loader_.load(PluginSpec{frame.text("path"), frame.text("sha256")});
    if (!loaded) return fail(loaded.error());
    plugin_ = *loaded;
    reply(encodeFrame(frameHeader(frame::kLoaded), toJson(plugin_->info())));
  }

  void create(const Frame& frame) {
    if (!plugin_) return fail(invalidArgument("plugin host: no plugin loaded"));
    instance_.reset();
    InstanceOptions options{.systemId = frame.text("system_id"),
                            .configJson = frame.body,
                            .timeout = milliseconds(frame.number("timeout_ms", 30'000)),
                            .secrets = frame.flag("secrets") ? secrets_ : nullptr};
    auto created = plugin_->createInstance(options);
    if (!created) return fail(created.error());
    instance_ = std::move(created).value();
    reply(encodeFrame(frameHeader(frame::kCreated)));
  }

  void call(const Frame& frame, const std::shared_ptr<CallControl>& control) {
    if (!instance_) return fail(invalidArgument("plugin host: no instance created"));
    ScopedRequestId tag(frame.text("request_id"));
    ForwardingSink sink(link_, control);
    CallOptions options;
    options.timeout = milliseconds(std::max<std::int64_t>(1, frame.number("timeout_ms", 1)));
    options.cancellation = control->token();
    auto result = frame.type == frame::kInvoke ? instance_->invokeJson(frame.body, options, sink)
                                               : instance_->onCallback(frame.body, options, sink);
    if (!result) return fail(result.error());
    Poco::JSON::Object header = frameHeader(frame::kResult);
    // A call the in-process host gave up on still runs here: this process serves no more.
    if (plugin_->quarantined()) header.set("restart", true);
    reply(encodeFrame(header, toJson(*result)));
  }

  ChildLink& link_;
  InProcessLoader loader_;
  std::shared_ptr<const SecretStore> secrets_;
  std::shared_ptr<Plugin> plugin_;
  std::unique_ptr<PluginInstance> instance_;
};

}  // namespace

Status applyMemoryLimit(std::uint64_t bytes) {
  if (bytes == 0) return Ok{};
  // Every thread's malloc arena reserves 64 MiB of address space; under RLIMIT_AS that would
  // count against the plugin's limit without being used.
  mallopt(M_ARENA_MAX, 2);
  rlimit current{};
  if (getrlimit(RLIMIT_AS, &current) != 0) current.rlim_max = RLIM_INFINITY;
  rlim_t value = static_cast<rlim_t>(bytes);
  if (current.rlim_max != RLIM_INFINITY && current.rlim_max < value) value = current.rlim_max;
  // The hard limit too: the plugin cannot lift it.
  const rlimit limit{value, value};
  if (setrlimit(RLIMIT_AS, &limit) != 0) {
    return Error{ErrorCode::kInternal,
                 std::string("cannot limit the address space: ") + std::strerror(errno)};
  }
  return Ok{};
}

int runChildHost(int input, int output, const ChildHostOptions& options) {
  ChildLink link(input, output);
  if (!link.start()) {
    logError("plugin host: cannot start its reader thread");
    return 1;
  }
  ChildHost(link, options).serve();
  return 0;
}

}  // namespace dsrflow::plugin_isolation
