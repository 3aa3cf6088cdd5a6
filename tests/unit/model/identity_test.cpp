#include "model/identity.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace dsrflow {
namespace {

using T = IdentityType;
using F = IdentityFormat;

Result<Identity> raw(IdentityType type, std::string_view value, IdentityOptions options = {}) {
  return normalizeIdentity(type, "", F::kRaw, value, options);
}

// Every failure must be kInvalidArgument, name the type and never echo the value.
void expectRejected(const Result<Identity>& r, std::string_view value, std::string_view typeName) {
  ASSERT_FALSE(r.ok()) << "accepted: " << value;
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find(typeName), std::string::npos) << r.error().message;
  const std::string_view trimmed = [&] {
    std::string_view v = value;
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
  }();
  if (trimmed.size() >= 3) {
    EXPECT_EQ(r.error().message.find(trimmed), std::string::npos) << r.error().message;
  }
}

TEST(Identity, EmailIsTrimmedAndLowerCased) {
  auto r = raw(T::kEmail, "  Jane.Doe+News@Example.COM \t");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->value, "jane.doe+news@example.com");
  EXPECT_EQ(r->type, T::kEmail);
  EXPECT_EQ(r->format, F::kRaw);
  EXPECT_TRUE(r->subtype.empty());
}

TEST(Identity, EmailAcceptsCommonShapes) {
  for (std::string_view v : {"a@b.de", "first.last@sub.example.co.uk", "x_y-z@mail-host.org",
                             "o'brien@example.ie", "user@xn--mnchen-3ya.de"}) {
    EXPECT_TRUE(raw(T::kEmail, v).ok()) << v;
  }
}

TEST(Identity, EmailRejectsMalformed) {
  for (std::string_view v : {"",
                             "   ",
                             "plainaddress",
                             "two@@example.com",
                             "a@b@example.com",
                             "john@localhost",
                             "john doe@example.com",
                             "john@exa mple.com",
                             ".john@example.com",
                             "john.@example.com",
                             "jo..hn@example.com",
                             "@example.com",
                             "john@",
                             "john@.example.com",
                             "john@example..com",
                             "john@example.com.",
                             "john@-example.com",
                             "john@example-.com",
                             "\"john\"@example.com",
                             "john\x01@example.com",
                             "john@exam\x7fple.com"}) {
    expectRejected(raw(T::kEmail, v), v, "email");
  }
}

TEST(Identity, EmailRejectsOverlongParts) {
  const std::string longLocal = std::string(65, 'a') + "@example.com";
  expectRejected(raw(T::kEmail, longLocal), longLocal, "email");
  const std::string longAddress = "a@" + std::string(250, 'b') + ".com";
  expectRejected(raw(T::kEmail, longAddress), longAddress, "email");
}

TEST(Identity, EmailRejectsInvalidUtf8) {
  const std::string bad = "j\xC3@example.com";
  expectRejected(raw(T::kEmail, bad), bad, "email");
  auto ok = raw(T::kEmail, "j\xC3\xBCrgen@example.com");  // ü
  ASSERT_TRUE(ok.ok()) << ok.error().message;
}

TEST(Identity, GermanPhoneWithDefaultRegionDe) {
  IdentityOptions de;
  de.defaultPhoneRegion = "DE";
  for (std::string_view v : {"030 123456", "(030) 12 34 56", "+49 30 123456", "0049 30 123456"}) {
    auto r = raw(T::kPhone, v, de);
    ASSERT_TRUE(r.ok()) << v << ": " << r.error().message;
    EXPECT_EQ(r->value, "+4930123456") << v;
  }
  auto mobile = raw(T::kPhone, " 0151 23456789 ", de);
  ASSERT_TRUE(mobile.ok()) << mobile.error().message;
  EXPECT_EQ(mobile->value, "+4915123456789");
}

TEST(Identity, UsPhoneWithDefaultRegionUs) {
  IdentityOptions us;
  us.defaultPhoneRegion = "US";
  for (std::string_view v : {"(650) 253-0000", "650-253-0000", "+1 650 253 0000", "6502530000"}) {
    auto r = raw(T::kPhone, v, us);
    ASSERT_TRUE(r.ok()) << v << ": " << r.error().message;
    EXPECT_EQ(r->value, "+16502530000") << v;
  }
}

