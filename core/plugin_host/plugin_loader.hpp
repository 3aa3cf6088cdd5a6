#pragma once
// Loads one plugin named by the configuration: never a directory scan.

#include <filesystem>
#include <memory>
#include <string>

#include "model/result.hpp"
#include "plugin_host/plugin.hpp"

namespace dsrflow::plugin_host {

//! Which file to load and what it must hash to.
struct PluginSpec {
  std::filesystem::path path;  //!< the shared library; relative paths are made absolute
  std::string sha256;          //!< optional pin, hex (case-insensitive); empty: not pinned
};

//! Turns a configured plugin file into a checked Plugin (in process or in a child process).
//! Thread-safe.
class PluginLoader {
 public:
  virtual ~PluginLoader() = default;

  //! Checks and loads the plugin. Every refusal is kPermissionDenied (file or directory
  //! trust, sha256 pin), kNotFound (no such file), kUnavailable (quarantined until restart)
  //! or kInvalidArgument (not a dsrflow plugin, ABI, descriptor, manifest), with a message
  //! that names the file and the problem.
  virtual Result<std::shared_ptr<Plugin>> load(const PluginSpec& spec) = 0;
};

}  // namespace dsrflow::plugin_host
