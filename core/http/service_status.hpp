#pragma once
// What the status page and /readyz show about the running service. The app layer implements
// StatusProvider over the configuration and the store, so http never depends on either.

#include <map>
#include <string>
#include <vector>

#include "model/clock.hpp"

namespace dsrflow::http {

struct ServiceStatus {
  std::string version;
  TimePoint startedAt{};
  std::string storeBackend;  //!< "sqlite" or "postgresql" (never the URL: it may hold a password)
  int schemaVersion = 0;
  bool storeReachable = false;
  std::string storeError;  //!< why the store is unreachable; empty when reachable
  std::vector<std::string> controllers;
  std::vector<std::string> systems;
  std::map<std::string, long long> requestsByStatus;
  long long openOverdue = 0;     //!< open requests past their deadline
  long long openDueSoon = 0;     //!< open requests due within seven days
  long long reviewsOverdue = 0;  //!< routed reviews (Art. 22(3)) past their own due date
  long long reviewsDueSoon = 0;  //!< routed reviews due within seven days
};

class StatusProvider {
 public:
  virtual ~StatusProvider() = default;
  //! Called per request from server threads; implementations must be thread-safe.
  [[nodiscard]] virtual ServiceStatus status() const = 0;
};

}  // namespace dsrflow::http
