#include "log/logger.hpp"

#include <date/date.h>

#include <iostream>
#include <sstream>

namespace dsrflow {
namespace {
thread_local std::string tCurrentRequestId;  // NOLINT: per-thread log context
}

Logger& Logger::instance() {
  static Logger logger;
  return logger;
}

Logger::Logger() : sink_(&std::cerr) {}

void Logger::configure(LogLevel minimum, std::ostream* sink) {
  std::lock_guard lock(mutex_);
  minimum_ = minimum;
  sink_ = sink != nullptr ? sink : &std::cerr;
}

bool Logger::enabled(LogLevel level) const {
  std::lock_guard lock(mutex_);
  return level >= minimum_;
}

std::string logfmtValue(std::string_view value) {
  bool needsQuotes = value.empty();
  for (char c : value) {
    if (c == ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) < 0x20) {
      needsQuotes = true;
      break;
    }
  }
  if (!needsQuotes) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += '?';
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

void Logger::log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields) {
  if (!enabled(level)) return;
  // Build the whole line first so concurrent writers never interleave within a line.
  std::ostringstream line;
  line << "ts=" << date::format("%FT%TZ", clock_.now()) << " level=" << toString(level)
       << " msg=" << logfmtValue(message);
  if (!tCurrentRequestId.empty()) line << " request_id=" << tCurrentRequestId;
  for (const auto& [key, value] : fields) line << ' ' << key << '=' << logfmtValue(value);
  line << '\n';
  std::lock_guard lock(mutex_);
  *sink_ << line.str() << std::flush;
}

ScopedRequestId::ScopedRequestId(std::string requestId)
    : previous_(std::exchange(tCurrentRequestId, std::move(requestId))) {}

ScopedRequestId::~ScopedRequestId() { tCurrentRequestId = std::move(previous_); }

const std::string& ScopedRequestId::current() { return tCurrentRequestId; }

}  // namespace dsrflow
