#pragma once
// Erasure and legal holds (GDPR Art. 17(3)(e)): while a hold stands, an erasure for the person
// ends `retained` without the systems being asked (the engine records which holds held it back,
// recordHeldErasure). When the last of those holds ends, the erasure is queued again,
// automatically and audited: at once when the hold is ended here (endHold), and otherwise by the
// worker's sweep (requeueReleased), e.g. when the erasure was still running as the hold ended.
//
// Queued again as a new erasure request linked to the original, rather than by reopening the
// original: the original's record, its certificate (which told the person that data was retained
// and why) and its deadline stay exactly as they were delivered, and the new request gets a
// history, a certificate and a deadline of its own, counted from the end of the hold, when the
// duty to erase arises. Both records name each other (`erasure.requeued` on the original, the
// new one's `request.received`), so the trail reads: retained under hold H, hold H ended,
// erased by request N. The person's identity was verified and the erasure approved for the
// original, so the new request starts at the workflow's first fan-out.

#include <memory>
#include <string>
#include <vector>

#include "engine/actor.hpp"
#include "engine/deadline_calendars.hpp"
#include "engine/workflow.hpp"
#include "store/store.hpp"
#include "vault/identity_vault.hpp"

namespace dsrflow {

//! The engine's erase fan-out found `holds` in force on the person: remembers which held the
//! erasure of `requestId` back, inside the engine's transaction.
Status recordHeldErasure(StoreTx& tx, const std::string& requestId,
                         const std::vector<SubjectListEntry>& holds, TimePoint now);

//! An erasure queued again: the original request and the new one.
struct RequeuedErasure {
  std::string originalId;
  std::string requestId;
};

//! Thread-safe.
class LegalHoldRelease {
 public:
  LegalHoldRelease(std::shared_ptr<Store> store, std::shared_ptr<const IdentityVault> vault,
                   std::shared_ptr<const Clock> clock, DeadlineCalendars calendars,
                   std::vector<Workflow> workflows);

  //! Ends a legal hold and, in the same transaction, queues again the erasures it held back
  //! that no other hold still holds back. kNotFound / kConflict as SubjectLists::end;
  //! kInvalidArgument for an entry that is not a legal hold.
  Result<std::vector<RequeuedErasure>> endHold(const std::string& holdId, const Actor& actor);

  //! Queues again the held-back erasures whose holds have all ended and that are not queued yet
  //! (a hold ended elsewhere, or an erasure that was still running). Run by the worker.
  Result<std::vector<RequeuedErasure>> requeueReleased();

 private:
  Result<std::vector<RequeuedErasure>> requeue(StoreTx& tx, const Actor& actor, TimePoint now);
  //! Creates the new erasure request `newId` for `original`; returns its id.
  Result<std::string> requeueOne(StoreTx& tx, const Request& original, const std::string& newId,
                                 const std::string& holdId, const Actor& actor, TimePoint now);

  std::shared_ptr<Store> store_;
  std::shared_ptr<const IdentityVault> vault_;
  std::shared_ptr<const Clock> clock_;
  DeadlineCalendars calendars_;
  std::vector<Workflow> workflows_;
};

}  // namespace dsrflow
