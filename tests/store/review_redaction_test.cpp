// Review before release (Art. 15(4)) on each backend: staff list the records of an access
// request, exclude one and mask a field of another with reasons; the decisions are persisted and
// audited without personal data, and the assembled answer leaves the record out, shows the field
// as redacted and lists both with their reasons.

#include <algorithm>

#include "engine/answer_review.hpp"
#include "engine/purger.hpp"
#include "engine/redactions.hpp"
#include "workflow_engine_fixture.hpp"

namespace dsrflow::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

class ReviewRedactionTest : public WorkflowEngineTest {
 protected:
  // An access request for Ada, waiting in review.
  std::string requestInReview() {
    startEngine();
    const std::string id = submit(RequestType::kAccess, "ada@example.com");
    EXPECT_TRUE(engine_->runUntilIdle().ok());
    EXPECT_TRUE(engine_->attestIdentity(id, staff_, "signed letter").ok());
    EXPECT_TRUE(engine_->runUntilIdle().ok());
    EXPECT_EQ(request(id).status, RequestStatus::kInReview);
    return id;
  }
  AnswerReview review() {
    auto workflows = loadWorkflows(sourceDir() / "workflows");
    EXPECT_TRUE(workflows.ok());
    return AnswerReview(shared(), vault_, clock_,
                        workflows.ok() ? *workflows : std::vector<Workflow>{});
  }
  std::vector<ReviewRecord> records(const std::string& id, bool reveal = false) {
    std::vector<ReviewRecord> out;
    auto walked = review().forEachRecord(id, reveal, staff_, [&](const ReviewRecord& r) {
      out.push_back(r);
      return Status(Ok{});
    });
    EXPECT_TRUE(walked.ok()) << walked.error().message;
    return out;
  }
  std::vector<AuditEvent> events(const std::string& id) {
    return store()
        .readValue<std::vector<AuditEvent>>(
            [&](StoreTx& tx) { return tx.audit().listForRequest(id); })
        .value();
  }
};

