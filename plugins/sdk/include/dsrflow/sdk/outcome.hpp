#pragma once
// What an action achieved (schema "outcome"), returned by every Connector method:
//
//   return Outcome::erased({{"user.contact.email", 3}}, ErasureMethod::deleted)
//       .withRetained({{"Art. 17(3)(b) GDPR with HGB §257", "user.financial", "invoices",
//                       "2036-12-31", 2}});
//
// failed() and cancelled() are not outcomes the host stores as such: the SDK turns failed()
// into set_error + DSRFLOW_ERROR and cancelled() into DSRFLOW_CANCELLED.

#include "dsrflow/sdk/json_value.hpp"
#include "dsrflow/sdk/time.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dsrflow::sdk {

//! How erased data was made to go away. Pseudonymisation whose key survives is not erasure.
enum class ErasureMethod { deleted, nulled, rewritten, pseudonymisedKeyDestroyed };

//! The method's name in JSON.
inline const char* erasureMethodName(ErasureMethod method) noexcept {
  switch (method) {
    case ErasureMethod::deleted:
      return "deleted";
    case ErasureMethod::nulled:
      return "nulled";
    case ErasureMethod::rewritten:
      return "rewritten";
    case ErasureMethod::pseudonymisedKeyDestroyed:
      return "pseudonymised_key_destroyed";
  }
  return "deleted";
}

//! Items per data category, e.g. {{"user.contact.email", 3}}; counts are never negative.
using Counts = std::map<std::string, std::int64_t>;

//! Data kept despite the request, and why.
struct Retention {
  std::string legalBasis;    //!< e.g. "Art. 17(3)(b) GDPR with HGB §257"
  std::string category;      //!< optional
  std::string collection;    //!< optional
  std::string retentionEnd;  //!< optional, YYYY-MM-DD
  std::optional<std::int64_t> count;
};

//! One main factor of an automated decision.
struct Factor {
  std::string factor;
  std::optional<double> weight;
  std::string direction;  //!< "raises", "lowers" or empty
};

//! explain: a per-person account of automated decisions and profiling.
struct Explanation {
  std::optional<double> score;
  std::string segment;
  std::string modelVersion;
  std::vector<std::string> inputsUsed;
  std::vector<Factor> mainFactors;
  std::string decision;
  TimePoint decidedAt;
  std::optional<bool> humanReviewAvailable;
};

//! An action's result. A value type; build it with the factories, refine it with with*().
class Outcome {
 public:
  enum class Kind {
    completed,
    notFound,
    erased,
    retained,
    suppressed,
    deferred,
    acceptedUnconfirmed,
    needsReview,
    actionRequired,
    failed,
    cancelled
  };

  //! Done; records (if any) were emitted.
  static Outcome completed() { return Outcome(Kind::completed, "completed"); }
  //! The system does not know the person. Not an error.
  static Outcome notFound() { return Outcome(Kind::notFound, "not_found"); }
  //! Data erased: items per category and the method. Throws std::invalid_argument for a
  //! negative count.
  static Outcome erased(const Counts& counts, ErasureMethod method) {
    Outcome o(Kind::erased, "erased");
    o.withCounts(counts);
    o.json_.set("method", erasureMethodName(method));
    return o;
  }
  //! Data kept on a legal basis (nothing was erased).
  static Outcome retained(const std::vector<Retention>& items, std::string reason = {}) {
    Outcome o(Kind::retained, "retained");
    o.withRetained(items);
    if (!reason.empty()) o.withReason(std::move(reason));
    return o;
  }
  //! The person is suppressed (no more marketing or selling), keeping only what that needs.
  static Outcome suppressed() { return Outcome(Kind::suppressed, "suppressed"); }
  //! The system works on it asynchronously: the vendor's job id and when to ask again (action
  //! "status"; pair it with Call::pollLater to pass state along).
  static Outcome deferred(std::string jobId, TimePoint nextPoll) {
    Outcome o(Kind::deferred, "deferred");
    o.json_.set("job_id", std::move(jobId));
    o.json_.set("next_poll", formatTimestamp(nextPoll));
    return o;
  }
  //! The vendor accepted the request and offers no way to confirm it.
  static Outcome acceptedUnconfirmed(std::string jobId) {
    Outcome o(Kind::acceptedUnconfirmed, "accepted_unconfirmed");
    if (!jobId.empty()) o.json_.set("job_id", std::move(jobId));
    return o;
  }
  //! A person must look at something first, e.g. a record shared with another person.
  static Outcome needsReview(std::string reason, json::Array review = {}) {
    Outcome o(Kind::needsReview, "needs_review");
    o.withReason(std::move(reason));
    if (!review.empty()) o.withReview(std::move(review));
    return o;
  }
  //! Manual work is needed; `instructions` say what to do (no personal data).
  static Outcome actionRequired(std::string instructions) {
    Outcome o(Kind::actionRequired, "action_required");
    o.json_.set("instructions", std::move(instructions));
    return o;
  }
  //! The action failed; `reason` without personal data; `retryable` when trying again later
  //! may succeed. Reported through set_error.
  static Outcome failed(std::string reason, bool retryable) {
    Outcome o(Kind::failed, "failed");
    o.withReason(std::move(reason));
    o.json_.set("retryable", retryable);
    return o;
  }
  //! explain: the account of automated decisions (outcome "completed" with "explanation").
  static Outcome explanation(const Explanation& e) {
    json::Value x = json::Value::object();
    if (e.score) x.set("score", *e.score);
    if (!e.segment.empty()) x.set("segment", e.segment);
    if (!e.modelVersion.empty()) x.set("model_version", e.modelVersion);
    if (!e.inputsUsed.empty()) {
      json::Value inputs = json::Value::array();
      for (const std::string& i : e.inputsUsed) inputs.push(i);
      x.set("inputs_used", std::move(inputs));
    }
    if (!e.mainFactors.empty()) {
      json::Value factors = json::Value::array();
      for (const Factor& f : e.mainFactors) {
        json::Value item = json::Value::object({{"factor", f.factor}});
        if (f.weight) item.set("weight", *f.weight);
        if (!f.direction.empty()) item.set("direction", f.direction);
        factors.push(std::move(item));
      }
      x.set("main_factors", std::move(factors));
    }
    if (!e.decision.empty()) x.set("decision", e.decision);
    x.set("decided_at", formatTimestamp(e.decidedAt));
    if (e.humanReviewAvailable) x.set("human_review_available", *e.humanReviewAvailable);
    Outcome o = completed();
    o.json_.set("explanation", std::move(x));
    return o;
  }
  //! Stopped because Call::cancelled() said so or Call::emit() returned false.
  static Outcome cancelled() { return Outcome(Kind::cancelled, ""); }

