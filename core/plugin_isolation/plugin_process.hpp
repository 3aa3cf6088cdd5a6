#pragma once
// dsrflow's end of one `dsrflow plugin-host` child: starts it, and runs one request at a time
// against it -- sends the request frame, hands the frames the child sends meanwhile to a
// handler, forwards cancellation, and watches the child: a reply, its death, or the kill
// deadline, whichever comes first.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <string_view>

#include "log/logger.hpp"
#include "model/result.hpp"
#include "plugin_host/unique_fd.hpp"
#include "plugin_isolation/child_process.hpp"
#include "plugin_isolation/fd_io.hpp"
#include "plugin_isolation/frame.hpp"

namespace dsrflow::plugin_isolation {

//! How one plugin process is started.
struct ProcessSettings {
  std::filesystem::path executable;  //!< the dsrflow binary
  std::uint64_t memoryLimit = 0;     //!< RLIMIT_AS in bytes; 0: none
  //! How long the child's own host waits for a stopped call before giving it up (then the child
  //! asks to be restarted). Longer than dsrflow's grace period, so that dsrflow kills first.
  std::chrono::milliseconds childGrace{0};
  LogLevel logLevel = LogLevel::kInfo;  //!< the child logs from this level up
  std::string tag;                      //!< the system id (or the plugin file) in log lines
};

//! When to give up on a request.
struct ExchangeLimits {
  SteadyTime killAt;                         //!< no reply by then: the child is killed (SIGKILL)
  std::stop_token cancellation;              //!< when it fires, a cancel frame is sent
  std::chrono::milliseconds cancelGrace{0};  //!< after the cancel frame, until the kill
};

//! How a request ended.
struct ExchangeEnd {
  enum Kind {
    kReply,   //!< a terminal frame arrived (loaded, created, destroyed, result, error)
    kDied,    //!< the child exited or died on its own
    kKilled,  //!< the kill deadline passed; the child was killed
    kBroken,  //!< the child broke the protocol; it was killed
  };
  Kind kind = kBroken;
  Frame reply;             //!< kReply
  ExitStatus exit;         //!< kDied, kKilled, kBroken
  std::string problem;     //!< kBroken: what was wrong
  bool cancelled = false;  //!< a cancel frame was sent
};

class PluginProcess;

//! Handles a non-terminal frame (record, log, poll_later, read_secret) on the caller's thread;
//! may answer through PluginProcess::send. An error breaks the exchange (kBroken).
using FrameHandler = std::function<Status(const Frame&, PluginProcess&)>;

//! Not thread-safe: its owner serialises requests.
class PluginProcess {
 public:
  //! Starts `dsrflow plugin-host` with the settings; kUnavailable when it cannot be started.
  static Result<std::unique_ptr<PluginProcess>> start(const ProcessSettings& settings);

  //! Sends `request` and waits for the terminal reply, within `limits`. After any end other
  //! than kReply the child is gone (reaped) and this object can only be discarded.
  ExchangeEnd exchange(std::string_view request, const ExchangeLimits& limits,
                       const FrameHandler& onFrame);

  //! Sends a frame from within a FrameHandler (e.g. an answer to read_secret).
  Status send(std::string_view frame);

  //! Closes the child's stdin and waits up to `grace` for it to exit, else kills it; reaps it.
  ExitStatus stop(std::chrono::milliseconds grace);

  [[nodiscard]] pid_t pid() const { return child_->pid(); }
  [[nodiscard]] bool alive() const { return !child_->exitStatus().has_value(); }
  //! How it ended if it has (reaped now), without waiting; nullopt while it runs.
  std::optional<ExitStatus> exited() { return child_->waitExit(std::chrono::milliseconds(0)); }

 private:
  explicit PluginProcess(std::unique_ptr<ChildProcess> child, plugin_host::UniqueFd wake);
  ExchangeEnd ended(ExchangeEnd::Kind kind, std::string problem, bool cancelled);

  std::unique_ptr<ChildProcess> child_;
  plugin_host::UniqueFd wake_;  // eventfd: a cancellation interrupts the wait
  FrameDecoder decoder_;
};

//! True for the frame types that end a request.
bool isTerminal(std::string_view type);

}  // namespace dsrflow::plugin_isolation
