#include "engine/system_directory.hpp"

#include <algorithm>

namespace dsrflow {

SystemDirectory::SystemDirectory(std::vector<SystemHandle> systems)
    : systems_(std::move(systems)) {}

const SystemHandle* SystemDirectory::find(std::string_view id) const {
  auto it = std::find_if(systems_.begin(), systems_.end(),
                         [&](const SystemHandle& s) { return s.id == id; });
  return it == systems_.end() ? nullptr : &*it;
}

}  // namespace dsrflow
