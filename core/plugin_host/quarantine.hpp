#pragma once
// Plugins whose calls were abandoned (they did not return in time). Their code may still be
// running on a left-behind thread, so they stay loaded and nothing of them runs again until the
// process restarts -- not even when the same file is loaded anew (the key is its sha256).

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace dsrflow::plugin_host {

class Quarantine {
 public:
  //! The process-wide list. Never destroyed, so quarantined libraries are never unloaded,
  //! not even at exit while a left-behind thread may still run their code.
  static Quarantine& process();

  //! Quarantines the plugin file with this digest; `keepAlive` (its library) is kept forever.
  //! The first reason given is kept.
  void add(const std::string& sha256, const std::string& reason,
           std::shared_ptr<const void> keepAlive);

  //! Why the file with this digest is quarantined, or nullopt.
  [[nodiscard]] std::optional<std::string> reason(std::string_view sha256) const;

 private:
  struct Entry {
    std::string reason;
    std::shared_ptr<const void> keepAlive;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace dsrflow::plugin_host
