#pragma once
// One table per enum maps values to their wire names; toString/parse derive from it so the
// names used in JSON, YAML, the database and the CLI can never drift apart.

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace dsrflow {

template <typename E, std::size_t N>
using EnumNameTable = std::array<std::pair<E, std::string_view>, N>;

template <typename E, std::size_t N>
constexpr std::string_view enumName(const EnumNameTable<E, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "unknown";
}

template <typename E, std::size_t N>
constexpr std::optional<E> enumParse(const EnumNameTable<E, N>& table, std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

}  // namespace dsrflow
