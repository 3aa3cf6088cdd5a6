#include "app/command_support.hpp"

#include <iostream>

#include "config/config_loader.hpp"

namespace dsrflow::app {

std::shared_ptr<const config::Config> loadConfigOrReport(CommandContext& ctx) {
  auto loaded = config::loadConfig(ctx.configPath);
  if (!loaded) {
    ctx.err << "dsrflow: " << loaded.error().message << '\n';
    return nullptr;
  }
  return *loaded;
}

bool ensureDataDir(CommandContext& ctx, const config::Config& config) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(config.dataDir, ec)) return true;
  fs::create_directories(config.dataDir, ec);
  if (!ec) fs::permissions(config.dataDir, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec) {
    ctx.err << "dsrflow: cannot create the data directory " << config.dataDir.string() << ": "
            << ec.message() << '\n';
    return false;
  }
  return true;
}

void applyLogging(const config::Config& config) {
  Logger::instance().configure(config.log.level, &std::cerr);
}

int reportFailure(CommandContext& ctx, const std::string& command, const Error& error) {
  ctx.err << "dsrflow " << command << ": " << error.message << '\n';
  return error.code == ErrorCode::kInvalidArgument ? kExitUsage : kExitFailure;
}

}  // namespace dsrflow::app
