#include "plugin_host/quarantine.hpp"

namespace dsrflow::plugin_host {

Quarantine& Quarantine::process() {
  static auto* quarantine = new Quarantine();  // NOLINT: deliberately never destroyed
  return *quarantine;
}

void Quarantine::add(const std::string& sha256, const std::string& reason,
                     std::shared_ptr<const void> keepAlive) {
  std::lock_guard lock(mutex_);
  entries_.try_emplace(sha256, Entry{reason, std::move(keepAlive)});
}

std::optional<std::string> Quarantine::reason(std::string_view sha256) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(sha256);
  if (it == entries_.end()) return std::nullopt;
  return it->second.reason;
}

}  // namespace dsrflow::plugin_host
