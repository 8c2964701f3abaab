// SGP4 throughput in microseconds per satellite-step, on one core and on two (std::thread, the
// satellites split in halves), and of the batch propagator (Sgp4Batch) on one core. The element
// sets are a Starlink-like shell (72 planes x 22 satellites, 53 deg, 550 km), written as TLE text
// and read back through the TLE parser, so that satellite.js (satellitejs_bench.mjs) can propagate
// exactly the same sets:
//   bench_sgp4 --write-tle=PATH   writes the sets and exits
//   bench_sgp4 [benchmark flags]  runs the benchmarks
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "sim/orbit/sgp4.hpp"
#include "sim/orbit/sgp4_batch.hpp"
#include "sim/orbit/tle.hpp"

namespace {

using umbra::orbit::ElementSet;
using umbra::orbit::Sgp4Batch;
using umbra::orbit::Sgp4Propagator;

constexpr int kPlanes = 72;
constexpr int kSatellitesPerPlane = 22;
constexpr int kSteps = 100;               // propagation times per satellite
constexpr double kStepMinutes = 1.0;      // 0 .. 99 min after epoch
constexpr double kMeanMotion = 15.05527;  // rev/day, ~550 km (n = sqrt(mu / a^3))

std::string with_checksum(std::string line) {
  return line + std::to_string(umbra::orbit::tle_checksum(line));
}

// Walker-delta 53:1584/72/1 shell as TLE text, epoch 2026 day 79.5.
std::string starlink_like_tle() {
  std::string text;
  int satnum = 70000;
  for (int plane = 0; plane < kPlanes; ++plane) {
    for (int slot = 0; slot < kSatellitesPerPlane; ++slot, ++satnum) {
      const double raan = 360.0 * plane / kPlanes;
      const double anomaly = std::fmod(
          360.0 * slot / kSatellitesPerPlane + 360.0 * plane / (kPlanes * kSatellitesPerPlane),
          360.0);
      text += with_checksum(fmt::format(
          "1 {:05d}U 26001A   26079.50000000  .00001000  00000-0  10000-3 0  999", satnum));
      text += '\n';
      text += with_checksum(
          fmt::format("2 {:05d}  53.0000 {:8.4f} 0001000  90.0000 {:8.4f} {:11.8f}    1", satnum,
                      raan, anomaly, kMeanMotion));
      text += '\n';
    }
  }
  return text;
}

const std::vector<ElementSet>& element_sets() {
  static const std::vector<ElementSet> all =
      umbra::orbit::parse_tle(starlink_like_tle(), "starlink-like");
  return all;
}

const std::vector<Sgp4Propagator>& propagators() {
  static const std::vector<Sgp4Propagator> all(element_sets().begin(), element_sets().end());
  return all;
}

// Propagates satellites [first, last) at every step; returns a checksum so nothing is optimised
// away.
double propagate_range(const std::vector<Sgp4Propagator>& sats, std::size_t first,
                       std::size_t last) {
  double sum = 0;
  for (std::size_t i = first; i < last; ++i) {
    for (int step = 0; step < kSteps; ++step) {
      sum += sats[i].propagate_minutes(step * kStepMinutes).position.x;
    }
  }
  return sum;
}

void report(benchmark::State& state, std::size_t satellites) {
  const double steps = static_cast<double>(satellites) * kSteps;
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * steps));
  // Seconds per million satellite-steps is microseconds per satellite-step.
  state.counters["us_per_sat_step"] = benchmark::Counter(
      steps * 1e-6, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_Sgp4OneThread(benchmark::State& state) {
  const auto& sats = propagators();
  for (auto _ : state) benchmark::DoNotOptimize(propagate_range(sats, 0, sats.size()));
  report(state, sats.size());
}
// CPU time of the one thread: fair on a machine shared with other work.
BENCHMARK(BM_Sgp4OneThread)->Unit(benchmark::kMillisecond);

void BM_Sgp4TwoThreads(benchmark::State& state) {
  const auto& sats = propagators();
  const std::size_t half = sats.size() / 2;
  for (auto _ : state) {
    double second_half = 0;
    std::thread worker([&] { second_half = propagate_range(sats, half, sats.size()); });
    const double first_half = propagate_range(sats, 0, half);
    worker.join();
    benchmark::DoNotOptimize(first_half + second_half);
  }
  report(state, sats.size());
}
// Wall time: the second thread's CPU time is not counted by the benchmark library.
BENCHMARK(BM_Sgp4TwoThreads)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Sgp4BatchOneThread(benchmark::State& state) {
  const Sgp4Batch batch(element_sets());
  std::vector<umbra::orbit::StateVector> states(batch.size());
  for (auto _ : state) {
    double sum = 0;
    for (int step = 0; step < kSteps; ++step) {
      batch.propagate_minutes(step * kStepMinutes, states);
      for (const auto& s : states) sum += s.position.x;
    }
    benchmark::DoNotOptimize(sum);
  }
  report(state, batch.size());
}
// CPU time, as BM_Sgp4OneThread: the same sets at the same times, all satellites of a step at once.
BENCHMARK(BM_Sgp4BatchOneThread)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  constexpr std::string_view kWriteFlag = "--write-tle=";
  if (argc == 2 && std::string_view(argv[1]).starts_with(kWriteFlag)) {
    const std::string path(std::string_view(argv[1]).substr(kWriteFlag.size()));
    std::FILE* out = std::fopen(path.c_str(), "w");
    if (!out) return 1;
    const std::string text = starlink_like_tle();
    const bool written = std::fwrite(text.data(), 1, text.size(), out) == text.size();
    return std::fclose(out) == 0 && written ? 0 : 1;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
