// The SQL connector passes dsrflow's conformance checks (`dsrflow plugin check`, the real
// binary) against the generated SQLite CRM, erase_twice included.

#include <gmock/gmock.h>

#include "connectors/sql/sample_crm.hpp"
#include "sql_plugin_fixture.hpp"
#include "support/process.hpp"

namespace dsrflow::testing {
namespace {

using ::testing::HasSubstr;

TEST_F(SqlPluginTest, PassesThePluginConformanceChecks) {
  createSampleCrm(dir_ / "crm.db");
  writeFile(dir_ / "crm.yaml", kSampleCrmDataset);
  const std::string config = R"({"url": "sqlite3://)" + (dir_ / "crm.db").string() +
                             R"(", "dataset": ")" + (dir_ / "crm.yaml").string() + "\"}";
  ProcessResult check = runProcess(
      DSRFLOW_BINARY,
      {"plugin", "check", plugin_.string(), "--config-json", config, "--email", "ann@example.com"},
      {{"DSRFLOW_CONFIG", ""}});
  EXPECT_EQ(check.exitCode, 0) << check.out << check.err;
  EXPECT_THAT(check.out, HasSubstr("access       pass    completed, 14 records"));
  EXPECT_THAT(check.out, HasSubstr("not_found    pass"));
  // Ann's household is shared with Bob: the first erase leaves it for review, the second finds
  // nothing of Ann left.
  EXPECT_THAT(check.out, HasSubstr("erase_twice  pass    first needs_review, then not_found"));
  EXPECT_THAT(check.out, HasSubstr("9 checks: 9 passed, 0 failed, 0 skipped"));
}

}  // namespace
}  // namespace dsrflow::testing
