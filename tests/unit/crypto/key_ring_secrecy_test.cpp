// Key material must never reach text: not the summary, not error messages, not streams.
#include <gtest/gtest.h>

#include <sstream>

#include "crypto/base64.hpp"
#include "crypto/digest.hpp"
#include "key_ring_fixture.hpp"

namespace dsrflow::crypto {
namespace {

using SecrecyTest = KeyRingTest;

// Every text form of every stored key: base64, base64url and hex of the raw bytes.
std::vector<std::string> forms(const std::vector<std::string>& materials) {
  std::vector<std::string> out;
  for (const std::string& m : materials) {
    const Bytes raw = base64Decode(m).value();
    out.push_back(m);
    out.push_back(base64UrlEncode(raw));
    out.push_back(hexEncode(raw));
    out.push_back(m.substr(0, 16));  // even a prefix is a leak
  }
  return out;
}

void expectNoMaterial(const std::string& text, const std::vector<std::string>& secrets) {
  for (const std::string& s : secrets) {
    EXPECT_EQ(text.find(s), std::string::npos) << "key material leaked into: " << text;
  }
}

TEST_F(SecrecyTest, SummaryAndStreamingShowNoMaterial) {
  initAndLoad();
  rotate();
  const KeyRing ring = load();
  const auto secrets = forms(storedMaterials());
  ASSERT_EQ(secrets.size(), 6U * 4U);
  expectNoMaterial(ring.summary(), secrets);
  std::ostringstream streamed;
  streamed << ring;
  expectNoMaterial(streamed.str(), secrets);
  for (const KeyInfo& k : ring.keys()) expectNoMaterial(k.id, secrets);
}

TEST_F(SecrecyTest, SecretBytesPrintRedacted) {
  const SecretBytes secret(Bytes{1, 2, 3});
  std::ostringstream out;
  out << secret;
  EXPECT_EQ(out.str(), "[redacted]");
}

TEST_F(SecrecyTest, ErrorMessagesShowNoMaterial) {
  const KeyRing ring = initAndLoad();
  const std::string original = testing::readFile(keyRingFilePath(dir_));
  const auto secrets = forms(storedMaterials());
  std::vector<std::string> messages;

  messages.push_back(
      ring.decrypt("v1:enc-1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "a").error().message);
  messages.push_back(ring.decrypt("v1:enc-1:%%%%", "a").error().message);
  messages.push_back(ring.verify("m", Signature{"sig-1", "AAAA"}).error().message);

  // Corrupt the file around each material in ways that reach different error paths.
  const auto material = storedMaterials().front();
  const std::vector<std::pair<std::string, std::string>> edits{
      {material + "\"", material + "\"x"},     // JSON syntax error right after the material
      {material + "\"", material + "!\""},     // invalid base64 material
      {material + "\"", material + "AAAA\""},  // wrong size material
      {"\"id\": \"enc-1\"", "\"id\": \"" + material + "\""},  // material pasted into the id
  };
  for (const auto& [from, to] : edits) {
    std::string text = original;
    text.replace(text.find(from), from.size(), to);
    testing::writeFile(keyRingFilePath(dir_), text);
    std::filesystem::permissions(keyRingFilePath(dir_), std::filesystem::perms(0600));
    auto r = KeyRing::load(dir_);
    ASSERT_FALSE(r.ok());
    messages.push_back(r.error().message);
  }
  for (const std::string& m : messages) {
    EXPECT_FALSE(m.empty());
    expectNoMaterial(m, secrets);
  }
}

}  // namespace
}  // namespace dsrflow::crypto
