#pragma once
// dsrflow's side of the requests that set a plugin process up and take it down (load, create,
// destroy), and what the calls share: answering read_secret, and putting a process's end in
// words.

#include <cstdint>
#include <string>

#include "model/result.hpp"
#include "plugin_host/plugin.hpp"
#include "plugin_host/plugin_loader.hpp"
#include "plugin_isolation/plugin_process.hpp"

namespace dsrflow::plugin_isolation {

//! Has the process load and check the plugin. The in-process loader's refusals come back
//! verbatim; a process that ends instead is kUnavailable.
Result<plugin_host::PluginInfo> requestLoad(PluginProcess& process,
                                            const plugin_host::PluginSpec& spec, SteadyTime killAt);

//! Has the process create its instance (read_secret answered from options.secrets). The
//! in-process host's errors come back verbatim; a process that ends instead is kInternal.
Status requestCreate(PluginProcess& process, const plugin_host::InstanceOptions& options,
                     SteadyTime killAt, std::uint64_t memoryLimit);

//! Has the process destroy its instance; false when it did not answer in time (it was killed).
bool requestDestroy(PluginProcess& process, SteadyTime killAt);

//! Answers a read_secret frame from the system's SecretStore.
Status answerSecret(const Frame& frame, PluginProcess& process,
                    const plugin_host::InstanceOptions& options);

//! "the plugin process died of SIGSEGV" plus what helps to understand it: its peak resident
//! memory and its (address-space) limit, and a SIGKILL dsrflow did not send.
std::string describeExit(const ExchangeEnd& end, std::uint64_t memoryLimit);

}  // namespace dsrflow::plugin_isolation
