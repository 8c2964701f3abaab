// `umbra schedulers`: the registered policies, one line each.
#include <fmt/format.h>

#include "schedulers/registry.hpp"
#include "sim/cli/arguments.hpp"
#include "sim/cli/cli.hpp"
#include "sim/cli/subcommand.hpp"
#include "sim/core/error.hpp"

namespace umbra::cli {
namespace {

int schedulers_main(const std::vector<std::string>& args) {
  const Arguments arguments(args, {{"help", false}});
  if (arguments.has("help")) {
    fmt::print(
        "usage: umbra schedulers\n\nLists the scheduling policies 'umbra run --scheduler' "
        "accepts.\n");
    return kExitOk;
  }
  if (!arguments.positional().empty()) throw InputError("'umbra schedulers' takes no arguments");
  const auto registry = sched::SchedulerRegistry::with_builtins();
  for (const auto& policy : registry.all()) {
    fmt::print("{:<14} {}\n", policy.name, policy.description);
  }
  return kExitOk;
}

}  // namespace

Subcommand schedulers_subcommand() {
  return {"schedulers", "list the scheduling policies", schedulers_main};
}

}  // namespace umbra::cli
