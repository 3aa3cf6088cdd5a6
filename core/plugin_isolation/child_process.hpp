#pragma once
// A child process started with posix_spawn (not Poco::Process, which forks and closes every
// descriptor one by one: ~5 ms against ~1 ms), with pipes on its stdin and stdout and its
// stderr copied line by line into dsrflow's log.

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "model/result.hpp"
#include "plugin_host/unique_fd.hpp"
#include "plugin_isolation/exit_status.hpp"

namespace dsrflow::plugin_isolation {

struct SpawnOptions {
  std::filesystem::path executable;  //!< run as is (no PATH search)
  std::vector<std::string> args;     //!< after argv[0]
  std::string argv0 = "dsrflow";
  //! Tags the child's stderr lines in the log ("system" field); may be empty.
  std::string logTag;
};

//! Owns one child process: its pipes, its stderr reader and its reaping. The child gets an
//! empty signal mask, default signal handlers, its own process group (a terminal's Ctrl-C
//! reaches dsrflow, which then stops its children in order), no descriptors but 0-2, and
//! dsrflow's environment without DSRFLOW_SECRET_* (secrets reach a plugin through read_secret
//! only). Not thread-safe: one owner uses it at a time.
class ChildProcess {
 public:
  //! kUnavailable when the pipes or the process cannot be created.
  static Result<std::unique_ptr<ChildProcess>> spawn(const SpawnOptions& options);

  //! Kills the child if it still runs, reaps it and stops the stderr reader.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  [[nodiscard]] pid_t pid() const { return pid_; }
  //! The write end of the child's stdin (non-blocking); -1 after closeInput().
  [[nodiscard]] int input() const { return input_.get(); }
  //! The read end of the child's stdout (non-blocking).
  [[nodiscard]] int output() const { return output_.get(); }
  //! A pidfd that turns readable when the child exits; -1 when the kernel offers none.
  [[nodiscard]] int exitFd() const { return pidfd_.get(); }

  //! Closes the child's stdin: a plugin host takes that as the order to exit.
  void closeInput() { input_.reset(); }
  //! SIGKILL (once, and only while not reaped).
  void kill();
  //! True once kill() was called.
  [[nodiscard]] bool killed() const { return killed_; }
  //! Waits up to `timeout` for the child to exit and reaps it; nullopt while it runs.
  std::optional<ExitStatus> waitExit(std::chrono::milliseconds timeout);
  //! Closes stdin, waits up to `grace` for the child to exit, else kills it; reaps it.
  ExitStatus stop(std::chrono::milliseconds grace);
  //! The status once reaped.
  [[nodiscard]] const std::optional<ExitStatus>& exitStatus() const { return exit_; }

 private:
  ChildProcess() = default;
  std::optional<ExitStatus> reap(bool block);
  void startStderrReader(plugin_host::UniqueFd fd, std::string tag);

  pid_t pid_ = -1;
  plugin_host::UniqueFd input_;
  plugin_host::UniqueFd output_;
  plugin_host::UniqueFd pidfd_;
  bool killed_ = false;
  std::optional<ExitStatus> exit_;
  std::shared_ptr<std::atomic<bool>> stopStderr_ = std::make_shared<std::atomic<bool>>(false);
  std::thread stderrReader_;
};

}  // namespace dsrflow::plugin_isolation
