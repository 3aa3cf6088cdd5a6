#include "plugin_isolation/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "log/logger.hpp"
#include "plugin_isolation/fd_io.hpp"

extern char** environ;  // NOLINT: POSIX

namespace dsrflow::plugin_isolation {
namespace {

using plugin_host::UniqueFd;

constexpr std::string_view kSecretPrefix = "DSRFLOW_SECRET_";
constexpr std::size_t kMaxLineBytes = 8192;

// Descriptors 0-2 are the child's stdio: a pipe end that landed there (a daemon started with
// them closed) would be overwritten by the dup2 of another one.
bool aboveStdio(UniqueFd& fd) {
  if (fd.get() > 2) return true;
  const int moved = ::fcntl(fd.get(), F_DUPFD_CLOEXEC, 3);
  if (moved < 0) return false;
  fd = UniqueFd(moved);
  return true;
}

// glibc 2.36 declares pidfd_open without C linkage (fixed in 2.37); the system call is plain.
int openPidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  return -1;
#endif
}

bool makePipe(UniqueFd& read, UniqueFd& write) {
  int fds[2] = {-1, -1};
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  read = UniqueFd(fds[0]);
  write = UniqueFd(fds[1]);
  return aboveStdio(read) && aboveStdio(write);
}

std::vector<std::string> childEnvironment() {
  std::vector<std::string> out;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    if (text.substr(0, kSecretPrefix.size()) == kSecretPrefix) continue;
    out.emplace_back(text);
  }
  return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// The child's own log lines are logfmt with their level; anything else on its stderr (a
// plugin's printf, glibc's abort message) is worth a warning.
LogLevel levelOf(std::string_view line) {
  if (line.substr(0, 3) != "ts=") return LogLevel::kWarn;
  const auto at = line.find(" level=");
  if (at == std::string_view::npos) return LogLevel::kWarn;
  std::string_view rest = line.substr(at + 7);
  rest = rest.substr(0, rest.find(' '));
  return parseLogLevel(rest).value_or(LogLevel::kWarn);
}

// A line of the child's logger without its own time and level (the parent's line has both).
std::string_view withoutPrefix(std::string_view line) {
  if (line.substr(0, 3) != "ts=") return line;
  const auto at = line.find(" level=");
  if (at == std::string_view::npos) return line;
  const auto end = line.find(' ', at + 7);
  return end == std::string_view::npos ? line : line.substr(end + 1);
}

void logLine(std::string_view line, const std::string& tag, const std::string& pid) {
  if (line.empty()) return;
  Logger::instance().log(levelOf(line), "plugin process output",
                         {{"system", tag}, {"pid", pid}, {"line", withoutPrefix(line)}});
}

void copyStderr(UniqueFd fd, const std::string& tag, pid_t pid,
                const std::shared_ptr<std::atomic<bool>>& stop) {
  const std::string pidText = std::to_string(pid);
  std::string pending;
  while (true) {
    pollfd p{fd.get(), POLLIN, 0};
    const int ready = ::poll(&p, 1, 100);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) break;
    if (ready == 0) {
      // The child is gone but something it started still holds the pipe: stop anyway.
      if (stop->load()) break;
      continue;
    }
    const ReadState state = readSome(fd.get(), pending);
    std::size_t start = 0;
    for (auto end = pending.find('\n'); end != std::string::npos; end = pending.find('\n', start)) {
      logLine(std::string_view(pending).substr(start, end - start), tag, pidText);
      start = end + 1;
    }
    pending.erase(0, start);
    if (pending.size() > kMaxLineBytes) {
      logLine(pending, tag, pidText);
      pending.clear();
    }
    if (state == ReadState::kEnd) break;
  }
  logLine(pending, tag, pidText);
}

}  // namespace