TEST(Identity, RegionIsUsedOnlyWithoutCountryCode) {
  IdentityOptions de;
  de.defaultPhoneRegion = "de";  // case-insensitive
  auto us = raw(T::kPhone, "+1 650 253 0000", de);
  ASSERT_TRUE(us.ok()) << us.error().message;
  EXPECT_EQ(us->value, "+16502530000");
  // A German national number read with the US default region is not valid there.
  IdentityOptions usOptions;
  usOptions.defaultPhoneRegion = "US";
  expectRejected(raw(T::kPhone, "030 123456", usOptions), "030 123456", "phone");
}

TEST(Identity, PhoneWithoutDefaultRegionNeedsCountryCode) {
  IdentityOptions none;
  none.defaultPhoneRegion = "";
  auto r = raw(T::kPhone, "+49 30 123456", none);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->value, "+4930123456");
  expectRejected(raw(T::kPhone, "030 123456", none), "030 123456", "phone");
}

TEST(Identity, PhoneUnknownDefaultRegionIsRejected) {
  IdentityOptions bad;
  bad.defaultPhoneRegion = "XX";
  expectRejected(raw(T::kPhone, "+49 30 123456", bad), "+49 30 123456", "phone");
}

TEST(Identity, InvalidPhoneNumbersAreRejected) {
  IdentityOptions de;
  for (std::string_view v : {"", "hello", "12", "+49 1", "+999 123456789", "+1 123 456 7890",
                             "+49 123456789012345678", "0000000000", "+1 650 253 0000 12345678"}) {
    expectRejected(raw(T::kPhone, v, de), v, "phone");
  }
  const std::string tooLong(100, '1');
  expectRejected(raw(T::kPhone, tooLong, de), tooLong, "phone");
}

TEST(Identity, CustomerIdIsTrimmedOnly) {
  auto r = raw(T::kCustomerId, "  CUST-0042 ");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->value, "CUST-0042");
  expectRejected(raw(T::kCustomerId, " \t "), "", "customer_id");
  expectRejected(raw(T::kCustomerId, "abc\ndef"), "abc\ndef", "customer_id");
  expectRejected(raw(T::kCustomerId, "abc\xC2\x85"), "abc\xC2\x85", "customer_id");  // NEL (C1)
  const std::string longId(257, 'x');
  expectRejected(raw(T::kCustomerId, longId), longId, "customer_id");
  EXPECT_TRUE(raw(T::kCustomerId, std::string(256, 'x')).ok());
}

TEST(Identity, BuiltInTypesRefuseSubtype) {
  auto r = normalizeIdentity(T::kEmail, "work", F::kRaw, "a@b.de");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
}

TEST(Identity, ExternalIdAndCustomNeedSnakeCaseSubtype) {
  auto ok = normalizeIdentity(T::kExternalId, "stripe_customer", F::kRaw, " cus_9s6XKzkNRiz8i3 ");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->value, "cus_9s6XKzkNRiz8i3");
  EXPECT_EQ(ok->qualifiedType(), "external_id:stripe_customer");

  auto custom = normalizeIdentity(T::kCustom, "loyalty_id2", F::kRaw, "L-1");
  ASSERT_TRUE(custom.ok()) << custom.error().message;
  EXPECT_EQ(custom->qualifiedType(), "custom:loyalty_id2");

  for (std::string_view sub :
       {"", "Stripe", "stripe-customer", "_x", "x_", "a__b", "9lives", "with space", "ü"}) {
    expectRejected(normalizeIdentity(T::kExternalId, sub, F::kRaw, "secret-value-1"),
                   "secret-value-1", "external_id");
    expectRejected(normalizeIdentity(T::kCustom, sub, F::kRaw, "secret-value-1"), "secret-value-1",
                   "custom");
  }
  expectRejected(normalizeIdentity(T::kExternalId, std::string(65, 'a'), F::kRaw, "v-123"), "v-123",
                 "external_id");
}

