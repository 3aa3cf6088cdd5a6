#pragma once
// Comparison of secrets (API tokens, MACs) without timing leaks.

#include <string_view>

namespace dsrflow::crypto {

//! True when `a` and `b` are equal. The time taken depends only on the lengths, never on where
//! the contents differ (CRYPTO_memcmp); only a length mismatch returns early.
bool constantTimeEquals(std::string_view a, std::string_view b) noexcept;

}  // namespace dsrflow::crypto
