#pragma once
// Costly fixtures (a large dump loaded into a database) built once and reused by every test
// process of a run: CTest starts one process per test, so a static in one process is not enough.

#include <filesystem>
#include <functional>

namespace dsrflow::testing {

//! Holds an exclusive lock on `lockFile` (created if needed) while it asks `done()` and, when
//! that says no, runs `make()`; processes that come later wait for the lock and find it done.
//! Throws std::runtime_error when the lock cannot be taken.
void onceAcrossProcesses(const std::filesystem::path& lockFile, const std::function<bool()>& done,
                         const std::function<void()>& make);

}  // namespace dsrflow::testing
