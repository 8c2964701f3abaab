#pragma once
// The platform as written in its YAML file, validated, in SI units. Plain data: the engine
// builds the simulated platform from it, the orbit and contact modules add their parts.
#include <optional>
#include <string>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/spec/orbital_spec.hpp"

namespace umbra::spec {

// A DVFS state of a GPU: speed as a fraction of peak, and its power draw.
struct PstateSpec {
  double speed_ratio = 1;  // (0, 1]
  double busy_watts = 0;
  double idle_watts = 0;
};

struct GpuModelSpec {
  std::string name;
  double peak_flops = 0;  // FLOP/s at pstate 0 (dense bf16 for AI accelerators)
  double idle_watts = 0;
  double busy_watts = 0;
  double memory_bytes = 0;          // optional, 0 = not given
  std::vector<PstateSpec> pstates;  // pstate 0 first; always holds at least the peak state
  SourcePosition where;
};

struct SiteSpec {
  std::string name;
  double latitude_deg = 0;
  double longitude_deg = 0;
  int nodes = 0;
  int gpus_per_node = 0;
  std::string gpu_model;                  // a name from PlatformSpec::gpu_models
  double intra_node_bandwidth = 0;        // bytes/s, per GPU port (NVLink-class)
  double intra_node_latency = 0;          // s
  double node_bandwidth = 0;              // bytes/s, per node NIC, each direction
  double node_latency = 0;                // s, node to node through the site fabric
  double storage_bandwidth = 0;           // bytes/s, shared by the site's checkpoint storage
  std::optional<double> power_cap_watts;  // grid cap, used by the power model
  double pue = 1.0;
  SourcePosition where;
};

struct WanLinkSpec {
  std::string a, b;      // site names
  double bandwidth = 0;  // bytes/s, each direction
  double latency = 0;    // s, given or derived from the great-circle distance over fibre
  bool latency_derived = false;
  SourcePosition where;
};

// How routes through space are chosen (network/space_router.hpp).
enum class RoutingMetric {
  kDelay,      // shortest one-way delay
  kBandwidth,  // widest bottleneck, then shortest delay
};

struct PlatformSpec {
  std::string file;
  std::string name;
  std::vector<GpuModelSpec> gpu_models;
  std::vector<SiteSpec> sites;
  std::vector<WanLinkSpec> wan_links;
  // Orbital part (orbital_spec.hpp); epoch is set whenever there is a satellite.
  std::optional<ScalarText> epoch;
  std::vector<LinkClassSpec> link_classes;
  std::vector<GroundStationSpec> ground_stations;
  std::vector<ShellSpec> shells;
  std::vector<FormationSpec> formations;
  std::vector<SatelliteSpec> satellites;
  std::vector<IslPairSpec> isl_pairs;  // names checked when the constellation is built
  RoutingMetric routing = RoutingMetric::kDelay;
  // "file:line:column: altitude 550 read as 550 m (no unit)": quantities written without a unit
  // (spec/yaml_fields.hpp), for the commands to print.
  std::vector<std::string> warnings;

  const GpuModelSpec& gpu_model(const std::string& name) const;  // must exist (validated)
  int total_gpus() const;                                        // of the ground sites
  // The clusters a job can run in, in file order: the ground sites, the shells, the formations
  // and the explicit satellites (each satellite of a `satellites` entry is a cluster of its
  // own), those without GPUs left out. Each has one GPU model.
  struct ClusterSize {
    std::string name;
    int gpus = 0;
    std::string gpu_model;
  };
  std::vector<ClusterSize> clusters() const;
  // The largest of them, the first in file order on a tie; empty name and 0 GPUs without any.
  ClusterSize largest_cluster() const;
  int largest_site_gpus() const { return largest_cluster().gpus; }
};

}  // namespace umbra::spec
