#pragma once
// The operator as the audit log records a CLI change: the login behind sudo, else the user.

#include "engine/actor.hpp"

namespace dsrflow::app {

Actor cliActor();

}  // namespace dsrflow::app
