#include <vector>

#include "sql/dataset/dataset.hpp"

namespace dsrflow::sql {

std::optional<FieldRef> parseFieldRef(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = text.find('.', start);
    parts.emplace_back(text.substr(start, dot - start));
    if (parts.back().empty()) return std::nullopt;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts.size() == 2) return FieldRef{"", parts[0], parts[1]};
  if (parts.size() == 3) return FieldRef{parts[0], parts[1], parts[2]};
  return std::nullopt;
}

}  // namespace dsrflow::sql
