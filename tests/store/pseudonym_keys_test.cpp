// Pseudonymisation keys of erasure requests, on each backend: a request that fans out an
// erasure gets one sealed secret; each system's erase calls carry a key derived from it (the
// same for the request and system, different across systems and requests); the transition that
// closes the request destroys the secret and audits it, so a retention's follow-up erase after
// the close gets no key at all.

#include "engine/pseudonym_keys.hpp"
#include "engine/request_transition.hpp"
#include "engine/retention_follow_up.hpp"
#include "workflow_engine_fixture.hpp"

namespace dsrflow::testing {
namespace {

using ::testing::MatchesRegex;

class PseudonymKeysTest : public WorkflowEngineTest {
 protected:
  // The erasure of `email`'s data, verified and approved and run as far as the engine goes.
  // Both systems hold Grace; only the CRM holds Ada.
  std::string erasure(const std::string& email) {
    const std::string id = submit(RequestType::kErasure, email);
    EXPECT_TRUE(engine_->runUntilIdle().ok());
    EXPECT_TRUE(engine_->attestIdentity(id, staff_, "signed letter").ok());
    EXPECT_TRUE(engine_->approve(id, staff_).ok());
    EXPECT_TRUE(engine_->runUntilIdle().ok());
    return id;
  }

  // What the good plugin reported of the key an erase task got: its first 8 hex digits, or ""
  // when it got none.
  std::string keyPrefixSeenBy(const Task& task) {
    auto results = store().readValue<std::vector<TaskResult>>(
        [&](StoreTx& tx) { return tx.taskResults().listForTask(task.id, -1, kMaxPageSize); });
    EXPECT_TRUE(results.ok());
    std::string prefix;
    for (const TaskResult& r : *results) {
      if (r.kind != TaskResultKind::kOutcome) continue;
      auto clear = vault_->openResult(r);
      EXPECT_TRUE(clear.ok());
      // Stored: {"outcome": the plugin's outcome as text, "counts": ...}.
      auto stored = Poco::JSON::Parser().parse(*clear).extract<Poco::JSON::Object::Ptr>();
      auto outcome = Poco::JSON::Parser()
                         .parse(stored->getValue<std::string>("outcome"))
                         .extract<Poco::JSON::Object::Ptr>();
      auto details = outcome->getArray("details");
      for (std::size_t i = 0; details && i < details->size(); ++i) {
        auto item = details->getObject(static_cast<unsigned>(i));
        if (item->has("pseudonym_key_prefix")) {
          prefix = item->getValue<std::string>("pseudonym_key_prefix");
        }
      }
    }
    return prefix;
  }

  std::optional<std::string> secretOf(const std::string& id) {
    return store()
        .readValue<std::optional<std::string>>(
            [&](StoreTx& tx) { return tx.requestSecrets().get(id); })
        .value();
  }

