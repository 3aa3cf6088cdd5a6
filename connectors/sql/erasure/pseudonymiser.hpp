#pragma once
// Pseudonymisation with a key nobody keeps. Each Pseudonymiser draws a fresh random key, turns
// values into "psd:" + 32 hex digits of HMAC-SHA256(key, value), and wipes the key when it is
// destroyed. Equal values get equal pseudonyms while it lives (links between the erased rows
// survive); once it is gone nothing can recompute or reverse them, which is what makes the
// pseudonymisation count as erasure (reported as pseudonymised_key_destroyed).
//
// The plugin SDK offers no storage that is destroyed when a request closes, so the key lives
// only for one call: two calls of one request pseudonymise with different keys.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace dsrflow::sql {

class Pseudonymiser {
 public:
  //! Draws the key; throws std::runtime_error when the system has no randomness to give.
  Pseudonymiser();
  ~Pseudonymiser();
  Pseudonymiser(const Pseudonymiser&) = delete;
  Pseudonymiser& operator=(const Pseudonymiser&) = delete;

  //! The pseudonym of `value` (36 characters).
  [[nodiscard]] std::string pseudonym(std::string_view value) const;

  //! True when `value` has the shape of a pseudonym, so erasing again leaves it alone.
  static bool isPseudonym(std::string_view value);

  static constexpr std::string_view kPrefix = "psd:";

 private:
  std::array<std::uint8_t, 32> key_{};
};

}  // namespace dsrflow::sql
