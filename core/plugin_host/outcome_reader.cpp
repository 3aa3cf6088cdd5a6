#include "plugin_host/outcome_reader.hpp"

#include <Poco/JSON/Object.h>
#include <date/date.h>

#include <sstream>

#include "plugin_host/plugin_schema.hpp"

namespace dsrflow::plugin_host {
namespace {

bool digits(std::string_view text, std::size_t from, std::size_t count, int& out) {
  if (from + count > text.size()) return false;
  out = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

std::string optionalString(const Poco::JSON::Object& o, const std::string& key) {
  return o.has(key) ? o.getValue<std::string>(key) : std::string();
}

}  // namespace

Result<TimePoint> parseTimestamp(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  const bool shape = text.size() >= 20 && digits(text, 0, 4, year) && text[4] == '-' &&
                     digits(text, 5, 2, month) && text[7] == '-' && digits(text, 8, 2, day) &&
                     text[10] == 'T' && digits(text, 11, 2, hour) && text[13] == ':' &&
                     digits(text, 14, 2, minute) && text[16] == ':' &&
                     digits(text, 17, 2, second) && text.back() == 'Z';
  if (!shape) return invalidArgument("not an RFC 3339 UTC timestamp");
  int millis = 0;
  if (text.size() > 20) {
    if (text[19] != '.' || text.size() < 22) return invalidArgument("bad fraction of a second");
    const std::string_view fraction = text.substr(20, text.size() - 21);
    int scale = 100;
    for (char c : fraction) {
      if (c < '0' || c > '9') return invalidArgument("bad fraction of a second");
      millis += (c - '0') * scale;
      scale /= 10;
    }
  }
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) {
    return invalidArgument("not a valid date and time");
  }
  return TimePoint{date::sys_days{ymd}} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second} + std::chrono::milliseconds{millis};
}

Result<CallResult> readOutcome(std::string_view outcomeJson) {
  auto value = PluginSchema::instance().outcome().parseAndValidate(outcomeJson);
  if (!value) return value.error();
  CallResult result;
  result.outcomeJson = std::string(outcomeJson);
  try {
    const auto object = value->extract<Poco::JSON::Object::Ptr>();
    auto outcome = parseOutcome(object->getValue<std::string>("outcome"));
    if (!outcome) return invalidArgument("at [outcome]: unknown outcome");
    result.outcome = *outcome;
    if (auto counts = object->getObject("counts")) {
      for (const auto& [category, count] : *counts) {
        result.counts[category] = count.convert<std::int64_t>();
      }
    }
    if (object->has("method")) {
      result.method = parseErasureMethod(object->getValue<std::string>("method"));
    }
    result.reason = optionalString(*object, "reason");
    result.retryable = object->has("retryable") && object->getValue<bool>("retryable");
    result.jobId = optionalString(*object, "job_id");
    result.instructions = optionalString(*object, "instructions");
    if (object->has("next_poll")) {
      auto when = parseTimestamp(object->getValue<std::string>("next_poll"));
      if (!when) return invalidArgument("at [next_poll]: " + when.error().message);
      result.nextPoll = *when;
    }
  } catch (const Poco::Exception& e) {
    return invalidArgument("cannot read the outcome: " + e.message());
  }
  return result;
}

CallResult failedCall(CallFailure failure, std::string reason, bool retryable) {
  CallResult result;
  result.outcome = Outcome::kFailed;
  result.failure = failure;
  result.retryable = retryable;
  Poco::JSON::Object json;
  json.set("outcome", std::string("failed"));
  json.set("reason", reason);
  json.set("retryable", retryable);
  std::ostringstream text;
  json.stringify(text);
  result.outcomeJson = text.str();
  result.reason = std::move(reason);
  return result;
}

}  // namespace dsrflow::plugin_host
