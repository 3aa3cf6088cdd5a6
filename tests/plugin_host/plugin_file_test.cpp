// Which files the host trusts: file and directory permissions, owners, symbolic links, FIFOs,
// the sha256 pin, and that the bytes checked are the bytes loaded.
#include "plugin_host/plugin_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plugin_host/descriptor_check.hpp"
#include "plugin_host/plugin_library.hpp"
#include "plugin_host_fixture.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::plugin_host {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using testing::PluginDir;
namespace fs = std::filesystem;

class PluginFileTest : public ::testing::Test {
 protected:
  Error refusal(const fs::path& path, const std::string& sha256 = "") {
    auto file = openPluginFile(path, sha256);
    EXPECT_FALSE(file.ok()) << path;
    return file.ok() ? Error{} : file.error();
  }

  PluginDir dir_;
  fs::path good_ = dir_.copy(testing::kScriptedPlugin);
};

TEST_F(PluginFileTest, OpensAndHashesAPrivateFile) {
  auto file = openPluginFile(good_, "");
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_TRUE(file->fd.valid());
  EXPECT_EQ(file->path, fs::canonical(good_));
  EXPECT_EQ(file->sha256.size(), 64U);
  EXPECT_EQ(file->procPath(), "/proc/self/fd/" + std::to_string(file->fd.get()));
}

TEST_F(PluginFileTest, AcceptsTheMatchingPinInAnyCase) {
  const std::string sha256 = openPluginFile(good_, "").value().sha256;
  std::string upper = sha256;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(openPluginFile(good_, sha256).ok());
  EXPECT_TRUE(openPluginFile(good_, upper).ok());
}

TEST_F(PluginFileTest, RefusesAMismatchingPin) {
  const Error e = refusal(good_, std::string(64, 'a'));
  EXPECT_EQ(e.code, ErrorCode::kPermissionDenied);
  EXPECT_THAT(e.message, AllOf(HasSubstr(good_.string()), HasSubstr("sha256 is "),
                               HasSubstr("pins " + std::string(64, 'a'))));
}

TEST_F(PluginFileTest, RefusesAGroupWritableFile) {
  fs::permissions(good_, fs::perms(0664));
  const Error e = refusal(good_);
  EXPECT_EQ(e.code, ErrorCode::kPermissionDenied);
  EXPECT_THAT(e.message, AllOf(HasSubstr(good_.string()), HasSubstr("writable by its group"),
                               HasSubstr("0664")));
}

TEST_F(PluginFileTest, RefusesAnOtherWritableFile) {
  fs::permissions(good_, fs::perms(0646));
  EXPECT_THAT(refusal(good_).message, HasSubstr("writable by others (mode 0646)"));
}

TEST_F(PluginFileTest, RefusesAFileInAnOtherWritableDirectory) {
  const fs::path open = dir_.path() / "open";
  fs::create_directory(open);
  fs::permissions(open, fs::perms(0777));
  const fs::path plugin = dir_.copy(testing::kScriptedPlugin, "open/plugin.so");
  const Error e = refusal(plugin);
  EXPECT_EQ(e.code, ErrorCode::kPermissionDenied);
  EXPECT_THAT(e.message, AllOf(HasSubstr(plugin.string()),
                               HasSubstr("directory '" + fs::canonical(open).string() +
                                         "' is writable by others (mode 0777)")));
}

TEST_F(PluginFileTest, RefusesAFileBelowAGroupWritableDirectory) {
  const fs::path shared = dir_.path() / "shared";
  fs::create_directories(shared / "deeper");
  fs::permissions(shared, fs::perms(0775));
  const fs::path plugin = dir_.copy(testing::kScriptedPlugin, "shared/deeper/plugin.so");
  EXPECT_THAT(refusal(plugin).message, HasSubstr("directory '" + fs::canonical(shared).string() +
                                                 "' is writable by its group (mode 0775)"));
}

TEST_F(PluginFileTest, AcceptsARootOwnedStickyDirectoryLikeTmp) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to own a sticky directory";
  const fs::path sticky = dir_.path() / "sticky";
  fs::create_directory(sticky);
  fs::permissions(sticky, fs::perms(01777));
  const fs::path plugin = dir_.copy(testing::kScriptedPlugin, "sticky/plugin.so");
  auto file = openPluginFile(plugin, "");
  EXPECT_TRUE(file.ok()) << file.error().message;
}

