#include "plugin_host/plugin_info.hpp"

namespace dsrflow::plugin_host {

std::vector<Action> actionsFromBits(std::uint32_t bits) {
  std::vector<Action> out;
  for (const auto& [action, name] : kActionNames) {
    if ((bits & actionBit(action)) != 0) out.push_back(action);
  }
  return out;
}

}  // namespace dsrflow::plugin_host
