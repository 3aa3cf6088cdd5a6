#include <gtest/gtest.h>

#include <set>

#include "crypto/base64.hpp"
#include "crypto/constant_time.hpp"
#include "crypto/digest.hpp"
#include "crypto/random.hpp"
#include "crypto/token.hpp"

namespace dsrflow::crypto {
namespace {

std::string decodeToString(const Result<Bytes>& r) { return std::string(asChars(r.value())); }

TEST(Base64, EncodesRfc4648Vectors) {
  EXPECT_EQ(base64Encode(""), "");
  EXPECT_EQ(base64Encode("f"), "Zg==");
  EXPECT_EQ(base64Encode("fo"), "Zm8=");
  EXPECT_EQ(base64Encode("foo"), "Zm9v");
  EXPECT_EQ(base64Encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64Encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64Encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, DecodesRfc4648Vectors) {
  EXPECT_EQ(decodeToString(base64Decode("")), "");
  EXPECT_EQ(decodeToString(base64Decode("Zg==")), "f");
  EXPECT_EQ(decodeToString(base64Decode("Zm8=")), "fo");
  EXPECT_EQ(decodeToString(base64Decode("Zm9v")), "foo");
  EXPECT_EQ(decodeToString(base64Decode("Zm9vYmFy")), "foobar");
}

TEST(Base64, RoundTripsLargeBinaryAcrossChunks) {
  const Bytes data = randomBytes(200'001);
  auto decoded = base64Decode(base64Encode(data));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, data);
}

TEST(Base64, RejectsMalformedInput) {
  for (const char* bad : {"Zg=", "Zg", "Z===", "Zg==Zg==", "Zm9v\n", "Zm 9", "Zm9*", "=Zm9"}) {
    auto r = base64Decode(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(Base64Url, UsesUrlAlphabetWithoutPadding) {
  const Bytes data{0xfb, 0xff, 0xbf};
  EXPECT_EQ(base64Encode(data), "+/+/");
  EXPECT_EQ(base64UrlEncode(data), "-_-_");
  EXPECT_EQ(base64UrlEncode("f"), "Zg");
  EXPECT_EQ(decodeToString(base64UrlDecode("Zg")), "f");
  EXPECT_EQ(*base64UrlDecode("-_-_"), data);
  EXPECT_FALSE(base64UrlDecode("+/+/").ok());
  EXPECT_FALSE(base64UrlDecode("Zg==").ok());
  EXPECT_FALSE(base64UrlDecode("Zm9vY").ok());  // length 5 is impossible
}

TEST(Digest, Sha256HexMatchesKnownVectors) {
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Digest, HexEncodesLowerCase) {
  EXPECT_EQ(hexEncode(Bytes{0x00, 0x0f, 0xa0, 0xff}), "000fa0ff");
}

TEST(ConstantTime, ComparesContentAndLength) {
  EXPECT_TRUE(constantTimeEquals("", ""));
  EXPECT_TRUE(constantTimeEquals("secret-token", "secret-token"));
  EXPECT_FALSE(constantTimeEquals("secret-token", "secret-tokeN"));
  EXPECT_FALSE(constantTimeEquals("secret", "secret-token"));
  EXPECT_FALSE(constantTimeEquals("", "x"));
}

TEST(Random, ReturnsRequestedSizeAndDiffers) {
  EXPECT_TRUE(randomBytes(0).empty());
  const Bytes a = randomBytes(32);
  const Bytes b = randomBytes(32);
  EXPECT_EQ(a.size(), 32U);
  EXPECT_NE(a, b);
}

TEST(Token, IsUrlSafeAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string token = generateToken();
    EXPECT_EQ(token.size(), 43U);
    EXPECT_EQ(
        token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    EXPECT_TRUE(seen.insert(token).second);
  }
  EXPECT_EQ(generateToken(16).size(), 22U);
  EXPECT_EQ(base64UrlDecode(generateToken(16))->size(), 16U);
}

}  // namespace
}  // namespace dsrflow::crypto
