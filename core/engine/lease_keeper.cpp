#include "engine/lease_keeper.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

#include <array>

#include "engine/request_intake.hpp"
#include "log/logger.hpp"

namespace dsrflow {

namespace {

std::string hostName() {
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
  return host.data();
}

}  // namespace

std::string defaultWorkerId() {
  return hostName() + ":" + std::to_string(::getpid()) + ":" + newId().substr(0, 8);
}

bool isDeadLocalWorker(std::string_view owner) {
  static const std::string host = hostName();
  const auto first = owner.find(':');
  const auto second = owner.find(':', first == std::string_view::npos ? first : first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos) return false;
  if (owner.substr(0, first) != host) return false;
  const std::string_view pidText = owner.substr(first + 1, second - first - 1);
  pid_t pid = 0;
  auto [end, ec] = std::from_chars(pidText.data(), pidText.data() + pidText.size(), pid);
  if (ec != std::errc() || end != pidText.data() + pidText.size() || pid <= 0) return false;
  return ::kill(pid, 0) != 0 && errno == ESRCH;
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
