#pragma once
// The audit log: every state change and outcome, who caused it and when, appended inside the
// transaction that makes the change, each event hash-chained to the one before. Audit events
// carry no personal data (ids and keyed hashes only), so purging identities and results never
// breaks the chain.

#include <cstdint>
#include <optional>
#include <string>

#include "model/result.hpp"
#include "store/store.hpp"

namespace dsrflow {

//! What happened, as the caller states it; AuditLog adds seq and hashes.
struct AuditEntry {
  TimePoint at{};
  ActorType actorType = ActorType::kSystem;
  std::string actorId;  //!< user name, token id, "engine", plugin name
  std::optional<std::string> requestId;
  std::string event;               //!< dotted name, e.g. "request.created", "task.completed"
  std::string detailsJson = "{}";  //!< a JSON object without personal data
};

//! The hash of an event given the previous event's hash: SHA-256 over a length-prefixed,
//! versioned encoding of every field but `hash` itself (seq included, so reordering shows).
std::string auditEventHash(const AuditEvent& event);

//! Appends to the chain. Call inside Store::transact(), in the same transaction as the change
//! it records, preferably last (on PostgreSQL it holds the audit lock until commit).
Result<AuditEvent> appendAudit(StoreTx& tx, const AuditEntry& entry);

//! The result of checking the chain.
struct AuditVerification {
  std::int64_t checked = 0;                 //!< events read
  std::optional<std::int64_t> brokenAtSeq;  //!< the first event whose link does not hold
  std::string problem;                      //!< what is wrong there
};

//! Reads the whole log in pages and checks every link: seq without gaps from 1, each prevHash
//! equal to the previous hash, each hash equal to auditEventHash(). Stops at the first break.
Result<AuditVerification> verifyAuditChain(Store& store);

}  // namespace dsrflow