TEST_F(PluginFileTest, ChecksTheRealDirectoryBehindASymbolicLink) {
  const fs::path real = dir_.path() / "real";
  fs::create_directory(real);
  dir_.copy(testing::kScriptedPlugin, "real/plugin.so");
  fs::create_directory_symlink(real, dir_.path() / "link");
  auto file = openPluginFile(dir_.path() / "link" / "plugin.so", "");
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_EQ(file->path, fs::canonical(real) / "plugin.so");

  fs::permissions(real, fs::perms(0777));
  EXPECT_THAT(refusal(dir_.path() / "link" / "plugin.so").message,
              HasSubstr("directory '" + fs::canonical(real).string() + "' is writable by others"));
}

TEST_F(PluginFileTest, RefusesASymbolicLinkToTheFile) {
  const fs::path link = dir_.path() / "link.so";
  fs::create_symlink(good_, link);
  const Error e = refusal(link);
  EXPECT_EQ(e.code, ErrorCode::kPermissionDenied);
  EXPECT_THAT(e.message, AllOf(HasSubstr(link.string()), HasSubstr("symbolic link")));
}

TEST_F(PluginFileTest, RefusesWhatIsNotARegularFile) {
  const fs::path fifo = dir_.path() / "fifo.so";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const Error e = refusal(fifo);  // must not block on the FIFO
  EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(e.message, HasSubstr("not a regular file"));

  fs::create_directory(dir_.path() / "dir.so");
  EXPECT_THAT(refusal(dir_.path() / "dir.so").message, HasSubstr("not a regular file"));
}

TEST_F(PluginFileTest, ReportsAMissingFileAsNotFound) {
  const Error e = refusal(dir_.path() / "missing.so");
  EXPECT_EQ(e.code, ErrorCode::kNotFound);
  EXPECT_THAT(e.message, AllOf(HasSubstr("missing.so"), HasSubstr("No such file")));
  EXPECT_EQ(refusal(dir_.path() / "nodir" / "missing.so").code, ErrorCode::kNotFound);
}

TEST_F(PluginFileTest, RefusesAFileOwnedBySomeoneElse) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give a file away";
  ASSERT_EQ(::chown(good_.c_str(), 65534, 65534), 0);
  const Error e = refusal(good_);
  EXPECT_EQ(e.code, ErrorCode::kPermissionDenied);
  EXPECT_THAT(e.message, AllOf(HasSubstr(good_.string()), HasSubstr("owned by uid 65534")));
}

TEST_F(PluginFileTest, RefusesADirectoryOwnedBySomeoneElse) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give a directory away";
  const fs::path theirs = dir_.path() / "theirs";
  fs::create_directory(theirs);
  const fs::path plugin = dir_.copy(testing::kScriptedPlugin, "theirs/plugin.so");
  ASSERT_EQ(::chown(theirs.c_str(), 65534, 65534), 0);
  EXPECT_THAT(refusal(plugin).message, HasSubstr("directory '" + fs::canonical(theirs).string() +
                                                 "' is owned by uid 65534"));
}

TEST_F(PluginFileTest, CheckDirectoryChainWalksUpToRoot) {
  EXPECT_TRUE(checkDirectoryChain(fs::canonical(dir_.path())).ok());
  const fs::path open = dir_.path() / "a";
  fs::create_directories(open / "b" / "c");
  fs::permissions(open, fs::perms(0757));
  auto status = checkDirectoryChain(fs::canonical(open / "b" / "c"));
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.error().message, HasSubstr(fs::canonical(open).string()));
}

TEST_F(PluginFileTest, LoadsTheBytesThatWereCheckedEvenIfThePathIsSwapped) {
  auto file = openPluginFile(good_, "");
  ASSERT_TRUE(file.ok()) << file.error().message;
  const std::string checkedSha256 = file->sha256;
  // Replace the configured path with another plugin after the checks.
  const fs::path other = dir_.copy(plugins::kGoodPlugin, "other.so");
  fs::rename(other, good_);

  auto library = PluginLibrary::load(std::move(file).value(), good_);
  ASSERT_TRUE(library.ok()) << library.error().message;
  auto checked = checkDescriptor((*library)->descriptor(), good_, checkedSha256);
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  EXPECT_EQ(checked->info.name, "org.dsrflow.test.scripted");  // not the swapped-in one
}

}  // namespace
}  // namespace dsrflow::plugin_host
