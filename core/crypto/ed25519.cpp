#include "crypto/ed25519.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <climits>
#include <memory>

#include "crypto/openssl_util.hpp"

namespace dsrflow::crypto {
namespace {

using detail::MdCtxPtr;
using detail::openSslFailure;
using detail::PkeyPtr;

struct BioFree {
  void operator()(BIO* p) const noexcept { BIO_free(p); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

Result<PkeyPtr> privateKey(std::span<const std::uint8_t> seed) {
  if (seed.size() != kEd25519SeedSize) {
    return invalidArgument("Ed25519 needs a 32-byte private key, got " +
                           std::to_string(seed.size()));
  }
  PkeyPtr key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
  if (!key) return openSslFailure("loading the Ed25519 private key");
  return key;
}

Result<PkeyPtr> publicKeyObject(std::span<const std::uint8_t> publicKey) {
  if (publicKey.size() != kEd25519PublicKeySize) {
    return invalidArgument("Ed25519 public key must be 32 bytes, got " +
                           std::to_string(publicKey.size()));
  }
  PkeyPtr key(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, publicKey.data(), publicKey.size()));
  if (!key) return openSslFailure("loading the Ed25519 public key");
  return key;
}

Result<Bytes> rawPublicKey(EVP_PKEY* key) {
  Bytes out(kEd25519PublicKeySize);
  std::size_t length = out.size();
  if (EVP_PKEY_get_raw_public_key(key, out.data(), &length) != 1 ||
      length != kEd25519PublicKeySize) {
    return openSslFailure("reading the Ed25519 public key");
  }
  return out;
}

}  // namespace

Result<Bytes> ed25519PublicKey(std::span<const std::uint8_t> seed) {
  auto key = privateKey(seed);
  if (!key) return key.error();
  return rawPublicKey(key->get());
}

Result<Bytes> ed25519Sign(std::span<const std::uint8_t> seed, std::string_view message) {
  auto key = privateKey(seed);
  if (!key) return key.error();
  MdCtxPtr ctx(EVP_MD_CTX_new());
  Bytes signature(kEd25519SignatureSize);
  std::size_t length = signature.size();
  // Ed25519 is one-shot: no digest is named and the whole message goes in one call.
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key->get()) != 1 ||
      EVP_DigestSign(ctx.get(), signature.data(), &length, asBytes(message).data(),
                     message.size()) != 1 ||
      length != kEd25519SignatureSize) {
    return openSslFailure("Ed25519 signing");
  }
  return signature;
}

Status ed25519Verify(std::span<const std::uint8_t> publicKey, std::string_view message,
                     std::span<const std::uint8_t> signature) {
  if (signature.size() != kEd25519SignatureSize) {
    return invalidArgument("Ed25519 signature must be 64 bytes, got " +
                           std::to_string(signature.size()));
  }
  auto key = publicKeyObject(publicKey);
  if (!key) return key.error();
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key->get()) != 1) {
    return openSslFailure("Ed25519 verification");
  }
  const int rc = EVP_DigestVerify(ctx.get(), signature.data(), signature.size(),
                                  asBytes(message).data(), message.size());
  if (rc != 1) {
    detail::takeOpenSslErrors();
    return Error{ErrorCode::kPermissionDenied, "signature does not match the message"};
  }
  return Ok{};
}

Result<std::string> ed25519PublicKeyPem(std::span<const std::uint8_t> publicKey) {
  auto key = publicKeyObject(publicKey);
  if (!key) return key.error();
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key->get()) != 1) {
    return openSslFailure("writing the public key as PEM");
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  if (size <= 0 || data == nullptr) return openSslFailure("writing the public key as PEM");
  return std::string(data, static_cast<std::size_t>(size));
}

Result<Bytes> ed25519PublicKeyFromPem(std::string_view pem) {
  if (pem.size() > static_cast<std::size_t>(INT_MAX)) return invalidArgument("PEM too large");
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return openSslFailure("reading PEM");
  PkeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (!key) {
    detail::takeOpenSslErrors();
    return invalidArgument("not a PEM public key");
  }
  if (EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) {
    return invalidArgument("PEM public key is not an Ed25519 key");
  }
  return rawPublicKey(key.get());
}

}  // namespace dsrflow::crypto
