#pragma once
// Opening a plugin file the host may trust: checked, hashed and later loaded through one
// descriptor, so that the bytes checked are the bytes loaded.
//
// Trust rules (a refusal names the file or directory and the rule):
// - the file is a regular file (not a symbolic link, device, FIFO or directory), owned by root
//   or by the user dsrflow runs as, and neither group nor others can write it;
// - every directory from the file's (canonical) directory up to / is owned by root or by that
//   user, and neither group nor others can write it -- except a root-owned directory with the
//   sticky bit (like /tmp): there others can create entries but cannot rename or remove ours,
//   so a private subdirectory in it stays private;
// - symbolic links among the directories are resolved first and the real directories checked;
// - when a sha256 pin is configured, the file's digest must equal it.
//
// Updating a plugin: write the new file beside the old one and rename it over it (as package
// managers do). Rewriting a loaded library in place crashes every process that has it mapped --
// true of any shared library; the host cannot guard against its trusted owner doing that.

#include <filesystem>
#include <string>
#include <string_view>

#include "model/result.hpp"
#include "plugin_host/unique_fd.hpp"

namespace dsrflow::plugin_host {

//! A plugin file that passed the checks, still open.
struct PluginFile {
  UniqueFd fd;                 //!< O_RDONLY|O_CLOEXEC; keep open while the library is loaded
  std::filesystem::path path;  //!< real directory + file name
  std::string sha256;          //!< lower-case hex digest of the file's bytes

  //! "/proc/self/fd/N": opens this very file (the same inode), whatever its name points to now.
  [[nodiscard]] std::string procPath() const;
};

//! Opens, checks and hashes `configured` (see the rules above). `pinnedSha256` is hex of any
//! case or empty. Errors: kNotFound, kPermissionDenied (trust rules, pin mismatch),
//! kInvalidArgument (not a regular file).
Result<PluginFile> openPluginFile(const std::filesystem::path& configured,
                                  std::string_view pinnedSha256);

//! Checks `dir` and each of its parents up to / (the directory rules above); `dir` must be
//! canonical (no symbolic links).
Status checkDirectoryChain(const std::filesystem::path& dir);

}  // namespace dsrflow::plugin_host
