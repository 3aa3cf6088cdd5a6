#include "support/run_once.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace dsrflow::testing {
namespace {

// Closing the descriptor releases the lock, also when make() throws.
class FileLock {
 public:
  explicit FileLock(const std::filesystem::path& file)
      : fd_(open(file.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600)) {
    if (fd_ < 0) throw std::runtime_error("cannot open the lock file " + file.string());
    while (flock(fd_, LOCK_EX) != 0) {
      if (errno != EINTR) {
        close(fd_);
        throw std::runtime_error("cannot lock " + file.string());
      }
    }
  }
  ~FileLock() { close(fd_); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

}  // namespace

void onceAcrossProcesses(const std::filesystem::path& lockFile, const std::function<bool()>& done,
                         const std::function<void()>& make) {
  FileLock lock(lockFile);
  if (!done()) make();
}

}  // namespace dsrflow::testing
