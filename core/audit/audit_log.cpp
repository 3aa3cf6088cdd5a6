#include "audit/audit_log.hpp"

#include "crypto/digest.hpp"

namespace dsrflow {
namespace {

// Length prefixes make the encoding unambiguous: no choice of field values can make two
// different events encode alike.
void field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

}  // namespace

std::string auditEventHash(const AuditEvent& event) {
  std::string encoded = "dsrflow-audit-v1\n";
  field(encoded, std::to_string(event.seq));
  field(encoded, std::to_string(event.at.time_since_epoch().count()));
  field(encoded, toString(event.actorType));
  field(encoded, event.actorId);
  field(encoded, event.requestId ? "1" + *event.requestId : "0");
  field(encoded, event.event);
  field(encoded, event.detailsJson);
  field(encoded, event.prevHash);
  return crypto::sha256Hex(encoded);
}

Result<AuditEvent> appendAudit(StoreTx& tx, const AuditEntry& entry) {
  auto last = tx.audit().last();
  if (!last) return last.error();
  AuditEvent event;
  event.seq = *last ? (*last)->seq + 1 : 1;
  event.at = entry.at;
  event.actorType = entry.actorType;
  event.actorId = entry.actorId;
  event.requestId = entry.requestId;
  event.event = entry.event;
  event.detailsJson = entry.detailsJson;
  event.prevHash = *last ? (*last)->hash : "";
  event.hash = auditEventHash(event);
  auto seq = tx.audit().append(event);
  if (!seq) return seq.error();
  if (*seq != event.seq) {
    // The store assigns seq; the chain is computed over the expected one. A mismatch means a
    // concurrent writer slipped past the audit lock, which the store promises cannot happen.
    return Error{ErrorCode::kInternal, "audit seq mismatch: expected " + std::to_string(event.seq) +
                                           ", store assigned " + std::to_string(*seq)};
  }
  return event;
}

Result<AuditVerification> verifyAuditChain(Store& store) {
  constexpr std::size_t kPage = 1000;
  AuditVerification report;
  std::string previousHash;
  std::int64_t expectedSeq = 1;
  for (;;) {
    auto page = store.readValue<std::vector<AuditEvent>>(
        [&](StoreTx& tx) { return tx.audit().listRange(expectedSeq, kPage); });
    if (!page) return page.error();
    for (const auto& event : *page) {
      ++report.checked;
      auto broken = [&](std::string problem) {
        report.brokenAtSeq = event.seq;
        report.problem = std::move(problem);
        return report;
      };
      if (event.seq != expectedSeq) {
        return broken("expected event " + std::to_string(expectedSeq) + " next, found " +
                      std::to_string(event.seq) + " (events deleted)");
      }
      if (event.prevHash != previousHash) {
        return broken(
            "its link to the previous event does not match (an event before it was "
            "changed, deleted or reordered)");
      }
      if (auditEventHash(event) != event.hash) {
        return broken("its content does not match its hash (the event was changed)");
      }
      previousHash = event.hash;
      ++expectedSeq;
    }
    if (page->size() < kPage) return report;
  }
}

}  // namespace dsrflow
