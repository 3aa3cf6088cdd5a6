// The kit's descriptor rules are the host's: same ABI 1.0 size, same names accepted.
#include "dsrflow/conformance/plugin_facts.hpp"

#include <gtest/gtest.h>

#include "plugin_host/descriptor_check.hpp"

namespace dsrflow::conformance {
namespace {

TEST(DescriptorRulesTest, SizeOfAbi10MatchesTheHost) {
  EXPECT_EQ(kDescriptorSizeV1_0, plugin_host::kDescriptorSizeV1_0);
}

TEST(DescriptorRulesTest, ReverseDnsNamesMatchTheHost) {
  for (const char* name : {"com.example.crm", "org.dsrflow.test.good", "a.b", "a1.b-2_c", "", "com",
                           "Com.example", "1com.example", "com..example", "com.example.",
                           ".com.example", "com.exa mple", "com.exämple", "_com.example"}) {
    EXPECT_EQ(isReverseDnsName(name), plugin_host::isReverseDnsName(name)) << name;
  }
  EXPECT_EQ(isReverseDnsName(std::string(256, 'a') + ".b"),
            plugin_host::isReverseDnsName(std::string(256, 'a') + ".b"));
}

TEST(DescriptorRulesTest, ReadsOnlyWhatStructSizeCovers) {
  dsrflow_plugin_descriptor d{};
  d.struct_size = static_cast<uint32_t>(offsetof(dsrflow_plugin_descriptor, actions));
  d.abi_major = DSRFLOW_ABI_MAJOR;
  d.name = "com.example.x";
  d.version = "1.0";
  d.actions = DSRFLOW_ACTION_ACCESS;
  const PluginFacts facts = readDescriptor(&d);
  EXPECT_EQ(facts.name, "com.example.x");
  EXPECT_EQ(facts.actions, 0U);  // beyond struct_size
  EXPECT_FALSE(facts.manifestJson);
  const auto problems = descriptorProblems(facts);
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems.front().find("struct_size"), std::string::npos);
}

TEST(DescriptorRulesTest, ListsEveryProblem) {
  PluginFacts facts;
  facts.entryFound = facts.hasDescriptor = true;
  facts.structSize = static_cast<uint32_t>(kDescriptorSizeV1_0);
  facts.abiMajor = 2;
  facts.name = "NoDots";
  facts.version = "";
  facts.actions = 1U << 12U;
  const auto problems = descriptorProblems(facts);
  EXPECT_EQ(problems.size(), 5U);  // ABI, name, version, functions, unknown action bits
  EXPECT_EQ(actionNames(DSRFLOW_ACTION_ACCESS | DSRFLOW_ACTION_TEST_CONNECTION),
            "access, test_connection");
}

}  // namespace
}  // namespace dsrflow::conformance
