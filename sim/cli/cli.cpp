#include "sim/cli/cli.hpp"

#include <fmt/format.h>

#include <exception>
#include <string>
#include <vector>

#include "sim/cli/subcommand.hpp"
#include "sim/core/did_you_mean.hpp"
#include "sim/core/error.hpp"
#include "sim/engine/invariant_violation.hpp"
#include "umbra/version.hpp"

namespace umbra::cli {
namespace {

void print_usage() {
  fmt::print(
      "umbra {}: simulate AI training jobs on orbital and ground GPU clusters\n\n"
      "usage: umbra <command> [options]\n\ncommands:\n",
      kVersion);
  for (const auto& command : subcommands()) {
    fmt::print("  {:<12} {}\n", command.name, command.summary);
  }
  fmt::print(
      "\n'umbra <command> --help' describes a command. 'umbra --version' prints the version.\n");
}

}  // namespace

void print_input_error(const InputError& error) {
  for (const InputError& each : each_error(error)) {
    fmt::print(stderr, "umbra: error: {}\n", each.what());
  }
}

int run(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_usage();
    return args.empty() ? kExitBadInput : kExitOk;
  }
  if (args[0] == "--version") {
    fmt::print("umbra {}\n", kVersion);
    return kExitOk;
  }
  try {
    std::vector<std::string> names;
    for (const auto& command : subcommands()) {
      if (command.name == args[0]) {
        return command.main(std::vector<std::string>(args.begin() + 1, args.end()));
      }
      names.push_back(command.name);
    }
    throw InputError(fmt::format("unknown command \"{}\"{}; 'umbra --help' lists the commands",
                                 args[0], did_you_mean(args[0], names)));
  } catch (const InputError& e) {
    print_input_error(e);
    return kExitBadInput;
  } catch (const engine::InvariantViolation& e) {
    fmt::print(stderr, "umbra: internal error: {}\n", e.what());
    return kExitInvariantViolated;
  } catch (const std::exception& e) {
    fmt::print(stderr, "umbra: internal error: {}\n", e.what());
    return kExitInternal;
  }
}

}  // namespace umbra::cli
