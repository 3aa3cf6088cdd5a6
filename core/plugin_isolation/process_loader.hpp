#pragma once
// Loads plugins for `isolation: process`: each is checked by loading it in a plugin process
// (the in-process host's checks, so refusals carry the same messages), and every instance made
// from it lives in a supervised plugin process of its own.

#include <memory>

#include "plugin_host/plugin_loader.hpp"
#include "plugin_isolation/process_host_options.hpp"

namespace dsrflow::plugin_isolation {

//! Plugs into PluginRegistry's `process` slot. Thread-safe; plugins it returns outlive it.
class ProcessLoader final : public plugin_host::PluginLoader {
 public:
  explicit ProcessLoader(ProcessHostOptions options = {});

  //! Starts a plugin process, has it load and check the plugin, takes its PluginInfo and ends
  //! it. Errors: those of the in-process loader, verbatim; kUnavailable when the plugin
  //! process cannot be started or dies while loading.
  Result<std::shared_ptr<plugin_host::Plugin>> load(const plugin_host::PluginSpec& spec) override;

 private:
  ProcessHostOptions options_;
};

//! The loader for PluginRegistry's `process` slot.
std::shared_ptr<plugin_host::PluginLoader> makeProcessLoader(ProcessHostOptions options = {});

}  // namespace dsrflow::plugin_isolation
