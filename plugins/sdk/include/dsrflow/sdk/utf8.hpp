#pragma once
// UTF-8 checks shared by the JSON reader and writer (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace dsrflow::sdk::utf8 {

//! The length of the well-formed UTF-8 sequence starting at `text[pos]`, or 0 when the bytes
//! there are not one.
inline std::size_t sequenceLength(std::string_view text, std::size_t pos) noexcept {
  auto byte = [&](std::size_t i) -> unsigned {
    return pos + i < text.size() ? static_cast<unsigned char>(text[pos + i]) : 0x100u;
  };
  auto cont = [&](std::size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) {
    unsigned b = byte(i);
    return b >= lo && b <= hi;
  };
  unsigned b0 = byte(0);
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if (b0 == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;  // no surrogates
  if (b0 >= 0xE1 && b0 <= 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (b0 == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xF1 && b0 <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

//! True when all of `text` is well-formed UTF-8.
inline bool isValid(std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = sequenceLength(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

//! Appends the UTF-8 encoding of `codePoint` (at most U+10FFFF, not a surrogate).
inline void append(std::string& out, std::uint32_t codePoint) {
  auto put = [&](std::uint32_t b) {
    out.push_back(static_cast<char>(static_cast<unsigned char>(b)));
  };
  if (codePoint < 0x80) {
    put(codePoint);
  } else if (codePoint < 0x800) {
    put(0xC0 | (codePoint >> 6));
    put(0x80 | (codePoint & 0x3F));
  } else if (codePoint < 0x10000) {
    put(0xE0 | (codePoint >> 12));
    put(0x80 | ((codePoint >> 6) & 0x3F));
    put(0x80 | (codePoint & 0x3F));
  } else {
    put(0xF0 | (codePoint >> 18));
    put(0x80 | ((codePoint >> 12) & 0x3F));
    put(0x80 | ((codePoint >> 6) & 0x3F));
    put(0x80 | (codePoint & 0x3F));
  }
}

//! U+FFFD, written in place of bytes that are not UTF-8.
inline constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

}  // namespace dsrflow::sdk::utf8
