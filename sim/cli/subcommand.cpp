#include "sim/cli/subcommand.hpp"

namespace umbra::cli {

const std::vector<Subcommand>& subcommands() {
  static const std::vector<Subcommand> kCommands = {};
  return kCommands;
}

}  // namespace umbra::cli
