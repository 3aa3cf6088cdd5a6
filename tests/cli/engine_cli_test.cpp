// A request from receipt to answer through the real binary, against the demo configuration's
// system (the example connector), with `dsrflow worker --once` doing the work.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <map>
#include <regex>

#include "demo_cli_fixture.hpp"

namespace dsrflow {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class EngineCliTest : public testing::DemoCliTest {
 protected:
  void SetUp() override {
    user_ = "agent7";
    DemoCliTest::SetUp();
  }
  std::string status(const std::string& id) {
    auto shown = run({"request", "show", id, "--json"});
    std::smatch m;
    static const std::regex kStatus("\"status\": \"([a-z_]+)\"");
    return std::regex_search(shown.out, m, kStatus) ? m[1].str() : shown.err;
  }
};

TEST_F(EngineCliTest, AccessRequestFromLetterToAnswer) {
  auto created = runClean({"request", "create", "--type", "access", "--email", "ada@example.com",
                           "--channel", "letter"});
  ASSERT_EQ(created.exitCode, 0) << created.err;
  const std::string id = created.out.substr(std::string("received request ").size(), 36);

  ASSERT_EQ(runClean({"worker", "--once"}).exitCode, 0);
  EXPECT_EQ(status(id), "verifying");
  EXPECT_EQ(runClean({"request", "verify", id}).exitCode, 2);  // --method missing
  auto verified = runClean({"request", "verify", id, "--method", "signature matches the contract"});
  ASSERT_EQ(verified.exitCode, 0) << verified.err;
  EXPECT_EQ(status(id), "in_progress");

  auto worked = runClean({"worker", "--once"});
  ASSERT_EQ(worked.exitCode, 0) << worked.err;
  EXPECT_THAT(worked.err, HasSubstr("system=hello-crm action=access outcome=completed"));
  EXPECT_EQ(status(id), "in_review");
  EXPECT_EQ(runClean({"request", "answer", id}).exitCode, 1);  // nothing assembled yet

  ASSERT_EQ(runClean({"request", "review", id, "--done"}).exitCode, 0);
  EXPECT_EQ(status(id), "completed");

  auto answer = runClean({"request", "answer", id});
  ASSERT_EQ(answer.exitCode, 0) << answer.err;
  EXPECT_THAT(answer.out, HasSubstr(R"("format":"access_package")"));
  EXPECT_THAT(answer.out, HasSubstr("Ada Lovelace"));
  auto history = runClean({"request", "show", id});
  for (const char* event : {"request.identity_verified  by user:cli:agent7", "task.completed",
                            "request.reviewed", "request.completed", "request.answer_read"}) {
    EXPECT_THAT(history.out, HasSubstr(event));
  }
  EXPECT_EQ(runClean({"audit", "verify"}).exitCode, 0);
}

TEST_F(EngineCliTest, ApiRequestsWaitForApproval) {
  auto created =
      runClean({"request", "create", "--type", "access", "--email", "nobody@example.com"});
  ASSERT_EQ(created.exitCode, 0) << created.err;
  const std::string id = created.out.substr(std::string("received request ").size(), 36);
  ASSERT_EQ(runClean({"request", "verify", id, "--method", "e-mail link"}).exitCode, 0);
  EXPECT_EQ(status(id), "awaiting_approval");
  ASSERT_EQ(runClean({"request", "approve", id}).exitCode, 0);
  ASSERT_EQ(runClean({"worker", "--once"}).exitCode, 0);
  EXPECT_EQ(status(id), "in_review");
  ASSERT_EQ(runClean({"request", "review", id, "--done"}).exitCode, 0);
  EXPECT_EQ(status(id), "completed");
  EXPECT_THAT(runClean({"request", "answer", id}).out, HasSubstr(R"("outcome":"not_found")"));
}

TEST_F(EngineCliTest, AManifestOverrideThatBreaksTheManifestDisablesTheSystem) {
  const auto config = dir_ / "dsrflow.yaml";
  std::string text = testing::readFile(config);
  const std::string anchor = "    timeout: 10s\n";
  ASSERT_NE(text.find(anchor), std::string::npos);
  text.insert(text.find(anchor) + anchor.size(),
              "    manifest:\n      dpa: {reference: ACME-DPA-7}\n      role: null\n");
  testing::writeFile(config, text);
  auto worked = run({"worker", "--once"});
  EXPECT_EQ(worked.exitCode, 0) << worked.err;
  EXPECT_THAT(worked.err, HasSubstr("systems: hello-crm: manifest: with the override applied it "
                                    "is not a valid manifest"));
}

TEST_F(EngineCliTest, TheDemoSqlSystemsAnswerFromTheirGeneratedDatabases) {
  auto created = runClean({"request", "create", "--type", "access", "--email", "ada@example.com",
                           "--channel", "letter"});
  ASSERT_EQ(created.exitCode, 0) << created.err;
  const std::string id = created.out.substr(std::string("received request ").size(), 36);
  ASSERT_EQ(runClean({"worker", "--once"}).exitCode, 0);
  ASSERT_EQ(runClean({"request", "verify", id, "--method", "signed letter"}).exitCode, 0);
  auto worked = runClean({"worker", "--once"});
  ASSERT_EQ(worked.exitCode, 0) << worked.err;
  EXPECT_THAT(worked.err, HasSubstr("system=shop-db action=access outcome=completed"));
  EXPECT_THAT(worked.err, HasSubstr("system=newsletter-db action=access outcome=completed"));
  ASSERT_EQ(runClean({"request", "review", id, "--done"}).exitCode, 0);
  auto answer = runClean({"request", "answer", id});
  ASSERT_EQ(answer.exitCode, 0) << answer.err;
  // Ada's rows: her customer row, two addresses, three orders with four items and the support
  // ticket that only copies her e-mail address; in the newsletter tool her contact, consent,
  // 25 events and two list memberships.
  for (const char* collection :
       {R"("collection":"customers")", R"("collection":"addresses")", R"("collection":"orders")",
        R"("collection":"order_items")", R"("collection":"support_tickets")",
        R"("collection":"consents")", R"("collection":"events")",
        R"("collection":"list_memberships")"}) {
    EXPECT_THAT(answer.out, HasSubstr(collection));
  }
  std::map<std::string, std::size_t> records;  // "system/collection" -> records
  auto parsed = Poco::JSON::Parser().parse(answer.out).extract<Poco::JSON::Object::Ptr>();
  auto systems = parsed->getArray("systems");
  ASSERT_TRUE(systems);
  for (std::size_t i = 0; i < systems->size(); ++i) {
    auto system = systems->getObject(static_cast<unsigned>(i));
    auto list = system->getArray("records");
    for (std::size_t j = 0; list && j < list->size(); ++j) {
      ++records[system->getValue<std::string>("system") + "/" +
                list->getObject(static_cast<unsigned>(j))->getValue<std::string>("collection")];
    }
  }
  EXPECT_EQ(records, (std::map<std::string, std::size_t>{{"shop-db/customers", 1},
                                                         {"shop-db/addresses", 2},
                                                         {"shop-db/orders", 3},
                                                         {"shop-db/order_items", 4},
                                                         {"shop-db/support_tickets", 1},
                                                         {"newsletter-db/contacts", 1},
                                                         {"newsletter-db/consents", 1},
                                                         {"newsletter-db/events", 25},
                                                         {"newsletter-db/list_memberships", 2},
                                                         {"hello-crm/contacts", 1},
                                                         {"hello-crm/page_views", 2},
                                                         {"hello-crm/segments", 1}}));
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (auto at = answer.out.find(needle); at != std::string::npos;
         at = answer.out.find(needle, at + 1)) {
      ++n;
    }
    return n;
  };
  EXPECT_EQ(count("grace@example.com"), 0U) << "nobody else's data";
}

