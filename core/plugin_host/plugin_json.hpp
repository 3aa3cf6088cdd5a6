#pragma once
// PluginInfo and CallResult as JSON, so that a plugin running in a child process can describe
// itself and its calls' results to the host in the same terms the in-process host uses.

#include <string>
#include <string_view>

#include "model/result.hpp"
#include "plugin_host/call_result.hpp"
#include "plugin_host/plugin_info.hpp"

namespace dsrflow::plugin_host {

//! {"name","version","abi_major","abi_minor","actions":[names],"config_schema_json",
//!  "manifest_json","handles_callbacks","path","sha256"}
std::string toJson(const PluginInfo& info);

//! The inverse of toJson(PluginInfo); kInvalidArgument names the missing or malformed field.
Result<PluginInfo> readPluginInfo(std::string_view json);

//! {"has_outcome","outcome_json":<verbatim>,"failure","records_accepted",
//!  "records_refused","elapsed_ms","poll_later":{"not_before_unix_ms","state_json"}}
std::string toJson(const CallResult& result);

//! The inverse of toJson(CallResult): the outcome is read (and checked) with readOutcome.
Result<CallResult> readCallResult(std::string_view json);

}  // namespace dsrflow::plugin_host
