#pragma once
// A problem in a dataset file, always located: FILE:LINE: KEY: problem. Thrown inside the
// loader and importer only; their public functions turn it into a Result error.

#include <stdexcept>
#include <string>

#include "sql/dataset/source_location.hpp"

namespace dsrflow::sql {

class DatasetError : public std::runtime_error {
 public:
  DatasetError(const SourceLocation& where, const std::string& problem)
      : std::runtime_error(where.format(problem)), where_(where) {}

  [[nodiscard]] const SourceLocation& where() const { return where_; }

 private:
  SourceLocation where_;
};

}  // namespace dsrflow::sql
