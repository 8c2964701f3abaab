// `umbra eclipses PLATFORM.yaml --horizon DUR [--sat NAME] [--summary FILE]`: eclipse windows.
#include <fmt/format.h>

#include <cstdio>
#include <iterator>
#include <span>
#include <string>
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
      "horizon. Rows are written as they are found, satellite by satellite.\n\n"
      "A summary per satellite is written as CSV to standard error, or to FILE with --summary:\n"
      "  satellite,sunlit_fraction,umbra_s,penumbra_s\n"
      "sunlit_fraction is the share of the horizon spent outside both umbra and penumbra.\n");
}

const char* kind_name(orbit::EclipseKind kind) {
  return kind == orbit::EclipseKind::kUmbra ? "umbra" : "penumbra";
}

// Writes the windows of satellites[first ..] as CSV rows to standard output as they come, and
// their summary rows into `summary`.
class EclipseRows {
 public:
  EclipseRows(const std::vector<const contact::Satellite*>& satellites,
              const orbit::JulianDate& epoch, double horizon, fmt::memory_buffer& summary)
      : satellites_(satellites), epoch_(epoch), horizon_(horizon), summary_(summary) {}

  void write(std::size_t first, std::span<const std::vector<orbit::EclipseWindow>> windows) {
    fmt::memory_buffer table;
    const auto out = std::back_inserter(table);
    for (std::size_t k = 0; k < windows.size(); ++k) {
      const std::string name = output::csv_field(satellites_[first + k]->name);
      double umbra_seconds = 0, penumbra_seconds = 0;
      for (const orbit::EclipseWindow& window : windows[k]) {
        const double duration = window.end - window.start;
        (window.kind == orbit::EclipseKind::kUmbra ? umbra_seconds : penumbra_seconds) += duration;
        fmt::format_to(out, "{},{},{},{},{:.3f}\n", name, kind_name(window.kind),
                       orbit::format_utc(epoch_.plus_seconds(window.start)),
                       orbit::format_utc(epoch_.plus_seconds(window.end)), duration);
      }
      fmt::format_to(std::back_inserter(summary_), "{},{:.6f},{:.3f},{:.3f}\n", name,
                     1 - (umbra_seconds + penumbra_seconds) / horizon_, umbra_seconds,
                     penumbra_seconds);
    }
    std::fwrite(table.data(), 1, table.size(), stdout);
  }

 private:
  const std::vector<const contact::Satellite*>& satellites_;
  const orbit::JulianDate& epoch_;
  double horizon_;
  fmt::memory_buffer& summary_;
};

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

  // The windows go out a chunk of satellites at a time, so that a million satellites' rows are
  // never held at once; the summary (one short row per satellite) is written at the end.
  fmt::memory_buffer summary;
  fmt::format_to(std::back_inserter(summary), "satellite,sunlit_fraction,umbra_s,penumbra_s\n");
  EclipseRows rows(chosen, constellation.epoch, horizon, summary);
  std::fputs("satellite,kind,start,end,duration_s\n", stdout);
  stream_eclipses_of(chosen, constellation, horizon,
                     [&](std::size_t first, auto windows) { rows.write(first, windows); });
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
