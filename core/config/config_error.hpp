#pragma once
// A configuration error, always with the file, line and key it concerns, rendered on one line:
//   /etc/dsrflow/dsrflow.yaml:12: systems[0].timeout: expected a duration such as 30s or 500ms

#include <stdexcept>
#include <string>

namespace dsrflow::config {

class ConfigError : public std::runtime_error {
 public:
  ConfigError(std::string file, int line, std::string key, const std::string& message)
      : std::runtime_error(format(file, line, key, message)),
        file_(std::move(file)),
        line_(line),
        key_(std::move(key)) {}

  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] int line() const { return line_; }  //!< 1-based; 0 when unknown
  [[nodiscard]] const std::string& key() const { return key_; }

 private:
  static std::string format(const std::string& file, int line, const std::string& key,
                            const std::string& message) {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
    if (!key.empty()) out += key + ": ";
    return out + message;
  }

  std::string file_;
  int line_;
  std::string key_;
};

}  // namespace dsrflow::config
