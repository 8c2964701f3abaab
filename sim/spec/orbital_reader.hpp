#pragma once
// Reads the orbital sections of a platform file (the rest is in platform_reader.hpp;
// docs/platform-reference.md tabulates every key with its unit and default). The
// format, with every default; a platform needs at least one site or one satellite:
//
//   epoch: 2026-03-20T12:00:00Z      # UTC; required when there is any satellite
//   link_classes:
//     - name: laser-isl
//       kind: laser                  # laser | rf | optical-ground
//       rate: 100 Gbps               # the data rate (the cap of an inverse-square model)
//       rate_model: fixed            # optional (fixed) | inverse-square: rate x
//       reference_range: 1000 km     #   (reference_range / range)^2 beyond reference_range
//       max_range: 5000 km
//       grazing_altitude: 80 km      # optional (80 km): rays between satellites clear the Earth
//       acquisition_time: 10 s       # optional (0)
//       power: 50 W                  # optional (0), per active terminal
//       elevation_mask: 25           # optional (10 deg), ground links (rf, optical-ground)
//       availability: 0.7            # optional (1), optical-ground only: clear-sky fraction
//   ground_stations:
//     - name: svalbard
//       location: {latitude: 78.23, longitude: 15.39}
//       altitude: 500 m              # optional (0), above the WGS-84 ellipsoid
//       min_elevation: 10            # optional (10 deg)
//       antennas: 4                  # optional (1)
//       backhaul: {site: iowa, bandwidth: 100 Gbps}
//                                    # optional: the terrestrial line to a ground site. site
//                                    #   (a name from sites) defaults to the nearest site by
//                                    #   great-circle distance (the first in file order on a
//                                    #   tie; none when there is no site); bandwidth (100 Gbps)
//                                    #   each direction; latency = that distance over fibre
//                                    #   (c / 1.468), like a WAN link without one
//   routing: delay                   # optional (delay) | bandwidth: how routes through space
//                                    #   are chosen: shortest one-way delay, or the widest
//                                    #   bottleneck, then the shortest delay
//   shells:                          # satellites named <shell>-pPP-sSS (plane, slot from 0)
//     - name: starlink
//       altitude: 550 km             # above the equatorial radius; at least 150 km (lower,
//                                    #   the atmosphere brings a satellite down within days),
//                                    #   as must be the perigee of each Keplerian orbit below
//       inclination: 53              # Walker shell ...
//       # local_time_of_ascending_node: "18:00"   # ... or sun-synchronous: inclination and the
//       #                                         # first plane's RAAN are derived
//       planes: 72                   # optional (1)
//       satellites_per_plane: 22
//       phasing: 1                   # optional (0), Walker F in [0, planes - 1]
//       pattern: delta               # optional (delta) | star
//       raan_of_first_plane: 0       # optional (0 deg), Walker shells only
//       <hardware>
//       isl: {topology: plus-grid, link_class: laser-isl}   # optional, <isl>
//   formations:                      # members named <formation>-mMMM (m000 is the reference)
//     - name: suncatcher
//       reference: {altitude: 650 km, local_time_of_ascending_node: "18:00"}
//       # or Keplerian: reference: {altitude: 650 km, inclination: 97.99, raan: 10, ...}
//       members: 81
//       radius: 1 km                 # every member stays within it of the reference
//       <hardware>
//       isl: {topology: full-mesh, link_class: laser-isl}   # optional, <isl>
//   satellites:
//     - name: demo-1                 # Keplerian elements
//       altitude: 550 km             # or semi_major_axis: 6928 km
//       eccentricity: 0.001          # optional (0)
//       inclination: 53
//       raan: 10                     # optional (0 deg), likewise argument_of_perigee and
//       mean_anomaly: 0              #   mean_anomaly
//       element_epoch: 2026-03-20T00:00:00Z   # optional (the scenario epoch)
//       <hardware>
//     - tle: |                       # one element set, two or three lines; name optional
//         ISS (ZARYA)                #   (from the name line, else the catalogue number)
//         1 25544U 98067A   ...
//         2 25544  51.6416 ...
//     - tle_file: stations.tle       # every set in the file, named by its name line or
//     - omm_file: stations.json      #   OBJECT_NAME (else its catalogue number); the path is
//       <hardware>                   #   relative to the platform file
//   isl_pairs:                       # explicit laser links between named satellites
//     - {between: [demo-1, demo-2], link_class: laser-isl}
//
// <isl>: laser links between the satellites of one shell or formation (contact/isl_topology.hpp):
//       topology: plus-grid          # plus-grid (shells: fore, aft and the same slot in both
//                                    #   neighbouring planes) | nearest-k (the k nearest at the
//                                    #   epoch) | full-mesh (formations) | none
//       link_class: laser-isl        # a laser class
//       k: 3                         # nearest-k only
//   The satellites must carry terminals of the class for the links one of them keeps at once
//   (plus-grid 4, or fewer in a tiny shell; nearest-k k; full-mesh 1: the terminal assignment
//   of the contact plan picks which of its links are up).
//
// <hardware>, all optional, given to every satellite of the entry:
//       payload: {gpu_model: H100, gpus: 8, fabric: 450 GB/s, storage: 8 GB/s}
//                # gpu_model from gpu_models; none: no compute. fabric (450 GB/s): per GPU port
//                # of the satellite's GPU switch (NVLink class); storage (8 GB/s): onboard
//                # checkpoint storage; both optional, positive data rates
//       solar_array: {area: 100 m2, efficiency: 0.3, packing_factor: 0.85,
//                     degradation_per_year: 0.02, pointing: sun-tracking}
//                     # packing_factor (0.85), degradation_per_year (0) and pointing
//                     # (sun-tracking | body-fixed) optional
//       battery: {capacity: 40 kWh, max_charge_power: 10 kW, max_discharge_power: 20 kW,
//                 charge_efficiency: 0.95, discharge_efficiency: 0.95,
//                 min_state_of_charge: 0.2, initial_state_of_charge: 1}
//                 # the efficiencies (0.95, in (0, 1]) and states of charge (0.2 in [0, 1),
//                 # 1 in [min, 1]) optional
//       bus_power: 500 W                        # (0)
//       power_policy: throttle                  # (throttle) | suspend | shutdown
//       terminals: [{link_class: laser-isl, count: 4}]
//
// Angles are in degrees. Names of satellites are unique across all entries; that, epochs and
// element sets are checked when the constellation is built (contact/constellation.hpp).
#include <string>

#include "sim/core/input_error_list.hpp"
#include "sim/spec/list_reading.hpp"
#include "sim/spec/platform_spec.hpp"
#include "sim/spec/yaml_fields.hpp"

namespace umbra::spec {

// Reads the sections above from the platform's top-level mapping. `text` is the file's content,
// to place each line of an inline TLE. Needs platform.gpu_models and platform.sites read first;
// `naming_models` and `naming_sites` say whether the entries that name GPU models or sites are
// read (list_reading.hpp). Errors go to `errors`, one per entry.
void read_orbital_sections(YamlFields& top, const std::string& text, PlatformSpec& platform,
                           InputErrorList& errors, EntryReading naming_models,
                           EntryReading naming_sites);

bool has_satellites(const PlatformSpec& platform);

// A latitude or longitude (degrees) within [-limit, limit], for sites and ground stations.
double read_coordinate(YamlFields& location, const std::string& key, double limit_deg);

}  // namespace umbra::spec
