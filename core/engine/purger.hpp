#pragma once
// dsrflow must not become a new copy of everyone's data: once a request is closed, its task
// results and answer are deleted after `retention.results`, its encrypted identities after
// `retention.identities`. The minimal request record (what was asked, answered and when, kept
// for accountability and yearly figures) goes after `retention.records` (24 months). The audit
// chain, which holds no personal data, stays.

#include <filesystem>
#include <memory>

#include "config/config.hpp"
#include "store/store.hpp"

namespace dsrflow {

struct PurgeReport {
  std::size_t requestsWithResultsPurged = 0;
  std::size_t requestsWithIdentitiesPurged = 0;
  std::size_t requestRecordsRemoved = 0;
};

class Purger {
 public:
  Purger(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock,
         config::RetentionConfig retention, std::filesystem::path resultsDir);

  //! Purges what is due now; idempotent. Each request's purge is one audited transaction.
  Result<PurgeReport> run();

 private:
  std::shared_ptr<Store> store_;
  std::shared_ptr<const Clock> clock_;
  config::RetentionConfig retention_;
  std::filesystem::path resultsDir_;
};

}  // namespace dsrflow
