#pragma once
// The orbital part of a platform as written in its YAML file (orbital_reader.hpp documents the
// format), validated, in SI units. Plain data: angles stay in degrees as written, and what only
// the orbit module can interpret (UTC epochs, TLE lines, OMM files) stays text with its source
// position; contact/constellation.hpp turns it into named satellites with propagators.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/spec/scalar_text.hpp"

namespace umbra::spec {

// ---- What a satellite carries (used by the power and link models) ----

struct PayloadSpec {
  std::string gpu_model;  // a name from PlatformSpec::gpu_models
  int gpus = 0;
  double fabric_bandwidth = 450e9;  // bytes/s per GPU port of the GPUs' switch (NVLink-class)
  double storage_bandwidth = 8e9;   // bytes/s of the onboard checkpoint storage (NVMe-class)
};

enum class ArrayPointing { kSunTracking, kBodyFixed };

struct SolarArraySpec {
  double area = 0;                  // m^2
  double efficiency = 0;            // cell efficiency, (0, 1]
  double packing_factor = 0.85;     // cell area over array area, (0, 1]
  double degradation_per_year = 0;  // fraction of output lost per year, [0, 1)
  ArrayPointing pointing = ArrayPointing::kSunTracking;
};

struct BatterySpec {
  double capacity = 0;                 // J, > 0
  double max_charge_power = 0;         // W, > 0
  double max_discharge_power = 0;      // W, > 0
  double charge_efficiency = 0.95;     // (0, 1]
  double discharge_efficiency = 0.95;  // (0, 1]
  double min_state_of_charge = 0.2;    // floor, [0, 1)
  double initial_state_of_charge = 1;  // [min_state_of_charge, 1]
};

// What the power model does when the budget cannot feed the payload.
enum class PowerPolicy { kThrottle, kSuspend, kShutdown };

// Laser links a shell or formation asks for between its own satellites (contact/isl_topology.hpp
// builds the pairs).
enum class IslTopology { kNone, kPlusGrid, kNearestK, kFullMesh };

struct IslSpec {
  IslTopology topology = IslTopology::kNone;
  std::string link_class;  // a laser class from PlatformSpec::link_classes
  int k = 0;               // nearest-k only: neighbours each satellite asks for
  SourcePosition where;
};

// An explicit laser link between two named satellites (top-level isl_pairs).
struct IslPairSpec {
  std::string a, b;
  std::string link_class;
  SourcePosition where;
};

struct TerminalSpec {
  std::string link_class;  // a name from PlatformSpec::link_classes
  int count = 0;
};

// Everything a shell, formation or explicit satellite gives to each of its satellites.
struct SatelliteHardwareSpec {
  std::optional<PayloadSpec> payload;  // none: no compute
  std::optional<SolarArraySpec> solar_array;
  std::optional<BatterySpec> battery;
  double bus_power = 0;  // W drawn by the bus whatever the payload does
  PowerPolicy power_policy = PowerPolicy::kThrottle;
  std::vector<TerminalSpec> terminals;
};

// ---- Orbits ----

// Mean Keplerian elements. Exactly one of altitude (above the equatorial radius) and
// semi_major_axis is set.
struct KeplerianSpec {
  std::optional<double> altitude;         // m
  std::optional<double> semi_major_axis;  // m
  double eccentricity = 0;
  double inclination_deg = 0;
  double raan_deg = 0;
  double argument_of_perigee_deg = 0;
  double mean_anomaly_deg = 0;
  std::optional<ScalarText> epoch;  // UTC; the scenario epoch when absent
};

// A circular sun-synchronous orbit: inclination and RAAN are derived.
struct SunSynchronousSpec {
  double altitude = 0;                      // m
  double local_time_of_ascending_node = 0;  // s after local midnight ("18:00" -> 64,800)
};

enum class WalkerPatternSpec { kDelta, kStar };

// A Walker shell, or a sun-synchronous one when local_time_of_ascending_node is set (then the
// inclination and the first plane's RAAN are derived, and the other planes follow the pattern).
struct ShellSpec {
  std::string name;
  double altitude = 0;                                 // m
  std::optional<double> inclination_deg;               // Walker shells
  std::optional<double> local_time_of_ascending_node;  // sun-synchronous shells, s
  int planes = 1;
  int satellites_per_plane = 0;
  int phasing = 0;  // Walker F, [0, planes - 1]
  WalkerPatternSpec pattern = WalkerPatternSpec::kDelta;
  double raan_of_first_plane_deg = 0;  // Walker shells only
  SatelliteHardwareSpec hardware;
  IslSpec isl;
  SourcePosition where;
};

struct FormationSpec {
  std::string name;
  std::variant<SunSynchronousSpec, KeplerianSpec> reference;
  int members = 0;
  double radius = 0;  // m
  SatelliteHardwareSpec hardware;
  IslSpec isl;
  SourcePosition where;
};

// One element set written in the platform file: two or three lines, each with its position.
struct InlineTleSpec {
  std::vector<ScalarText> lines;
};

// A TLE or OMM file beside the platform: every element set in it becomes a satellite.
struct ElementFileSpec {
  enum class Format { kTle, kOmm };
  Format format = Format::kTle;
  std::string path;  // resolved against the platform file's folder
  SourcePosition where;
};

struct SatelliteSpec {
  std::string name;  // empty for a file (each set names itself) or an unnamed inline TLE
  std::variant<KeplerianSpec, InlineTleSpec, ElementFileSpec> orbit;
  SatelliteHardwareSpec hardware;
  SourcePosition where;
};

// ---- Links and ground stations (used by the link model) ----

enum class LinkKind { kLaser, kRf, kOpticalGround };

// Rate against range: fixed, or the link budget's inverse-square law beyond a reference range
// (rate x (reference_range / range)^2, capped at rate).
enum class RateModel { kFixed, kInverseSquare };

struct LinkClassSpec {
  std::string name;
  LinkKind kind = LinkKind::kLaser;
  double rate = 0;  // bytes/s: the fixed rate, or the cap of the rate model
  RateModel rate_model = RateModel::kFixed;
  double reference_range = 0;      // m, inverse-square only: the range where `rate` still holds
  double max_range = 0;            // m
  double grazing_altitude = 80e3;  // m: a space-to-space ray must clear the Earth by this much
  double acquisition_time = 0;     // s, before a new link carries data
  double power = 0;                // W drawn by one active terminal
  double elevation_mask_deg = 10;  // ground links: lowest elevation seen from the ground
  double availability = 1;         // optical ground links: clear-sky fraction, (0, 1]
  SourcePosition where;
};

struct GroundStationSpec {
  std::string name;
  double latitude_deg = 0;
  double longitude_deg = 0;
  double altitude = 0;  // m above the WGS-84 ellipsoid
  double min_elevation_deg = 10;
  int antennas = 1;
  // The terrestrial line joining the station to a ground site: the named site, else the
  // nearest by great-circle distance; latency from that distance over fibre.
  std::string backhaul_site;
  double backhaul_bandwidth = 12.5e9;  // bytes/s each direction (100 Gbps)
  SourcePosition where;
};

}  // namespace umbra::spec
