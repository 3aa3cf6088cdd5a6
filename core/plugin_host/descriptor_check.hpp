#pragma once
// A plugin is data before it is code: its descriptor is checked completely before the host
// calls anything but the entry function.

#include <dsrflow/plugin.h>

#include <cstddef>
#include <filesystem>
#include <string>

#include "model/result.hpp"
#include "plugin_host/json_schema.hpp"
#include "plugin_host/plugin_info.hpp"

namespace dsrflow::plugin_host {

//! The size of an ABI 1.0 descriptor: every 1.x plugin's struct_size is at least this.
inline constexpr std::size_t kDescriptorSizeV1_0 =
    offsetof(dsrflow_plugin_descriptor, on_callback) +
    sizeof(dsrflow_plugin_descriptor::on_callback);

struct CheckedDescriptor {
  PluginInfo info;
  JsonSchema configSchema;
};

//! Checks what the entry function returned: struct_size, ABI version (same major, minor not
//! newer than the host's), name (reverse-DNS), version, actions (non-empty, known bits),
//! create/destroy/invoke present, config schema (JSON, compiles) and manifest (JSON, valid
//! against the schema's "manifest"). kInvalidArgument naming `path` and the problem.
Result<CheckedDescriptor> checkDescriptor(const dsrflow_plugin_descriptor* descriptor,
                                          const std::filesystem::path& path,
                                          const std::string& sha256);

//! True for reverse-DNS names: at least two dot-separated labels of a-z 0-9 '_' '-', the first
//! starting with a letter, at most 255 characters.
bool isReverseDnsName(std::string_view name);

}  // namespace dsrflow::plugin_host
