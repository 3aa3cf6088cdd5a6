#pragma once
// Key material lives in SecretBytes: move-only, never printable, wiped on destruction.

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <span>
#include <string>
#include <utility>

#include "crypto/bytes.hpp"

namespace dsrflow::crypto {

//! Overwrites the buffer with zeros in a way the optimiser may not remove (OPENSSL_cleanse).
void secureErase(std::span<std::uint8_t> bytes) noexcept;
//! Overwrites the string's characters with zeros and empties it.
void secureErase(std::string& text) noexcept;

//! Owns secret bytes. Move-only (no silent copies); the buffer is wiped when the object dies or
//! is assigned over. Streaming it prints "[redacted]" so secrets cannot leak through a log or a
//! test failure message. Not synchronised: share it only through const access.
class SecretBytes {
 public:
  SecretBytes() = default;
  //! Takes over the buffer of `bytes` without copying it.
  explicit SecretBytes(Bytes&& bytes) noexcept : bytes_(std::move(bytes)) {}
  ~SecretBytes() { wipe(); }
  SecretBytes(SecretBytes&& other) noexcept : bytes_(std::move(other.bytes_)) { other.bytes_ = {}; }
  SecretBytes& operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
      wipe();
      bytes_ = std::move(other.bytes_);
      other.bytes_ = {};
    }
    return *this;
  }
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;

  //! The secret bytes; valid while this object lives and is not modified.
  [[nodiscard]] std::span<const std::uint8_t> view() const noexcept { return bytes_; }
  [[nodiscard]] std::size_t size() const noexcept { return bytes_.size(); }
  [[nodiscard]] bool empty() const noexcept { return bytes_.empty(); }

 private:
  void wipe() noexcept { secureErase(std::span<std::uint8_t>(bytes_)); }
  Bytes bytes_;
};

//! Prints "[redacted]", never the bytes.
std::ostream& operator<<(std::ostream& os, const SecretBytes& secret);

//! Wipes a string holding secret text (e.g. a file buffer) when the scope ends.
class ScopedErase {
 public:
  explicit ScopedErase(std::string& text) noexcept : text_(text) {}
  ~ScopedErase() { secureErase(text_); }
  ScopedErase(const ScopedErase&) = delete;
  ScopedErase& operator=(const ScopedErase&) = delete;

 private:
  std::string& text_;
};

}  // namespace dsrflow::crypto
