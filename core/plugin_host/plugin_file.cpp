#include "plugin_host/plugin_file.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>

#include "crypto/digest.hpp"

namespace dsrflow::plugin_host {
namespace fs = std::filesystem;
namespace {

std::string octalMode(mode_t mode) {
  std::array<char, 8> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04o", static_cast<unsigned>(mode & 07777));
  return buffer.data();
}

Error refuse(const fs::path& path, const std::string& problem,
             ErrorCode code = ErrorCode::kPermissionDenied) {
  return {code, "plugin file '" + path.string() + "' refused: " + problem};
}

bool trustedOwner(uid_t uid) { return uid == 0 || uid == ::geteuid(); }

std::string lowerHex(std::string_view hex) {
  std::string out(hex);
  for (char& c : out) {
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Result<std::string> sha256OfDescriptor(int fd, const fs::path& path) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
    return Error{ErrorCode::kInternal, "SHA-256 is unavailable (OpenSSL)"};
  }
  std::array<unsigned char, 64 * 1024> buffer{};
  off_t offset = 0;
  for (;;) {
    // pread from an explicit offset: the descriptor's own position is irrelevant.
    const ssize_t n = ::pread(fd, buffer.data(), buffer.size(), offset);
    if (n < 0) {
      if (errno == EINTR) continue;
      return refuse(path, std::string("cannot read it: ") + std::strerror(errno),
                    ErrorCode::kUnavailable);
    }
    if (n == 0) break;
    if (EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(n)) != 1) {
      return Error{ErrorCode::kInternal, "SHA-256 failed (OpenSSL)"};
    }
    offset += n;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(ctx.get(), md.data(), &length) != 1) {
    return Error{ErrorCode::kInternal, "SHA-256 failed (OpenSSL)"};
  }
  return crypto::hexEncode(std::span<const std::uint8_t>(md.data(), length));
}

}  // namespace

std::string PluginFile::procPath() const { return "/proc/self/fd/" + std::to_string(fd.get()); }

namespace {

// The first directory from `dir` up to / that breaks the rules, described; nullopt if none.
std::optional<std::string> directoryProblem(const fs::path& dir) {
  fs::path current = dir;
  for (;;) {
    struct stat st {};
    const std::string name = "directory '" + current.string() + "'";
    if (::lstat(current.c_str(), &st) != 0) {
      return "cannot inspect " + name + ": " + std::strerror(errno);
    }
    if (!S_ISDIR(st.st_mode)) return "'" + current.string() + "' is not a directory";
    if (!trustedOwner(st.st_uid)) {
      return name + " is owned by uid " + std::to_string(st.st_uid) +
             ", not by root or the user dsrflow runs as";
    }
    const bool writableByOthers = (st.st_mode & (S_IWGRP | S_IWOTH)) != 0;
    const bool rootSticky = st.st_uid == 0 && (st.st_mode & S_ISVTX) != 0;
    if (writableByOthers && !rootSticky) {
      return name + " is writable by " + ((st.st_mode & S_IWOTH) != 0 ? "others" : "its group") +
             " (mode " + octalMode(st.st_mode) + ")";
    }
    if (current == current.root_path() || !current.has_parent_path()) return std::nullopt;
    current = current.parent_path();
  }
}

}  // namespace

Status checkDirectoryChain(const fs::path& dir) {
  if (auto problem = directoryProblem(dir)) {
    return Error{ErrorCode::kPermissionDenied, "plugin directory refused: " + *problem};
  }
  return Ok{};
}

Result<PluginFile> openPluginFile(const fs::path& configured, std::string_view pinnedSha256) {
  std::error_code ec;
  const fs::path absolute = configured.is_absolute() ? configured : fs::absolute(configured, ec);
  if (ec || absolute.filename().empty() || absolute.filename() == "." ||
      absolute.filename() == "..") {
    return refuse(configured, "expected the path of a shared library file",
                  ErrorCode::kInvalidArgument);
  }

  // Resolve symbolic links among the directories, then check the real ones: the file is opened
  // by its real directory, so nothing along the configured path can redirect it afterwards.
  std::unique_ptr<char, decltype(&std::free)> realDir(
      ::realpath(absolute.parent_path().c_str(), nullptr), std::free);
  if (!realDir) {
    const int error = errno;
    return refuse(configured, std::string("cannot resolve its directory: ") + std::strerror(error),
                  error == ENOENT ? ErrorCode::kNotFound : ErrorCode::kPermissionDenied);
  }
  const fs::path directory(realDir.get());
  if (auto problem = directoryProblem(directory)) return refuse(configured, *problem);

  PluginFile file;
  file.path = directory / absolute.filename();
  // O_NOFOLLOW: the file itself must not be a symbolic link. O_NONBLOCK: opening a FIFO must
  // not block (it is refused below as not a regular file); it has no effect on regular files.
  file.fd = UniqueFd(
      ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY));
  if (!file.fd.valid()) {
    const int error = errno;
    if (error == ELOOP) {
      return refuse(configured, "it is a symbolic link; configure the file it points to");
    }
    return refuse(configured, std::string("cannot open it: ") + std::strerror(error),
                  error == ENOENT ? ErrorCode::kNotFound : ErrorCode::kPermissionDenied);
  }

  // Every check below is made on the open descriptor, never on the name again.
  struct stat st {};
  if (::fstat(file.fd.get(), &st) != 0) {
    return refuse(configured, std::string("cannot inspect it: ") + std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) {
    return refuse(configured, "it is not a regular file", ErrorCode::kInvalidArgument);
  }
  if (!trustedOwner(st.st_uid)) {
    return refuse(configured, "it is owned by uid " + std::to_string(st.st_uid) +
                                  ", not by root or the user dsrflow runs as");
  }
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    return refuse(configured, std::string("it is writable by ") +
                                  ((st.st_mode & S_IWOTH) != 0 ? "others" : "its group") +
                                  " (mode " + octalMode(st.st_mode) + ")");
  }

  auto digest = sha256OfDescriptor(file.fd.get(), configured);
  if (!digest) return digest.error();
  file.sha256 = *digest;
  if (!pinnedSha256.empty() && lowerHex(pinnedSha256) != file.sha256) {
    return refuse(configured, "its sha256 is " + file.sha256 + ", the configuration pins " +
                                  std::string(pinnedSha256));
  }
  return file;
}

}  // namespace dsrflow::plugin_host
