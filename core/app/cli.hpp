#pragma once
// The dsrflow command line: dispatches subcommands and maps failures to exit codes.

#include <ostream>
#include <string>
#include <vector>

namespace dsrflow::app {

//! Exit codes shared by every subcommand.
enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

//! Runs `dsrflow` with the given arguments (without argv[0]); returns the process exit code.
int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace dsrflow::app
