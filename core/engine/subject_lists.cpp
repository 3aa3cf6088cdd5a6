#include "engine/subject_lists.hpp"

#include <Poco/JSON/Object.h>

#include <sstream>

#include "audit/audit_log.hpp"
#include "engine/request_intake.hpp"

namespace dsrflow {
namespace {

std::string auditDetails(const SubjectListEntry& e) {
  Poco::JSON::Object details;
  details.set("entry", e.id);
  details.set("list", std::string(toString(e.kind)));
  details.set("identity_type", e.identityType);
  std::ostringstream text;
  details.stringify(text);
  return text.str();
}

}  // namespace

SubjectLists::SubjectLists(std::shared_ptr<Store> store, std::shared_ptr<const IdentityVault> vault,
                           std::shared_ptr<const Clock> clock)
    : store_(std::move(store)), vault_(std::move(vault)), clock_(std::move(clock)) {}

Result<SubjectListEntry> addToSubjectList(StoreTx& tx, const IdentityVault& vault,
                                          SubjectListKind kind, const Identity& identity,
                                          const NewListEntry& entry, const Actor& actor,
                                          TimePoint now) {
  if (entry.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return invalidArgument("reason: required");
  }
  if (kind == SubjectListKind::kLegalHold && entry.owner.empty()) {
    return invalidArgument("owner: a legal hold needs someone who answers for it");
  }
  auto hashes = vault.lookupHashes(identity);
  if (!hashes) return hashes.error();
  auto existing = tx.subjectLists().findActive(kind, *hashes);
  if (!existing) return existing.error();
  if (!existing->empty()) return existing->front();
  SubjectListEntry e;
  e.id = newId();
  e.kind = kind;
  e.identityType = identity.qualifiedType();
  e.lookupHash = hashes->front().hex;  // the active key's hash
  e.hashKeyId = hashes->front().keyId;
  e.reason = entry.reason;
  e.owner = entry.owner;
  e.requestId = entry.requestId;
  e.reviewAt = entry.reviewAt;
  e.createdAt = now;
  if (auto added = tx.subjectLists().add(e); !added) return added.error();
  auto audited = appendAudit(tx, {now, actor.type, actor.id, e.requestId,
                                  std::string(toString(kind)) + ".added", auditDetails(e)});
  if (!audited) return audited.error();
  return e;
}

Result<SubjectListEntry> SubjectLists::add(SubjectListKind kind, const Identity& identity,
                                           const NewListEntry& entry, const Actor& actor) {
  const TimePoint now = clock_->now();
  return store_->transactValue<SubjectListEntry>([&](StoreTx& tx) {
    return addToSubjectList(tx, *vault_, kind, identity, entry, actor, now);
  });
}

Result<std::vector<SubjectListEntry>> SubjectLists::find(
    SubjectListKind kind, const std::vector<Identity>& identities) const {
  std::vector<LookupHash> hashes;
  for (const auto& identity : identities) {
    auto h = vault_->lookupHashes(identity);
    if (!h) return h.error();
    hashes.insert(hashes.end(), h->begin(), h->end());
  }
  return store_->readValue<std::vector<SubjectListEntry>>(
      [&](StoreTx& tx) { return tx.subjectLists().findActive(kind, hashes); });
}

Result<SubjectListEntry> endSubjectListEntry(StoreTx& tx, std::string_view id, const Actor& actor,
                                             TimePoint now) {
  auto entry = tx.subjectLists().get(id);
  if (!entry) return entry.error();
  if (auto ended = tx.subjectLists().end(id, now); !ended) return ended.error();
  auto audited =
      appendAudit(tx, {now, actor.type, actor.id, entry->requestId,
                       std::string(toString(entry->kind)) + ".ended", auditDetails(*entry)});
  if (!audited) return audited.error();
  return entry;
}

Status SubjectLists::end(std::string_view id, const Actor& actor) {
  const TimePoint now = clock_->now();
  return store_->transact([&](StoreTx& tx) -> Status {
    auto ended = endSubjectListEntry(tx, id, actor, now);
    if (!ended) return ended.error();
    return Ok{};
  });
}

}  // namespace dsrflow
