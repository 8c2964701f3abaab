// Eclipse windows for a 1,584-satellite Walker shell (72 planes x 22, 550 km, 53 deg, F = 1)
// over 24 h, timed on one thread and on all hardware threads, by eclipse_windows() and by
// stream_eclipse_windows() (batch propagation, what `umbra eclipses` runs). Prints wall times
// (best and median of the repetitions) and the window count, which must not depend on the thread
// count (nor, here, on the method).
//
// Usage: bench_eclipses [repetitions = 5]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <numbers>
#include <thread>
#include <utility>
#include <vector>

#include "sim/orbit/eclipse_windows.hpp"
#include "sim/orbit/kepler_j2.hpp"
#include "sim/orbit/walker.hpp"

namespace {

using umbra::orbit::EclipseSearch;
using umbra::orbit::KeplerJ2Propagator;
using umbra::orbit::Propagator;

struct Timing {
  double best = 0, median = 0;  // seconds
  std::size_t windows = 0;
};

enum class Method { kEclipseWindows, kStreamed };

std::size_t window_count(Method method, const std::vector<const Propagator*>& satellites,
                         const umbra::orbit::JulianDate& epoch, const EclipseSearch& search) {
  std::size_t count = 0;
  if (method == Method::kEclipseWindows) {
    for (const auto& per_satellite : umbra::orbit::eclipse_windows(satellites, epoch, search)) {
      count += per_satellite.size();
    }
  } else {
    umbra::orbit::stream_eclipse_windows(satellites, epoch, search, [&](std::size_t, auto windows) {
      for (const auto& per_satellite : windows) count += per_satellite.size();
    });
  }
  return count;
}

Timing time_runs(Method method, const std::vector<const Propagator*>& satellites,
                 const umbra::orbit::JulianDate& epoch, unsigned threads, int repetitions) {
  std::vector<double> seconds;
  Timing timing;
  for (int run = 0; run < repetitions; ++run) {
    const auto start = std::chrono::steady_clock::now();
    timing.windows = window_count(method, satellites, epoch,
                                  EclipseSearch{.horizon = 86400.0, .threads = threads});
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  timing.best = seconds.front();
  timing.median = seconds[seconds.size() / 2];
  return timing;
}

}  // namespace

int main(int argc, char** argv) {
  const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  const auto epoch = umbra::orbit::parse_utc("2026-03-20T00:00:00Z");
  const auto elements = umbra::orbit::walker_elements({.altitude = 550e3,
                                                       .inclination = 53.0 * std::numbers::pi / 180,
                                                       .total_satellites = 1584,
                                                       .planes = 72,
                                                       .phasing = 1,
                                                       .epoch = epoch});
  const std::vector<KeplerJ2Propagator> propagators(elements.begin(), elements.end());
  std::vector<const Propagator*> satellites;
  for (const auto& propagator : propagators) satellites.push_back(&propagator);

  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  fmt::print("eclipse windows, 1584 satellites (72 x 22, 550 km, 53 deg), 24 h, {} runs\n",
             repetitions);
  for (const auto& [method, name] : {std::pair{Method::kEclipseWindows, "eclipse_windows"},
                                     std::pair{Method::kStreamed, "stream_eclipse_windows"}}) {
    for (const unsigned threads : {1u, hardware}) {
      const Timing timing = time_runs(method, satellites, epoch, threads, repetitions);
      fmt::print("{}, threads {}: best {:.3f} s, median {:.3f} s, {} windows\n", name, threads,
                 timing.best, timing.median, timing.windows);
    }
  }
  return 0;
}
