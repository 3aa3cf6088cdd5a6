#pragma once
// An exclusive advisory lock on a directory, so that two `dsrflow keys` commands cannot
// interleave a read-modify-write of the key ring.

#include <filesystem>

#include "model/result.hpp"

namespace dsrflow::crypto {

//! Holds flock(LOCK_EX) on a directory while alive. Blocks until the lock is free. Move-only.
class DirectoryLock {
 public:
  //! Locks `dir`, which must exist.
  static Result<DirectoryLock> acquire(const std::filesystem::path& dir);

  ~DirectoryLock();
  DirectoryLock(DirectoryLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DirectoryLock& operator=(DirectoryLock&& other) noexcept;
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;

 private:
  explicit DirectoryLock(int fd) noexcept : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace dsrflow::crypto
