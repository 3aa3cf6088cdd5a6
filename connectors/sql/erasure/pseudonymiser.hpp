#pragma once
// Pseudonymisation with a key nobody keeps. Values become "psd:" + 32 hex digits of
// HMAC-SHA256(key, value). Equal values get equal pseudonyms under one key (links between the
// erased rows survive); once the key is gone nothing can recompute or reverse them, which is
// what makes the pseudonymisation count as erasure (reported as pseudonymised_key_destroyed).
//
// The key is the request's (the host's pseudonym_key: the same in every call of the request to
// this system, destroyed by the host when the request closes), or else one drawn for this call.
// The Pseudonymiser wipes its copy when it is destroyed.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace dsrflow::sql {

class Pseudonymiser {
 public:
  //! Uses `hexKey` (64 hex digits: 32 bytes), or draws a key when it is empty. Throws
  //! std::invalid_argument for a key of another shape, std::runtime_error when the system has
  //! no randomness to give.
  explicit Pseudonymiser(std::string_view hexKey = {});
  ~Pseudonymiser();
  Pseudonymiser(const Pseudonymiser&) = delete;
  Pseudonymiser& operator=(const Pseudonymiser&) = delete;

  //! The pseudonym of `value` (36 characters).
  [[nodiscard]] std::string pseudonym(std::string_view value) const;

  //! True when `hexKey` has the shape of a key: 64 lower-case hex digits.
  static bool isKey(std::string_view hexKey);

  //! True when `value` has the shape of a pseudonym, so erasing again leaves it alone.
  static bool isPseudonym(std::string_view value);

  static constexpr std::string_view kPrefix = "psd:";

 private:
  std::array<std::uint8_t, 32> key_{};
};

}  // namespace dsrflow::sql
