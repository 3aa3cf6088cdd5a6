#include <gtest/gtest.h>
#include <sys/stat.h>

#include "crypto/private_files.hpp"
#include "key_ring_fixture.hpp"

namespace dsrflow::crypto {
namespace {

namespace fs = std::filesystem;
using StoreTest = KeyRingTest;

unsigned modeOf(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return 0xFFFF;
  return st.st_mode & 07777U;
}

TEST_F(StoreTest, InitCreatesOneKeyOfEachKindWithPrivatePermissions) {
  auto ids = initKeyRing(dir_, clock_);
  ASSERT_TRUE(ids.ok()) << ids.error().message;
  EXPECT_EQ(*ids, (std::vector<std::string>{"enc-1", "hash-1", "sig-1"}));
  EXPECT_EQ(modeOf(dir_), 0700U);
  EXPECT_EQ(modeOf(keyRingFilePath(dir_)), 0600U);
  EXPECT_FALSE(fs::exists(dir_ / "keyring.json.tmp"));

  const KeyRing ring = load();
  const auto keys = ring.keys();
  ASSERT_EQ(keys.size(), 3U);
  for (const KeyInfo& k : keys) {
    EXPECT_EQ(k.version, 1U);
    EXPECT_EQ(k.status, KeyStatus::kActive);
    EXPECT_EQ(k.createdAt, start());
  }
  EXPECT_EQ(ring.activeKey(KeyKind::kSigning).id, "sig-1");
}

TEST_F(StoreTest, InitAcceptsATrailingSlash) {
  ASSERT_TRUE(initKeyRing(tmp_.path() / "nested" / "keys" / "", clock_).ok());
  EXPECT_EQ(modeOf(tmp_.path() / "nested" / "keys"), 0700U);
}

TEST_F(StoreTest, InitRefusesToOverwrite) {
  initAndLoad();
  const std::string before = testing::readFile(keyRingFilePath(dir_));
  auto again = initKeyRing(dir_, clock_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("already exists"), std::string::npos);
  EXPECT_EQ(testing::readFile(keyRingFilePath(dir_)), before);
}

TEST_F(StoreTest, InitRefusesAnOpenExistingDirectory) {
  fs::create_directories(dir_);
  fs::permissions(dir_, fs::perms(0755));
  auto r = initKeyRing(dir_, clock_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  EXPECT_FALSE(keyRingExists(dir_));
}

TEST_F(StoreTest, LoadRefusesAWorldReadableFile) {
  initAndLoad();
  fs::permissions(keyRingFilePath(dir_), fs::perms(0644));
  auto r = KeyRing::load(dir_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(r.error().message.find(keyRingFilePath(dir_).string()), std::string::npos);
  EXPECT_NE(r.error().message.find("0644"), std::string::npos) << r.error().message;
}

TEST_F(StoreTest, LoadRefusesAGroupWritableDirectory) {
  initAndLoad();
  fs::permissions(dir_, fs::perms(0720));
  auto r = KeyRing::load(dir_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(r.error().message.find(dir_.string()), std::string::npos);
  EXPECT_NE(r.error().message.find("0720"), std::string::npos) << r.error().message;
  // Rotation goes through the same checks.
  EXPECT_EQ(rotateKeyRing(dir_, clock_).error().code, ErrorCode::kPermissionDenied);
}

TEST_F(StoreTest, LoadRefusesASymlinkedFile) {
  initAndLoad();
  const fs::path real = dir_ / "real.json";
  fs::rename(keyRingFilePath(dir_), real);
  fs::create_symlink(real, keyRingFilePath(dir_));
  auto r = KeyRing::load(dir_);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("symbolic link"), std::string::npos);
}

TEST_F(StoreTest, LoadOfAMissingRingIsNotFound) {
  EXPECT_EQ(KeyRing::load(dir_).error().code, ErrorCode::kNotFound);
  fs::create_directories(dir_);
  fs::permissions(dir_, fs::perms(0700));
  EXPECT_EQ(KeyRing::load(dir_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(rotateKeyRing(dir_, clock_).error().code, ErrorCode::kNotFound);
}

TEST_F(StoreTest, RotateAddsNewActiveVersionsAndRetiresOldOnes) {
  initAndLoad();
  clock_.advance(std::chrono::hours(48));
  auto ids = rotateKeyRing(dir_, clock_);
  ASSERT_TRUE(ids.ok()) << ids.error().message;
  EXPECT_EQ(*ids, (std::vector<std::string>{"enc-2", "hash-2", "sig-2"}));
  EXPECT_EQ(modeOf(keyRingFilePath(dir_)), 0600U);

  const auto keys = load().keys();
  ASSERT_EQ(keys.size(), 6U);
  std::vector<std::string> order;
  for (const KeyInfo& k : keys) {
    order.push_back(k.id + "/" + std::string(toString(k.status)));
    EXPECT_EQ(k.createdAt, k.version == 2 ? start() + std::chrono::hours(48) : start());
  }
  EXPECT_EQ(order, (std::vector<std::string>{"enc-2/active", "enc-1/retired", "hash-2/active",
                                             "hash-1/retired", "sig-2/active", "sig-1/retired"}));
}

TEST_F(StoreTest, RotateSelectedKindsOnlyAndIgnoresDuplicates) {
  initAndLoad();
  auto ids = rotateKeyRing(dir_, clock_, std::vector{KeyKind::kSigning, KeyKind::kSigning});
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, std::vector<std::string>{"sig-2"});
  ids = rotateKeyRing(dir_, clock_, std::vector{KeyKind::kSigning, KeyKind::kEncryption});
  EXPECT_EQ(*ids, (std::vector<std::string>{"enc-2", "sig-3"}));
  const KeyRing ring = load();
  EXPECT_EQ(ring.activeKey(KeyKind::kLookupHash).id, "hash-1");
  EXPECT_EQ(ring.keys().size(), 6U);
}

TEST_F(StoreTest, SummaryListsIdsKindsStatusAndDates) {
  initAndLoad();
  rotate(std::vector{KeyKind::kEncryption});
  const std::string summary = load().summary();
  EXPECT_NE(summary.find("ID"), std::string::npos);
  EXPECT_NE(summary.find("enc-2     encryption   active   2024-05-01T09:00:00.000Z"),
            std::string::npos)
      << summary;
  EXPECT_NE(summary.find("enc-1     encryption   retired"), std::string::npos);
  EXPECT_NE(summary.find("hash-1    lookup_hash  active"), std::string::npos);
  EXPECT_NE(summary.find("sig-1     signing      active"), std::string::npos);
  std::ostringstream streamed;
  streamed << load();
  EXPECT_EQ(streamed.str(), summary);
}

// keyring.json edits and the words the resulting error must contain.
struct Malformed {
  std::string name;
  std::string from;  // text replaced in a freshly initialised keyring.json ("" = whole file)
  std::string to;
  std::string expected;
};

void PrintTo(const Malformed& m, std::ostream* os) { *os << m.name; }

class MalformedTest : public KeyRingTest, public ::testing::WithParamInterface<Malformed> {};

TEST_P(MalformedTest, GivesAClearError) {
  initAndLoad();
  const Malformed& m = GetParam();
  std::string text = testing::readFile(keyRingFilePath(dir_));
  if (m.from.empty()) {
    text = m.to;
  } else {
    const auto pos = text.find(m.from);
    ASSERT_NE(pos, std::string::npos) << m.from;
    text.replace(pos, m.from.size(), m.to);
  }
  testing::writeFile(keyRingFilePath(dir_), text);
  fs::permissions(keyRingFilePath(dir_), fs::perms(0600));

  auto r = KeyRing::load(dir_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find(keyRingFilePath(dir_).string()), std::string::npos)
      << r.error().message;
  EXPECT_NE(r.error().message.find(m.expected), std::string::npos) << r.error().message;
  for (const std::string& material : storedMaterials()) {
    if (material.size() > 8) {
      EXPECT_EQ(r.error().message.find(material), std::string::npos);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    KeyRingFile, MalformedTest,
    ::testing::Values(
        Malformed{"NotJson", "", "{ not json", "not valid JSON"},
        Malformed{"NotObject", "", "[]", "must be a JSON object"},
        Malformed{"WrongFormat", "dsrflow-keyring", "other", "'format'"},
        Malformed{"WrongVersion", "\"version\": 1", "\"version\": 2", "unsupported 'version'"},
        Malformed{"KeysNotArray", "\"keys\": [", "\"keys\": 5, \"x\": [", "unknown field 'x'"},
        Malformed{"MissingField", "\"status\": \"active\", ", "", "missing field 'status'"},
        Malformed{"UnknownField", "\"kind\": \"signing\"", "\"kind\": \"signing\", \"extra\": 1",
                  "keys[2] (id 'sig-1'): unknown field 'extra'"},
        Malformed{"BadId", "\"id\": \"enc-1\"", "\"id\": \"enc-01\"",
                  "keys[0]: id 'enc-01' must look like"},
        Malformed{"IdNotString", "\"id\": \"enc-1\"", "\"id\": 1",
                  "keys[0]: 'id' must be a string"},
        Malformed{"BadKind", "\"kind\": \"encryption\"", "\"kind\": \"aes\"",
                  "keys[0] (id 'enc-1'): unknown kind 'aes'"},
        Malformed{"KindMismatch", "\"kind\": \"encryption\"", "\"kind\": \"signing\"",
                  "key 'enc-1': id does not match kind signing"},
        Malformed{"BadStatus", "\"status\": \"active\"", "\"status\": \"on\"",
                  "keys[0] (id 'enc-1'): unknown status 'on'"},
        Malformed{"BadDate", "2024-05-01T09:00:00.000Z", "yesterday",
                  "keys[0] (id 'enc-1'): created_at must be"},
        Malformed{"BadBase64", "\"material\": \"", "\"material\": \"!!",
                  "keys[0] (id 'enc-1'): material is not valid base64"},
        Malformed{"ShortMaterial", "\"material\": \"", "\"material\": \"AAAA\", \"x-\": \"",
                  "unknown field 'x-'"},
        Malformed{"DuplicateId", "\"id\": \"hash-1\", \"kind\": \"lookup_hash\"",
                  "\"id\": \"enc-1\", \"kind\": \"encryption\"", "key 'enc-1' appears twice"},
        Malformed{"TwoActive", "\"keys\": [",
                  "\"keys\": [{\"id\": \"enc-2\", \"kind\": \"encryption\", \"status\": "
                  "\"active\", \"created_at\": \"2024-05-02T00:00:00Z\", \"material\": "
                  "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"},",
                  "two active encryption keys: 'enc-2' and 'enc-1'"},
        Malformed{"NewestRetired",
                  "\"id\": \"sig-1\", \"kind\": \"signing\", \"status\": \"active\"",
                  "\"id\": \"sig-1\", \"kind\": \"signing\", \"status\": \"retired\"",
                  "the newest signing key 'sig-1' must be active"},
        Malformed{"MissingKind",
                  "\"id\": \"hash-1\", \"kind\": \"lookup_hash\", \"status\": \"active\"",
                  "\"id\": \"enc-2\", \"kind\": \"encryption\", \"status\": \"retired\"",
                  "the key ring has no lookup_hash key"}),
    [](const ::testing::TestParamInfo<Malformed>& p) { return p.param.name; });

TEST_F(StoreTest, WrongMaterialSizeNamesTheKey) {
  initAndLoad();
  std::string text = testing::readFile(keyRingFilePath(dir_));
  const std::string marker = "\"material\": \"";
  const auto pos = text.find(marker) + marker.size();
  text.replace(pos, text.find('"', pos) - pos, "AAAAAAAAAAAAAAAAAAAAAA==");  // 16 bytes
  testing::writeFile(keyRingFilePath(dir_), text);
  fs::permissions(keyRingFilePath(dir_), fs::perms(0600));
  auto r = KeyRing::load(dir_);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("key 'enc-1': material must be 32 bytes, got 16"),
            std::string::npos)
      << r.error().message;
}

}  // namespace
}  // namespace dsrflow::crypto
