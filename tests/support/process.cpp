#include "support/process.hpp"

#include <signal.h>

#include <Poco/StreamCopier.h>

#include <sstream>

namespace dsrflow::testing {

ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env) {
  Poco::Pipe outPipe;
  Poco::Pipe errPipe;
  Poco::Process::Env environment(env.begin(), env.end());
  Poco::ProcessHandle handle =
      Poco::Process::launch(program, args, "", nullptr, &outPipe, &errPipe, environment);
  ProcessResult result;
  // Read stderr on a second thread so neither pipe can fill up and block the child.
  std::thread errReader([&] {
    Poco::PipeInputStream in(errPipe);
    Poco::StreamCopier::copyToString(in, result.err);
  });
  Poco::PipeInputStream in(outPipe);
  Poco::StreamCopier::copyToString(in, result.out);
  errReader.join();
  result.exitCode = handle.wait();
  return result;
}

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env) {
  Poco::Process::Env environment(env.begin(), env.end());
  handle_ = std::make_unique<Poco::ProcessHandle>(
      Poco::Process::launch(program, args, "", nullptr, &out_, &err_, environment));
  outStream_ = std::make_unique<Poco::PipeInputStream>(out_);
  errReader_ = std::thread([this] {
    Poco::PipeInputStream in(err_);
    Poco::StreamCopier::copyToString(in, errText_);
  });
}

ChildProcess::~ChildProcess() {
  if (running_) {
    ::kill(handle_->id(), SIGKILL);
    handle_->wait();
  }
  if (errReader_.joinable()) errReader_.join();
}

std::string ChildProcess::readLine() {
  std::string line;
  std::getline(*outStream_, line);
  return line;
}

int ChildProcess::terminate() {
  ::kill(handle_->id(), SIGTERM);
  int code = handle_->wait();
  running_ = false;
  return code;
}

void ChildProcess::kill() {
  ::kill(handle_->id(), SIGKILL);
  handle_->wait();
  running_ = false;
}

int ChildProcess::wait() {
  int code = handle_->wait();
  running_ = false;
  return code;
}

int ChildProcess::pid() const { return handle_->id(); }

std::string ChildProcess::stderrText() {
  if (errReader_.joinable()) errReader_.join();
  return errText_;
}

}  // namespace dsrflow::testing
