#include "plugin_isolation/child_link.hpp"

#include <unistd.h>

#include "log/logger.hpp"
#include "plugin_isolation/fd_io.hpp"
#include "plugin_isolation/protocol.hpp"

namespace dsrflow::plugin_isolation {

void CallControl::sinkFailed(std::string message) {
  {
    std::lock_guard lock(mutex_);
    if (!sinkError_) sinkError_ = std::move(message);
  }
  // The call stops the way a refused record stops it in process: the plugin is told to.
  stop_.request_stop();
}

std::optional<std::string> CallControl::sinkError() const {
  std::lock_guard lock(mutex_);
  return sinkError_;
}

ChildLink::ChildLink(int input, int output) : input_(input), output_(output) {}

ChildLink::~ChildLink() {
  if (reader_.joinable()) reader_.join();
  ::close(input_);
  ::close(output_);
}

bool ChildLink::start() {
  try {
    reader_ = std::thread([this] { readLoop(); });
    return true;
  } catch (const std::system_error&) {
    return false;
  }
}

void ChildLink::readLoop() {
  FrameDecoder decoder;
  std::string bytes;
  bool reading = true;
  while (reading) {
    bytes.clear();
    if (readSome(input_, bytes) != ReadState::kData) break;
    decoder.append(bytes);
    while (true) {
      auto next = decoder.next();
      if (!next) {
        logError("plugin host: malformed frame from dsrflow", {{"error", next.error().message}});
        reading = false;
        break;
      }
      if (!next->has_value()) break;
      dispatch(std::move(**next));
    }
  }
  std::lock_guard lock(mutex_);
  ended_ = true;
  // dsrflow is gone: nobody waits for the running call any more.
  if (current_) current_->cancel();
  changed_.notify_all();
}

void ChildLink::dispatch(Frame frame) {
  std::lock_guard lock(mutex_);
  if (frame.type == frame::kCancel) {
    if (current_) current_->cancel();
  } else if (frame.type == frame::kSinkFailed) {
    if (current_) current_->sinkFailed(frame.text("message"));
  } else if (frame.type == frame::kSecret) {
    secret_ = std::move(frame);
  } else {
    std::shared_ptr<CallControl> control;
    if (frame.type == frame::kInvoke || frame.type == frame::kCallback) {
      control = std::make_shared<CallControl>();
      current_ = control;
    }
    requests_.push_back(IncomingRequest{std::move(frame), std::move(control)});
  }
  changed_.notify_all();
}

std::optional<IncomingRequest> ChildLink::nextRequest() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return !requests_.empty() || ended_; });
  if (requests_.empty()) return std::nullopt;
  IncomingRequest request = std::move(requests_.front());
  requests_.pop_front();
  return request;
}

Status ChildLink::write(std::string_view frame) {
  std::lock_guard lock(writeMutex_);
  if (!batch_.empty()) {
    batch_ += frame;
    Status written = writeAll(output_, batch_);
    batch_.clear();
    return written;
  }
  return writeAll(output_, frame);
}

Status ChildLink::writeBatched(std::string_view frame) {
  constexpr std::size_t kBatchBytes = 64U << 10U;
  std::lock_guard lock(writeMutex_);
  batch_ += frame;
  if (batch_.size() < kBatchBytes) return Ok{};
  Status written = writeAll(output_, batch_);
  batch_.clear();
  return written;
}

std::optional<std::string> ChildLink::readSecret(std::string_view name) {
  {
    std::lock_guard lock(mutex_);
    secret_.reset();
  }
  Poco::JSON::Object header = frameHeader(frame::kReadSecret);
  header.set("name", std::string(name));
  if (!write(encodeFrame(header))) return std::nullopt;
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return secret_.has_value() || ended_; });
  if (!secret_ || !secret_->flag("found")) return std::nullopt;
  std::string value = std::move(secret_->body);
  secret_.reset();
  return value;
}

}  // namespace dsrflow::plugin_isolation