TEST_P(ReviewRedactionTest, ExcludedRecordsAndMaskedFieldsAreWithheldWithTheirReasons) {
  const std::string id = requestInReview();
  auto listed = records(id);
  ASSERT_EQ(listed.size(), 3U);  // Ada and her two orders, from the CRM
  const ReviewRecord customer = listed[0];
  EXPECT_EQ(customer.collection, "customers");
  EXPECT_EQ(customer.systemId, "crm");
  EXPECT_EQ(customer.fields, (std::vector<std::string>{"email", "id", "name"}));
  EXPECT_TRUE(customer.valuesJson.empty()) << "values only when revealed";
  EXPECT_EQ(listed[1].collection, "orders");
  EXPECT_EQ(customer.ref.size(), std::string("12345678:0").size());
  EXPECT_EQ(customer.ref.substr(0, 8), customer.taskId.substr(0, 8));

  auto masked = review().mask(id, customer.ref, "name",
                              "shared account: the name is the "
                              "partner's",
                              staff_);
  ASSERT_OK(masked);
  auto excluded = review().exclude(id, listed[2].ref, "order placed by another customer", staff_);
  ASSERT_OK(excluded);
  EXPECT_EQ(excluded->seq, listed[2].seq);

  // The decisions are shown with the records, and persisted.
  listed = records(id);
  ASSERT_EQ(listed[0].masks.size(), 1U);
  EXPECT_EQ(listed[0].masks[0].field, "name");
  EXPECT_FALSE(listed[0].exclusion.has_value());
  ASSERT_TRUE(listed[2].exclusion.has_value());
  EXPECT_EQ(listed[2].exclusion->actorId, "staff-1");
  auto stored = openAgain()->readValue<std::vector<RedactionDecision>>(
      [&](StoreTx& tx) { return tx.review().listRedactions(id); });
  ASSERT_OK(stored);
  ASSERT_EQ(stored->size(), 2U);
  EXPECT_EQ(std::count(stored->begin(), stored->end(), *masked), 1);
  EXPECT_EQ(std::count(stored->begin(), stored->end(), *excluded), 1);

  // Audited: who and why, never a value.
  std::string details;
  for (const auto& e : events(id)) {
    if (e.event.rfind("review.", 0) == 0) details += e.event + " " + e.detailsJson + "\n";
  }
  EXPECT_THAT(details, HasSubstr("review.field_masked"));
  EXPECT_THAT(details, HasSubstr("review.record_excluded"));
  EXPECT_THAT(details, HasSubstr("order placed by another customer"));
  EXPECT_THAT(details, HasSubstr(R"("field":"name")"));
  EXPECT_THAT(details, Not(HasSubstr("ada@example.com")));
  EXPECT_THAT(details, Not(HasSubstr("\"Ada\"")));

  ASSERT_OK(engine_->finishReview(id, staff_));
  ASSERT_EQ(request(id).status, RequestStatus::kCompleted);
  auto bundle = answer(id);
  std::ostringstream text;
  bundle->stringify(text);
  EXPECT_THAT(text.str(), Not(HasSubstr("\"Ada\""))) << "the masked name is not released";
  EXPECT_THAT(text.str(), HasSubstr("ada@example.com")) << "the rest of the record is";
  auto systems = bundle->getArray("systems");
  for (std::size_t i = 0; i < systems->size(); ++i) {
    auto s = systems->getObject(static_cast<unsigned>(i));
    if (s->getValue<std::string>("system") != "crm") continue;
    auto crmRecords = s->getArray("records");
    ASSERT_EQ(crmRecords->size(), 2U) << "the excluded order is left out";
    auto fields = crmRecords->getObject(0)->getObject("fields");
    EXPECT_EQ(fields->getValue<std::string>("name"), kRedactedValue);
  }
  auto redactions = bundle->getArray("redactions");
  ASSERT_EQ(redactions->size(), 2U);
  auto first = redactions->getObject(0);
  EXPECT_EQ(first->getValue<std::string>("withheld"), "field");
  EXPECT_EQ(first->getValue<std::string>("field"), "name");
  EXPECT_EQ(first->getValue<std::string>("collection"), "customers");
  EXPECT_EQ(first->getValue<std::string>("reason"), "shared account: the name is the partner's");
  auto second = redactions->getObject(1);
  EXPECT_EQ(second->getValue<std::string>("withheld"), "record");
  EXPECT_EQ(second->getValue<std::string>("collection"), "orders");
  EXPECT_EQ(second->getValue<std::string>("record"), listed[2].ref);
  EXPECT_EQ(second->getValue<std::string>("reason"), "order placed by another customer");

  // Released: no more decisions.
  EXPECT_EQ(review().exclude(id, listed[1].ref, "too late", staff_).error().code,
            ErrorCode::kConflict);
  // After 24 months the minimal record goes, and its decisions with it.
  clock_->advance(24h * 750);
  Purger purger(shared(), clock_, config::RetentionConfig{}, dir_->path() / "results");
  auto purged = purger.run();
  ASSERT_OK(purged);
  EXPECT_EQ(purged->requestRecordsRemoved, 1U);
  EXPECT_TRUE(store()
                  .readValue<std::vector<RedactionDecision>>(
                      [&](StoreTx& tx) { return tx.review().listRedactions(id); })
                  ->empty());
  auto chain = verifyAuditChain(store());
  ASSERT_OK(chain);
  EXPECT_FALSE(chain->brokenAtSeq.has_value());
}

