#include "engine/purger.hpp"

#include <Poco/JSON/Object.h>

#include <sstream>

#include "audit/audit_log.hpp"

namespace dsrflow {
namespace {

std::string countDetails(std::int64_t count) {
  Poco::JSON::Object details;
  details.set("deleted", count);
  std::ostringstream out;
  details.stringify(out);
  return out.str();
}

}  // namespace

Purger::Purger(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock,
               config::RetentionConfig retention, std::filesystem::path resultsDir)
    : store_(std::move(store)),
      clock_(std::move(clock)),
      retention_(retention),
      resultsDir_(std::move(resultsDir)) {}

Result<PurgeReport> Purger::run() {
  using Leftover = RequestRepository::Leftover;
  const TimePoint now = clock_->now();
  PurgeReport report;
  for (const Leftover leftover : {Leftover::kResults, Leftover::kIdentities, Leftover::kRecord}) {
    const auto window = leftover == Leftover::kResults      ? retention_.results
                        : leftover == Leftover::kIdentities ? retention_.identities
                                                            : retention_.records;
    for (;;) {
      auto due = store_->readValue<std::vector<Request>>([&](StoreTx& tx) {
        return tx.requests().listClosedWithLeftovers(leftover, now - window, 100);
      });
      if (!due) return due.error();
      for (const auto& r : *due) {
        Status purged = store_->transact([&](StoreTx& tx) -> Status {
          auto deleted = leftover == Leftover::kResults ? tx.taskResults().deleteForRequest(r.id)
                         : leftover == Leftover::kIdentities
                             ? tx.identities().deleteForRequest(r.id)
                             : tx.requests().removeClosed(r.id);
          if (!deleted) return deleted.error();
          auto audited =
              appendAudit(tx, {now, ActorType::kSystem, "purger", r.id,
                               leftover == Leftover::kResults      ? "request.results_purged"
                               : leftover == Leftover::kIdentities ? "request.identities_purged"
                                                                   : "request.record_removed",
                               countDetails(*deleted)});
          if (!audited) return audited.error();
          return Ok{};
        });
        if (!purged) return purged.error();
        if (leftover == Leftover::kResults) {
          std::error_code ignored;
          std::filesystem::remove(resultsDir_ / (r.id + ".json.sealed"), ignored);
          ++report.requestsWithResultsPurged;
        } else if (leftover == Leftover::kIdentities) {
          ++report.requestsWithIdentitiesPurged;
        } else {
          ++report.requestRecordsRemoved;
        }
      }
      if (due->size() < 100) break;
    }
  }
  return report;
}

}  // namespace dsrflow
