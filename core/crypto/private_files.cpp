#include "crypto/private_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "crypto/secret_bytes.hpp"

namespace dsrflow::crypto {
namespace {

namespace fs = std::filesystem;

constexpr unsigned kGroupOtherBits = 077;

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

std::string errnoText(int err) { return std::error_code(err, std::generic_category()).message(); }

Error ioError(std::string_view what, const fs::path& p, int err) {
  return {ErrorCode::kUnavailable, std::string(what) + " " + quoted(p) + ": " + errnoText(err)};
}

Error tooOpen(std::string_view noun, const fs::path& p, unsigned mode, std::string_view fix) {
  return {ErrorCode::kPermissionDenied,
          std::string(noun) + " " + quoted(p) + " has mode " + formatFileMode(mode) +
              ": group and others must have no access to key material (fix with: chmod " +
              std::string(fix) + " " + quoted(p) + ")"};
}

// Closes a descriptor on every path out of a function.
class Fd {
 public:
  explicit Fd(int fd) noexcept : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  [[nodiscard]] int get() const noexcept { return fd_; }
  // Closes now and reports the result (close can report a delayed write error).
  int close() noexcept {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

Status writeAll(int fd, std::string_view content, const fs::path& p) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return ioError("cannot write", p, errno);
    }
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return Ok{};
}

Status fsyncDirectory(const fs::path& dir) {
  const Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return ioError("cannot open directory", dir, errno);
  if (::fsync(fd.get()) != 0) return ioError("cannot fsync directory", dir, errno);
  return Ok{};
}

}  // namespace

std::string formatFileMode(unsigned mode) {
  std::string out = "0000";
  mode &= 07777U;
  for (std::size_t i = 4; i-- > 0;) {
    out[i] = static_cast<char>('0' + (mode & 7U));
    mode >>= 3U;
  }
  return out;
}

Status checkPrivateDirectory(const fs::path& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) {
    if (errno == ENOENT) return notFound("key directory " + quoted(dir) + " does not exist");
    return ioError("cannot inspect key directory", dir, errno);
  }
  if (!S_ISDIR(st.st_mode))
    return invalidArgument("key directory " + quoted(dir) + " is not a directory");
  if ((st.st_mode & kGroupOtherBits) != 0) return tooOpen("key directory", dir, st.st_mode, "700");
  return Ok{};
}

Status ensurePrivateDirectory(const fs::path& given) {
  // "data/keys/" names the same directory as "data/keys"; without this, the parent step below
  // would create it with default permissions.
  const fs::path dir = given.has_filename() ? given : given.parent_path();
  if (auto s = checkPrivateDirectory(dir); s || s.error().code != ErrorCode::kNotFound) return s;
  if (dir.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(dir.parent_path(), ec);
    if (ec) {
      return Error{ErrorCode::kUnavailable,
                   "cannot create " + quoted(dir.parent_path()) + ": " + ec.message()};
    }
  }
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return ioError("cannot create key directory", dir, errno);
  }
  // The umask can only remove bits; check what we got rather than assume.
  return checkPrivateDirectory(dir);
}

Result<std::string> readPrivateFile(const fs::path& file) {
  const Fd fd(::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return notFound("key file " + quoted(file) + " does not exist");
    if (errno == ELOOP)
      return invalidArgument("key file " + quoted(file) +
                             " is a symbolic link; refusing to follow it");
    return ioError("cannot open key file", file, errno);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return ioError("cannot inspect key file", file, errno);
  if (!S_ISREG(st.st_mode))
    return invalidArgument("key file " + quoted(file) + " is not a regular file");
  if ((st.st_mode & kGroupOtherBits) != 0) return tooOpen("key file", file, st.st_mode, "600");

  // Sized once up front: growing the string would leave copies of the secret in freed memory.
  std::string content(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::read(fd.get(), content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      secureErase(content);
      return ioError("cannot read key file", file, err);
    }
    done += static_cast<std::size_t>(n);
  }
  return content;
}

Status writePrivateFileAtomically(const fs::path& file, std::string_view content) {
  fs::path temp = file;
  temp += ".tmp";
  ::unlink(temp.c_str());  // a leftover from an interrupted write; ours to replace
  Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (fd.get() < 0) return ioError("cannot create", temp, errno);
  auto fail = [&](Error e) {
    ::unlink(temp.c_str());
    return e;
  };
  if (::fchmod(fd.get(), 0600) != 0) return fail(ioError("cannot chmod", temp, errno));
  if (auto s = writeAll(fd.get(), content, temp); !s) return fail(s.error());
  if (::fsync(fd.get()) != 0) return fail(ioError("cannot fsync", temp, errno));
  if (fd.close() != 0) return fail(ioError("cannot close", temp, errno));
  if (::rename(temp.c_str(), file.c_str()) != 0)
    return fail(ioError("cannot rename onto", file, errno));
  return fsyncDirectory(file.has_parent_path() ? file.parent_path() : fs::path("."));
}

}  // namespace dsrflow::crypto
