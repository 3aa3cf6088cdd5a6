#include "plugin_isolation/fd_io.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace dsrflow::plugin_isolation {
namespace {

// A library must not change the process's signal dispositions, and a server must not die of
// SIGPIPE when a plugin process goes away: SIGPIPE is blocked on this thread while writing,
// and one the write raised is taken off the thread's pending set before unblocking.
class SigpipeBlocked {
 public:
  SigpipeBlocked() {
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    pendingBefore_ = sigismember(&pending, SIGPIPE) == 1;
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &block, &previous_);
  }
  ~SigpipeBlocked() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  SigpipeBlocked(const SigpipeBlocked&) = delete;
  SigpipeBlocked& operator=(const SigpipeBlocked&) = delete;

  //! After EPIPE: consume the SIGPIPE this thread raised (unless one was pending before).
  void consume() const {
    if (pendingBefore_) return;
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    const timespec zero{0, 0};
    while (sigtimedwait(&pipe, nullptr, &zero) == -1 && errno == EINTR) {
    }
  }

 private:
  sigset_t previous_{};
  bool pendingBefore_ = false;
};

int pollTimeoutMs(std::optional<SteadyTime> deadline) {
  if (!deadline) return -1;
  const auto left =
      std::chrono::ceil<std::chrono::milliseconds>(*deadline - std::chrono::steady_clock::now());
  return left.count() <= 0 ? 0 : static_cast<int>(std::min<std::int64_t>(left.count(), 1 << 30));
}

}  // namespace

Status writeAll(int fd, std::string_view data, std::optional<SteadyTime> deadline) {
  SigpipeBlocked blocked;
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n > 0) {
      data.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd p{fd, POLLOUT, 0};
      const int timeout = pollTimeoutMs(deadline);
      const int ready = ::poll(&p, 1, timeout);
      if (ready == 0 && timeout >= 0) {
        return Error{ErrorCode::kUnavailable, "the plugin process does not read its input"};
      }
      continue;
    }
    if (n < 0 && errno == EPIPE) {
      blocked.consume();
      return Error{ErrorCode::kUnavailable, "the plugin process closed its input"};
    }
    return Error{ErrorCode::kUnavailable,
                 std::string("writing to the plugin process failed: ") + std::strerror(errno)};
  }
  return Ok{};
}

ReadState readSome(int fd, std::string& out) {
  // Not value-initialised: zeroing 64 KiB per read is measurable per call.
  std::array<char, 65536> buffer;  // NOLINT(cppcoreguidelines-pro-type-member-init)
  while (true) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n > 0) {
      out.append(buffer.data(), static_cast<std::size_t>(n));
      return ReadState::kData;
    }
    if (n == 0) return ReadState::kEnd;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return ReadState::kWouldBlock;
    return ReadState::kEnd;
  }
}

bool setNonBlocking(int fd) {
  const int flags = ::fcntl(fd, F_GETFL);
  return flags >= 0 && ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

}  // namespace dsrflow::plugin_isolation
