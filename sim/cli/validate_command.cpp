// `umbra validate FILE...`: checks platform and workload files without simulating.
#include <fmt/format.h>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>

#include "sim/cli/arguments.hpp"
#include "sim/cli/cli.hpp"
#include "sim/cli/platform_input.hpp"
#include "sim/cli/subcommand.hpp"
#include "sim/cli/workload_options.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/contact/contact_plan.hpp"
#include "sim/contact/isl_connectivity.hpp"
#include "sim/core/error.hpp"
#include "sim/workload/native_reader.hpp"
#include "sim/workload/workload_format.hpp"

namespace umbra::cli {
namespace {

constexpr double kConnectivityHorizon = 86400;  // s

void print_help() {
  fmt::print(
      "usage: umbra validate [--platform FILE] [--no-links] FILE...\n\n"
      "Checks platform and workload files without simulating.\n\n"
      "A platform file's errors are all printed, one per entry (GPU model, site, WAN link,\n"
      "link class, ground station, shell, formation, satellite, isl pair) and per top-level\n"
      "key; an entry that names another with an error (a site naming a GPU model) is not\n"
      "checked. The orbits (epochs, element sets) and the sites' WAN paths are checked once\n"
      "the rest reads without error. A workload file stops at its first error.\n\n"
      "For a valid platform, each shell and formation with laser links gets a line: the links\n"
      "that never come up over the first day and why (beyond range, with the closest distance;\n"
      "line of sight below the grazing altitude; in sight but given no terminal), and how many\n"
      "groups of satellites the links that come up join (see also 'umbra contacts'). These\n"
      "lines come from the first day's contact plan of the laser links, which takes minutes\n"
      "for a constellation of a hundred thousand satellites and more; --no-links leaves them\n"
      "out and checks the files only.\n\n"
      "Files are taken in order: a platform file (any file not a workload) is checked alone,\n"
      "a workload file is checked against the last platform given before it, or against\n"
      "--platform. Exit status 0 if every file is valid, 2 otherwise. A workload may be a\n"
      "trace (a folder for Alibaba PAI); its records read, kept and dropped are printed.\n\n{}",
      workload_options_help());
}

// A workload is a trace (by content), a CSV file or a YAML file with a "jobs" key; anything
// else is read as a platform, whose reader then reports what is wrong with it.
bool is_workload_file(const std::string& path, const workload::ReadOptions& options) {
  // With --workload-format naming a trace, YAML files are still platforms.
  if (options.format && *options.format != workload::WorkloadFormat::kYaml) {
    return !path.ends_with(".yaml") && !path.ends_with(".yml");
  }
  try {
    const auto format = workload::detect_workload_format(path);
    if (format && *format != workload::WorkloadFormat::kYaml) return true;
  } catch (const InputError&) {
    return false;  // unreadable: the platform reader says why
  }
  try {
    const YAML::Node root = YAML::LoadFile(path);
    return root.IsMap() && root["jobs"];
  } catch (const YAML::Exception&) {
    return false;
  }
}

// The laser links of each shell and formation over the first day (contact/isl_connectivity.hpp).
void print_laser_connectivity(const spec::PlatformSpec& platform,
                              const contact::Constellation& constellation) {
  const auto has_isl = [](const auto& group) {
    return group.isl.topology != spec::IslTopology::kNone;
  };
  if (std::none_of(platform.shells.begin(), platform.shells.end(), has_isl) &&
      std::none_of(platform.formations.begin(), platform.formations.end(), has_isl)) {
    return;
  }
  contact::ContactPlanOptions options;
  options.horizon = kConnectivityHorizon;
  const contact::ContactPlan plan = contact::build_contact_plan(platform, constellation, options);
  for (const contact::GroupConnectivity& group :
       contact::isl_connectivity(platform, constellation, plan)) {
    fmt::print("  {}\n", contact::describe(group, kConnectivityHorizon));
  }
}

int validate_main(const std::vector<std::string>& args) {
  std::vector<OptionSpec> options{{"platform"}, {"no-links", false}, {"help", false}};
  for (OptionSpec& option : workload_option_specs()) options.push_back(std::move(option));
  const Arguments arguments(args, options);
  const workload::ReadOptions read_options = workload_read_options(arguments);
  if (arguments.has("help")) {
    print_help();
    return kExitOk;
  }
  if (arguments.positional().empty()) throw InputError("'umbra validate' needs at least one file");
  std::optional<spec::PlatformSpec> platform;
  if (const auto path = arguments.value("platform")) platform = read_platform(*path);
  int errors = 0;
  for (const auto& path : arguments.positional()) {
    try {
      if (!is_workload_file(path, read_options)) {
        platform = read_platform(path);
        const auto constellation = contact::build_constellation(*platform);  // parses TLE/OMM
        fmt::print("{}: valid platform ({} sites, {} satellites, {} GPUs)\n", path,
                   platform->sites.size(), constellation.satellites.size(),
                   platform->total_gpus() + constellation.total_gpus());
        if (!arguments.has("no-links")) print_laser_connectivity(*platform, constellation);
      } else if (!platform) {
        throw InputError(SourcePosition{path, 0, 0},
                         "a workload is checked against a platform: give the platform first or "
                         "with --platform");
      } else {
        const auto workload = workload::read_workload(path, *platform, read_options);
        report_read_counts(workload);
        fmt::print("{}: valid workload ({} jobs)\n", path, workload.jobs.size());
      }
    } catch (const InputError& e) {
      print_input_error(e);
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
