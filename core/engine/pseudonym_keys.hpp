#pragma once
// Pseudonymisation keys of erasure requests. When a request fans out an erasure it gets a random
// secret, sealed by the vault (store/request_secret_repository.hpp); every erase call of the
// request to a system carries the key HMAC-SHA256(secret, system id), so a system pseudonymises
// equal values alike across the request's calls (retries, follow-ups while it is open), while
// no two systems or requests share a key. transitionRequest() deletes the secret in the
// transaction that closes the request; erase calls after that (a retention's follow-up) get no
// key, and the connector uses one of the call's own.

#include <string>

#include "model/clock.hpp"
#include "model/result.hpp"
#include "store/store_tx.hpp"
#include "vault/identity_vault.hpp"

namespace dsrflow {

//! Gives request `requestId` a pseudonymisation secret unless it has one; in the caller's
//! transaction.
Status ensurePseudonymSecret(StoreTx& tx, const IdentityVault& vault, const std::string& requestId,
                             TimePoint now);

//! The key of `requestId` for system `systemId`: 64 lower-case hex digits, a secret never to be
//! logged or stored; empty when the request has no secret (it never erased, or it closed).
Result<std::string> pseudonymKey(StoreTx& tx, const IdentityVault& vault,
                                 const std::string& requestId, const std::string& systemId);

}  // namespace dsrflow
