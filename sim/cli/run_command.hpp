#pragma once
// `umbra run`, callable with policies given as objects beside the built-in and plugin ones:
// how a policy written in Python (sim/python) reaches the run.
#include <string>
#include <vector>

#include "schedulers/scheduler.hpp"

namespace umbra::cli {

// Runs `umbra run ARGS...` with `more_policies` added to the registry (a name already taken is
// an InputError). Returns the exit status; throws InputError on bad input, as the subcommand.
int run_command(const std::vector<std::string>& args,
                std::vector<sched::SchedulerInfo> more_policies);

}  // namespace umbra::cli
