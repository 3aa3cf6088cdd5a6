#pragma once
// Subject identities at rest. The store never sees clear values: the caller passes the value
// already encrypted (an opaque text token) and a keyed lookup hash of it, each with its key id.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/identity.hpp"
#include "model/request.hpp"
#include "model/result.hpp"

namespace dsrflow {

//! One identity of a request as stored.
struct StoredIdentity {
  std::string id;         //!< UUID
  std::string requestId;  //!< the owning request
  std::string type;       //!< qualified type: "email", "custom:loyalty_id", ...
  IdentityFormat format = IdentityFormat::kRaw;
  std::string ciphertext;  //!< encrypted value token, e.g. "v1:enc-3:..."
  std::string encKeyId;    //!< key that encrypted it
  std::string lookupHash;  //!< lower-case hex keyed hash of the normalised value
  std::string hashKeyId;   //!< key that produced lookupHash

  friend bool operator==(const StoredIdentity&, const StoredIdentity&) = default;
};

//! A lookup hash to search for, with the key that produced it.
struct LookupHash {
  std::string keyId;
  std::string hex;
};

//! Identities by request. Obtained from a StoreTx; valid only inside that transaction's callback
//! and on its thread. Database failures come back as errors, never as exceptions.
class IdentityRepository {
 public:
  virtual ~IdentityRepository() = default;

  //! Stores one identity. kConflict when the id exists or the request does not.
  virtual Status add(const StoredIdentity& identity) = 0;

  //! The identities of a request in insertion order (by id for equal insertion times).
  virtual Result<std::vector<StoredIdentity>> listForRequest(std::string_view requestId) = 0;

  //! Ids of the requests holding an identity whose (hashKeyId, lookupHash) equals any of
  //! `hashes`; each id once, in first-match order. Pass one hash per key still in use so
  //! identities hashed with a retired key are found too.
  virtual Result<std::vector<std::string>> findRequestIdsByLookupHash(
      std::span<const LookupHash> hashes) = 0;

  //! Like findRequestIdsByLookupHash(), but only requests of `type` that are still open (not
  //! in a terminal status): the duplicates intake links to, found without reading every
  //! earlier request of a frequent requester.
  virtual Result<std::vector<std::string>> findOpenRequestIdsByLookupHash(
      std::span<const LookupHash> hashes, RequestType type) = 0;

  //! Deletes every identity of a request (purge); returns how many were deleted.
  virtual Result<std::int64_t> deleteForRequest(std::string_view requestId) = 0;
};

}  // namespace dsrflow
