// `dsrflow plugin-host`: the plugin process of a system with `isolation: process`. dsrflow
// starts it itself and speaks core/plugin_isolation/protocol.hpp with it over stdin and
// stdout; people never run it, so `dsrflow --help` does not list it.

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <iostream>

#include "app/command.hpp"
#include "log/logger.hpp"
#include "plugin_isolation/child_host.hpp"

namespace dsrflow::app {
namespace {

std::optional<std::uint64_t> number(const Arguments& args, const std::string& name,
                                    std::uint64_t fallback) {
  const auto text = args.value(name);
  if (!text) return fallback;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

int run(CommandContext& ctx, const Arguments& args) {
  const auto memoryLimit = number(args, "--memory-limit", 0);
  const auto graceMs = number(args, "--grace-ms", 7'000);
  const auto level = parseLogLevel(args.value("--log-level").value_or("info"));
  if (!memoryLimit || !graceMs || !level) {
    ctx.err << "dsrflow plugin-host: bad option value\n";
    return kExitUsage;
  }
  Logger::instance().configure(*level, &std::cerr);
  // First of all, before any plugin code is loaded.
  if (Status limited = plugin_isolation::applyMemoryLimit(*memoryLimit); !limited) {
    ctx.err << "dsrflow plugin-host: " << limited.error().message << '\n';
    return kExitFailure;
  }
  // The protocol gets private copies of stdin and stdout; fd 0 reads /dev/null and fd 1 goes
  // to stderr, so a plugin that reads stdin or prints cannot corrupt the frames.
  const int input = ::fcntl(0, F_DUPFD_CLOEXEC, 3);
  const int output = ::fcntl(1, F_DUPFD_CLOEXEC, 3);
  const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (input < 0 || output < 0 || devNull < 0 || ::dup2(devNull, 0) < 0 || ::dup2(2, 1) < 0) {
    ctx.err << "dsrflow plugin-host: cannot set up its descriptors\n";
    return kExitFailure;
  }
  ::close(devNull);
  // dsrflow going away shows as a failed write, not as a signal.
  ::signal(SIGPIPE, SIG_IGN);
  const int code = plugin_isolation::runChildHost(
      input, output, plugin_isolation::ChildHostOptions{std::chrono::milliseconds(*graceMs)});
  std::cout.flush();
  std::cerr.flush();
  // A call the in-process host gave up on may still run on a thread: exit without running
  // static destructors under its feet.
  std::_Exit(code);
}

}  // namespace

Command pluginHostCommand() {
  Command command{"plugin-host",
                  "run one plugin for dsrflow (internal)",
                  "usage: dsrflow plugin-host [--system ID] [--memory-limit BYTES] "
                  "[--grace-ms MS] [--log-level LEVEL]\n\n"
                  "Internal: the plugin process of a system with `isolation: process`. dsrflow\n"
                  "starts it and talks to it over stdin and stdout; it exits when stdin closes.\n"
                  "--system only names the process (for ps).\n",
                  {{"--system", "--memory-limit", "--grace-ms", "--log-level"}, {}, 0, 0},
                  run};
  command.hidden = true;
  return command;
}

}  // namespace dsrflow::app
