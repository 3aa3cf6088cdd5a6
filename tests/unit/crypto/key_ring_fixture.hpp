#pragma once
// Shared set-up for key ring tests: a private temporary key directory and a manual clock.

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "crypto/key_ring.hpp"
#include "crypto/key_ring_admin.hpp"
#include "crypto/key_ring_file.hpp"
#include "model/clock.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::crypto {

class KeyRingTest : public ::testing::Test {
 protected:
  static TimePoint start() {
    using namespace std::chrono;
    return TimePoint{sys_days{2024y / May / 1d}} + 9h;
  }

  //! Loads the ring, failing the test (by exception) when it does not load.
  KeyRing load() const { return KeyRing::load(dir_).value(); }

  //! Initialises the ring; throws (failing the test) when that fails.
  void init() {
    auto ids = initKeyRing(dir_, clock_);
    if (!ids) throw std::runtime_error(ids.error().message);
  }

  //! Rotates `kinds` (all when empty); throws (failing the test) when that fails.
  void rotate(std::vector<KeyKind> kinds = {}) {
    auto ids = rotateKeyRing(dir_, clock_, kinds);
    if (!ids) throw std::runtime_error(ids.error().message);
  }

  //! init + load.
  KeyRing initAndLoad() {
    init();
    return load();
  }

  //! The base64 material strings stored in keyring.json, for leak checks.
  [[nodiscard]] std::vector<std::string> storedMaterials() const {
    const std::string text = testing::readFile(keyRingFilePath(dir_));
    std::vector<std::string> out;
    const std::string marker = "\"material\": \"";
    for (auto pos = text.find(marker); pos != std::string::npos; pos = text.find(marker, pos)) {
      pos += marker.size();
      out.push_back(text.substr(pos, text.find('"', pos) - pos));
    }
    return out;
  }

  testing::TempDir tmp_{"dsrflow-crypto"};
  std::filesystem::path dir_ = tmp_ / "keys";
  ManualClock clock_{start()};
};

}  // namespace dsrflow::crypto
