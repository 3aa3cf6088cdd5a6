// memory_limit of a system (isolation: process) and the byte sizes it is written in.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/byte_size.hpp"
#include "config/config_loader.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::config {
namespace {

using dsrflow::testing::TempDir;
using dsrflow::testing::writeFile;
using ::testing::HasSubstr;

constexpr std::uint64_t kMiB = std::uint64_t{1} << 20U;

TEST(ByteSizeTest, ParsesBinaryAndDecimalUnits) {
  EXPECT_EQ(parseByteSize("512MiB"), 512 * kMiB);
  EXPECT_EQ(parseByteSize("1GiB"), 1024 * kMiB);
  EXPECT_EQ(parseByteSize("64KiB"), 64 * 1024U);
  EXPECT_EQ(parseByteSize("2TiB"), std::uint64_t{2} << 40U);
  EXPECT_EQ(parseByteSize("800MB"), 800'000'000U);
  EXPECT_EQ(parseByteSize("3kB"), 3000U);
  EXPECT_EQ(parseByteSize("1GB"), 1'000'000'000U);
  EXPECT_EQ(parseByteSize("100B"), 100U);
  EXPECT_EQ(parseByteSize("4096"), 4096U);
  EXPECT_EQ(parseByteSize("0"), 0U);
}

TEST(ByteSizeTest, RefusesMalformedAndHugeSizes) {
  for (const char* bad : {"", "MiB", "1.5GiB", "-1MiB", "12 MiB", "12mib", "12M", "12Gi", "1e9",
                          "99999999999999999999", "2000000TiB", " 1GiB"}) {
    EXPECT_EQ(parseByteSize(bad), std::nullopt) << bad;
  }
}

TEST(ByteSizeTest, FormatsInTheLargestExactUnit) {
  EXPECT_EQ(formatByteSize(512 * kMiB), "512MiB");
  EXPECT_EQ(formatByteSize(1024 * kMiB), "1GiB");
  EXPECT_EQ(formatByteSize(1536 * 1024), "1536KiB");
  EXPECT_EQ(formatByteSize(100), "100B");
  EXPECT_EQ(formatByteSize(0), "0B");
}

class MemoryLimitConfigTest : public ::testing::Test {
 protected:
  Result<std::shared_ptr<const Config>> load(const std::string& system) {
    const auto path = dir_.path() / "dsrflow.yaml";
    writeFile(path, "data_dir: data\ncontrollers:\n  - id: acme\n    name: ACME\nsystems:\n  - " +
                        system + "\n");
    return loadConfig(path);
  }
  std::string errorOf(const std::string& system) {
    auto loaded = load(system);
    EXPECT_FALSE(loaded.ok()) << system;
    return loaded.ok() ? "" : loaded.error().message;
  }

  TempDir dir_;
};

TEST_F(MemoryLimitConfigTest, DefaultsToZeroMeaningTheHostsDefault) {
  auto loaded = load("{id: crm, plugin: crm.so, isolation: process}");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ((*loaded)->systems.at(0).memoryLimit, 0U);
}

TEST_F(MemoryLimitConfigTest, IsReadInBytes) {
  auto loaded = load("{id: crm, plugin: crm.so, isolation: process, memory_limit: 512MiB}");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ((*loaded)->systems.at(0).memoryLimit, 512 * kMiB);

  auto plain = load("{id: crm, plugin: crm.so, isolation: process, memory_limit: 268435456}");
  ASSERT_TRUE(plain.ok()) << plain.error().message;
  EXPECT_EQ((*plain)->systems.at(0).memoryLimit, 256 * kMiB);
}

TEST_F(MemoryLimitConfigTest, MalformedSizesAreLocated) {
  EXPECT_THAT(errorOf("{id: crm, plugin: crm.so, isolation: process, memory_limit: lots}"),
              HasSubstr(":6: systems[0].memory_limit: expected a size such as 512MiB or 2GiB, "
                        "found 'lots'"));
}

TEST_F(MemoryLimitConfigTest, TooSmallIsRefused) {
  EXPECT_THAT(errorOf("{id: crm, plugin: crm.so, isolation: process, memory_limit: 1MiB}"),
              HasSubstr("systems[0].memory_limit: must be at least 128MiB"));
}

TEST_F(MemoryLimitConfigTest, OnlyForProcessIsolation) {
  EXPECT_THAT(errorOf("{id: crm, plugin: crm.so, memory_limit: 512MiB}"),
              HasSubstr("systems[0].memory_limit: applies only to isolation: process"));
}

}  // namespace
}  // namespace dsrflow::config
