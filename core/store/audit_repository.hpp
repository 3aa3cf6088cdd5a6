#pragma once
// The audit log's storage: append-only, hash-chained by the caller. There is deliberately no
// update or delete; the schema refuses them too.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/clock.hpp"
#include "model/enum_names.hpp"
#include "model/result.hpp"

namespace dsrflow {

enum class ActorType { kUser, kToken, kSystem, kPlugin };

inline constexpr EnumNameTable<ActorType, 4> kActorTypeNames{{
    {ActorType::kUser, "user"},
    {ActorType::kToken, "token"},
    {ActorType::kSystem, "system"},
    {ActorType::kPlugin, "plugin"},
}};
constexpr std::string_view toString(ActorType v) { return enumName(kActorTypeNames, v); }
constexpr std::optional<ActorType> parseActorType(std::string_view s) {
  return enumParse(kActorTypeNames, s);
}

//! One audit event. Holds no personal data: identities appear only as ids or keyed hashes.
struct AuditEvent {
  std::int64_t seq = 0;  //!< assigned by AuditRepository::append; ignored on input
  TimePoint at{};
  ActorType actorType = ActorType::kSystem;
  std::string actorId;
  std::optional<std::string> requestId;
  std::string event;  //!< e.g. "request.created"
  std::string detailsJson = "{}";
  std::string prevHash;  //!< hash of the previous event ("" for the first)
  std::string hash;      //!< hash of this event, computed by the caller

  friend bool operator==(const AuditEvent&, const AuditEvent&) = default;
};

//! The audit log. Obtained from a StoreTx; valid only inside that transaction's callback and on
//! its thread. Database failures come back as errors, never as exceptions.
//!
//! Chaining: call last() and append() in the same Store::transact() call. Both serialise audit
//! writers until that transaction ends (PostgreSQL: a transaction advisory lock; SQLite: the
//! write lock BEGIN IMMEDIATE takes), so no two writers chain onto the same event and seq
//! order is commit order.
class AuditRepository {
 public:
  virtual ~AuditRepository() = default;

  //! Appends an event and returns its seq: the last seq plus one (1 for the first), without
  //! gaps. Only inside Store::transact() (kInvalidArgument in Store::read()).
  virtual Result<std::int64_t> append(const AuditEvent& event) = 0;

  //! The event with the highest seq, or nullopt when the log is empty.
  virtual Result<std::optional<AuditEvent>> last() = 0;

  //! The events of a request, by seq.
  virtual Result<std::vector<AuditEvent>> listForRequest(std::string_view requestId) = 0;

  //! Up to `limit` (1..kMaxPageSize) events with seq >= fromSeq, by seq.
  virtual Result<std::vector<AuditEvent>> listRange(std::int64_t fromSeq, std::size_t limit) = 0;
};

}  // namespace dsrflow
