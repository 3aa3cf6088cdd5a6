#include "plugin_host/manifest_merge.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace dsrflow::plugin_host {
namespace {

using ::testing::HasSubstr;

constexpr const char* kManifest = R"({
  "system_kind": "crm", "role": "processor",
  "dpa": {"reference": "DPA-1", "date": "2024-01-01"},
  "data_location": ["IE"],
  "purposes": [{"name": "customer care", "legal_basis": "art6_1_b"}],
  "data_categories": [{"category": "user.contact.email", "origin": "provided"}]
})";

Poco::JSON::Object::Ptr parse(const std::string& json) {
  return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

TEST(ManifestMerge, TheDeploymentsFactsOverrideThePlugins) {
  auto merged = mergeManifest(kManifest,
                              R"({"dpa": {"reference": "ACME-DPA-2026-04"}, "data_location": ["DE"],
                    "transfer_safeguard": "none_needed"})");
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  auto m = parse(*merged);
  EXPECT_EQ(m->getObject("dpa")->getValue<std::string>("reference"), "ACME-DPA-2026-04");
  EXPECT_EQ(m->getObject("dpa")->getValue<std::string>("date"), "2024-01-01") << "merged, kept";
  EXPECT_EQ(m->getArray("data_location")->getElement<std::string>(0), "DE") << "replaced";
  EXPECT_EQ(m->getValue<std::string>("transfer_safeguard"), "none_needed");
  EXPECT_EQ(m->getValue<std::string>("system_kind"), "crm");
}

TEST(ManifestMerge, NullRemovesAKey) {
  auto merged = mergeManifest(kManifest, R"({"dpa": null})");
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  EXPECT_FALSE(parse(*merged)->has("dpa"));
}

TEST(ManifestMerge, AnEmptyOverrideKeepsThePluginsManifest) {
  auto merged = mergeManifest(kManifest, "{}");
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(parse(*merged)->getValue<std::string>("role"), "processor");
}

TEST(ManifestMerge, TheResultMustStillBeAManifest) {
  auto removed = mergeManifest(kManifest, R"({"role": null})");
  ASSERT_FALSE(removed.ok());
  EXPECT_THAT(removed.error().message, HasSubstr("not a valid manifest"));
  auto wrong = mergeManifest(kManifest, R"({"system_kind": "spaceship"})");
  ASSERT_FALSE(wrong.ok());
  EXPECT_FALSE(mergeManifest(kManifest, "[1]").ok());
}

}  // namespace
}  // namespace dsrflow::plugin_host
