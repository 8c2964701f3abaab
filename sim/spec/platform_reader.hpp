#pragma once
// Reads a platform YAML file into a validated PlatformSpec. The format, with every default:
//
//   name: two-sites                 # optional, defaults to the file name without extension
//   gpu_models:
//     - name: H100
//       peak: 989 TFLOPS            # dense bf16 peak per GPU
//       idle_power: 70 W
//       busy_power: 700 W
//       memory: 80 GB               # optional
//       pstates:                    # optional DVFS states below the peak, fastest first
//         - {speed: 0.8, busy_power: 520 W, idle_power: 70 W}  # idle defaults to the model's
//   sites:
//     - name: iowa
//       location: {latitude: 41.26, longitude: -95.86}        # degrees
//       nodes: 16
//       gpus_per_node: 8
//       gpu_model: H100
//       intra_node: {bandwidth: 900 GB/s, latency: 1 us}      # optional, these are the defaults
//       network: {bandwidth: 400 Gbps, latency: 5 us}         # per-node NIC and site fabric
//       storage: {bandwidth: 200 Gbps}                        # checkpoint storage, per site
//       power_cap: 2 MW                                       # optional
//       pue: 1.2                                              # optional, default 1.0
//   wan:
//     - between: [iowa, oregon]
//       bandwidth: 100 Gbps
//       latency: 25 ms              # optional, see fibre_latency()
#include <string>

#include "sim/spec/platform_spec.hpp"

namespace umbra::spec {

// Mean Earth radius (IUGG), m: the sphere the great-circle distance is measured on.
inline constexpr double kMeanEarthRadius = 6371.0088e3;
// Speed of light in single-mode fibre, m/s: c over a group index of 1.468 (at 1550 nm).
inline constexpr double kFibreLightSpeed = 299792458.0 / 1.468;
// Default intra-node port: H100 SXM's NVLink 4 figure and a typical switch hop.
inline constexpr double kDefaultIntraNodeBandwidth = 900e9;  // bytes/s
inline constexpr double kDefaultIntraNodeLatency = 1e-6;     // s

// Haversine distance between two points given in degrees, on the mean Earth sphere, m.
double great_circle_distance(double latitude1_deg, double longitude1_deg, double latitude2_deg,
                             double longitude2_deg);

// One-way delay over fibre laid along the great circle between two sites, s. A lower bound:
// real routes are longer, so give `latency` explicitly when it is known.
double fibre_latency(const SiteSpec& a, const SiteSpec& b);

PlatformSpec read_platform_file(const std::string& path);
// `file_name` is used in error messages and for the default platform name.
PlatformSpec read_platform_text(const std::string& text, const std::string& file_name);

}  // namespace umbra::spec
