#include "engine/lease_keeper.hpp"

#include <unistd.h>

#include <array>

#include "engine/request_intake.hpp"
#include "log/logger.hpp"

namespace dsrflow {

std::string defaultWorkerId() {
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
  return std::string(host.data()) + ":" + std::to_string(::getpid()) + ":" + newId().substr(0, 8);
}

LeaseKeeper::LeaseKeeper(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock,
                         LeasePolicy policy)
    : store_(std::move(store)), clock_(std::move(clock)), policy_(std::move(policy)) {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, policy_.duration / 3, [this] { return stopping_; })) {
      lock.unlock();
      beat();
      lock.lock();
    }
  });
}

LeaseKeeper::~LeaseKeeper() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void LeaseKeeper::beat() {
  const TimePoint until = clock_->now() + policy_.duration;
  auto renewed = store_->transactValue<std::size_t>(
      [&](StoreTx& tx) { return tx.tasks().renewLeases(policy_.owner, until); });
  if (!renewed) {
    // The next beat tries again; if none gets through, other workers take the tasks over, and
    // this worker's results are refused as stale (the task's version moved on).
    logWarn("task leases not renewed", {{"error", renewed.error().message}});
  }
}

}  // namespace dsrflow
