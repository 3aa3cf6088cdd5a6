#include "support/fixtures.hpp"

#include <cstdlib>

namespace dsrflow::testing {

std::filesystem::path sourceDir() {
  if (const char* dir = std::getenv("DSRFLOW_SOURCE_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return std::filesystem::current_path();
}

std::filesystem::path expectedFixturesDir() {
  return (sourceDir() / ".." / "shared" / "fixtures").lexically_normal();
}

std::optional<std::filesystem::path> fixturesDir() {
  auto dir = expectedFixturesDir();
  if (std::filesystem::is_directory(dir)) return dir;
  return std::nullopt;
}

}  // namespace dsrflow::testing
