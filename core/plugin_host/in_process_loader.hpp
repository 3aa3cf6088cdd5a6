#pragma once
// Loads plugins into this process: file checks, sha256 pin, Boost.DLL, descriptor checks.

#include "plugin_host/host_options.hpp"
#include "plugin_host/plugin_loader.hpp"

namespace dsrflow::plugin_host {

//! Each load opens the file once and checks, hashes and loads it through that one descriptor
//! (plugin_file.hpp). Plugins it returns outlive it. Thread-safe.
class InProcessLoader final : public PluginLoader {
 public:
  explicit InProcessLoader(HostOptions options = {});

  Result<std::shared_ptr<Plugin>> load(const PluginSpec& spec) override;

 private:
  HostOptions options_;
};

}  // namespace dsrflow::plugin_host
