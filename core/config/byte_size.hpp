#pragma once
// Sizes in bytes as people write them in the configuration: "512MiB", "1GiB", "800MB".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dsrflow::config {

//! Parses a whole number with an optional unit: B, KiB, MiB, GiB, TiB (powers of 1024) or kB,
//! MB, GB, TB (powers of 1000); no unit means bytes. nullopt when malformed or beyond 2^60.
std::optional<std::uint64_t> parseByteSize(std::string_view text);

//! The size in the largest binary unit that divides it, e.g. "512MiB", "1536KiB", "100B".
std::string formatByteSize(std::uint64_t bytes);

}  // namespace dsrflow::config
