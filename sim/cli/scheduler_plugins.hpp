#pragma once
// `--scheduler-plugin FILE` of `umbra run` and `umbra schedulers`: policies from shared
// libraries built against the scheduler API (schedulers/plugin.hpp).
#include <string>
#include <vector>

#include "schedulers/registry.hpp"

namespace umbra::cli {

inline constexpr const char* kSchedulerPluginHelp =
    "  --scheduler-plugin FILE  load the policies of a plugin (a shared library built against\n"
    "                    Umbra's scheduler API, see docs/writing-a-scheduler.md); repeatable\n";

// A subcommand's arguments split into the FILEs of `--scheduler-plugin FILE` (or
// `--scheduler-plugin=FILE`; the option may be given several times), in order, and the other
// arguments, for Arguments. Throws InputError if the last option has no FILE.
struct SchedulerPluginOptions {
  std::vector<std::string> files;
  std::vector<std::string> other_args;
};
SchedulerPluginOptions take_scheduler_plugin_options(const std::vector<std::string>& args);

// The built-in policies and those of each plugin, loaded in order. Throws InputError naming the
// file for a missing file, a library that is not a plugin, a plugin built against another
// scheduler API version, or a policy name that is already taken. Loaded libraries stay loaded
// for the life of the process: their policies' code lives in them.
sched::SchedulerRegistry scheduler_registry(const std::vector<std::string>& plugin_files);

}  // namespace umbra::cli
