#include "sim/cli/subcommand.hpp"

namespace umbra::cli {

Subcommand run_subcommand();
Subcommand compare_subcommand();
Subcommand sweep_subcommand();
Subcommand plot_subcommand();
Subcommand validate_subcommand();
Subcommand schedulers_subcommand();
Subcommand workload_subcommand();
Subcommand orbit_subcommand();
Subcommand eclipses_subcommand();
Subcommand contacts_subcommand();
Subcommand power_subcommand();

const std::vector<Subcommand>& subcommands() {
  static const std::vector<Subcommand> kCommands = {
      run_subcommand(),        compare_subcommand(),  sweep_subcommand(), validate_subcommand(),
      schedulers_subcommand(), workload_subcommand(), orbit_subcommand(), eclipses_subcommand(),
      power_subcommand(),      contacts_subcommand(), plot_subcommand()};
  return kCommands;
}

}  // namespace umbra::cli
