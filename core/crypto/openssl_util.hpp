#pragma once
// Internal helpers for calling OpenSSL: owning handles and error text.

#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

#include "model/result.hpp"

namespace dsrflow::crypto::detail {

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* p) const noexcept { EVP_CIPHER_CTX_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const noexcept { EVP_MD_CTX_free(p); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

//! Drains this thread's OpenSSL error queue into one line (empty when the queue is empty).
//! OpenSSL error strings name the failing function and reason, never the data involved.
std::string takeOpenSslErrors();

//! A kInternal error "<what> failed: <openssl errors>"; clears the error queue.
Error openSslFailure(std::string_view what);

}  // namespace dsrflow::crypto::detail