TEST_F(EngineCliTest, ADemoErasureKeepsTheInvoicesUntilTheirRetentionEnds) {
  auto created = runClean({"request", "create", "--type", "erasure", "--email", "ada@example.com",
                           "--channel", "letter"});
  ASSERT_EQ(created.exitCode, 0) << created.err;
  const std::string id = created.out.substr(std::string("received request ").size(), 36);
  ASSERT_EQ(runClean({"worker", "--once"}).exitCode, 0);
  ASSERT_EQ(runClean({"request", "verify", id, "--method", "signed letter"}).exitCode, 0);
  ASSERT_EQ(runClean({"request", "approve", id}).exitCode, 0);
  auto worked = runClean({"worker", "--once"});
  ASSERT_EQ(worked.exitCode, 0) << worked.err;
  EXPECT_THAT(worked.err, HasSubstr("system=shop-db action=erase outcome=erased"));
  EXPECT_THAT(worked.err, HasSubstr("system=newsletter-db action=erase outcome=erased"));
  auto certificate = runClean({"request", "answer", id});
  ASSERT_EQ(certificate.exitCode, 0) << certificate.err;
  EXPECT_THAT(certificate.out, HasSubstr(R"("format":"erasure_certificate")"));
  // Ada's 2025 invoices are accounting vouchers, kept until the end of 2033 (8 years from the
  // end of the order's year), and erased the day after.
  EXPECT_THAT(certificate.out, HasSubstr(R"("retention_end":"2033-12-31")"));
  EXPECT_THAT(certificate.out, HasSubstr(R"("scheduled_for":"2034-01-01T00:00:00Z")"));
  EXPECT_THAT(certificate.out, Not(HasSubstr("ada@example.com")));
}

}  // namespace
}  // namespace dsrflow
