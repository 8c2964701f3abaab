// `umbra validate FILE...`: checks platform and workload files without simulating.
#include <fmt/format.h>

#include <yaml-cpp/yaml.h>

#include <optional>

#include "sim/cli/arguments.hpp"
#include "sim/cli/cli.hpp"
#include "sim/cli/subcommand.hpp"
#include "sim/core/error.hpp"
#include "sim/spec/platform_reader.hpp"
#include "sim/workload/native_reader.hpp"

namespace umbra::cli {
namespace {

void print_help() {
  fmt::print(
      "usage: umbra validate [--platform FILE] FILE...\n\n"
      "Checks platform and workload files without simulating; prints every error found.\n"
      "Files are taken in order: a platform file (one with a \"sites\" key) is checked alone,\n"
      "a workload file is checked against the last platform given before it, or against\n"
      "--platform. Exit status 0 if every file is valid, 2 otherwise.\n");
}

// A workload is a CSV file or a YAML file with a "jobs" key; anything else is read as a
// platform, whose reader then reports what is wrong with it.
bool is_workload_file(const std::string& path) {
  if (path.ends_with(".csv")) return true;
  try {
    const YAML::Node root = YAML::LoadFile(path);
    return root.IsMap() && root["jobs"];
  } catch (const YAML::Exception&) {
    return false;
  }
}

int validate_main(const std::vector<std::string>& args) {
  const Arguments arguments(args, {{"platform"}, {"help", false}});
  if (arguments.has("help")) {
    print_help();
    return kExitOk;
  }
  if (arguments.positional().empty()) throw InputError("'umbra validate' needs at least one file");
  std::optional<spec::PlatformSpec> platform;
  if (const auto path = arguments.value("platform")) platform = spec::read_platform_file(*path);
  int errors = 0;
  for (const auto& path : arguments.positional()) {
    try {
      if (!is_workload_file(path)) {
        platform = spec::read_platform_file(path);
        fmt::print("{}: valid platform ({} sites, {} GPUs)\n", path, platform->sites.size(),
                   platform->total_gpus());
      } else if (!platform) {
        throw InputError(SourcePosition{path, 0, 0},
                         "a workload is checked against a platform: give the platform first or "
                         "with --platform");
      } else {
        const auto workload = workload::read_workload_file(path, *platform);
        fmt::print("{}: valid workload ({} jobs)\n", path, workload.jobs.size());
      }
    } catch (const InputError& e) {
      fmt::print(stderr, "umbra: error: {}\n", e.what());
      ++errors;
    }
  }
  return errors == 0 ? kExitOk : kExitBadInput;
}

}  // namespace

Subcommand validate_subcommand() {
  return {"validate", "check platform and workload files without simulating", validate_main};
}

}  // namespace umbra::cli
