#pragma once
// A system instance may override any part of its plugin's manifest in the configuration (its
// own DPA, data location, certifications, retention). The override is a JSON merge patch
// (RFC 7386): objects merge key by key, null removes a key, anything else replaces.

#include <string>
#include <string_view>

#include "model/result.hpp"

namespace dsrflow::plugin_host {

//! The plugin's manifest with the override applied, checked against the schema's "manifest".
//! kInvalidArgument naming what is wrong when the override is not an object or the result is
//! not a valid manifest.
Result<std::string> mergeManifest(std::string_view pluginManifestJson,
                                  std::string_view overrideJson);

}  // namespace dsrflow::plugin_host
