#include "vault/identity_vault.hpp"

namespace dsrflow {
namespace {

// Associated data binds a ciphertext to where it belongs, so a token copied into another row
// (another request, another type) fails to decrypt instead of answering for the wrong person.
std::string identityAad(std::string_view requestId, const std::string& qualifiedType,
                        IdentityFormat format) {
  return "identity:" + std::string(requestId) + ":" + qualifiedType + ":" +
         std::string(toString(format));
}

std::string resultAad(const TaskResult& r) {
  return "result:" + r.requestId + ":" + r.taskId + ":" + std::to_string(r.seq) + ":" +
         std::string(toString(r.kind));
}

// What is hashed for lookups: type and format are part of it so that a customer id and an
// e-mail address with the same characters never match each other.
std::string lookupInput(const Identity& identity) {
  return identity.qualifiedType() + ":" + std::string(toString(identity.format)) + ":" +
         identity.value;
}

}  // namespace

IdentityVault::IdentityVault(std::shared_ptr<const crypto::KeyRing> keys)
    : keys_(std::move(keys)) {}

Result<StoredIdentity> IdentityVault::seal(std::string id, std::string_view requestId,
                                           const Identity& identity) const {
  StoredIdentity stored;
  stored.id = std::move(id);
  stored.requestId = std::string(requestId);
  stored.type = identity.qualifiedType();
  stored.format = identity.format;
  auto token = keys_->encrypt(identity.value, identityAad(requestId, stored.type, stored.format));
  if (!token) return token.error();
  auto keyId = crypto::KeyRing::tokenKeyId(*token);
  if (!keyId) return keyId.error();
  auto hash = keys_->lookupHash(lookupInput(identity));
  if (!hash) return hash.error();
  stored.ciphertext = *token;
  stored.encKeyId = *keyId;
  stored.lookupHash = hash->hex;
  stored.hashKeyId = hash->keyId;
  return stored;
}

Result<Identity> IdentityVault::open(const StoredIdentity& stored) const {
  auto type = parseQualifiedType(stored.type);
  if (!type) return type.error();
  auto value =
      keys_->decrypt(stored.ciphertext, identityAad(stored.requestId, stored.type, stored.format));
  if (!value) return value.error();
  Identity identity;
  identity.type = type->first;
  identity.subtype = type->second;
  identity.format = stored.format;
  identity.value = std::move(value).value();
  return identity;
}

Result<std::vector<LookupHash>> IdentityVault::lookupHashes(const Identity& identity) const {
  auto hashes = keys_->lookupHashes(lookupInput(identity));
  if (!hashes) return hashes.error();
  std::vector<LookupHash> out;
  out.reserve(hashes->size());
  for (const auto& h : *hashes) out.push_back({h.keyId, h.hex});
  return out;
}

Result<TaskResult> IdentityVault::sealResult(TaskResult result,
                                             std::string_view clearPayload) const {
  auto token = keys_->encrypt(clearPayload, resultAad(result));
  if (!token) return token.error();
  auto keyId = crypto::KeyRing::tokenKeyId(*token);
  if (!keyId) return keyId.error();
  result.payload = std::move(token).value();
  result.keyId = *keyId;
  return result;
}

Result<std::string> IdentityVault::openResult(const TaskResult& result) const {
  return keys_->decrypt(result.payload, resultAad(result));
}

Result<std::string> IdentityVault::sealDocument(std::string_view name,
                                                std::string_view clear) const {
  return keys_->encrypt(clear, "document:" + std::string(name));
}

Result<std::string> IdentityVault::openDocument(std::string_view name,
                                                std::string_view token) const {
  return keys_->decrypt(token, "document:" + std::string(name));
}

Result<std::pair<IdentityType, std::string>> parseQualifiedType(std::string_view qualified) {
  const auto colon = qualified.find(':');
  const std::string_view base = qualified.substr(0, colon);
  auto type = parseIdentityType(base);
  if (!type) return invalidArgument("unknown identity type '" + std::string(base) + "'");
  std::string subtype =
      colon == std::string_view::npos ? "" : std::string(qualified.substr(colon + 1));
  const bool needsSubtype = *type == IdentityType::kExternalId || *type == IdentityType::kCustom;
  if (needsSubtype == subtype.empty()) {
    return invalidArgument("identity type '" + std::string(qualified) + "' is malformed");
  }
  return std::pair{*type, std::move(subtype)};
}

}  // namespace dsrflow