  std::string keyOf(const std::string& id, const std::string& system) {
    return store()
        .readValue<std::string>([&](StoreTx& tx) { return pseudonymKey(tx, *vault_, id, system); })
        .value();
  }
};

TEST_P(PseudonymKeysTest, EachSystemGetsItsOwnKeyAndTheCloseDestroysTheSecret) {
  startEngine();
  const std::string id = erasure("grace@example.com");
  EXPECT_EQ(request(id).status, RequestStatus::kCompleted);
  std::map<std::string, std::string> seen;  // system -> key prefix
  for (const Task& t : tasks(id)) {
    if (t.action == Action::kErase) seen[t.systemId] = keyPrefixSeenBy(t);
  }
  ASSERT_EQ(seen.size(), 2U);
  EXPECT_THAT(seen["crm"], MatchesRegex("[0-9a-f]{8}"));
  EXPECT_THAT(seen["newsletter"], MatchesRegex("[0-9a-f]{8}"));
  EXPECT_NE(seen["crm"], seen["newsletter"]);

  // The certificate says what becomes of the keys; an access answer has nothing to say.
  EXPECT_THAT(answer(id)->getValue<std::string>("pseudonym_keys"),
              ::testing::HasSubstr("destroyed when the request closes"));
  const std::string access = submit(RequestType::kAccess, "grace@example.com");
  ASSERT_OK(engine_->attestIdentity(access, staff_, "signed letter"));
  ASSERT_OK(engine_->runUntilIdle());
  ASSERT_OK(engine_->finishReview(access, staff_));
  EXPECT_FALSE(answer(access)->has("pseudonym_keys"));

  // Closed: the secret is gone, no key can be derived again, and the close says so.
  EXPECT_FALSE(secretOf(id).has_value());
  EXPECT_EQ(keyOf(id, "crm"), "");
  auto events = store().readValue<std::vector<AuditEvent>>(
      [&](StoreTx& tx) { return tx.audit().listForRequest(id); });
  ASSERT_OK(events);
  bool destroyed = false;
  for (const AuditEvent& e : *events) {
    if (e.event == "request.completed") {
      destroyed = e.detailsJson.find(R"("pseudonym_secret":"destroyed")") != std::string::npos;
    }
  }
  EXPECT_TRUE(destroyed) << "the audit trail records the destruction with the close";
}

TEST_P(PseudonymKeysTest, AKeyIsStableForItsRequestAndSystemOnly) {
  const std::string first = submit(RequestType::kErasure, "ada@example.com");
  const std::string second = submit(RequestType::kErasure, "grace@example.com");
  ASSERT_OK(store().transact([&](StoreTx& tx) -> Status {
    for (const std::string& id : {first, first, second}) {  // the second call keeps the secret
      if (auto s = ensurePseudonymSecret(tx, *vault_, id, clock_->now()); !s) return s;
    }
    return Ok{};
  }));
  const std::string key = keyOf(first, "crm");
  EXPECT_THAT(key, MatchesRegex("[0-9a-f]{64}"));
  EXPECT_EQ(keyOf(first, "crm"), key);
  EXPECT_NE(keyOf(first, "newsletter"), key);
  EXPECT_NE(keyOf(second, "crm"), key);
  // What the store holds is sealed: neither the key nor anything of its length in clear.
  ASSERT_TRUE(secretOf(first).has_value());
  EXPECT_EQ(secretOf(first)->find(key.substr(0, 16)), std::string::npos);

  // Any close destroys it, here a cancellation.
  ASSERT_OK(store().transact([&](StoreTx& tx) -> Status {
    auto found = tx.requests().get(first);
    if (!found) return found.error();
    Request r = std::move(found).value();
    return transitionRequest(tx, r, RequestStatus::kCancelled, staff_, clock_->now(),
                             "request.cancelled");
  }));
  EXPECT_EQ(keyOf(first, "crm"), "");
  EXPECT_NE(keyOf(second, "crm"), "") << "other requests keep theirs";
}

TEST_P(PseudonymKeysTest, AFollowUpAfterTheCloseGetsNoKey) {
  startEngine("retain");  // the CRM keeps Ada's orders until 2030-12-31, erased after that
  const std::string id = erasure("ada@example.com");
  EXPECT_EQ(request(id).status, RequestStatus::kCompletedWithExceptions);
  EXPECT_FALSE(secretOf(id).has_value());
  std::optional<Task> followUp;
  for (const Task& t : tasks(id)) {
    if (t.step == kAfterWorkflow) followUp = t;
  }
  ASSERT_TRUE(followUp.has_value());
  clock_->set(*followUp->nextRunAt + std::chrono::hours(1));
  ASSERT_OK(engine_->runUntilIdle());
  for (const Task& t : tasks(id)) {
    if (t.id != followUp->id) continue;
    EXPECT_EQ(t.outcome, Outcome::kErased);
    EXPECT_EQ(keyPrefixSeenBy(t), "") << "the follow-up pseudonymises under a key of its own";
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, PseudonymKeysTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgresql),
                         backendName);

}  // namespace
}  // namespace dsrflow::testing
