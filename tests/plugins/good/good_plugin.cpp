// good: a well-behaved plugin for host and conformance tests, configured through its config:
//
//   people       see common/people.hpp (default: Ada c-1 with two orders, Grace c-2)
//   erase_mode   "immediate" (default): erased with counts; "deferred": deferred + poll_later,
//                then status answers erased; "callback": deferred with the task's callback URL,
//                settled by on_callback with body {"job": ID, "status": "done"}; "retain": the
//                first erase of a person keeps the orders (retained, HGB §257, until
//                retention_end, default 2030-12-31), a later one erases immediately
//   poll_ms      delay asked for with poll_later (default 1000)
//   secret       name of a secret test_connection requires (default: none)
//
// Unknown people are not_found; erasing twice answers not_found; dry_run changes nothing. An
// erase given a pseudonym_key names its first 8 hex digits (of 64) in the outcome's details.

#include <dsrflow/connector.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

#include "common/metadata.hpp"
#include "common/people.hpp"

namespace dsrflow::test_plugins {

using namespace dsrflow::sdk;

class GoodPlugin final : public Connector {
 public:
  GoodPlugin(const Config& config, Call& call)
      : people_(config),
        mode_(config.getString("erase_mode", "immediate")),
        pollDelay_(config.getInt("poll_ms", 1000)),
        secret_(config.getString("secret")),
        retentionEnd_(config.getString("retention_end", "2030-12-31")) {
    if (mode_ != "immediate" && mode_ != "deferred" && mode_ != "callback" && mode_ != "retain") {
      throw std::invalid_argument("erase_mode must be immediate, deferred, callback or retain");
    }
    call.debug("good plugin created");
  }

  Outcome access(Call& call, const ActionRequest& request) override {
    call.info("access");
    const Person* person = people_.find(request);
    if (person == nullptr) return Outcome::notFound();
    if (!People::emit(call, request, *person)) return Outcome::cancelled();
    return Outcome::completed();
  }

  Outcome erase(Call& call, const ActionRequest& request) override {
    const Person* person = people_.find(request);
    if (person == nullptr) return Outcome::notFound();
    Counts counts = People::counts(*person);
    if (request.dryRun) return Outcome::erased(counts, ErasureMethod::deleted);
    if (mode_ == "retain" && retainedOnce_.insert(person->id).second) {
      return Outcome::retained(
          {{"Art. 17(3)(b) GDPR with HGB §257", "user.behavior.purchase_history", "orders",
            retentionEnd_, std::nullopt}},
          "accounting vouchers are kept for 8 years");
    }
    people_.remove(person);
    if (mode_ == "immediate" || mode_ == "retain") {
      Outcome erased = Outcome::erased(counts, ErasureMethod::deleted);
      // Tests tell which pseudonymisation key arrived by its first 8 hex digits (of 64).
      if (!request.pseudonymKey.empty()) {
        erased.withDetails(json::Array{
            json::Value::object({{"pseudonym_key_prefix", request.pseudonymKey.substr(0, 8)}})});
      }
      return erased;
    }

    std::string job = "job-" + std::to_string(++jobs_);
    if (mode_ == "callback") {
      if (!call.callbackUrl()) return Outcome::failed("the host offers no callback URL", false);
      pending_[job] = counts;
      return Outcome::deferred(job, now() + std::chrono::hours(1));
    }
    json::Value state = json::Value::object({{"job", job}, {"counts", toJson(counts)}});
    TimePoint next = now() + std::chrono::milliseconds(pollDelay_);
    if (call.pollLater(next, state) != ServiceStatus::ok) {
      return Outcome::failed("the host refused poll_later", true);
    }
    return Outcome::deferred(job, next);
  }

  Outcome status(Call& call, const ActionRequest& request) override {
    (void)call;
    if (mode_ == "callback") {
      std::string job = request.state.getString("job");
      if (pending_.count(job) != 0) return Outcome::deferred(job, now() + std::chrono::hours(1));
      return Outcome::failed("unknown job", false);
    }
    const json::Value& counts = request.state["counts"];
    if (!counts.isObject()) return Outcome::failed("status without job state", false);
    Counts erased;
    for (const json::Member& m : counts.asObject()) erased[m.first] = m.second.asInt();
    return Outcome::erased(erased, ErasureMethod::deleted);
  }

  Outcome testConnection(Call& call, const ActionRequest& request) override {
    (void)request;
    if (secret_.empty()) return Outcome::completed();
    ServiceStatus status = ServiceStatus::ok;
    std::optional<std::string> value = call.secret(secret_, &status);
    if (status == ServiceStatus::unavailable) {
      return Outcome::failed("the host offers no secrets", false);
    }
    if (!value || value->empty()) return Outcome::failed("the configured secret is not set", false);
    return Outcome::completed();
  }

  std::optional<Outcome> onCallback(Call& call, const CallbackRequest& request) override {
    (void)call;
    json::Value body = json::parse(request.body);
    std::string job = body.getString("job");
    auto it = pending_.find(job);
    if (it == pending_.end()) return Outcome::failed("callback for an unknown job", false);
    if (body.getString("status") != "done") return std::nullopt;
    Outcome outcome = Outcome::erased(it->second, ErasureMethod::deleted);
    pending_.erase(it);
    return outcome;
  }

 private:
  static TimePoint now() { return std::chrono::system_clock::now(); }

  static json::Value toJson(const Counts& counts) {
    json::Value out = json::Value::object();
    for (const auto& [category, n] : counts) out.set(category, n);
    return out;
  }

  People people_;
  std::string mode_;
  std::int64_t pollDelay_;
  std::string secret_;
  std::string retentionEnd_;
  std::set<std::string> retainedOnce_;  // retain mode: people whose orders were kept once
  std::int64_t jobs_ = 0;
  std::map<std::string, Counts> pending_;  // callback mode: job -> what it erased
};

}  // namespace dsrflow::test_plugins

DSRFLOW_CONNECTOR(dsrflow::test_plugins::GoodPlugin, "org.dsrflow.test.good", "1.0.0",
                  dsrflow::test_plugins::kOpenConfigSchema, dsrflow::test_plugins::kManifest)
