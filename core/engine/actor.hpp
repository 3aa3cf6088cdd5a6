#pragma once
// Who causes a change: recorded in the audit log with every state change (Art. 5(2)).

#include <string>

#include "store/audit_repository.hpp"

namespace dsrflow {

struct Actor {
  ActorType type = ActorType::kSystem;
  std::string id;  //!< user name, token id, "cli", "engine", plugin name
};

}  // namespace dsrflow
