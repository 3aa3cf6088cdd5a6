#pragma once
// Runs real programs for tests: one-shot commands with captured output, and long-running
// servers whose stdout can be read line by line and which are stopped with a signal.

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace dsrflow::testing {

struct ProcessResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};

//! Runs `program` with `args` to completion and captures stdout and stderr.
ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env = {});

//! A child process that keeps running until stopped (SIGTERM, then SIGKILL) or destroyed.
class ChildProcess {
 public:
  ChildProcess(const std::string& program, const std::vector<std::string>& args,
               const std::map<std::string, std::string>& env = {});
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  //! The next line of the child's stdout (without newline); empty string at end of stream.
  std::string readLine();
  //! Sends SIGTERM and waits; returns the exit code.
  int terminate();
  //! Sends SIGKILL and waits: the process gets no chance to clean up.
  void kill();
  //! Waits for the process to end by itself; returns its exit code.
  int wait();
  [[nodiscard]] int pid() const;
  //! Everything the child wrote to stderr; call after terminate().
  std::string stderrText();

 private:
  Poco::Pipe out_;
  Poco::Pipe err_;
  std::unique_ptr<Poco::ProcessHandle> handle_;
  std::unique_ptr<Poco::PipeInputStream> outStream_;
  std::thread errReader_;  // drains stderr so a chatty child never blocks on a full pipe
  std::string errText_;
  bool running_ = true;
};

}  // namespace dsrflow::testing
