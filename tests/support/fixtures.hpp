#pragma once
// Locates ../shared/fixtures (third-party schemas and data). Tests that need it call
// DSRFLOW_REQUIRE_FIXTURES(), which skips with a message naming the missing directory; a clone
// of the project elsewhere has no ../shared and must still pass.

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>

namespace dsrflow::testing {

//! The project's source root (from DSRFLOW_SOURCE_DIR, set by CTest).
std::filesystem::path sourceDir();

//! The path ../shared/fixtures would have, whether or not it exists.
std::filesystem::path expectedFixturesDir();

//! ../shared/fixtures relative to the source root, or nullopt when absent.
std::optional<std::filesystem::path> fixturesDir();

}  // namespace dsrflow::testing

#define DSRFLOW_REQUIRE_FIXTURES()                                                  \
  do {                                                                              \
    if (!::dsrflow::testing::fixturesDir()) {                                       \
      GTEST_SKIP() << "third-party fixtures not found at "                          \
                   << ::dsrflow::testing::expectedFixturesDir().string()            \
                   << " (a clone outside the shared workspace has none); skipping"; \
    }                                                                               \
  } while (0)
