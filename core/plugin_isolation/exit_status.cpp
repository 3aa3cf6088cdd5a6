#include "plugin_isolation/exit_status.hpp"

#include <sys/wait.h>

#include <cstring>

namespace dsrflow::plugin_isolation {

bool ExitStatus::signalled() const { return WIFSIGNALED(waitStatus); }

int ExitStatus::signal() const { return signalled() ? WTERMSIG(waitStatus) : 0; }

int ExitStatus::exitCode() const { return WIFEXITED(waitStatus) ? WEXITSTATUS(waitStatus) : -1; }

std::string ExitStatus::describe() const {
  if (!known) return "ended";
  if (signalled()) return "died of " + signalName(signal());
  if (exitCode() == 0) return "exited normally";
  return "exited with status " + std::to_string(exitCode());
}

std::string signalName(int signal) {
  if (const char* abbreviation = sigabbrev_np(signal); abbreviation != nullptr) {
    return std::string("SIG") + abbreviation;
  }
  return "signal " + std::to_string(signal);
}

}  // namespace dsrflow::plugin_isolation
