#include "engine/legal_holds.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <sstream>

#include "audit/audit_log.hpp"
#include "engine/request_intake.hpp"
#include "engine/subject_lists.hpp"
#include "log/logger.hpp"
#include "model/time_format.hpp"

namespace dsrflow {
namespace {

// One sweep looks at this many held-back rows at most; the rest wait for the next round.
constexpr std::size_t kSweepPage = 1000;

const Actor kSweeper{ActorType::kSystem, "hold-release"};

std::string stringify(const Poco::JSON::Object& object) {
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

Status audit(StoreTx& tx, const Actor& actor, const std::string& requestId,
             const std::string& event, const Poco::JSON::Object& details, TimePoint now) {
  auto appended =
      appendAudit(tx, {now, actor.type, actor.id, requestId, event, stringify(details)});
  if (!appended) return appended.error();
  return Ok{};
}

}  // namespace

Status recordHeldErasure(StoreTx& tx, const std::string& requestId,
                         const std::vector<SubjectListEntry>& holds, TimePoint now) {
  for (const auto& hold : holds) {
    auto added = tx.heldErasures().add({requestId, hold.id, now, std::nullopt, "", ""});
    // Recorded already: the fan-out ran again after a crash before its commit was known.
    if (!added && added.error().code != ErrorCode::kConflict) return added;
  }
  return Ok{};
}

LegalHoldRelease::LegalHoldRelease(std::shared_ptr<Store> store,
                                   std::shared_ptr<const IdentityVault> vault,
                                   std::shared_ptr<const Clock> clock, DeadlineCalendars calendars,
                                   std::vector<Workflow> workflows)
    : store_(std::move(store)),
      vault_(std::move(vault)),
      clock_(std::move(clock)),
      calendars_(std::move(calendars)),
      workflows_(std::move(workflows)) {}

Result<std::vector<RequeuedErasure>> LegalHoldRelease::endHold(const std::string& holdId,
                                                               const Actor& actor) {
  const TimePoint now = clock_->now();
  using Requeued = std::vector<RequeuedErasure>;
  return store_->transactValue<Requeued>([&](StoreTx& tx) -> Result<Requeued> {
    auto entry = tx.subjectLists().get(holdId);
    if (!entry) return entry.error();
    if (entry->kind != SubjectListKind::kLegalHold) {
      return invalidArgument(holdId + " is not a legal hold");
    }
    if (auto ended = endSubjectListEntry(tx, holdId, actor, now); !ended) return ended.error();
    return requeue(tx, actor, now);
  });
}

Result<std::vector<RequeuedErasure>> LegalHoldRelease::requeueReleased() {
  const TimePoint now = clock_->now();
  using Requeued = std::vector<RequeuedErasure>;
  return store_->transactValue<Requeued>(
      [&](StoreTx& tx) -> Result<Requeued> { return requeue(tx, kSweeper, now); });
}

Result<std::vector<RequeuedErasure>> LegalHoldRelease::requeue(StoreTx& tx, const Actor& actor,
                                                               TimePoint now) {
  auto released = tx.heldErasures().listReleased(kSweepPage);
  if (!released) return released.error();
  std::vector<RequeuedErasure> requeued;
  std::vector<std::string> seen;
  for (const auto& row : *released) {
    if (std::count(seen.begin(), seen.end(), row.requestId) > 0) continue;
    seen.push_back(row.requestId);
    // Another hold on the person still stands: its end queues the erasure.
    auto rows = tx.heldErasures().listForRequest(row.requestId);
    if (!rows) return rows.error();
    bool stillHeld = false;
    for (const auto& other : *rows) {
      auto hold = tx.subjectLists().get(other.holdId);
      if (!hold) return hold.error();
      stillHeld = stillHeld || !hold->removedAt;
    }
    if (stillHeld) continue;
    auto original = tx.requests().get(row.requestId);
    if (!original) return original.error();
    // Still running (its retained tasks are done, the rest of the workflow is not): a later
    // sweep queues it once it has closed, so the two never overlap.
    if (!isTerminal(original->status)) continue;

    Poco::JSON::Object details;
    details.set("legal_hold_ended", row.holdId);
    std::string resolution = "requeued";
    if (original->status == RequestStatus::kCancelled ||
        original->status == RequestStatus::kRejected) {
      resolution = "withdrawn";
    } else {
      auto identities = tx.identities().listForRequest(original->id);
      if (!identities) return identities.error();
      if (identities->empty()) resolution = "identities_purged";
    }
    const std::string newId = resolution == "requeued" ? dsrflow::newId() : "";
    // Resolved first: a concurrent sweep on PostgreSQL waits for this row and then skips it.
    auto resolved = tx.heldErasures().resolve(original->id, resolution, newId, now);
    if (!resolved) return resolved.error();
    if (!*resolved) continue;
    if (resolution != "requeued") {
      details.set("reason", resolution);
      if (auto s = audit(tx, actor, original->id, "erasure.not_requeued", details, now); !s) {
        return s.error();
      }
      continue;
    }
    auto created = requeueOne(tx, *original, newId, row.holdId, actor, now);
    if (!created) return created.error();
    details.set("as", newId);
    if (auto s = audit(tx, actor, original->id, "erasure.requeued", details, now); !s) {
      return s.error();
    }
    requeued.push_back({original->id, newId});
    logInfo("erasure queued again after its legal hold ended",
            {{"original", original->id}, {"request", newId}});
  }
  return requeued;
}

Result<std::string> LegalHoldRelease::requeueOne(StoreTx& tx, const Request& original,
                                                 const std::string& newId,
                                                 const std::string& holdId, const Actor& actor,
                                                 TimePoint now) {
  auto calculator = calendars_.forController(original.controllerId);
  if (!calculator) return calculator.error();
  Request r;
  r.id = newId;
  r.type = original.type;
  r.regulation = original.regulation;
  r.status = RequestStatus::kReceived;
  r.channel = original.channel;
  r.language = original.language;
  r.controllerId = original.controllerId;
  r.externalReference = original.externalReference;
  // The duty to erase arises when the hold ends: the new deadline runs from then.
  r.receivedAt = now;
  r.dueAt = (*calculator)->initialDeadlines(r.type, now).dueAt;
  r.createdAt = now;
  r.updatedAt = now;
  // Identity verified and erasure approved for the original: start at the first fan-out.
  Poco::JSON::Array::Ptr carried = new Poco::JSON::Array;
  if (const Workflow* workflow = findWorkflow(workflows_, r.type)) {
    for (std::size_t i = 0; i < workflow->steps.size(); ++i) {
      if (std::holds_alternative<FanOutStep>(workflow->steps[i])) {
        r.step = static_cast<int>(i);
        break;
      }
      carried->add(std::string(stepName(workflow->steps[i])));
    }
  }
  if (auto s = tx.requests().insert(r); !s) return s.error();

  auto stored = tx.identities().listForRequest(original.id);
  if (!stored) return stored.error();
  Poco::JSON::Array::Ptr types = new Poco::JSON::Array;
  for (const auto& s : *stored) {
    // Sealed anew: a ciphertext is bound to its request.
    auto identity = vault_->open(s);
    if (!identity) return identity.error();
    auto sealed = vault_->seal(dsrflow::newId(), r.id, *identity);
    if (!sealed) return sealed.error();
    if (auto added = tx.identities().add(*sealed); !added) return added.error();
    types->add(identity->qualifiedType());
  }

  Poco::JSON::Object details;
  details.set("type", std::string(toString(r.type)));
  details.set("channel", std::string(toString(r.channel)));
  details.set("controller", r.controllerId);
  details.set("identity_types", types);
  details.set("received_at", formatUtcSeconds(r.receivedAt));
  details.set("due_at", formatUtcSeconds(r.dueAt));
  details.set("requeued_from", original.id);
  details.set("legal_hold_ended", holdId);
  details.set("carried_over", carried);
  if (auto s = audit(tx, actor, r.id, "request.received", details, now); !s) return s.error();
  return r.id;
}

}  // namespace dsrflow
