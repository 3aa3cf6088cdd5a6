#pragma once
// The systems the engine can reach: each configured system with its plugin instance and what
// its manifest says it is. The app builds it from the configuration and the plugin registry.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "plugin_host/plugin_instance.hpp"

namespace dsrflow {

struct SystemHandle {
  std::string id;
  std::string kind;  //!< the manifest's system_kind, e.g. crm
  std::chrono::milliseconds timeout{30'000};
  int concurrency = 4;  //!< tasks of this system running at once
  std::shared_ptr<plugin_host::PluginInstance> instance;
  std::string manifestJson;  //!< the plugin's manifest with the configuration's overrides
};

//! Thread-safe; fixed after construction.
class SystemDirectory {
 public:
  explicit SystemDirectory(std::vector<SystemHandle> systems);

  [[nodiscard]] const std::vector<SystemHandle>& all() const { return systems_; }
  //! The system with this id, or nullptr.
  [[nodiscard]] const SystemHandle* find(std::string_view id) const;

 private:
  std::vector<SystemHandle> systems_;
};

}  // namespace dsrflow
