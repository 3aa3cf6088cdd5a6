#include "store/crash_point.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <cstdlib>
#include <string_view>

namespace dsrflow::detail {
namespace {

long long crashAfter() {
  const char* value = std::getenv("DSRFLOW_CRASH_AFTER_COMMITS");
  if (value == nullptr) return 0;
  const std::string_view text(value);
  long long n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  return ec == std::errc() && end == text.data() + text.size() && n > 0 ? n : 0;
}

}  // namespace

void crashPointAfterCommit() {
  static const long long limit = crashAfter();
  static std::atomic<long long> commits{0};
  if (limit == 0) return;
  if (commits.fetch_add(1, std::memory_order_relaxed) + 1 == limit) ::kill(::getpid(), SIGKILL);
}

}  // namespace dsrflow::detail