Result<std::unique_ptr<ChildProcess>> ChildProcess::spawn(const SpawnOptions& options) {
  UniqueFd inRead, inWrite, outRead, outWrite, errRead, errWrite;
  if (!makePipe(inRead, inWrite) || !makePipe(outRead, outWrite) || !makePipe(errRead, errWrite)) {
    return Error{ErrorCode::kUnavailable,
                 std::string("cannot create pipes for a plugin process: ") + std::strerror(errno)};
  }
  if (!setNonBlocking(inWrite.get()) || !setNonBlocking(outRead.get()) ||
      !setNonBlocking(errRead.get())) {
    return Error{ErrorCode::kUnavailable, "cannot make the plugin process's pipes non-blocking"};
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, inRead.get(), 0);
  posix_spawn_file_actions_adddup2(&actions, outWrite.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, errWrite.get(), 2);
  // Whatever else dsrflow has open (database files, sockets, other children's pipes) stays out
  // of the plugin's reach, even descriptors some library opened without O_CLOEXEC.
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  sigset_t all;
  sigfillset(&all);
  posix_spawnattr_setsigdefault(&attributes, &all);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(
      &attributes,
      static_cast<short>(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP));

  std::vector<std::string> argvStrings{options.argv0};
  argvStrings.insert(argvStrings.end(), options.args.begin(), options.args.end());
  std::vector<std::string> envStrings = childEnvironment();
  std::vector<char*> argv = pointers(argvStrings);
  std::vector<char*> envp = pointers(envStrings);

  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, options.executable.c_str(), &actions, &attributes, argv.data(),
                               envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (rc != 0) {
    return Error{ErrorCode::kUnavailable, "cannot start the plugin process " +
                                              options.executable.string() + ": " +
                                              std::strerror(rc)};
  }

  std::unique_ptr<ChildProcess> child(new ChildProcess());
  child->pid_ = pid;
  child->input_ = std::move(inWrite);
  child->output_ = std::move(outRead);
  child->pidfd_ = UniqueFd(openPidfd(pid));  // -1 on old kernels: waitExit polls then
  child->startStderrReader(std::move(errRead), options.logTag);
  return child;
}

void ChildProcess::startStderrReader(UniqueFd fd, std::string tag) {
  try {
    stderrReader_ =
        std::thread([fd = std::move(fd), tag = std::move(tag), pid = pid_,
                     stop = stopStderr_]() mutable { copyStderr(std::move(fd), tag, pid, stop); });
  } catch (const std::system_error&) {
    // Without a thread the child's stderr is not read: closing our end makes its writes fail
    // (EPIPE) instead of blocking it on a full pipe.
    logWarn("plugin process stderr not logged: cannot start a thread",
            {{"system", tag}, {"pid", std::to_string(pid_)}});
  }
}

ChildProcess::~ChildProcess() {
  if (!exit_) {
    kill();
    reap(true);
  }
  stopStderr_->store(true);
  if (stderrReader_.joinable()) stderrReader_.join();
}

void ChildProcess::kill() {
  if (exit_ || killed_) return;
  killed_ = true;
  // The whole process group: whatever the plugin started goes with it.
  ::kill(-pid_, SIGKILL);
  ::kill(pid_, SIGKILL);
}

std::optional<ExitStatus> ChildProcess::reap(bool block) {
  if (exit_) return exit_;
  int status = 0;
  rusage usage{};
  pid_t done = -1;
  do {
    done = ::wait4(pid_, &status, block ? 0 : WNOHANG, &usage);
  } while (done < 0 && errno == EINTR);
  if (done == 0) return std::nullopt;
  if (done < 0) {
    // ECHILD: someone else reaped it (or SIGCHLD is ignored); it is gone all the same.
    exit_ = ExitStatus{.waitStatus = 0, .peakRssBytes = 0, .known = false};
  } else {
    exit_ = ExitStatus{status, static_cast<std::uint64_t>(usage.ru_maxrss) * 1024U};
  }
  pidfd_.reset();
  return exit_;
}

std::optional<ExitStatus> ChildProcess::waitExit(std::chrono::milliseconds timeout) {
  if (auto done = reap(false)) return done;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto pause = std::chrono::milliseconds(1);
  while (true) {
    const auto left =
        std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return reap(false);
    if (pidfd_.valid()) {
      pollfd p{pidfd_.get(), POLLIN, 0};
      ::poll(&p, 1, static_cast<int>(left.count()));
    } else {
      std::this_thread::sleep_for(std::min(pause, left));
      pause = std::min(pause * 2, std::chrono::milliseconds(20));
    }
    if (auto done = reap(false)) return done;
  }
}

ExitStatus ChildProcess::stop(std::chrono::milliseconds grace) {
  closeInput();
  if (auto done = waitExit(grace)) return *done;
  kill();
  return *reap(true);
}

}  // namespace dsrflow::plugin_isolation
