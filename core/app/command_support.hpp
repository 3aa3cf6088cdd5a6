#pragma once
// What several commands share: loading the configuration with the right exit code and
// applying its logging settings.

#include <memory>

#include "app/command.hpp"
#include "config/config.hpp"

namespace dsrflow::app {

//! Loads ctx.configPath; on failure prints the one-line error to ctx.err and returns nullptr
//! (the caller then exits with kExitUsage).
std::shared_ptr<const config::Config> loadConfigOrReport(CommandContext& ctx);

//! Creates the data directory (mode 0700: it holds personal data) when it does not exist.
//! Returns false after printing the reason to ctx.err.
bool ensureDataDir(CommandContext& ctx, const config::Config& config);

//! Points the process logger at stderr with the configured level.
void applyLogging(const config::Config& config);

//! Prints "dsrflow COMMAND: message" to ctx.err; returns the exit code for the error (2 for
//! kInvalidArgument, else 1).
int reportFailure(CommandContext& ctx, const std::string& command, const Error& error);

}  // namespace dsrflow::app
