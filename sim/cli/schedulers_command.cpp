// `umbra schedulers [--scheduler-plugin FILE]`: the registered policies, one line each, and the
// options of those that have some, with their defaults.
#include <fmt/format.h>

#include "schedulers/registry.hpp"
#include "sim/cli/arguments.hpp"
#include "sim/cli/cli.hpp"
#include "sim/cli/scheduler_plugins.hpp"
#include "sim/cli/subcommand.hpp"
#include "sim/core/error.hpp"

namespace umbra::cli {
namespace {

int schedulers_main(const std::vector<std::string>& args) {
  const SchedulerPluginOptions plugins = take_scheduler_plugin_options(args);
  const Arguments arguments(plugins.other_args, {{"help", false}});
  if (arguments.has("help")) {
    fmt::print(
        "usage: umbra schedulers [--scheduler-plugin FILE]\n\n"
        "Lists the scheduling policies 'umbra run --scheduler' accepts: the built-in ones and\n"
        "those of the plugins given, with each policy's options ('umbra run --policy-option\n"
        "NAME=VALUE') and their defaults.\n\n{}",
        kSchedulerPluginHelp);
    return kExitOk;
  }
  if (!arguments.positional().empty()) throw InputError("'umbra schedulers' takes no arguments");
  const auto registry = scheduler_registry(plugins.files);
  for (const auto& policy : registry.all()) {
    fmt::print("{:<14} {}\n", policy.name, policy.description);
    for (const auto& option : policy.options) {
      fmt::print("{:<16} {}={}: {}\n", "", option.name, option.default_value, option.description);
    }
  }
  return kExitOk;
}

}  // namespace

Subcommand schedulers_subcommand() {
  return {"schedulers", "list the scheduling policies", schedulers_main};
}

}  // namespace umbra::cli