TEST_P(ReviewRedactionTest, AWithdrawnDecisionReleasesTheRecordAfterAll) {
  const std::string id = requestInReview();
  auto listed = records(id);
  ASSERT_EQ(listed.size(), 3U);
  auto excluded = review().exclude(id, listed[2].ref, "thought it was another customer's", staff_);
  ASSERT_OK(excluded);
  EXPECT_EQ(review().withdraw(id, excluded->id, " ", staff_).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(review().withdraw(id, "no-such-decision", "why", staff_).error().code,
            ErrorCode::kNotFound);
  ASSERT_OK(review().withdraw(id, excluded->id, "it is Ada's order after all", staff_));
  EXPECT_FALSE(records(id)[2].exclusion.has_value());
  EXPECT_EQ(review().withdraw(id, excluded->id, "again", staff_).error().code,
            ErrorCode::kNotFound);
  bool audited = false;
  for (const auto& e : events(id)) {
    if (e.event == "review.decision_withdrawn") {
      audited = e.detailsJson.find(excluded->id) != std::string::npos &&
                e.detailsJson.find("it is Ada's order after all") != std::string::npos;
    }
  }
  EXPECT_TRUE(audited);

  // The same record can be decided on again; once released, nothing is withdrawn any more.
  auto again = review().exclude(id, listed[2].ref, "order placed by another customer", staff_);
  ASSERT_OK(again);
  ASSERT_OK(review().withdraw(id, again->id, "checked with the shop", staff_));
  ASSERT_OK(engine_->finishReview(id, staff_));
  EXPECT_EQ(answer(id)->getArray("redactions")->size(), 0U);
  auto systems = answer(id)->getArray("systems");
  for (std::size_t i = 0; i < systems->size(); ++i) {
    auto s = systems->getObject(static_cast<unsigned>(i));
    if (s->getValue<std::string>("system") == "crm") {
      EXPECT_EQ(s->getArray("records")->size(), 3U) << "the order is released";
    }
  }
  auto late = review().exclude(id, listed[2].ref, "too late", staff_);
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
  EXPECT_EQ(review().withdraw(id, again->id, "too late", staff_).error().code,
            ErrorCode::kConflict);
}

TEST_P(ReviewRedactionTest, DecisionsNameRealRecordsAndFieldsOnceWithAReason) {
  const std::string id = requestInReview();
  const auto listed = records(id);
  ASSERT_EQ(listed.size(), 3U);
  const std::string ref = listed[0].ref;
  const std::string task = listed[0].taskId;
  auto code = [](const Result<RedactionDecision>& r) {
    return r.ok() ? ErrorCode::kInternal : r.error().code;
  };
  EXPECT_EQ(code(review().exclude(id, ref, "  ", staff_)), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code(review().exclude(id, "nonsense", "why", staff_)), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code(review().exclude(id, task.substr(0, 8) + ":x", "why", staff_)),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(code(review().exclude(id, task.substr(0, 8) + ":99", "why", staff_)),
            ErrorCode::kNotFound);
  EXPECT_EQ(code(review().exclude(id, "ffffffff:0", "why", staff_)), ErrorCode::kNotFound);
  EXPECT_EQ(code(review().mask(id, ref, "shoe_size", "why", staff_)), ErrorCode::kNotFound);
  EXPECT_EQ(code(review().exclude("no-such-request", ref, "why", staff_)), ErrorCode::kNotFound);
  // The full task id works as well as the short reference.
  ASSERT_OK(review().mask(id, task + ":0", "email", "a colleague's address", staff_));
  EXPECT_EQ(code(review().mask(id, ref, "email", "again", staff_)), ErrorCode::kConflict);
  ASSERT_OK(review().exclude(id, ref, "the whole record after all", staff_));
  EXPECT_EQ(code(review().exclude(id, ref, "again", staff_)), ErrorCode::kConflict);

  // Only during review: not for an erasure, whose workflow releases no records.
  const std::string erasure = submit(RequestType::kErasure, "grace@example.com");
  ASSERT_OK(engine_->runUntilIdle());
  EXPECT_EQ(code(review().exclude(erasure, ref, "why", staff_)), ErrorCode::kConflict);

  // Revealing values is audited before they are shown.
  const auto revealed = records(id, true);
  EXPECT_THAT(revealed[0].valuesJson, HasSubstr("ada@example.com"));
  const auto all = events(id);
  EXPECT_TRUE(std::any_of(all.begin(), all.end(), [](const AuditEvent& e) {
    return e.event == "review.records_revealed" && e.actorId == "staff-1";
  }));
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewRedactionTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgresql),
                         backendName);

}  // namespace
}  // namespace dsrflow::testing
