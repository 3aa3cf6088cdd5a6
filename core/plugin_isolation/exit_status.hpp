#pragma once
// How a plugin process ended, in words for a call's failure reason and the log.

#include <cstdint>
#include <string>

namespace dsrflow::plugin_isolation {

struct ExitStatus {
  int waitStatus = 0;              //!< as waitpid() reports it
  std::uint64_t peakRssBytes = 0;  //!< the process's peak resident memory (wait4 rusage)
  bool known = true;  //!< false when the status was lost (reaped elsewhere, SIGCHLD ignored)

  [[nodiscard]] bool signalled() const;
  //! The signal that ended the process; 0 when it exited.
  [[nodiscard]] int signal() const;
  //! The exit code; -1 when a signal ended it.
  [[nodiscard]] int exitCode() const;

  //! "died of SIGSEGV", "exited with status 3", "exited normally", "ended" (not known).
  [[nodiscard]] std::string describe() const;
};

//! "SIGSEGV" for SIGSEGV; "signal N" for signals without a name.
std::string signalName(int signal);

}  // namespace dsrflow::plugin_isolation
