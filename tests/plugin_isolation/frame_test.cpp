// Frames of the plugin process protocol: encoding, decoding from pieces, refusals.

#include "plugin_isolation/frame.hpp"

#include <gtest/gtest.h>

#include "plugin_isolation/protocol.hpp"

namespace dsrflow::plugin_isolation {
namespace {

TEST(FrameTest, RoundTripsHeaderAndVerbatimBody) {
  Poco::JSON::Object header = frameHeader(frame::kInvoke);
  header.set("timeout_ms", 1500);
  header.set("request_id", std::string("r-1"));
  header.set("restart", true);
  const std::string body = R"({"action":"access","quote":"\"x\""})";
  FrameDecoder decoder;
  decoder.append(encodeFrame(header, body));
  auto frame = decoder.next();
  ASSERT_TRUE(frame.ok()) << frame.error().message;
  ASSERT_TRUE(frame->has_value());
  EXPECT_EQ((*frame)->type, "invoke");
  EXPECT_EQ((*frame)->number("timeout_ms"), 1500);
  EXPECT_EQ((*frame)->text("request_id"), "r-1");
  EXPECT_TRUE((*frame)->flag("restart"));
  EXPECT_FALSE((*frame)->flag("absent"));
  EXPECT_EQ((*frame)->number("absent", -7), -7);
  EXPECT_EQ((*frame)->text("timeout_ms"), "");
  EXPECT_EQ((*frame)->body, body);
  auto none = decoder.next();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  EXPECT_FALSE(decoder.partial());
}

TEST(FrameTest, DecodesFramesArrivingByteByByte) {
  const std::string bytes = encodeFrame(frameHeader(frame::kRecord), R"({"n":1})") +
                            encodeFrame(frameHeader(frame::kLog), "hello") +
                            encodeFrame(frameHeader(frame::kResult));
  FrameDecoder decoder;
  std::vector<Frame> frames;
  for (char c : bytes) {
    decoder.append(std::string_view(&c, 1));
    while (true) {
      auto next = decoder.next();
      ASSERT_TRUE(next.ok()) << next.error().message;
      if (!next->has_value()) break;
      frames.push_back(std::move(**next));
    }
  }
  ASSERT_EQ(frames.size(), 3U);
  EXPECT_EQ(frames[0].type, "record");
  EXPECT_EQ(frames[0].body, R"({"n":1})");
  EXPECT_EQ(frames[1].body, "hello");
  EXPECT_EQ(frames[2].type, "result");
  EXPECT_EQ(frames[2].body, "");
}

TEST(FrameTest, ErrorsKeepTheirCodeAndMessage) {
  FrameDecoder decoder;
  decoder.append(encodeError(Error{ErrorCode::kPermissionDenied, "plugin directory refused"}));
  auto frame = decoder.next();
  ASSERT_TRUE(frame.ok() && frame->has_value());
  const Error error = decodeError(**frame);
  EXPECT_EQ(error.code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(error.message, "plugin directory refused");
}

std::string prefix(std::uint32_t header, std::uint32_t body) {
  std::string out;
  for (std::uint32_t v : {header, body}) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.push_back(static_cast<char>((v >> static_cast<unsigned>(shift)) & 0xFFU));
    }
  }
  return out;
}

TEST(FrameTest, RefusesOversizedAndMalformedFrames) {
  {
    FrameDecoder decoder;
    decoder.append(prefix(kMaxHeaderBytes + 1, 0));
    EXPECT_FALSE(decoder.next().ok());
  }
  {
    FrameDecoder decoder;
    decoder.append(prefix(2, kMaxBodyBytes + 1));
    EXPECT_FALSE(decoder.next().ok());
  }
  for (const std::string header : {"[1,2]", "{\"x\":1}", "not json", "{\"type\":\"\"}"}) {
    FrameDecoder decoder;
    decoder.append(prefix(static_cast<std::uint32_t>(header.size()), 0) + header);
    auto next = decoder.next();
    EXPECT_FALSE(next.ok()) << header;
  }
}

TEST(FrameTest, WaitsForTheRestOfAFrame) {
  const std::string bytes = encodeFrame(frameHeader(frame::kRecord), std::string(100'000, 'x'));
  FrameDecoder decoder;
  decoder.append(std::string_view(bytes).substr(0, 50'000));
  auto first = decoder.next();
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->has_value());
  EXPECT_TRUE(decoder.partial());
  decoder.append(std::string_view(bytes).substr(50'000));
  auto second = decoder.next();
  ASSERT_TRUE(second.ok() && second->has_value());
  EXPECT_EQ((*second)->body.size(), 100'000U);
}

}  // namespace
}  // namespace dsrflow::plugin_isolation
