// The contact plan of platforms/leo-starlink-shell.yaml (1,584 satellites, 72 x 22 at 550 km,
// 53 deg, plus-grid laser ISLs) with 50 generated ground stations over 24 h. Each satellite
// gains one Ka terminal (10 Gbps, 2,500 km, 25 deg mask); the stations (4 antennas, 25 deg
// minimum elevation) lie on a golden-angle spiral between ~58 S and ~61 N. Prints the wall time
// of reading and building, of the plan alone, the plan's counts, and the peak resident memory.
//
// Usage: bench_contact_plan [threads = 0 (all)] [horizon_hours = 24]
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <numbers>

#include "bench/support/ground_segment.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/contact/contact_plan.hpp"
#include "sim/spec/platform_reader.hpp"

using umbra::bench::add_ground_segment;
using umbra::bench::seconds_since;

int main(int argc, char** argv) {
  const auto threads = static_cast<unsigned>(argc > 1 ? std::atoi(argv[1]) : 0);
  const double hours = argc > 2 ? std::atof(argv[2]) : 24.0;
  const auto start = std::chrono::steady_clock::now();
  umbra::spec::PlatformSpec platform =
      umbra::spec::read_platform_file(UMBRA_SOURCE_DIR "/platforms/leo-starlink-shell.yaml");
  add_ground_segment(platform);
  const auto constellation = umbra::contact::build_constellation(platform);
  umbra::contact::ContactPlanOptions options;
  options.horizon = hours * 3600.0;
  options.threads = threads;
  const auto plan_start = std::chrono::steady_clock::now();
  const auto plan = umbra::contact::build_contact_plan(platform, constellation, options);
  const double plan_seconds = seconds_since(plan_start);
  const double total_seconds = seconds_since(start);

  std::size_t segments = 0, ground_windows = 0;
  for (const auto& window : plan.windows) {
    segments += window.segments.size();
    if (window.b >= plan.satellite_count) ++ground_windows;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  fmt::print(
      "satellites {} stations {} horizon {} h threads {}\n"
      "candidate links {}, windows {} ({} to the ground), rate segments {}\n"
      "dropped: {} shorter than acquisition, {} for terminal or antenna limits\n"
      "wall: plan {:.2f} s, total {:.2f} s; peak RSS {:.0f} MB\n",
      plan.satellite_count, platform.ground_stations.size(), hours,
      threads == 0 ? std::string("all") : fmt::format("{}", threads), plan.candidate_links,
      plan.windows.size(), ground_windows, segments, plan.shorter_than_acquisition,
      plan.refused_for_terminals, plan_seconds, total_seconds,
      static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
