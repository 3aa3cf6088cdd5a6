#include "sql/dataset/names.hpp"

namespace dsrflow::sql {
namespace {

bool isLower(char c) { return c >= 'a' && c <= 'z'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// A non-empty run of [a-z0-9_] starting with a letter when `letterFirst`.
bool isWord(std::string_view word, bool letterFirst) {
  if (word.empty() || (letterFirst && !isLower(word.front()))) return false;
  for (char c : word) {
    if (!isLower(c) && !isDigit(c) && c != '_') return false;
  }
  return true;
}

}  // namespace

bool isValidIdentifier(std::string_view name) {
  if (name.empty() || name.size() > 128) return false;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '"' || c == '`' || c == '.' || c == '\\' || c == ':') {
      return false;
    }
  }
  return true;
}

bool isValidDatasetName(std::string_view name) {
  if (name.empty() || name.size() > 128) return false;
  for (char c : name) {
    const bool upper = c >= 'A' && c <= 'Z';
    if (!isLower(c) && !upper && !isDigit(c) && c != '_' && c != '-') return false;
  }
  return true;
}

bool isValidCategory(std::string_view category) {
  bool first = true;
  while (true) {
    const std::size_t dot = category.find('.');
    if (!isWord(category.substr(0, dot), first)) return false;
    if (dot == std::string_view::npos) return true;
    category.remove_prefix(dot + 1);
    first = false;
  }
}

bool isValidIdentityName(std::string_view name) { return isWord(name, true); }

bool categoryCovers(std::string_view prefix, std::string_view category) {
  return category.size() >= prefix.size() && category.compare(0, prefix.size(), prefix) == 0 &&
         (category.size() == prefix.size() || category[prefix.size()] == '.');
}

}  // namespace dsrflow::sql
