#include "plugin_isolation/plugin_process.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include "plugin_isolation/protocol.hpp"

namespace dsrflow::plugin_isolation {
namespace {

using plugin_host::UniqueFd;
using std::chrono::milliseconds;

// How long a child that closed its stdout gets to finish exiting before it is killed.
constexpr milliseconds kExitWait{2'000};

int pollTimeout(SteadyTime until) {
  const auto left =
      std::chrono::ceil<milliseconds>(until - std::chrono::steady_clock::now()).count();
  return static_cast<int>(std::clamp<std::int64_t>(left, 0, 1 << 30));
}

}  // namespace

bool isTerminal(std::string_view type) {
  return type == frame::kLoaded || type == frame::kCreated || type == frame::kDestroyed ||
         type == frame::kResult || type == frame::kError;
}

Result<std::unique_ptr<PluginProcess>> PluginProcess::start(const ProcessSettings& settings) {
  SpawnOptions spawn;
  spawn.executable = settings.executable;
  // --system only names the process for people looking at `ps`.
  spawn.args = {"plugin-host",
                "--system",
                settings.tag,
                "--memory-limit",
                std::to_string(settings.memoryLimit),
                "--grace-ms",
                std::to_string(settings.childGrace.count()),
                "--log-level",
                std::string(toString(settings.logLevel))};
  spawn.logTag = settings.tag;
  UniqueFd wake(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!wake.valid()) {
    return Error{ErrorCode::kUnavailable,
                 std::string("cannot create an eventfd: ") + std::strerror(errno)};
  }
  auto child = ChildProcess::spawn(spawn);
  if (!child) return child.error();
  return std::unique_ptr<PluginProcess>(
      new PluginProcess(std::move(child).value(), std::move(wake)));
}

PluginProcess::PluginProcess(std::unique_ptr<ChildProcess> child, UniqueFd wake)
    : child_(std::move(child)), wake_(std::move(wake)) {}

Status PluginProcess::send(std::string_view frame) {
  if (child_->input() < 0) return Error{ErrorCode::kUnavailable, "the plugin process has no input"};
  // A frame to a live child never waits long: its reader thread does nothing but read.
  return writeAll(child_->input(), frame, std::chrono::steady_clock::now() + kExitWait);
}

ExitStatus PluginProcess::stop(milliseconds grace) { return child_->stop(grace); }

ExchangeEnd PluginProcess::ended(ExchangeEnd::Kind kind, std::string problem, bool cancelled) {
  ExchangeEnd end;
  end.kind = kind;
  end.problem = std::move(problem);
  end.cancelled = cancelled;
  if (kind == ExchangeEnd::kDied) {
    end.exit = child_->stop(kExitWait);
  } else {
    child_->kill();
    end.exit = child_->stop(milliseconds(0));
  }
  return end;
}

ExchangeEnd PluginProcess::exchange(std::string_view request, const ExchangeLimits& limits,
                                    const FrameHandler& onFrame) {
  bool cancelled = false;
  if (!alive()) return ended(ExchangeEnd::kDied, "", cancelled);
  SteadyTime killAt = limits.killAt;
  const int wakeFd = wake_.get();
  std::stop_callback onCancel(limits.cancellation, [wakeFd] {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(wakeFd, &one, sizeof one);
  });
  // A failed write means the child is gone or stuck; the wait below tells which.
  if (child_->input() >= 0) (void)writeAll(child_->input(), request, killAt);

  bool gone = false;  // its stdout ended or the process exited
  std::string bytes;
  while (true) {
    while (true) {
      auto next = decoder_.next();
      if (!next) return ended(ExchangeEnd::kBroken, next.error().message, cancelled);
      if (!next->has_value()) break;
      Frame frame = std::move(**next);
      if (isTerminal(frame.type)) {
        ExchangeEnd end;
        end.kind = ExchangeEnd::kReply;
        end.reply = std::move(frame);
        end.cancelled = cancelled;
        return end;
      }
      if (Status handled = onFrame(frame, *this); !handled) {
        return ended(ExchangeEnd::kBroken, handled.error().message, cancelled);
      }
    }
    if (gone) return ended(ExchangeEnd::kDied, "", cancelled);
    if (!cancelled && limits.cancellation.stop_requested()) {
      cancelled = true;
      (void)send(encodeFrame(frameHeader(frame::kCancel)));
      killAt = std::min(killAt, std::chrono::steady_clock::now() + limits.cancelGrace);
    }
    if (std::chrono::steady_clock::now() >= killAt) {
      return ended(ExchangeEnd::kKilled, "", cancelled);
    }

    std::array<pollfd, 3> fds{};
    nfds_t count = 0;
    fds[count++] = pollfd{child_->output(), POLLIN, 0};
    fds[count++] = pollfd{wakeFd, POLLIN, 0};
    if (child_->exitFd() >= 0) fds[count++] = pollfd{child_->exitFd(), POLLIN, 0};
    const int ready = ::poll(fds.data(), count, pollTimeout(killAt));
    if (ready < 0 && errno != EINTR) {
      return ended(ExchangeEnd::kBroken, std::string("poll failed: ") + std::strerror(errno),
                   cancelled);
    }
    if (ready <= 0) continue;
    if ((fds[1].revents & POLLIN) != 0) {
      std::uint64_t ignored = 0;
      [[maybe_unused]] const ssize_t read = ::read(wakeFd, &ignored, sizeof ignored);
    }
    const bool exited = count > 2 && fds[2].revents != 0;
    if (fds[0].revents != 0 || exited) {
      // After an exit, take everything it wrote: its last frames may still be in the pipe.
      while (true) {
        bytes.clear();
        const ReadState state = readSome(child_->output(), bytes);
        decoder_.append(bytes);
        if (state == ReadState::kEnd) gone = true;
        if (state != ReadState::kData || !exited) break;
      }
      if (exited) gone = true;
    }
  }
}

}  // namespace dsrflow::plugin_isolation
