#pragma once
// The suppression list and the legal-hold list as the engine and operators use them: add a
// person (by keyed hash), ask whether a person is on a list, end a hold. Each change is audited
// without personal data.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/actor.hpp"
#include "model/identity.hpp"
#include "store/store.hpp"
#include "vault/identity_vault.hpp"

namespace dsrflow {

struct NewListEntry {
  std::string reason;                    //!< required; no personal data
  std::string owner;                     //!< required for legal holds
  std::optional<std::string> requestId;  //!< the request that caused it, if any
  std::optional<TimePoint> reviewAt;     //!< legal holds: when to review it
};

//! Adds a person to a list inside the caller's transaction, unless an entry in force already
//! covers them (then returns it); audited. For callers that change other things in the same
//! transaction (the engine); others use SubjectLists::add.
Result<SubjectListEntry> addToSubjectList(StoreTx& tx, const IdentityVault& vault,
                                          SubjectListKind kind, const Identity& identity,
                                          const NewListEntry& entry, const Actor& actor,
                                          TimePoint now);

//! Ends an entry inside the caller's transaction (audited) and returns it as it was.
Result<SubjectListEntry> endSubjectListEntry(StoreTx& tx, std::string_view id, const Actor& actor,
                                             TimePoint now);

//! Thread-safe.
class SubjectLists {
 public:
  SubjectLists(std::shared_ptr<Store> store, std::shared_ptr<const IdentityVault> vault,
               std::shared_ptr<const Clock> clock);

  //! Puts a person on the list, unless an entry in force already covers them (then returns it).
  Result<SubjectListEntry> add(SubjectListKind kind, const Identity& identity,
                               const NewListEntry& entry, const Actor& actor);

  //! The entries in force for any of the person's identities.
  Result<std::vector<SubjectListEntry>> find(SubjectListKind kind,
                                             const std::vector<Identity>& identities) const;

  //! Ends an entry (a released hold, a withdrawn objection). Erasures a legal hold held back are
  //! queued again by the worker's sweep; LegalHoldRelease::endHold does it at once.
  Status end(std::string_view id, const Actor& actor);

 private:
  std::shared_ptr<Store> store_;
  std::shared_ptr<const IdentityVault> vault_;
  std::shared_ptr<const Clock> clock_;
};

}  // namespace dsrflow
