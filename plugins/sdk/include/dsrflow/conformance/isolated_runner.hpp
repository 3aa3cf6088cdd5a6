#pragma once
// Runs each conformance check in a child process of its own (POSIX fork), so that a plugin that
// crashes, aborts, hangs or eats memory fails that one check instead of killing the test
// program or `dsrflow plugin check`. The child makes its own Driver (the plugin is loaded only
// there), runs the check and reports back over a pipe: a line {"step": ...} before each step
// that may run plugin code and a last line {"result": ...}. The parent kills a child that
// overruns its budget and names the step a child died in.
//
// Fork from a process with one thread: the child of a multi-threaded process may only call
// async-signal-safe functions, and the check calls far more.

#include "dsrflow/conformance/checks.hpp"
#include "dsrflow/sdk/json_reader.hpp"
#include "dsrflow/sdk/json_writer.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace dsrflow::conformance {

//! Makes the driver a check runs with; called in the check's process.
using DriverFactory = std::function<std::unique_ptr<Driver>()>;

//! How long a check's process may run before it is killed: a check makes at most a few calls,
//! each bounded by the call timeout plus the stop bound.
inline std::chrono::milliseconds checkBudget(const Settings& settings) {
  return 6 * (settings.callTimeout + settings.stopBound) + std::chrono::seconds(2);
}

