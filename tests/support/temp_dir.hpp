#pragma once
// A private temporary directory, removed with everything in it when the object dies.

#include <filesystem>
#include <string_view>

namespace dsrflow::testing {

class TempDir {
 public:
  explicit TempDir(std::string_view prefix = "dsrflow-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::filesystem::path operator/(std::string_view name) const {
    return path_ / name;
  }

 private:
  std::filesystem::path path_;
};

//! Writes `content` to `path`, creating parent directories.
void writeFile(const std::filesystem::path& path, std::string_view content);

//! Reads a whole file; throws when it cannot.
std::string readFile(const std::filesystem::path& path);

}  // namespace dsrflow::testing
