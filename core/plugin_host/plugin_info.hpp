#pragma once
// What a loaded plugin says about itself (its descriptor), after the host checked it.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "model/vocabulary.hpp"

namespace dsrflow::plugin_host {

//! The ABI's action bit (DSRFLOW_ACTION_*) of an action; Action's order matches the ABI's.
constexpr std::uint32_t actionBit(Action action) {
  return 1U << static_cast<std::uint32_t>(action);
}

//! The actions whose bits are set, in Action order.
std::vector<Action> actionsFromBits(std::uint32_t bits);

struct PluginInfo {
  std::string name;     //!< reverse-DNS, e.g. com.example.crm
  std::string version;  //!< the plugin's own version
  std::uint16_t abiMajor = 0;
  std::uint16_t abiMinor = 0;
  std::uint32_t actionBits = 0;   //!< DSRFLOW_ACTION_* bit set
  std::string configSchemaJson;   //!< JSON Schema of the system's `config:` block
  std::string manifestJson;       //!< valid against the schema's "manifest"
  bool handlesCallbacks = false;  //!< the plugin has on_callback
  std::filesystem::path path;     //!< the file as configured
  std::string sha256;             //!< of the file that was loaded, lower-case hex

  [[nodiscard]] bool supports(Action action) const { return (actionBits & actionBit(action)) != 0; }
  [[nodiscard]] std::vector<Action> actions() const { return actionsFromBits(actionBits); }
};

}  // namespace dsrflow::plugin_host
