#include "sim/cli/subcommand.hpp"

namespace umbra::cli {

Subcommand run_subcommand();
Subcommand validate_subcommand();
Subcommand schedulers_subcommand();

const std::vector<Subcommand>& subcommands() {
  static const std::vector<Subcommand> kCommands = {run_subcommand(), validate_subcommand(),
                                                    schedulers_subcommand()};
  return kCommands;
}

}  // namespace umbra::cli
