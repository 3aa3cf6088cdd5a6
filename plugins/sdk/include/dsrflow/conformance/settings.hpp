#pragma once
// What a conformance run is told: the system's config, a subject the system knows, time limits
// and how each check is isolated.

#include <chrono>
#include <cstddef>
#include <map>
#include <string>

namespace dsrflow::conformance {

struct Settings {
  //! The system's `config:` block as JSON (validated against the plugin's config schema).
  std::string configJson = "{}";
  //! A subject the system knows: one identity object ({"type": "email", "format": "raw",
  //! "value": "..."}) or an array of them. Empty: the checks use an unknown subject only.
  //! The erasure check really erases this subject: use a test system.
  std::string subjectJson;
  //! Each call's timeout (create, invoke, destroy).
  std::chrono::milliseconds callTimeout{10'000};
  //! The deadline the timeouts check gives one call.
  std::chrono::milliseconds shortTimeout{200};
  //! How long a plugin may take to return once told to stop (deadline passed, cancelled)
  //! before it counts as hung.
  std::chrono::milliseconds stopBound{2'000};
  //! Address space a check's process may add to what it had when it started, in MiB (so a
  //! plugin that eats memory fails its check instead of the machine); 0: no limit.
  std::size_t memoryLimitMb = 1024;
  //! Run each check in a child process of its own (fork), so that a crash or hang fails only
  //! that check. Off only for debugging: a crashing plugin then takes the caller down.
  bool isolate = true;
  //! Secrets read_secret answers with, by name (the kit's own host only; dsrflow reads its
  //! environment, DSRFLOW_SECRET_<SYSTEM>_<NAME>).
  std::map<std::string, std::string> secrets;
};

}  // namespace dsrflow::conformance
