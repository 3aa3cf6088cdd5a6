#pragma once
// Reading and writing the pipes to and from a plugin process.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "model/result.hpp"

namespace dsrflow::plugin_isolation {

using SteadyTime = std::chrono::steady_clock::time_point;

//! Writes all of `data` to `fd`, which may be non-blocking: then it waits for the pipe with
//! poll() until `deadline` (none: for ever). A reader that went away is kUnavailable, never a
//! SIGPIPE (it is blocked on this thread while writing and a raised one is consumed); the
//! deadline passing is kUnavailable too. Safe to call from several threads on different fds.
Status writeAll(int fd, std::string_view data, std::optional<SteadyTime> deadline = std::nullopt);

//! What one read() gave: bytes appended to `out`, the end of the stream, or nothing yet.
enum class ReadState { kData, kEnd, kWouldBlock };

//! One read() of up to 64 KiB from `fd` into `out`; retries EINTR. Errors other than
//! EAGAIN count as the end of the stream.
ReadState readSome(int fd, std::string& out);

//! Makes `fd` non-blocking; false on failure.
bool setNonBlocking(int fd);

}  // namespace dsrflow::plugin_isolation
