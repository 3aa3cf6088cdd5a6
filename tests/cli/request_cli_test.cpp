// dsrflow request create | show | list against a real store, through the real binary.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "demo_cli_fixture.hpp"

namespace dsrflow {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class RequestCliTest : public testing::DemoCliTest {};

TEST_F(RequestCliTest, CreateShowAndRevealWithAnAuditTrail) {
  // Received on Saturday 31 January 2026: one month ends on Saturday 28 February, which moves
  // to Monday 2 March (end of day in Berlin).
  const std::string id = create({"--type", "access", "--email", " Jane.Roe@Example.COM ", "--phone",
                                 "030 1234567", "--identity", "custom:loyalty_id=CH-77",
                                 "--received-at", "2026-01-31", "--channel", "letter"});
  ASSERT_FALSE(id.empty());

  auto shown = run({"request", "show", id});
  ASSERT_EQ(shown.exitCode, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("status      received"));
  EXPECT_THAT(shown.out, HasSubstr("due         2026-03-02T22:59:59Z"));
  EXPECT_THAT(shown.out, HasSubstr("identities  email phone custom:loyalty_id"));
  EXPECT_THAT(shown.out, HasSubstr("request.received  by user:cli:operator1"));
  EXPECT_THAT(shown.out + shown.err, Not(HasSubstr("jane")));
  EXPECT_THAT(shown.out + shown.err, Not(HasSubstr("1234567")));

  auto revealed = run({"request", "show", id, "--reveal", "--json"});
  ASSERT_EQ(revealed.exitCode, 0) << revealed.err;
  EXPECT_THAT(revealed.out, HasSubstr(R"("value": "jane.roe@example.com")"));
  EXPECT_THAT(revealed.out, HasSubstr(R"("value": "+49301234567")"));
  EXPECT_THAT(revealed.out, HasSubstr(R"("event": "request.identities_revealed")"));
  EXPECT_THAT(revealed.out, HasSubstr(R"("channel": "letter")"));
  // The server log (stderr) never carries the values.
  EXPECT_THAT(revealed.err, Not(HasSubstr("jane")));

  auto verify = run({"audit", "verify"});
  EXPECT_EQ(verify.exitCode, 0);
  EXPECT_EQ(verify.out, "audit log intact: 2 events\n");
}

TEST_F(RequestCliTest, ListFiltersAndPrintsJson) {
  create({"--type", "access", "--email", "a@example.com"});
  create({"--type", "opt_out", "--email", "b@example.com"});
  auto all = run({"request", "list"});
  ASSERT_EQ(all.exitCode, 0) << all.err;
  EXPECT_THAT(all.out, HasSubstr("access"));
  EXPECT_THAT(all.out, HasSubstr("opt_out"));
  auto json = run({"request", "list", "--json", "--status", "received"});
  ASSERT_EQ(json.exitCode, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr(R"("regulation": "ccpa")"));
  auto none = run({"request", "list", "--status", "completed"});
  EXPECT_EQ(none.out, "");
  EXPECT_EQ(run({"request", "list", "--status", "done"}).exitCode, 2);
}

TEST_F(RequestCliTest, HoldReleaseExtendAndCancel) {
  const std::string id = create({"--type", "erasure", "--email", "c@example.com"});
  auto held = run({"request", "hold", id, "--reason", "litigation hold"});
  ASSERT_EQ(held.exitCode, 0) << held.err;
  EXPECT_THAT(held.out, HasSubstr("on_hold"));
  EXPECT_EQ(run({"request", "hold", id}).exitCode, 2);  // --reason missing
  auto released = run({"request", "release", id});
  ASSERT_EQ(released.exitCode, 0) << released.err;
  EXPECT_THAT(released.out, HasSubstr("received"));
  auto extended = run({"request", "extend", id, "--reason", "complex", "--json"});
  ASSERT_EQ(extended.exitCode, 0) << extended.err;
  EXPECT_THAT(extended.out, HasSubstr(R"("extension_reason": "complex")"));
  EXPECT_EQ(run({"request", "extend", id, "--reason", "again"}).exitCode, 1);
  auto cancelled = run({"request", "cancel", id, "--reason", "withdrawn"});
  ASSERT_EQ(cancelled.exitCode, 0) << cancelled.err;
  EXPECT_THAT(cancelled.out, HasSubstr("cancelled"));
  auto rejected = run({"request", "reject", id, "--reason", "late"});
  EXPECT_EQ(rejected.exitCode, 1);
  EXPECT_THAT(rejected.err, HasSubstr("can be rejected only before"));
  auto shown = run({"request", "show", id});
  for (const char* event :
       {"request.held", "request.released", "request.extended", "request.cancelled"}) {
    EXPECT_THAT(shown.out, HasSubstr(event));
  }
  EXPECT_EQ(run({"audit", "verify"}).exitCode, 0);
}

TEST_F(RequestCliTest, OverdueRequestsAreFlaggedAndFound) {
  const std::string late =
      create({"--type", "access", "--email", "late@example.com", "--received-at", "2026-01-31"});
  const std::string fresh = create({"--type", "access", "--email", "new@example.com"});
  auto all = run({"request", "list"});
  EXPECT_THAT(all.out, HasSubstr(late));
  EXPECT_THAT(all.out, HasSubstr("overdue"));
  auto soon = run({"request", "list", "--due-within", "7d"});
  ASSERT_EQ(soon.exitCode, 0) << soon.err;
  EXPECT_THAT(soon.out, HasSubstr(late));
  EXPECT_THAT(soon.out, Not(HasSubstr(fresh)));
  EXPECT_THAT(run({"request", "show", late, "--json"}).out, HasSubstr(R"("deadline": "overdue")"));
  EXPECT_EQ(run({"request", "list", "--due-within", "soon"}).exitCode, 2);
}

TEST_F(RequestCliTest, ARepeatedRequestIsLinkedToTheOpenOne) {
  const std::string first = create({"--type", "access", "--email", "dup@example.com"});
  const std::string other = create({"--type", "erasure", "--email", "dup@example.com"});
  const std::string again =
      create({"--type", "access", "--phone", "030 1234567", "--email", "DUP@example.com"});
  auto shown = run({"request", "show", again});
  EXPECT_THAT(shown.out, HasSubstr("repeats     " + first));
  EXPECT_THAT(run({"request", "show", other}).out, Not(HasSubstr("repeats")));
  EXPECT_THAT(run({"request", "show", again, "--json"}).out,
              HasSubstr(R"("duplicate_of": ")" + first));
  ASSERT_EQ(run({"request", "cancel", first, "--reason", "withdrawn"}).exitCode, 0);
  const std::string fresh = create({"--type", "access", "--email", "dup@example.com"});
  EXPECT_THAT(run({"request", "show", fresh}).out, HasSubstr("repeats     " + again))
      << "the cancelled one no longer counts; the other open one does";
}

TEST_F(RequestCliTest, BadInputIsAUsageErrorThatNamesTheFieldNotTheValue) {
  auto bad = run({"request", "create", "--type", "erasure", "--email", "jane at example"});
  EXPECT_EQ(bad.exitCode, 2);
  EXPECT_THAT(bad.err, HasSubstr("identities[0]: email:"));
  EXPECT_THAT(bad.err, Not(HasSubstr("jane")));

  EXPECT_EQ(run({"request", "create", "--type", "erasure"}).exitCode, 2);
  EXPECT_EQ(run({"request", "create", "--type", "forget", "--email", "a@b.de"}).exitCode, 2);
  EXPECT_EQ(run({"request", "create", "--type", "access", "--identity", "fax=1"}).exitCode, 2);
  auto future = run({"request", "create", "--type", "access", "--email", "a@b.de", "--received-at",
                     "2999-01-01"});
  EXPECT_EQ(future.exitCode, 2);
  EXPECT_THAT(future.err, HasSubstr("received_at: lies in the future"));
  auto missing = run({"request", "show", "00000000-0000-4000-8000-000000000000"});
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_THAT(missing.err, HasSubstr("no request with id"));
}

}  // namespace
}  // namespace dsrflow
