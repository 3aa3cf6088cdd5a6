#include "crypto/aes_gcm.hpp"

#include <openssl/evp.h>

#include <climits>

#include "crypto/openssl_util.hpp"
#include "crypto/random.hpp"
#include "crypto/secret_bytes.hpp"

namespace dsrflow::crypto {
namespace {

using detail::CipherCtxPtr;
using detail::openSslFailure;

// EVP update calls take int lengths; refuse what cannot be passed in one call.
bool fitsInt(std::size_t n) { return n <= static_cast<std::size_t>(INT_MAX) - 64; }

Status checkKey(std::span<const std::uint8_t> key) {
  if (key.size() != kAesGcmKeySize) {
    return invalidArgument("AES-256-GCM needs a 32-byte key, got " + std::to_string(key.size()));
  }
  return Ok{};
}

}  // namespace

Result<Bytes> aesGcmSeal(std::span<const std::uint8_t> key, std::string_view plaintext,
                         std::string_view aad) {
  if (auto s = checkKey(key); !s) return s.error();
  if (!fitsInt(plaintext.size()) || !fitsInt(aad.size())) {
    return invalidArgument("plaintext or associated data too large to encrypt in one message");
  }
  const Bytes nonce = randomBytes(kAesGcmNonceSize);
  Bytes out(kAesGcmNonceSize + plaintext.size() + kAesGcmTagSize);
  std::copy(nonce.begin(), nonce.end(), out.begin());

  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  std::uint8_t* cipherOut = out.data() + kAesGcmNonceSize;
  if (!ctx ||
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), nonce.data()) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, asBytes(aad).data(),
                        static_cast<int>(aad.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), cipherOut, &len, asBytes(plaintext).data(),
                        static_cast<int>(plaintext.size())) != 1) {
    return openSslFailure("AES-256-GCM encryption");
  }
  int finalLen = 0;
  if (EVP_EncryptFinal_ex(ctx.get(), cipherOut + len, &finalLen) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kAesGcmTagSize),
                          out.data() + kAesGcmNonceSize + plaintext.size()) != 1) {
    return openSslFailure("AES-256-GCM encryption");
  }
  return out;
}

Result<std::string> aesGcmOpen(std::span<const std::uint8_t> key,
                               std::span<const std::uint8_t> sealed, std::string_view aad) {
  if (auto s = checkKey(key); !s) return s.error();
  if (sealed.size() < kAesGcmNonceSize + kAesGcmTagSize) {
    return invalidArgument("ciphertext is too short (" + std::to_string(sealed.size()) +
                           " bytes; nonce and tag alone take 28)");
  }
  const std::size_t cipherSize = sealed.size() - kAesGcmNonceSize - kAesGcmTagSize;
  if (!fitsInt(cipherSize) || !fitsInt(aad.size())) {
    return invalidArgument("ciphertext or associated data too large to decrypt");
  }
  const auto nonce = sealed.first(kAesGcmNonceSize);
  const auto cipher = sealed.subspan(kAesGcmNonceSize, cipherSize);
  Bytes tag(sealed.end() - static_cast<std::ptrdiff_t>(kAesGcmTagSize), sealed.end());

  std::string plain(cipherSize, '\0');
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  if (!ctx ||
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), nonce.data()) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, asBytes(aad).data(),
                        static_cast<int>(aad.size())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &len,
                        cipher.data(), static_cast<int>(cipher.size())) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kAesGcmTagSize),
                          tag.data()) != 1) {
    secureErase(plain);
    return openSslFailure("AES-256-GCM decryption");
  }
  int finalLen = 0;
  if (EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()) + len,
                          &finalLen) != 1) {
    // Unauthenticated plaintext must never escape.
    secureErase(plain);
    detail::takeOpenSslErrors();
    return Error{ErrorCode::kPermissionDenied,
                 "decryption failed: authentication tag mismatch (wrong key or associated data, "
                 "or the ciphertext was altered)"};
  }
  return plain;
}

}  // namespace dsrflow::crypto
