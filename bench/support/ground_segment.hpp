#pragma once
// The ground segment the contact and routing benchmarks add to a shell, so that both use the
// same plan: a 10 Gbps Ka-band class with a terminal on every satellite of every shell, and
// 50 stations of 4 antennas spread over latitudes -58..+58 deg (equal-area spacing) and
// longitudes (golden angle), 25 deg mask.
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <numbers>

#include "sim/spec/platform_spec.hpp"

namespace umbra::bench {

inline constexpr int kStations = 50;

inline void add_ground_segment(spec::PlatformSpec& platform) {
  spec::LinkClassSpec ka;
  ka.name = "ka-ground";
  ka.kind = spec::LinkKind::kRf;
  ka.rate = 10e9 / 8;
  ka.max_range = 2500e3;
  ka.elevation_mask_deg = 25;
  platform.link_classes.push_back(ka);
  for (auto& shell : platform.shells) shell.hardware.terminals.push_back({"ka-ground", 1});
  const double golden_angle = 180.0 * (3.0 - std::sqrt(5.0));  // deg
  for (int i = 0; i < kStations; ++i) {
    spec::GroundStationSpec station;
    station.name = fmt::format("gs{:02}", i);
    station.latitude_deg =
        std::asin(-0.85 + 1.72 * (i + 0.5) / kStations) * 180.0 / std::numbers::pi;
    station.longitude_deg = std::fmod(i * golden_angle, 360.0) - 180.0;
    station.min_elevation_deg = 25;
    station.antennas = 4;
    platform.ground_stations.push_back(station);
  }
}

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace umbra::bench