  //! Items per category (erased, completed, suppressed, ...).
  Outcome& withCounts(const Counts& counts) & {
    json::Value c = json::Value::object();
    for (const auto& [category, n] : counts) {
      if (n < 0) throw std::invalid_argument("erasure counts must not be negative");
      c.set(category, n);
    }
    return with("counts", std::move(c));
  }
  //! Data kept, with its legal basis (e.g. invoices kept for tax law after an erasure).
  Outcome& withRetained(const std::vector<Retention>& items) & {
    json::Value list = json::Value::array();
    for (const Retention& r : items) {
      json::Value item = json::Value::object({{"legal_basis", r.legalBasis}});
      if (!r.category.empty()) item.set("category", r.category);
      if (!r.collection.empty()) item.set("collection", r.collection);
      if (!r.retentionEnd.empty()) item.set("retention_end", r.retentionEnd);
      if (r.count) item.set("count", *r.count);
      list.push(std::move(item));
    }
    return with("retained", std::move(list));
  }
  //! Why (failed, retained, needs_review); no personal data.
  Outcome& withReason(std::string reason) & { return with("reason", std::move(reason)); }
  //! Free-form details for the audit trail and the erasure certificate.
  Outcome& withDetails(json::Array details) & { return with("details", std::move(details)); }
  //! Items a person must look at.
  Outcome& withReview(json::Array review) & { return with("review", std::move(review)); }
  //! Any other property, e.g. one newer than this SDK.
  Outcome& with(std::string_view key, json::Value value) & {
    json_.set(key, std::move(value));
    return *this;
  }

  // The same on temporaries, so `return Outcome::erased(...).withDetails(...);` moves.
  Outcome&& withCounts(const Counts& c) && { return std::move(withCounts(c)); }
  Outcome&& withRetained(const std::vector<Retention>& r) && { return std::move(withRetained(r)); }
  Outcome&& withReason(std::string r) && { return std::move(withReason(std::move(r))); }
  Outcome&& withDetails(json::Array d) && { return std::move(withDetails(std::move(d))); }
  Outcome&& withReview(json::Array r) && { return std::move(withReview(std::move(r))); }
  Outcome&& with(std::string_view k, json::Value v) && { return std::move(with(k, std::move(v))); }

  [[nodiscard]] Kind kind() const noexcept { return kind_; }
  //! The outcome as JSON (schema "outcome").
  [[nodiscard]] const json::Value& json() const noexcept { return json_; }
  //! failed: the reason; otherwise the reason if one was given.
  [[nodiscard]] std::string reason() const { return json_.getString("reason"); }
  //! failed: whether trying again later may succeed.
  [[nodiscard]] bool retryable() const { return json_.getBool("retryable"); }

 private:
  Outcome(Kind kind, const char* name) : kind_(kind) {
    if (*name != '\0') json_.set("outcome", name);
  }

  Kind kind_;
  json::Value json_ = json::Value::object();
};

}  // namespace dsrflow::sdk
