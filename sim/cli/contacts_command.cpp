// `umbra contacts PLATFORM.yaml --horizon DUR [--format csv|ion] [--from T]`: the contact plan.
#include <fmt/format.h>

#include <cmath>
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
#include "sim/contact/contact_plan.hpp"
#include "sim/contact/isl_connectivity.hpp"
#include "sim/contact/link_geometry.hpp"
#include "sim/core/error.hpp"
#include "sim/output/csv_field.hpp"

namespace umbra::cli {
namespace {

void print_help() {
  fmt::print(
      "usage: umbra contacts PLATFORM.yaml --horizon DUR [--format csv|ion] [--from T]\n\n"
      "Computes the contact plan from T (an ISO UTC time or an offset from the platform's epoch;\n"
      "default the epoch) to T + DUR: every window in which a link carries data. Candidate links\n"
      "are the ISL topologies of the shells and formations, the explicit isl_pairs, and each\n"
      "satellite with a ground terminal to each ground station. Window edges are found by root\n"
      "finding on line of sight (with the class's grazing altitude), range and elevation (WGS-84,\n"
      "the stricter of the class's mask and the station's minimum elevation), to 1 ms; then the\n"
      "acquisition time is paid and terminal and antenna limits applied (a greedy assignment by\n"
      "earliest start, then longest window).\n\n"
      "--format csv (default): one line per window, ISO UTC times:\n"
      "  a,b,class,start,end,min_range_km,max_range_km,mean_rate_bps\n"
      "  start is when the link carries data (after its acquisition time); a is a satellite, b\n"
      "  a satellite or a ground station; mean_rate_bps is the time-weighted mean in bit/s.\n"
      "--format ion: a contact plan for NASA ION's ionadmin: comment lines list the node numbers;\n"
      "  'a contact +START +STOP FROM TO RATE' lines (both directions, one per rate segment,\n"
      "  RATE in bytes/s) and 'a range +START +STOP FROM TO OWLT' lines (one per window, OWLT\n"
      "  the longest one-way light time rounded up to whole seconds); times are whole seconds\n"
      "  after T, rounded inwards.\n\n"
      "A summary (candidate links, windows, windows dropped) is written to standard error, and\n"
      "for each shell and formation with laser links, those that never come up over the horizon\n"
      "and why (beyond range, with the closest distance; line of sight below the grazing\n"
      "altitude; in sight but given no terminal), and the groups of satellites its links that\n"
      "come up join.\n");
}

void write_csv(const contact::ContactPlan& plan, const orbit::JulianDate& epoch,
               fmt::memory_buffer& buffer) {
  const auto out = std::back_inserter(buffer);
  fmt::format_to(out, "a,b,class,start,end,min_range_km,max_range_km,mean_rate_bps\n");
  for (const contact::LinkWindow& window : plan.windows) {
    fmt::format_to(out, "{},{},{},{},{},{:.3f},{:.3f},{:.0f}\n",
                   output::csv_field(plan.nodes[window.a]), output::csv_field(plan.nodes[window.b]),
                   output::csv_field(plan.link_classes[window.link_class].name),
                   orbit::format_utc(epoch.plus_seconds(window.start)),
                   orbit::format_utc(epoch.plus_seconds(window.end)), window.min_range / 1e3,
                   window.max_range / 1e3, window.mean_rate() * 8);
  }
}

void write_ion(const contact::ContactPlan& plan, const orbit::JulianDate& epoch,
               fmt::memory_buffer& buffer) {
  const auto out = std::back_inserter(buffer);
  fmt::format_to(out, "# Umbra contact plan from {} (+0) to +{:.0f} s\n",
                 orbit::format_utc(epoch.plus_seconds(plan.from)), plan.to - plan.from);
  for (std::size_t node = 0; node < plan.nodes.size(); ++node) {
    fmt::format_to(out, "# node {} {}\n", node + 1, plan.nodes[node]);
  }
  const auto offset = [&](double t) { return t - plan.from; };
  for (const contact::LinkWindow& window : plan.windows) {
    const auto last = static_cast<long long>(std::floor(offset(window.end)));
    for (std::size_t k = 0; k < window.segments.size(); ++k) {
      const auto start = static_cast<long long>(std::ceil(offset(window.segments[k].start)));
      const long long stop =
          k + 1 < window.segments.size()
              ? static_cast<long long>(std::ceil(offset(window.segments[k + 1].start)))
              : last;
      if (stop <= start) continue;
      const auto rate = static_cast<long long>(window.segments[k].rate);
      fmt::format_to(out, "a contact +{} +{} {} {} {}\n", start, stop, window.a + 1, window.b + 1,
                     rate);
      fmt::format_to(out, "a contact +{} +{} {} {} {}\n", start, stop, window.b + 1, window.a + 1,
                     rate);
    }
  }
  for (const contact::LinkWindow& window : plan.windows) {
    const auto start = static_cast<long long>(std::ceil(offset(window.start)));
    const auto stop = static_cast<long long>(std::floor(offset(window.end)));
    if (stop <= start) continue;
    // ION ranges are whole seconds and cover both directions.
    const auto light_seconds =
        static_cast<long long>(std::ceil(contact::light_time(window.max_range)));
    fmt::format_to(out, "a range +{} +{} {} {} {}\n", start, stop, window.a + 1, window.b + 1,
                   light_seconds);
  }
}

int contacts_main(const std::vector<std::string>& args) {
  const Arguments arguments(args, {{"horizon"}, {"format"}, {"from"}, {"help", false}});
  if (arguments.has("help")) {
    print_help();
    return kExitOk;
  }
  if (arguments.positional().size() != 1) {
    throw InputError("give one platform file ('umbra contacts --help')");
  }
  const std::string format = arguments.value("format").value_or("csv");
  if (format != "csv" && format != "ion") {
    throw InputError(fmt::format("option \"--format\" expects csv or ion, got \"{}\"", format));
  }
  contact::ContactPlanOptions options;
  options.horizon = required_horizon(arguments);
  const spec::PlatformSpec platform = read_platform(arguments.positional()[0]);
  const contact::Constellation constellation = contact::build_constellation(platform);
  if (constellation.satellites.empty()) throw InputError("the platform has no satellites");
  if (const auto from = arguments.value("from")) {
    options.from = seconds_since_epoch(*from, constellation.epoch, "from");
  }
  const contact::ContactPlan plan = contact::build_contact_plan(platform, constellation, options);

  fmt::memory_buffer buffer;
  if (format == "csv") {
    write_csv(plan, constellation.epoch, buffer);
  } else {
    write_ion(plan, constellation.epoch, buffer);
  }
  std::fwrite(buffer.data(), 1, buffer.size(), stdout);
  fmt::print(stderr,
             "{} candidate links, {} windows; dropped: {} shorter than their acquisition time, {} "
             "for terminal or antenna limits\n",
             plan.candidate_links, plan.windows.size(), plan.shorter_than_acquisition,
             plan.refused_for_terminals);
  for (const contact::GroupConnectivity& group :
       contact::isl_connectivity(platform, constellation, plan)) {
    fmt::print(stderr, "{}\n", contact::describe(group, options.horizon));
  }
  return kExitOk;
}

}  // namespace

Subcommand contacts_subcommand() {
  return {"contacts", "compute the contact plan (link windows) over a horizon as CSV or ION",
          contacts_main};
}

}  // namespace umbra::cli
