#pragma once
// The review before an answer is released (GDPR Art. 15(4)): staff look at the records the
// systems returned and exclude a record, or mask one field of a record, where releasing it would
// adversely affect others (a third party's name in a support ticket, a colleague's note). Each
// decision carries a reason, is persisted and audited, and is applied when the answer is
// assembled (redactions.hpp), which tells the person what was withheld and why.
//
// Records are named by stable references "<task>:<seq>": the task that produced the record
// (its id, shortened to the shortest prefix of at least 8 characters that is unique within the
// request) and the record's position within that task's results.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/actor.hpp"
#include "engine/workflow.hpp"
#include "model/task.hpp"
#include "store/store.hpp"
#include "vault/identity_vault.hpp"

namespace dsrflow {

//! A record of a request's answer, as a reviewer sees it.
struct ReviewRecord {
  std::string ref;  //!< "<task prefix>:<seq>", what staff pass to exclude() and mask()
  std::string taskId;
  std::int64_t seq = 0;
  std::string systemId;
  std::string collection;
  std::vector<std::string> fields;  //!< the record's field names
  //! The record's `fields` object as JSON: only when the caller asked to reveal values.
  std::string valuesJson;
  std::optional<RedactionDecision> exclusion;
  std::vector<RedactionDecision> masks;
};

//! The displayed reference of a record: "<shortest unique task id prefix, >= 8>:<seq>".
std::string recordRef(const std::vector<Task>& requestTasks, const std::string& taskId,
                      std::int64_t seq);

//! Thread-safe.
class AnswerReview {
 public:
  AnswerReview(std::shared_ptr<Store> store, std::shared_ptr<const IdentityVault> vault,
               std::shared_ptr<const Clock> clock, std::vector<Workflow> workflows);

  using RecordVisitor = std::function<Status(const ReviewRecord&)>;

  //! Visits the records awaiting release, task by task in seq order, with the decisions taken so
  //! far; field values only when `reveal` (audited first, as `review.records_revealed`).
  Status forEachRecord(const std::string& requestId, bool reveal, const Actor& actor,
                       const RecordVisitor& visit) const;

  //! Leaves the record out of the answer. Only while the request is in review at a `review`
  //! step; kInvalidArgument for a blank reason or a malformed reference, kNotFound for a
  //! reference naming no record, kConflict when the record was already excluded.
  Result<RedactionDecision> exclude(const std::string& requestId, const std::string& ref,
                                    const std::string& reason, const Actor& actor) const;

  //! Shows the field of the record as redacted in the answer; as exclude(), and kNotFound when
  //! the record has no such field.
  Result<RedactionDecision> mask(const std::string& requestId, const std::string& ref,
                                 const std::string& field, const std::string& reason,
                                 const Actor& actor) const;

  //! Withdraws an exclusion or a mask (the reviewer changed their mind): the record or field is
  //! released with the answer after all. Only while the request is in review at a `review`
  //! step; kInvalidArgument for a blank reason, kNotFound for a decision the request does not
  //! have. Audited as `review.decision_withdrawn` with the decision's id and the reason.
  Status withdraw(const std::string& requestId, const std::string& decisionId,
                  const std::string& reason, const Actor& actor) const;

 private:
  //! kConflict unless `request` is in review at a `review` step; `what` names the change.
  Status checkInReview(const Request& request, const char* what) const;
  Result<RedactionDecision> decide(const std::string& requestId, const std::string& ref,
                                   RedactionKind kind, const std::string& field,
                                   const std::string& reason, const Actor& actor) const;

  std::shared_ptr<Store> store_;
  std::shared_ptr<const IdentityVault> vault_;
  std::shared_ptr<const Clock> clock_;
  std::vector<Workflow> workflows_;
};

}  // namespace dsrflow
