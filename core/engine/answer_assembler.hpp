#pragma once
// Builds the answer of a request from its tasks' results: a JSON bundle with the request's
// facts and, per system, the action, the outcome, counts and (for access and portability) the
// records, with the reviewers' redactions applied and listed (redactions.hpp). Written sealed
// by the vault to <resultsDir>/<request id>.json.sealed. Later work turns it into the access
// package, portability export or erasure certificate.

#include <filesystem>
#include <string>

#include "model/request.hpp"
#include "store/store.hpp"
#include "vault/identity_vault.hpp"

namespace dsrflow {

//! Writes the bundle and returns its path. Overwrites an earlier one (assembling is repeatable).
Result<std::filesystem::path> assembleAnswer(Store& store, const IdentityVault& vault,
                                             const Request& request, const std::string& format,
                                             const std::filesystem::path& resultsDir);

//! Reads a bundle written by assembleAnswer (for `dsrflow request answer` and tests).
Result<std::string> readAnswer(const IdentityVault& vault, const std::string& requestId,
                               const std::filesystem::path& resultsDir);

}  // namespace dsrflow
