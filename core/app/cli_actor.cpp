#include "app/cli_actor.hpp"

#include <unistd.h>

#include <cstdlib>

namespace dsrflow::app {

Actor cliActor() {
  for (const char* name : {"SUDO_USER", "USER", "LOGNAME"}) {
    if (const char* v = std::getenv(name); v != nullptr && *v != '\0') {
      return {ActorType::kUser, std::string("cli:") + v};
    }
  }
  return {ActorType::kUser, "cli:uid-" + std::to_string(getuid())};
}

}  // namespace dsrflow::app
