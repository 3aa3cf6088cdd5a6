#pragma once
// The status page's facts, read from the configuration and the store at each call.

#include <memory>

#include "config/config.hpp"
#include "http/service_status.hpp"
#include "store/store.hpp"

namespace dsrflow::app {

class StoreStatusProvider final : public http::StatusProvider {
 public:
  StoreStatusProvider(std::shared_ptr<const config::Config> config, std::shared_ptr<Store> store,
                      std::shared_ptr<const Clock> clock);
  [[nodiscard]] http::ServiceStatus status() const override;

 private:
  std::shared_ptr<const config::Config> config_;
  std::shared_ptr<Store> store_;
  std::shared_ptr<const Clock> clock_;
  TimePoint startedAt_;
};

}  // namespace dsrflow::app
