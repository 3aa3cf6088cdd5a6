#pragma once
// Files that hold secrets: owner-only permissions, checked on read, atomic on write.

#include <filesystem>
#include <string>
#include <string_view>

#include "model/result.hpp"

namespace dsrflow::crypto {

//! Ok when `dir` is an existing directory without any group or other permission bits.
//! kNotFound when it does not exist; kPermissionDenied naming the path and mode when it is
//! accessible to group or others; kInvalidArgument when it is not a directory.
Status checkPrivateDirectory(const std::filesystem::path& dir);

//! Creates `dir` with mode 0700 (missing parents get default permissions), or checks an
//! existing one as checkPrivateDirectory does. Never loosens or tightens an existing mode.
Status ensurePrivateDirectory(const std::filesystem::path& dir);

//! Reads a regular file that has no group or other permission bits. The check is made on the
//! opened descriptor, so the file cannot be swapped between check and read; symlinks are
//! refused. The caller owns the returned text and should secureErase it when done.
Result<std::string> readPrivateFile(const std::filesystem::path& file);

//! Replaces `file` with `content` atomically and durably: a temporary file with mode 0600 in
//! the same directory, fsync, rename over `file`, fsync of the directory. Readers see either
//! the old or the new content. Callers serialise writers (see DirectoryLock).
Status writePrivateFileAtomically(const std::filesystem::path& file, std::string_view content);

//! "0644" for a st_mode value (permission bits only).
std::string formatFileMode(unsigned mode);

}  // namespace dsrflow::crypto
