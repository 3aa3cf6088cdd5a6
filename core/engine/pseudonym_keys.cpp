#include "engine/pseudonym_keys.hpp"

#include "crypto/hmac.hpp"
#include "crypto/random.hpp"
#include "crypto/secret_bytes.hpp"

namespace dsrflow {
namespace {

constexpr std::size_t kSecretBytes = 32;

// The vault binds the sealed secret to its request: moved to another row, it does not open.
std::string sealName(const std::string& requestId) { return "request-secret:" + requestId; }

}  // namespace

Status ensurePseudonymSecret(StoreTx& tx, const IdentityVault& vault, const std::string& requestId,
                             TimePoint now) {
  auto existing = tx.requestSecrets().get(requestId);
  if (!existing) return existing.error();
  if (existing->has_value()) return Ok{};
  crypto::Bytes secret = crypto::randomBytes(kSecretBytes);
  auto sealed = vault.sealDocument(
      sealName(requestId),
      std::string_view(reinterpret_cast<const char*>(secret.data()),  // NOLINT: bytes as text
                       secret.size()));
  crypto::secureErase(std::span<std::uint8_t>(secret));
  if (!sealed) return sealed.error();
  return tx.requestSecrets().put(requestId, *sealed, now);
}

Result<std::string> pseudonymKey(StoreTx& tx, const IdentityVault& vault,
                                 const std::string& requestId, const std::string& systemId) {
  auto sealed = tx.requestSecrets().get(requestId);
  if (!sealed) return sealed.error();
  if (!sealed->has_value()) return std::string();
  auto opened = vault.openDocument(sealName(requestId), **sealed);
  if (!opened) return opened.error();
  std::string secret = std::move(opened).value();
  // The system id is the only input besides the secret: each system gets a key of its own.
  auto derived =
      crypto::hmacSha256Hex(crypto::asBytes(secret), "dsrflow pseudonym key\n" + systemId);
  crypto::secureErase(secret);
  return derived;
}

}  // namespace dsrflow
