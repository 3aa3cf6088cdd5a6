#include "dsrflow/sdk/outcome.hpp"

#include "dsrflow/sdk/json_writer.hpp"
#include "sdk/support/schema_check.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace dsrflow::sdk {
namespace {

using std::chrono::milliseconds;

TimePoint at(std::int64_t unixMs) { return fromUnixMillis(unixMs); }

std::string text(const Outcome& o) { return json::write(o.json()); }

TEST(Outcome, FactoriesWriteTheSchemaShapes) {
  const Outcome all[] = {
      Outcome::completed(),
      Outcome::notFound(),
      Outcome::erased({{"user.contact.email", 3}, {"user.name", 1}}, ErasureMethod::nulled),
      Outcome::retained({{"Art. 17(3)(b) GDPR with HGB \xC2\xA7"
                          "257",
                          "user.financial", "invoices", "2036-12-31", 2}},
                        "tax law"),
      Outcome::suppressed(),
      Outcome::deferred("job-1", at(1796032800000)),
      Outcome::acceptedUnconfirmed("ticket-9"),
      Outcome::needsReview("shared household account",
                           {json::Value::object({{"collection", "accounts"}})}),
      Outcome::actionRequired("Delete the paper file in the archive"),
      Outcome::failed("vendor API answered 503", true),
      Outcome::explanation({0.82,
                            "likely_churn",
                            "churn-v3",
                            {"orders", "visits"},
                            {{"order_frequency", -0.4, "lowers"}, {"support_tickets", 0.3, ""}},
                            "offer_discount",
                            at(1796032800000),
                            true}),
  };
  for (const Outcome& o : all) {
    EXPECT_EQ(testing::schemaErrors("outcome", text(o)), "") << text(o);
  }
}

TEST(Outcome, ErasedCarriesCountsAndMethod) {
  Outcome o =
      Outcome::erased({{"user.contact.email", 3}}, ErasureMethod::pseudonymisedKeyDestroyed);
  EXPECT_EQ(o.kind(), Outcome::Kind::erased);
  EXPECT_EQ(text(o), R"({"outcome":"erased","counts":{"user.contact.email":3},)"
                     R"("method":"pseudonymised_key_destroyed"})");
  EXPECT_THROW((void)Outcome::erased({{"user.name", -1}}, ErasureMethod::deleted),
               std::invalid_argument);
}

TEST(Outcome, DeferredFormatsNextPollInUtc) {
  Outcome o = Outcome::deferred("job-1", at(1796032800123));
  EXPECT_EQ(text(o),
            R"({"outcome":"deferred","job_id":"job-1","next_poll":"2026-11-30T10:00:00.123Z"})");
}

TEST(Outcome, FailedKeepsReasonAndRetryable) {
  Outcome o = Outcome::failed("timeout", true);
  EXPECT_EQ(o.kind(), Outcome::Kind::failed);
  EXPECT_EQ(o.reason(), "timeout");
  EXPECT_TRUE(o.retryable());
  EXPECT_FALSE(Outcome::failed("bad config", false).retryable());
}

TEST(Outcome, WithAddsPropertiesOnTemporariesAndLvalues) {
  Outcome o = Outcome::erased({{"user.name", 1}}, ErasureMethod::deleted)
                  .withRetained({{"Art. 17(3)(e) GDPR"}})
                  .withDetails({json::Value("row 7 deleted")})
                  .with("x_vendor", 1);
  EXPECT_EQ(text(o),
            R"({"outcome":"erased","counts":{"user.name":1},"method":"deleted",)"
            R"("retained":[{"legal_basis":"Art. 17(3)(e) GDPR"}],"details":["row 7 deleted"],)"
            R"("x_vendor":1})");
  Outcome c = Outcome::completed();
  c.withCounts({{"user.name", 2}}).withReason("partial");
  EXPECT_EQ(text(c), R"({"outcome":"completed","counts":{"user.name":2},"reason":"partial"})");
}

TEST(Outcome, CancelledIsNotAJsonOutcome) {
  EXPECT_EQ(Outcome::cancelled().kind(), Outcome::Kind::cancelled);
  EXPECT_FALSE(Outcome::cancelled().json().contains("outcome"));
}

TEST(Time, FormatsRfc3339Utc) {
  EXPECT_EQ(formatTimestamp(at(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(formatTimestamp(at(1709164800000)), "2024-02-29T00:00:00Z");
  EXPECT_EQ(formatTimestamp(at(951782400000)), "2000-02-29T00:00:00Z");
  EXPECT_EQ(formatTimestamp(at(-1)), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(formatTimestamp(at(4102444799000)), "2099-12-31T23:59:59Z");
  EXPECT_EQ(toUnixMillis(at(1796032800123)), 1796032800123);
  EXPECT_EQ(fromUnixMillis(std::numeric_limits<std::int64_t>::max()), TimePoint::max());
}

}  // namespace
}  // namespace dsrflow::sdk
