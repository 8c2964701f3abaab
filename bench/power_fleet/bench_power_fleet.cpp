// The power fleet of platforms/leo-starlink-shell.yaml (1,584 satellites, 72 x 22 at 550 km,
// 53 deg, 8 GPUs, 12 kWh battery, throttle) over 7 days. Times (a) the eclipse windows and the
// solar segments of every satellite, (b) the event loop of a PowerFleet driven as the engine
// will drive it, with 1,000 demand changes per day (seeded: a uniform time and satellite, the
// satellite's GPUs switching between idle and busy) and a one-hour state-of-charge forecast
// before each change, and (c) a day's look-ahead to every node's next operating-point change
// (next_point_change). Prints wall and CPU times, counts and the peak resident memory. A battery
// scale below 1 shrinks every battery so that busy nodes cannot ride out the shadow and the
// power policy acts.
//
// Usage: bench_power_fleet [threads = 1 (0: all) for (a)] [days = 7] [changes_per_day = 1000]
//                          [battery_scale = 1]
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <limits>
#include <vector>

#include "sim/contact/constellation.hpp"
#include "sim/core/parallel_for.hpp"
#include "sim/core/rng.hpp"
#include "sim/orbit/eclipse_windows.hpp"
#include "sim/power/power_fleet.hpp"
#include "sim/spec/platform_reader.hpp"

namespace {

using umbra::power::NodeDemand;

// Steps of the solar input and nothing else: rows the engine has no use for.
constexpr umbra::power::PowerEvents kSolarSteps =
    umbra::power::kPenumbraStep | umbra::power::kSolarStep;

struct DemandChange {
  double time = 0;
  std::size_t node = 0;
  NodeDemand demand;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU seconds (user + system) of the process so far, all threads: fair on a shared machine.
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec);
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// `count` changes at uniform times over [0, horizon) on uniform satellites, each flipping its
// satellite's GPUs between idle and busy; sorted by time, then node.
std::vector<DemandChange> demand_changes(const std::vector<NodeDemand>& initial, double horizon,
                                         std::size_t count) {
  umbra::Rng rng(1);
  std::vector<DemandChange> changes(count);
  for (DemandChange& change : changes) {
    change.time = rng.uniform(0, horizon);
    change.node = static_cast<std::size_t>(rng.uniform_int(initial.size()));
  }
  std::sort(changes.begin(), changes.end(), [](const DemandChange& a, const DemandChange& b) {
    return a.time < b.time || (a.time == b.time && a.node < b.node);
  });
  std::vector<NodeDemand> current = initial;
  for (DemandChange& change : changes) {
    NodeDemand& demand = current[change.node];
    demand.activity = demand.activity == umbra::power::GpuActivity::kBusy
                          ? umbra::power::GpuActivity::kIdle
                          : umbra::power::GpuActivity::kBusy;
    change.demand = demand;
  }
  return changes;
}

}  // namespace

