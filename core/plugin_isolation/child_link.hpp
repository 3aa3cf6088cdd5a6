#pragma once
// The plugin process's end of the pipes to dsrflow: a reader thread that takes requests off
// stdin and applies control frames (cancel, sink_failed, secret) at once, even while a call
// runs; and a writer that any thread may use.

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>

#include "model/result.hpp"
#include "plugin_isolation/frame.hpp"

namespace dsrflow::plugin_isolation {

//! What dsrflow can tell a running call: stop (cancel) or that its sink refused a record.
class CallControl {
 public:
  [[nodiscard]] std::stop_token token() const { return stop_.get_token(); }
  void cancel() { stop_.request_stop(); }
  void sinkFailed(std::string message);
  //! Why dsrflow's sink refused a record, once it did.
  [[nodiscard]] std::optional<std::string> sinkError() const;

 private:
  std::stop_source stop_;
  mutable std::mutex mutex_;
  std::optional<std::string> sinkError_;
};

//! A request taken off stdin; `control` is set for invoke and callback.
struct IncomingRequest {
  Frame frame;
  std::shared_ptr<CallControl> control;
};

//! Thread-safe.
class ChildLink {
 public:
  //! Takes over the descriptors (closes them when destroyed).
  ChildLink(int input, int output);
  //! Joins the reader, which ends once stdin closes.
  ~ChildLink();
  ChildLink(const ChildLink&) = delete;
  ChildLink& operator=(const ChildLink&) = delete;

  //! Starts the reader thread; false when no thread could be started.
  bool start();

  //! The next request, in order; nullopt once stdin closed (or broke) and none is left.
  std::optional<IncomingRequest> nextRequest();

  //! Writes one frame to stdout whole, after any held back. Fails once dsrflow is gone.
  Status write(std::string_view frame);

  //! Holds a frame back to be written with the next ones (records of a call stream in 64 KiB
  //! batches: fewer writes and fewer wake-ups of dsrflow); written at once when the batch is
  //! full, and always before the next write().
  Status writeBatched(std::string_view frame);

  //! Asks dsrflow for a secret of the current call's system and waits for the answer.
  std::optional<std::string> readSecret(std::string_view name);

 private:
  void readLoop();
  void dispatch(Frame frame);

  int input_;
  int output_;
  std::mutex writeMutex_;
  std::string batch_;  // frames held back by writeBatched, guarded by writeMutex_
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<IncomingRequest> requests_;
  std::shared_ptr<CallControl> current_;  // the latest invoke or callback
  std::optional<Frame> secret_;           // the answer to read_secret
  bool ended_ = false;                    // stdin closed or broke
  std::thread reader_;
};

}  // namespace dsrflow::plugin_isolation
