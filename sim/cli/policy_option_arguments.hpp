#pragma once
// `--policy-option NAME=VALUE` of `umbra run`: values for the chosen policy's options
// (schedulers/policy_options.hpp), checked against what the policy declares.
#include "schedulers/scheduler.hpp"
#include "sim/cli/arguments.hpp"

namespace umbra::cli {

inline constexpr const char* kPolicyOptionHelp =
    "  --policy-option NAME=VALUE  an option of the policy (repeatable; 'umbra schedulers'\n"
    "                    lists each policy's options and defaults), e.g. queues=3250,7200\n";

inline OptionSpec policy_option_spec() { return {"policy-option", true, true}; }

// The values given to `policy`; InputError for a malformed NAME=VALUE or a value the policy does
// not declare or accept.
sched::PolicyOptionValues policy_option_values(const Arguments& arguments,
                                               const sched::SchedulerInfo& policy);

}  // namespace umbra::cli
