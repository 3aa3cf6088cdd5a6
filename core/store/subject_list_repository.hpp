#pragma once
// Lists of people kept by keyed hash only: the suppression list (people who objected to direct
// marketing or opted out of sale/sharing must not be contacted or re-imported, Art. 21(3)) and
// the legal-hold list (people whose data must not be erased while a hold stands,
// Art. 17(3)(e)). No clear identity is stored; lookups hash with every key in the ring.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/clock.hpp"
#include "model/enum_names.hpp"
#include "model/result.hpp"
#include "store/identity_repository.hpp"

namespace dsrflow {

enum class SubjectListKind { kSuppression, kLegalHold };

inline constexpr EnumNameTable<SubjectListKind, 2> kSubjectListKindNames{{
    {SubjectListKind::kSuppression, "suppression"},
    {SubjectListKind::kLegalHold, "legal_hold"},
}};
constexpr std::string_view toString(SubjectListKind v) {
  return enumName(kSubjectListKindNames, v);
}

struct SubjectListEntry {
  std::string id;  //!< UUID
  SubjectListKind kind = SubjectListKind::kSuppression;
  std::string identityType;  //!< qualified type, e.g. "email"
  std::string lookupHash;    //!< keyed hash of the normalised identity
  std::string hashKeyId;
  std::string reason;  //!< why; no personal data (e.g. "objection to direct marketing")
  std::string owner;   //!< legal holds: who answers for the hold
  std::optional<std::string> requestId;  //!< the request that put the person on the list
  std::optional<TimePoint> reviewAt;     //!< legal holds: when to review whether it still applies
  TimePoint createdAt{};
  std::optional<TimePoint> removedAt;  //!< entries are ended, never deleted (accountability)

  friend bool operator==(const SubjectListEntry&, const SubjectListEntry&) = default;
};

//! Obtained from a StoreTx; valid only inside its callback and on its thread.
class SubjectListRepository {
 public:
  virtual ~SubjectListRepository() = default;

  //! Adds an entry. kConflict when the id exists.
  virtual Status add(const SubjectListEntry& entry) = 0;

  //! Entries of `kind` still in force whose (hashKeyId, lookupHash) equals any of `hashes`.
  virtual Result<std::vector<SubjectListEntry>> findActive(SubjectListKind kind,
                                                           std::span<const LookupHash> hashes) = 0;

  //! Entries of `kind` by creation time; only those in force unless `includeEnded`.
  virtual Result<std::vector<SubjectListEntry>> list(SubjectListKind kind, bool includeEnded) = 0;

  //! The entry with this id. kNotFound when absent.
  virtual Result<SubjectListEntry> get(std::string_view id) = 0;

  //! Ends an entry at `at`. kNotFound when absent, kConflict when already ended.
  virtual Status end(std::string_view id, TimePoint at) = 0;
};

}  // namespace dsrflow
