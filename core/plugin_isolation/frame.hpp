#pragma once
// Frames of the plugin process protocol (protocol.hpp): encoding, and decoding from a byte
// stream that arrives in pieces.

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/result.hpp"

namespace dsrflow::plugin_isolation {

//! One decoded frame: its type, the rest of its header and its body.
struct Frame {
  std::string type;
  Poco::JSON::Object::Ptr header;  //!< never null in a decoded frame
  std::string body;

  //! A string field of the header; empty when absent or not a string.
  [[nodiscard]] std::string text(const std::string& key) const;
  //! An integer field of the header; `fallback` when absent or not a number.
  [[nodiscard]] std::int64_t number(const std::string& key, std::int64_t fallback = 0) const;
  //! A boolean field of the header; false when absent.
  [[nodiscard]] bool flag(const std::string& key) const;
};

//! A header {"type": type}; add fields with set().
Poco::JSON::Object frameHeader(std::string_view type);

//! The bytes of one frame. `header` must have a "type".
std::string encodeFrame(const Poco::JSON::Object& header, std::string_view body = {});

//! An error frame {"type":"error","code","message"} for `error`.
std::string encodeError(const Error& error);

//! The Error an error frame carries; unknown codes read as kInternal.
Error decodeError(const Frame& frame);

//! Collects bytes and hands out complete frames. Not thread-safe.
class FrameDecoder {
 public:
  //! Adds bytes as they arrived.
  void append(std::string_view bytes);

  //! The next complete frame, or nullopt when more bytes are needed. kInvalidArgument when the
  //! stream is malformed (too large, not a JSON object, no type): it cannot be resynchronised.
  Result<std::optional<Frame>> next();

  //! True when bytes of an incomplete frame are buffered.
  [[nodiscard]] bool partial() const { return offset_ < buffer_.size(); }

 private:
  std::string buffer_;
  std::size_t offset_ = 0;  // where the next frame starts in buffer_
};

}  // namespace dsrflow::plugin_isolation
