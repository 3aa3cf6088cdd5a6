#include "app/store_status_provider.hpp"

namespace dsrflow::app {

StoreStatusProvider::StoreStatusProvider(std::shared_ptr<const config::Config> config,
                                         std::shared_ptr<Store> store, TimePoint startedAt)
    : config_(std::move(config)), store_(std::move(store)), startedAt_(startedAt) {}

http::ServiceStatus StoreStatusProvider::status() const {
  http::ServiceStatus s;
  s.version = DSRFLOW_VERSION;
  s.startedAt = startedAt_;
  s.storeBackend = std::string(toString(store_->backend()));
  for (const auto& c : config_->controllers) s.controllers.push_back(c.id + " (" + c.name + ")");
  for (const auto& sys : config_->systems) s.systems.push_back(sys.id + " (" + sys.name + ")");
  auto version = store_->currentVersion();
  if (!version) {
    s.storeError = version.error().message;
    return s;
  }
  s.schemaVersion = *version;
  auto counts = store_->readValue<std::map<RequestStatus, std::int64_t>>(
      [](StoreTx& tx) { return tx.requests().countByStatus(); });
  if (!counts) {
    s.storeError = counts.error().message;
    return s;
  }
  for (const auto& [status, count] : *counts) {
    s.requestsByStatus[std::string(toString(status))] = count;
  }
  s.storeReachable = true;
  return s;
}

}  // namespace dsrflow::app
