#include "config/byte_size.hpp"

#include <array>
#include <charconv>
#include <utility>

namespace dsrflow::config {
namespace {

constexpr std::uint64_t kLimit = std::uint64_t{1} << 60U;
constexpr std::uint64_t kKi = 1024;

constexpr std::array<std::pair<std::string_view, std::uint64_t>, 10> kUnits{{
    {"B", 1},
    {"KiB", kKi},
    {"MiB", kKi* kKi},
    {"GiB", kKi* kKi* kKi},
    {"TiB", kKi* kKi* kKi* kKi},
    {"kB", 1000},
    {"MB", 1000 * 1000},
    {"GB", 1000 * 1000 * 1000},
    {"TB", std::uint64_t{1000} * 1000 * 1000 * 1000},
    {"", 1},
}};

}  // namespace

std::optional<std::uint64_t> parseByteSize(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 19) return std::nullopt;
  std::uint64_t amount = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + digits, amount);
  if (error != std::errc() || end != text.data() + digits) return std::nullopt;
  const std::string_view unit = text.substr(digits);
  for (const auto& [name, factor] : kUnits) {
    if (unit != name) continue;
    if (amount > kLimit / factor) return std::nullopt;
    return amount * factor;
  }
  return std::nullopt;
}

std::string formatByteSize(std::uint64_t bytes) {
  static constexpr std::array<std::string_view, 4> kNames{"TiB", "GiB", "MiB", "KiB"};
  std::uint64_t factor = kKi * kKi * kKi * kKi;
  for (std::string_view name : kNames) {
    if (bytes != 0 && bytes % factor == 0)
      return std::to_string(bytes / factor) + std::string(name);
    factor /= kKi;
  }
  return std::to_string(bytes) + "B";
}

}  // namespace dsrflow::config