namespace detail {

inline void writeAll(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

//! Sends each step to the parent.
class PipeProgress final : public Progress {
 public:
  explicit PipeProgress(int fd) : fd_(fd) {}
  void step(const std::string& what) override {
    writeAll(fd_, json::write(json::Value::object({{"step", what}})) + "\n");
  }

 private:
  int fd_;
};

inline std::string signalName(int signal) {
  switch (signal) {
    case SIGSEGV:
      return "SIGSEGV";
    case SIGABRT:
      return "SIGABRT";
    case SIGBUS:
      return "SIGBUS";
    case SIGFPE:
      return "SIGFPE";
    case SIGILL:
      return "SIGILL";
    case SIGKILL:
      return "SIGKILL";
    case SIGTERM:
      return "SIGTERM";
    case SIGPIPE:
      return "SIGPIPE";
    default:
      return "signal " + std::to_string(signal);
  }
}

// The child's limits: dies with its parent, writes nothing to the parent's stdout (a report
// may be printed there), dumps no core, and gets a bounded address space.
inline void prepareChild(const Settings& settings, pid_t parent) {
#ifdef __linux__
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
  if (::getppid() != parent) ::_exit(3);
  ::dup2(STDERR_FILENO, STDOUT_FILENO);
  rlimit none{};
  ::setrlimit(RLIMIT_CORE, &none);
#ifdef __linux__
  if (settings.memoryLimitMb > 0) {
    unsigned long pages = 0;
    if (std::FILE* statm = std::fopen("/proc/self/statm", "r")) {
      if (std::fscanf(statm, "%lu", &pages) != 1) pages = 0;
      std::fclose(statm);
    }
    rlimit limit{};
    limit.rlim_cur = static_cast<rlim_t>(pages) * static_cast<rlim_t>(::sysconf(_SC_PAGESIZE)) +
                     (static_cast<rlim_t>(settings.memoryLimitMb) << 20U);
    limit.rlim_max = limit.rlim_cur;
    ::setrlimit(RLIMIT_AS, &limit);
  }
#else
  (void)settings;
#endif
}

[[noreturn]] inline void runChild(const CheckSpec& check, const DriverFactory& factory,
                                  const Settings& settings, int fd) {
  PipeProgress progress(fd);
  CheckResult result;
  try {
    // Never destroyed: the process ends with _exit right after reporting, and the plugin's
    // library is not unloaded (its static destructors are no part of the check).
    Driver* driver = factory().release();
    result = runCheckHere(check, *driver, settings, progress);
  } catch (const std::exception& e) {
    result = CheckResult::fail(std::string("the check could not run: ") + e.what());
    result.id = check.id;
  }
  writeAll(fd, json::write(json::Value::object({{"result", toJson(result)}})) + "\n");
  std::fflush(nullptr);
  ::_exit(0);
}

// Reads the child's lines until the pipe closes or `deadline` passes; false on overrun.
inline bool readChild(int fd, std::chrono::steady_clock::time_point deadline, std::string& lastStep,
                      std::optional<CheckResult>& result) {
  std::string buffer;
  while (true) {
    const auto left =
        std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd waiting{fd, POLLIN, 0};
    const int ready =
        ::poll(&waiting, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) return false;
    if (ready <= 0) continue;
    char chunk[4096];
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;
    buffer.append(chunk, static_cast<std::size_t>(n));
    for (std::size_t end = buffer.find('\n'); end != std::string::npos; end = buffer.find('\n')) {
      std::optional<json::Value> line = json::tryParse(std::string_view(buffer).substr(0, end));
      buffer.erase(0, end + 1);
      if (!line) continue;
      if (const json::Value* step = line->find("step"); step != nullptr && step->isString()) {
        lastStep = step->asString();
      } else if (const json::Value* r = line->find("result"); r != nullptr && r->isObject()) {
        try {
          result = checkResultFromJson(*r);
        } catch (const json::TypeError&) {
          result.reset();
        }
      }
    }
  }
}

// Waits for the child to end until `deadline`, then kills it. Returns its wait status and
// whether it had to be killed.
inline std::pair<int, bool> reap(pid_t pid, std::chrono::steady_clock::time_point deadline) {
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return {status, false};
    if (done < 0 && errno != EINTR) return {status, false};
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(pid, SIGKILL);
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return {status, true};
}

inline std::string during(const std::string& step) {
  return step.empty() ? std::string() : " during: " + step;
}

}  // namespace detail

//! Runs one check; with settings.isolate (the default) in a child process of its own.
inline CheckResult runCheck(const CheckSpec& check, const DriverFactory& factory,
                            const Settings& settings) {
  const auto started = std::chrono::steady_clock::now();
  auto finished = [&](CheckResult r) {
    r.id = check.id;
    r.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    return r;
  };
  if (!settings.isolate) {
    NoProgress progress;
    std::unique_ptr<Driver> driver = factory();
    return finished(runCheckHere(check, *driver, settings, progress));
  }
  int fds[2];
  if (::pipe(fds) != 0) return finished(CheckResult::fail("cannot create a pipe"));
  ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  ::fcntl(fds[1], F_SETFD, FD_CLOEXEC);
  std::fflush(nullptr);  // or the child's exit would write buffered output twice
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return finished(CheckResult::fail("cannot fork a process for the check"));
  }
  if (pid == 0) {
    ::close(fds[0]);
    detail::prepareChild(settings, parent);
    detail::runChild(check, factory, settings, fds[1]);
  }
  ::close(fds[1]);
  const auto deadline = started + checkBudget(settings);
  std::string lastStep;
  std::optional<CheckResult> result;
  const bool complete = detail::readChild(fds[0], deadline, lastStep, result);
  ::close(fds[0]);
  const auto [status, killed] =
      detail::reap(pid, complete ? deadline : std::chrono::steady_clock::now());
  if (result && !killed) return finished(*result);
  CheckResult failed;
  if (killed) {
    failed = CheckResult::fail("did not finish within " +
                               std::to_string(checkBudget(settings).count() / 1000) +
                               " s and was killed" + detail::during(lastStep));
    failed.timedOut = true;
  } else if (WIFSIGNALED(status)) {
    failed = CheckResult::fail("crashed (" + detail::signalName(WTERMSIG(status)) + ")" +
                               detail::during(lastStep));
    failed.crashed = true;
  } else {
    failed = CheckResult::fail("the process exited with status " +
                               std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                               " before reporting" + detail::during(lastStep));
    failed.crashed = true;
  }
  return finished(failed);
}

//! Runs the checks with these ids (all, in order, when `ids` is empty), calling `onResult`
//! (when set) as each finishes. Throws std::invalid_argument for an unknown id.
inline std::vector<CheckResult> runChecks(
    const DriverFactory& factory, const Settings& settings,
    const std::vector<std::string>& ids = {},
    const std::function<void(const CheckResult&)>& onResult = nullptr) {
  std::vector<const CheckSpec*> selected;
  for (const std::string& id : ids) {
    const CheckSpec* check = findCheck(id);
    if (check == nullptr) throw std::invalid_argument("unknown check '" + id + "'");
    selected.push_back(check);
  }
  if (ids.empty()) {
    for (const CheckSpec& check : checkList()) selected.push_back(&check);
  }
  std::vector<CheckResult> results;
  for (const CheckSpec* check : selected) {
    results.push_back(runCheck(*check, factory, settings));
    if (onResult) onResult(results.back());
  }
  return results;
}

}  // namespace dsrflow::conformance