int main(int argc, char** argv) {
  const auto threads = static_cast<unsigned>(argc > 1 ? std::atoi(argv[1]) : 1);
  const double days = argc > 2 ? std::atof(argv[2]) : 7.0;
  const auto changes_per_day = static_cast<std::size_t>(argc > 3 ? std::atoi(argv[3]) : 1000);
  const double battery_scale = argc > 4 ? std::atof(argv[4]) : 1.0;
  const double horizon = days * 86400.0;

  const umbra::spec::PlatformSpec platform =
      umbra::spec::read_platform_file(UMBRA_SOURCE_DIR "/platforms/leo-starlink-shell.yaml");
  const auto constellation = umbra::contact::build_constellation(platform);
  const std::size_t count = constellation.satellites.size();

  // (a) Eclipse windows, then solar segments.
  auto start = std::chrono::steady_clock::now();
  double cpu_start = cpu_seconds();
  std::vector<const umbra::orbit::Propagator*> propagators;
  for (const auto& satellite : constellation.satellites) {
    propagators.push_back(satellite.propagator.get());
  }
  const auto windows = umbra::orbit::eclipse_windows(propagators, constellation.epoch,
                                                     {.horizon = horizon, .threads = threads});
  const double eclipse_seconds = seconds_since(start);
  const double eclipse_cpu = cpu_seconds() - cpu_start;
  start = std::chrono::steady_clock::now();
  cpu_start = cpu_seconds();
  std::vector<umbra::power::FleetNode> nodes(count);
  umbra::parallel_for(count, threads, [&](std::size_t i) {
    const auto& satellite = constellation.satellites[i];
    nodes[i].solar =
        umbra::power::solar_profile(*satellite.propagator, constellation.epoch, windows[i],
                                    satellite.hardware.solar_array, horizon);
  });
  const double solar_seconds = seconds_since(start);
  const double solar_cpu = cpu_seconds() - cpu_start;
  std::size_t window_count = 0, segment_count = 0;
  for (std::size_t i = 0; i < count; ++i) {
    window_count += windows[i].size();
    segment_count += nodes[i].solar.size();
  }

  // (b) The fleet and its event loop.
  start = std::chrono::steady_clock::now();
  std::vector<NodeDemand> initial;
  for (std::size_t i = 0; i < count; ++i) {
    const auto& hardware = constellation.satellites[i].hardware;
    nodes[i].model = {hardware.power_policy, &platform.gpu_model(hardware.payload->gpu_model),
                      hardware.battery};
    nodes[i].model.battery->capacity *= battery_scale;
    nodes[i].demand = {umbra::power::satellite_fixed_power(hardware, platform.link_classes),
                       hardware.payload->gpus, umbra::power::GpuActivity::kIdle};
    initial.push_back(nodes[i].demand);
  }
  const std::vector<DemandChange> changes =
      demand_changes(initial, horizon, static_cast<std::size_t>(days * changes_per_day));
  umbra::power::PowerFleet fleet(std::move(nodes));
  const double fleet_seconds = seconds_since(start);

  // (c) What an engine waking only for operating-point changes would pay: each node's look-ahead
  // over the first day (the whole day when its point holds).
  const auto lookahead_start = std::chrono::steady_clock::now();
  std::size_t changing = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (fleet.next_point_change(i, 86400.0)) ++changing;
  }
  const double lookahead_seconds = seconds_since(lookahead_start);

  start = std::chrono::steady_clock::now();
  cpu_start = cpu_seconds();
  std::size_t rows = fleet.start().size(), advances = 0, point_changes = 0, solar_steps = 0;
  double forecast_seconds = 0, forecast_sum = 0;
  const auto count_rows = [&](const std::vector<umbra::power::FleetEvent>& events) {
    rows += events.size();
    for (const auto& event : events) {
      if (event.snapshot.events & umbra::power::kOperatingPointChanges) ++point_changes;
      if ((event.snapshot.events & ~kSolarSteps) == 0) ++solar_steps;
    }
  };
  std::size_t next = 0;
  for (;;) {
    const double time = fleet.next_event_time();
    if (next < changes.size() && changes[next].time <= time) {
      const DemandChange& change = changes[next++];
      const auto forecast_start = std::chrono::steady_clock::now();
      forecast_sum += fleet.forecast(change.node, change.time, change.demand, change.time + 3600)
                          .battery()
                          .state_of_charge();
      forecast_seconds += seconds_since(forecast_start);
      count_rows(fleet.set_demand(change.node, change.demand, change.time));
    } else if (time == std::numeric_limits<double>::infinity()) {
      break;
    } else {
      ++advances;
      count_rows(fleet.advance_to(time));
    }
  }
  const double loop_seconds = seconds_since(start);
  const double loop_cpu = cpu_seconds() - cpu_start;

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  fmt::print("satellites {} horizon {} d threads {} (a) battery scale {}\n", count, days,
             threads == 0 ? std::string("all") : fmt::format("{}", threads), battery_scale);
  fmt::print("(a) eclipse windows {:.2f} s wall, {:.2f} s CPU ({} windows)\n", eclipse_seconds,
             eclipse_cpu, window_count);
  fmt::print("    solar segments {:.2f} s wall, {:.2f} s CPU ({} segments)\n", solar_seconds,
             solar_cpu, segment_count);
  fmt::print("(b) building the fleet {:.2f} s\n", fleet_seconds);
  fmt::print("    event loop {:.2f} s wall, {:.2f} s CPU: {} demand changes, {} timer wake-ups\n",
             loop_seconds, loop_cpu, changes.size(), advances);
  fmt::print("    {} rows: {} changing a node's operating point, {} solar steps only\n", rows,
             point_changes, solar_steps);
  fmt::print("    forecasts {:.3f} s (mean state of charge 1 h after a change {:.4f})\n",
             forecast_seconds,
             forecast_sum / static_cast<double>(std::max<std::size_t>(1, changes.size())));
  fmt::print("(c) next_point_change over the first day, every node: {:.2f} s ({} change)\n",
             lookahead_seconds, changing);
  fmt::print("peak RSS {:.0f} MB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
