#include "crypto/base64.hpp"

#include <openssl/evp.h>

#include <algorithm>

#include "crypto/secret_bytes.hpp"

namespace dsrflow::crypto {
namespace {

// EVP_EncodeBlock/EVP_DecodeBlock take int lengths; work in chunks well below INT_MAX. The
// encode chunk is a multiple of 3 and the decode chunk a multiple of 4 so chunks join cleanly.
constexpr std::size_t kEncodeChunk = 3 * 16384;
constexpr std::size_t kDecodeChunk = 4 * 16384;

bool isStandardChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

bool isUrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// Decodes text already checked to be canonical standard base64.
Result<Bytes> decodeChecked(std::string_view text) {
  const std::size_t padding =
      text.empty() ? 0 : static_cast<std::size_t>(std::count(text.end() - 2, text.end(), '='));
  Bytes out(text.size() / 4 * 3);
  std::size_t written = 0;
  for (std::size_t pos = 0; pos < text.size(); pos += kDecodeChunk) {
    const std::size_t n = std::min(kDecodeChunk, text.size() - pos);
    const int got = EVP_DecodeBlock(out.data() + written,
                                    reinterpret_cast<const unsigned char*>(text.data() + pos),
                                    static_cast<int>(n));
    if (got < 0) return invalidArgument("invalid base64");  // not expected after validation
    written += static_cast<std::size_t>(got);
  }
  // EVP_DecodeBlock counts the zero bytes produced by '=' padding; drop them.
  out.resize(written - padding);
  return out;
}

}  // namespace

std::string base64Encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4 + 1);
  for (std::size_t pos = 0; pos < bytes.size(); pos += kEncodeChunk) {
    const std::size_t n = std::min(kEncodeChunk, bytes.size() - pos);
    const std::size_t start = out.size();
    out.resize(start + (n + 2) / 3 * 4 + 1);  // +1: EVP_EncodeBlock writes a terminating NUL
    const int got = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data() + start),
                                    bytes.data() + pos, static_cast<int>(n));
    out.resize(start + static_cast<std::size_t>(got));
  }
  return out;
}

Result<Bytes> base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) {
    return invalidArgument("invalid base64: length " + std::to_string(text.size()) +
                           " is not a multiple of 4");
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (isStandardChar(c)) continue;
    const bool paddingAllowed =
        c == '=' && (i == text.size() - 1 || (i == text.size() - 2 && text.back() == '='));
    if (!paddingAllowed) {
      return invalidArgument("invalid base64: unexpected character at position " +
                             std::to_string(i));
    }
  }
  return decodeChecked(text);
}

std::string base64UrlEncode(std::span<const std::uint8_t> bytes) {
  std::string out = base64Encode(bytes);
  while (!out.empty() && out.back() == '=') out.pop_back();
  std::replace(out.begin(), out.end(), '+', '-');
  std::replace(out.begin(), out.end(), '/', '_');
  return out;
}

Result<Bytes> base64UrlDecode(std::string_view text) {
  if (text.size() % 4 == 1) {
    return invalidArgument("invalid base64url: length " + std::to_string(text.size()) +
                           " is not possible");
  }
  std::string standard;
  standard.reserve(text.size() + 3);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!isUrlChar(c)) {
      return invalidArgument("invalid base64url: unexpected character at position " +
                             std::to_string(i));
    }
    standard += c == '-' ? '+' : c == '_' ? '/' : c;
  }
  while (standard.size() % 4 != 0) standard += '=';
  // The translated copy may hold a secret (a token); do not leave it in freed memory.
  const ScopedErase erase(standard);
  return decodeChecked(standard);
}

}  // namespace dsrflow::crypto
