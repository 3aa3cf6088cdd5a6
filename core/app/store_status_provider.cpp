#include "app/store_status_provider.hpp"

#include "app/request_view.hpp"

namespace dsrflow::app {

StoreStatusProvider::StoreStatusProvider(std::shared_ptr<const config::Config> config,
                                         std::shared_ptr<Store> store,
                                         std::shared_ptr<const Clock> clock)
    : config_(std::move(config)),
      store_(std::move(store)),
      clock_(std::move(clock)),
      startedAt_(clock_->now()) {}

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
  RequestQuery urgent;
  urgent.openOnly = true;
  const TimePoint now = clock_->now();
  urgent.dueBefore = now + kNearDeadline;
  urgent.limit = kMaxPageSize;
  auto due = store_->readValue<std::vector<Request>>(
      [&](StoreTx& tx) { return tx.requests().list(urgent); });
  if (!due) {
    s.storeError = due.error().message;
    return s;
  }
  for (const auto& r : *due) {
    const std::string flag = deadlineFlag(r, now);
    if (flag == "overdue") ++s.openOverdue;
    if (flag == "due soon") ++s.openDueSoon;
  }
  // Reviews routed to a named reviewer keep a due date of their own.
  auto reviews = store_->read([&](StoreTx& tx) -> Status {
    auto open = tx.review().listOpenAssignments(kMaxPageSize);
    if (!open) return open.error();
    for (const ReviewerAssignment& review : *open) {
      auto request = tx.requests().get(review.requestId);
      if (!request) return request.error();
      const std::string flag = reviewDeadlineFlag(review, *request, now);
      if (flag == "review overdue") ++s.reviewsOverdue;
      if (flag == "review due soon") ++s.reviewsDueSoon;
    }
    return Ok{};
  });
  if (!reviews) {
    s.storeError = reviews.error().message;
    return s;
  }
  s.storeReachable = true;
  return s;
}

}  // namespace dsrflow::app
