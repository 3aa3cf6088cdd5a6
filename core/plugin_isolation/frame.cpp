#include "plugin_isolation/frame.hpp"

#include <Poco/JSON/Parser.h>

#include <array>
#include <sstream>
#include <utility>

#include "plugin_isolation/protocol.hpp"

namespace dsrflow::plugin_isolation {
namespace {

constexpr std::size_t kPrefixBytes = 8;

constexpr std::array<std::pair<ErrorCode, std::string_view>, 6> kErrorCodes{{
    {ErrorCode::kInvalidArgument, "invalid_argument"},
    {ErrorCode::kNotFound, "not_found"},
    {ErrorCode::kConflict, "conflict"},
    {ErrorCode::kUnavailable, "unavailable"},
    {ErrorCode::kPermissionDenied, "permission_denied"},
    {ErrorCode::kInternal, "internal"},
}};

void putU32(std::string& out, std::size_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> static_cast<unsigned>(shift)) & 0xFFU));
  }
}

std::uint32_t getU32(const char* bytes) {
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    value = (value << 8U) | static_cast<std::uint8_t>(bytes[i]);
  }
  return value;
}

}  // namespace

std::string Frame::text(const std::string& key) const {
  if (!header || !header->has(key)) return "";
  const Poco::Dynamic::Var value = header->get(key);
  return value.isString() ? value.extract<std::string>() : "";
}

std::int64_t Frame::number(const std::string& key, std::int64_t fallback) const {
  if (!header || !header->has(key)) return fallback;
  try {
    const Poco::Dynamic::Var value = header->get(key);
    return value.isNumeric() ? value.convert<std::int64_t>() : fallback;
  } catch (const Poco::Exception&) {
    return fallback;
  }
}

bool Frame::flag(const std::string& key) const {
  if (!header || !header->has(key)) return false;
  const Poco::Dynamic::Var value = header->get(key);
  return value.isBoolean() && value.extract<bool>();
}

Poco::JSON::Object frameHeader(std::string_view type) {
  Poco::JSON::Object header;
  header.set("type", std::string(type));
  return header;
}

std::string encodeFrame(const Poco::JSON::Object& header, std::string_view body) {
  std::ostringstream text;
  header.stringify(text);
  const std::string headerText = text.str();
  std::string out;
  out.reserve(kPrefixBytes + headerText.size() + body.size());
  putU32(out, headerText.size());
  putU32(out, body.size());
  out += headerText;
  out += body;
  return out;
}

std::string encodeError(const Error& error) {
  Poco::JSON::Object header = frameHeader(frame::kError);
  std::string_view code = "internal";
  for (const auto& [value, name] : kErrorCodes) {
    if (value == error.code) code = name;
  }
  header.set("code", std::string(code));
  header.set("message", error.message);
  return encodeFrame(header);
}

Error decodeError(const Frame& frame) {
  const std::string code = frame.text("code");
  for (const auto& [value, name] : kErrorCodes) {
    if (name == code) return Error{value, frame.text("message")};
  }
  return Error{ErrorCode::kInternal, frame.text("message")};
}

void FrameDecoder::append(std::string_view bytes) {
  // Drop consumed bytes before growing, so the buffer holds at most one frame and a piece.
  if (offset_ > 0 && offset_ == buffer_.size()) {
    buffer_.clear();
    offset_ = 0;
  } else if (offset_ > (1U << 16U)) {
    buffer_.erase(0, offset_);
    offset_ = 0;
  }
  buffer_.append(bytes);
}

Result<std::optional<Frame>> FrameDecoder::next() {
  const std::size_t available = buffer_.size() - offset_;
  if (available < kPrefixBytes) return std::optional<Frame>{};
  const char* start = buffer_.data() + offset_;
  const std::uint32_t headerSize = getU32(start);
  const std::uint32_t bodySize = getU32(start + 4);
  if (headerSize > kMaxHeaderBytes || bodySize > kMaxBodyBytes) {
    return invalidArgument("frame too large (header " + std::to_string(headerSize) +
                           " bytes, body " + std::to_string(bodySize) + " bytes)");
  }
  if (available < kPrefixBytes + headerSize + bodySize) return std::optional<Frame>{};
  const std::string headerText(start + kPrefixBytes, headerSize);
  Frame frame;
  try {
    Poco::Dynamic::Var parsed = Poco::JSON::Parser().parse(headerText);
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) {
      return invalidArgument("frame header is not a JSON object");
    }
    frame.header = parsed.extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& e) {
    return invalidArgument("frame header is not JSON: " + e.message());
  }
  frame.type = frame.text("type");
  if (frame.type.empty()) return invalidArgument("frame header has no type");
  frame.body.assign(start + kPrefixBytes + headerSize, bodySize);
  offset_ += kPrefixBytes + headerSize + bodySize;
  return std::optional<Frame>(std::move(frame));
}

}  // namespace dsrflow::plugin_isolation
