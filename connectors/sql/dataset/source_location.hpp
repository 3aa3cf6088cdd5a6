#pragma once
// Where something was declared in a dataset file, so a problem found later (a reference into
// another dataset, a column the database lacks) still points at its line.

#include <string>

namespace dsrflow::sql {

struct SourceLocation {
  std::string file;
  int line = 0;     //!< 1-based; 0 when unknown
  std::string key;  //!< the key path, e.g. tables[2].fields[0].references[1]

  //! FILE:LINE: KEY: message (parts that are unknown are left out).
  [[nodiscard]] std::string format(const std::string& message) const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line);
    if (!out.empty()) out += ": ";
    if (!key.empty()) out += key + ": ";
    return out + message;
  }
};

}  // namespace dsrflow::sql
