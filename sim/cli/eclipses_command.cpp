// `umbra eclipses PLATFORM.yaml --horizon DUR [--sat NAME] [--summary FILE]`: eclipse windows.
#include <fmt/format.h>

#include <cstdio>
#include <iterator>
#include <vector>

#include "sim/cli/arguments.hpp"
#include "sim/cli/cli.hpp"
#include "sim/cli/platform_input.hpp"
#include "sim/cli/satellite_selection.hpp"
#include "sim/cli/subcommand.hpp"
#include "sim/cli/time_range.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/core/error.hpp"
#include "sim/orbit/eclipse_windows.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/csv_field.hpp"

namespace umbra::cli {
namespace {

void print_help() {
  fmt::print(
      "usage: umbra eclipses PLATFORM.yaml --horizon DUR [--sat NAME] [--summary FILE]\n\n"
      "Finds when each satellite (or only --sat NAME) is in the Earth's shadow between the\n"
      "platform's epoch and epoch + DUR (such as 24h), by root finding on the conical shadow\n"
      "model (geometric Earth of radius 6378.137 km, edges to 1 ms). Standard output is CSV:\n"
      "  satellite,kind,start,end,duration_s\n"
      "kind is umbra (no direct sunlight) or penumbra (part of the Sun's disc hidden): a full\n"
      "eclipse reads penumbra, umbra, penumbra. start and end are ISO UTC times, clipped to the\n"
      "horizon.\n\n"
      "A summary per satellite is written as CSV to standard error, or to FILE with --summary:\n"
      "  satellite,sunlit_fraction,umbra_s,penumbra_s\n"
      "sunlit_fraction is the share of the horizon spent outside both umbra and penumbra.\n");
}

const char* kind_name(orbit::EclipseKind kind) {
  return kind == orbit::EclipseKind::kUmbra ? "umbra" : "penumbra";
}

int eclipses_main(const std::vector<std::string>& args) {
  const Arguments arguments(args, {{"horizon"}, {"sat"}, {"summary"}, {"help", false}});
  if (arguments.has("help")) {
    print_help();
    return kExitOk;
  }
  if (arguments.positional().size() != 1) {
    throw InputError("give one platform file ('umbra eclipses --help')");
  }
  const double horizon = required_horizon(arguments);
  const spec::PlatformSpec platform = read_platform(arguments.positional()[0]);
  const contact::Constellation constellation = contact::build_constellation(platform);
  const std::vector<const contact::Satellite*> chosen = chosen_satellites(constellation, arguments);
  const auto windows = eclipses_of(chosen, constellation, horizon);

  fmt::memory_buffer table;
  fmt::memory_buffer summary;
  const auto out = std::back_inserter(table);
  fmt::format_to(out, "satellite,kind,start,end,duration_s\n");
  fmt::format_to(std::back_inserter(summary), "satellite,sunlit_fraction,umbra_s,penumbra_s\n");
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const std::string name = output::csv_field(chosen[i]->name);
    double umbra_seconds = 0, penumbra_seconds = 0;
    for (const orbit::EclipseWindow& window : windows[i]) {
      const double duration = window.end - window.start;
      (window.kind == orbit::EclipseKind::kUmbra ? umbra_seconds : penumbra_seconds) += duration;
      fmt::format_to(out, "{},{},{},{},{:.3f}\n", name, kind_name(window.kind),
                     orbit::format_utc(constellation.epoch.plus_seconds(window.start)),
                     orbit::format_utc(constellation.epoch.plus_seconds(window.end)), duration);
    }
    fmt::format_to(std::back_inserter(summary), "{},{:.6f},{:.3f},{:.3f}\n", name,
                   1 - (umbra_seconds + penumbra_seconds) / horizon, umbra_seconds,
                   penumbra_seconds);
  }
  std::fwrite(table.data(), 1, table.size(), stdout);
  if (const auto path = arguments.value("summary")) {
    output::write_file_atomically(*path, std::string_view(summary.data(), summary.size()));
  } else {
    std::fwrite(summary.data(), 1, summary.size(), stderr);
  }
  return kExitOk;
}

}  // namespace

Subcommand eclipses_subcommand() {
  return {"eclipses", "list each satellite's eclipse windows over a horizon as CSV", eclipses_main};
}

}  // namespace umbra::cli
