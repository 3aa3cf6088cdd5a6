#pragma once
// Deterministic crash injection, for the durability tests that prove a restart resumes every
// request where it stood. With DSRFLOW_CRASH_AFTER_COMMITS=N in the environment, the process
// kills itself with SIGKILL right after its N-th committed transaction: the change is durable,
// nothing after it has happened, and no destructor or handler runs. Every persisted boundary
// of a run is some N, so a test can stop a run at each of them in turn.
//
// Unset (as it always is in production), a commit costs one extra atomic load.

namespace dsrflow::detail {

//! Called by the store after every successful commit.
void crashPointAfterCommit();

}  // namespace dsrflow::detail