TEST(Identity, HashedFormatsAreLowerCasedHex) {
  const std::string sha256(64, 'A');
  auto r = normalizeIdentity(T::kEmail, "", F::kSha256, " " + sha256 + " ");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->value, std::string(64, 'a'));
  EXPECT_EQ(r->format, F::kSha256);

  EXPECT_TRUE(normalizeIdentity(T::kPhone, "", F::kSha1, std::string(40, 'f')).ok());
  EXPECT_TRUE(normalizeIdentity(T::kEmail, "", F::kMd5, "D41D8CD98F00B204E9800998ECF8427E").ok());
  EXPECT_TRUE(normalizeIdentity(T::kExternalId, "crm_id", F::kMd5, std::string(32, '0')).ok());

  expectRejected(normalizeIdentity(T::kEmail, "", F::kSha256, std::string(63, 'a')),
                 std::string(63, 'a'), "email");
  expectRejected(normalizeIdentity(T::kEmail, "", F::kSha1, std::string(64, 'a')),
                 std::string(64, 'a'), "email");
  expectRejected(normalizeIdentity(T::kPhone, "", F::kMd5, std::string(31, 'a') + "g"),
                 std::string(31, 'a') + "g", "phone");
  // A hashed value is not parsed as an address.
  expectRejected(normalizeIdentity(T::kEmail, "", F::kSha256, "jane@example.com"),
                 "jane@example.com", "email");
}

TEST(Identity, QualifiedTypeAndRedacted) {
  auto email = raw(T::kEmail, "Jane@Example.com");
  ASSERT_TRUE(email.ok());
  EXPECT_EQ(email->qualifiedType(), "email");
  EXPECT_EQ(email->redacted(), "email(raw, 16 chars)");
  EXPECT_EQ(email->redacted().find("jane"), std::string::npos);

  auto custom = normalizeIdentity(T::kCustom, "loyalty_id", F::kSha256, std::string(64, 'b'));
  ASSERT_TRUE(custom.ok());
  EXPECT_EQ(custom->redacted(), "custom:loyalty_id(sha256, 64 chars)");
}

TEST(Identity, ErrorMessagesNeverContainTheValue) {
  // Long, distinctive values make accidental echoes easy to see.
  const std::string email = "Very.Secret.Person@@nowhere";
  auto e = raw(T::kEmail, email);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().message.find("secret"), std::string::npos);
  EXPECT_EQ(e.error().message.find("Secret"), std::string::npos);
  EXPECT_EQ(e.error().message.find("nowhere"), std::string::npos);

  auto p = raw(T::kPhone, "+49 1761234");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().message.find("1761234"), std::string::npos);
  EXPECT_EQ(p.error().message.find("176"), std::string::npos);
}

TEST(Identity, NormalisationIsIdempotent) {
  IdentityOptions us;
  us.defaultPhoneRegion = "US";
  auto once = raw(T::kPhone, "(650) 253-0000", us);
  ASSERT_TRUE(once.ok());
  auto twice = raw(T::kPhone, once->value, us);
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(*once, *twice);
  auto e1 = raw(T::kEmail, " A@B.DE ");
  ASSERT_TRUE(e1.ok());
  auto e2 = raw(T::kEmail, e1->value);
  ASSERT_TRUE(e2.ok());
  EXPECT_EQ(*e1, *e2);
}

TEST(Identity, PhoneLibraryPrintsNothing) {
  // libphonenumber logs to stdout by default; the logger must be muted.
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  for (std::string_view v : {"+49 1761234", "not a number", "+999 1", "030 123456", "\x01"}) {
    (void)raw(T::kPhone, v);
  }
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "");
}

TEST(Identity, PhoneNormalisationIsThreadSafe) {
  // PhoneNumberUtil is a process-wide singleton shared by every caller.
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&failures] {
      IdentityOptions us;
      us.defaultPhoneRegion = "US";
      for (int i = 0; i < 200; ++i) {
        auto r = raw(T::kPhone, "(650) 253-0000", us);
        if (!r.ok() || r->value != "+16502530000") ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace dsrflow
