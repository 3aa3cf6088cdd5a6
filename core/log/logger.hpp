#pragma once
// Structured logging: one line per event, logfmt (key=value) so both people and log shippers can
// read it. Personal data must never be passed as a field value; identities are logged only via
// Identity::redacted() or a keyed-hash prefix.

#include <initializer_list>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include "model/clock.hpp"
#include "model/enum_names.hpp"

namespace dsrflow {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

inline constexpr EnumNameTable<LogLevel, 4> kLogLevelNames{{
    {LogLevel::kDebug, "debug"},
    {LogLevel::kInfo, "info"},
    {LogLevel::kWarn, "warn"},
    {LogLevel::kError, "error"},
}};
constexpr std::string_view toString(LogLevel v) { return enumName(kLogLevelNames, v); }
constexpr std::optional<LogLevel> parseLogLevel(std::string_view s) {
  return enumParse(kLogLevelNames, s);
}

using LogField = std::pair<std::string_view, std::string_view>;

//! Process-wide logger. Thread-safe; writes whole lines atomically.
class Logger {
 public:
  //! The logger every subsystem writes to (stderr at info until configured).
  static Logger& instance();

  void configure(LogLevel minimum, std::ostream* sink);
  [[nodiscard]] bool enabled(LogLevel level) const;

  //! Writes `ts=... level=... msg="..." request_id=... k=v ...`. The request id comes from the
  //! calling thread's ScopedRequestId, when one is active.
  void log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields = {});

 private:
  Logger();
  mutable std::mutex mutex_;
  LogLevel minimum_ = LogLevel::kInfo;
  std::ostream* sink_;
  SystemClock clock_;
};

//! Tags every log line of the current thread with a request id while it is alive.
class ScopedRequestId {
 public:
  explicit ScopedRequestId(std::string requestId);
  ~ScopedRequestId();
  ScopedRequestId(const ScopedRequestId&) = delete;
  ScopedRequestId& operator=(const ScopedRequestId&) = delete;

  //! The current thread's request id, or empty.
  static const std::string& current();

 private:
  std::string previous_;
};

inline void logDebug(std::string_view m, std::initializer_list<LogField> f = {}) {
  Logger::instance().log(LogLevel::kDebug, m, f);
}
inline void logInfo(std::string_view m, std::initializer_list<LogField> f = {}) {
  Logger::instance().log(LogLevel::kInfo, m, f);
}
inline void logWarn(std::string_view m, std::initializer_list<LogField> f = {}) {
  Logger::instance().log(LogLevel::kWarn, m, f);
}
inline void logError(std::string_view m, std::initializer_list<LogField> f = {}) {
  Logger::instance().log(LogLevel::kError, m, f);
}

//! Quotes a logfmt value when it contains spaces, quotes, '=' or control characters.
std::string logfmtValue(std::string_view value);

}  // namespace dsrflow
