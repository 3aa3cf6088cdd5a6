#include "config/config.hpp"

#include <algorithm>

namespace dsrflow::config {

const ControllerConfig* Config::controller(std::string_view id) const {
  auto it = std::find_if(controllers.begin(), controllers.end(),
                         [&](const ControllerConfig& c) { return c.id == id; });
  return it == controllers.end() ? nullptr : &*it;
}

const SystemConfig* Config::system(std::string_view id) const {
  auto it = std::find_if(systems.begin(), systems.end(),
                         [&](const SystemConfig& s) { return s.id == id; });
  return it == systems.end() ? nullptr : &*it;
}

}  // namespace dsrflow::config
