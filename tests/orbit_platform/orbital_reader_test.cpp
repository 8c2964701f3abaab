// The orbital sections of a platform file: each form read into SI values, defaults applied,
// places kept for what the orbit module interprets later. Errors are in tests/spec/malformed/.
#include "sim/spec/orbital_reader.hpp"

#include <gtest/gtest.h>

#include <string>

#include "sim/spec/platform_reader.hpp"

namespace umbra::spec {
namespace {

constexpr const char* kOrbital = R"(name: orbital
epoch: 2026-03-20T12:00:00Z
gpu_models:
  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}
link_classes:
  - {name: laser-isl, kind: laser, rate: 100 Gbps, max_range: 5000 km, acquisition_time: 10 s}
  - {name: ground, kind: optical-ground, rate: 10 Gbps, max_range: 2000 km, availability: 0.6,
     elevation_mask: 20}
ground_stations:
  - {name: svalbard, location: {latitude: 78.23, longitude: 15.41}, altitude: 500 m}
shells:
  - name: starlink
    altitude: 550 km
    inclination: 53
    planes: 72
    satellites_per_plane: 22
    phasing: 1
    payload: {gpu_model: H100, gpus: 8}
    solar_array: {area: 60 m2, efficiency: 30 %}
    battery: {capacity: 40 kWh, max_charge_power: 10 kW, max_discharge_power: 20 kW}
    bus_power: 1 kW
    power_policy: suspend
    terminals: [{link_class: laser-isl, count: 4}, {link_class: ground}]
  - name: dusk
    altitude: 650 km
    local_time_of_ascending_node: "18:00:30"
    satellites_per_plane: 10
    pattern: star
formations:
  - name: suncatcher
    reference: {altitude: 650 km, local_time_of_ascending_node: "06:00"}
    members: 81
    radius: 1 km
  - name: kepler-cluster
    reference: {semi_major_axis: 7000 km, inclination: 60, raan: 10}
    members: 4
    radius: 500 m
satellites:
  - name: demo
    altitude: 600 km
    eccentricity: 0.001
    inclination: 97.5
    raan: 20
    argument_of_perigee: 30
    mean_anomaly: 40
    element_epoch: 2026-03-19T00:00:00Z
  - tle: |
      ISS (ZARYA)
      1 25544U 98067A   19343.69339541  .00001764  00000-0  38792-4 0  9991
      2 25544  51.6439 211.2001 0007417  17.6667  85.6398 15.50103472202482
  - tle_file: ../elements/stations.tle
  - omm_file: stations.json
)";

TEST(OrbitalReader, ReadsWalkerAndSunSynchronousShells) {
  const PlatformSpec platform = read_platform_text(kOrbital, "dir/orbital.yaml");
  ASSERT_EQ(platform.shells.size(), 2u);
  const ShellSpec& walker = platform.shells[0];
  EXPECT_DOUBLE_EQ(walker.altitude, 550e3);
  EXPECT_DOUBLE_EQ(*walker.inclination_deg, 53);
  EXPECT_FALSE(walker.local_time_of_ascending_node);
  EXPECT_EQ(walker.planes, 72);
  EXPECT_EQ(walker.satellites_per_plane, 22);
  EXPECT_EQ(walker.phasing, 1);
  EXPECT_EQ(walker.pattern, WalkerPatternSpec::kDelta);
  EXPECT_EQ(walker.where.line, 12);

  const ShellSpec& dusk = platform.shells[1];
  EXPECT_FALSE(dusk.inclination_deg);
  EXPECT_DOUBLE_EQ(*dusk.local_time_of_ascending_node, 18 * 3600 + 30);
  EXPECT_EQ(dusk.planes, 1);  // default
  EXPECT_EQ(dusk.phasing, 0);
  EXPECT_EQ(dusk.pattern, WalkerPatternSpec::kStar);
}

TEST(OrbitalReader, ReadsHardwareInSiUnitsWithDefaults) {
  const PlatformSpec platform = read_platform_text(kOrbital, "orbital.yaml");
  const SatelliteHardwareSpec& hardware = platform.shells[0].hardware;
  ASSERT_TRUE(hardware.payload);
  EXPECT_EQ(hardware.payload->gpu_model, "H100");
  EXPECT_EQ(hardware.payload->gpus, 8);
  ASSERT_TRUE(hardware.solar_array);
  EXPECT_DOUBLE_EQ(hardware.solar_array->area, 60);
  EXPECT_DOUBLE_EQ(hardware.solar_array->efficiency, 0.3);
  EXPECT_DOUBLE_EQ(hardware.solar_array->packing_factor, 0.85);
  EXPECT_DOUBLE_EQ(hardware.solar_array->degradation_per_year, 0);
  EXPECT_EQ(hardware.solar_array->pointing, ArrayPointing::kSunTracking);
  ASSERT_TRUE(hardware.battery);
  EXPECT_DOUBLE_EQ(hardware.battery->capacity, 40e3 * 3600);
  EXPECT_DOUBLE_EQ(hardware.battery->max_charge_power, 10e3);
  EXPECT_DOUBLE_EQ(hardware.battery->max_discharge_power, 20e3);
  EXPECT_DOUBLE_EQ(hardware.battery->charge_efficiency, 0.95);
  EXPECT_DOUBLE_EQ(hardware.battery->min_state_of_charge, 0.2);
  EXPECT_DOUBLE_EQ(hardware.battery->initial_state_of_charge, 1);
  EXPECT_DOUBLE_EQ(hardware.bus_power, 1e3);
  EXPECT_EQ(hardware.power_policy, PowerPolicy::kSuspend);
  ASSERT_EQ(hardware.terminals.size(), 2u);
  EXPECT_EQ(hardware.terminals[0].link_class, "laser-isl");
  EXPECT_EQ(hardware.terminals[0].count, 4);
  EXPECT_EQ(hardware.terminals[1].count, 1);  // default

  const SatelliteHardwareSpec& bare = platform.shells[1].hardware;
  EXPECT_FALSE(bare.payload);
  EXPECT_FALSE(bare.battery);
  EXPECT_EQ(bare.power_policy, PowerPolicy::kThrottle);
}

TEST(OrbitalReader, ReadsFormationsWithEitherReference) {
  const PlatformSpec platform = read_platform_text(kOrbital, "orbital.yaml");
  ASSERT_EQ(platform.formations.size(), 2u);
  const auto& dawn = std::get<SunSynchronousSpec>(platform.formations[0].reference);
  EXPECT_DOUBLE_EQ(dawn.altitude, 650e3);
  EXPECT_DOUBLE_EQ(dawn.local_time_of_ascending_node, 6 * 3600);
  EXPECT_EQ(platform.formations[0].members, 81);
  EXPECT_DOUBLE_EQ(platform.formations[0].radius, 1e3);
  const auto& kepler = std::get<KeplerianSpec>(platform.formations[1].reference);
  EXPECT_DOUBLE_EQ(*kepler.semi_major_axis, 7000e3);
  EXPECT_FALSE(kepler.altitude);
  EXPECT_DOUBLE_EQ(kepler.raan_deg, 10);
}

TEST(OrbitalReader, ReadsKeplerianSatellites) {
  const PlatformSpec platform = read_platform_text(kOrbital, "orbital.yaml");
  const SatelliteSpec& demo = platform.satellites.at(0);
  EXPECT_EQ(demo.name, "demo");
  const auto& orbit = std::get<KeplerianSpec>(demo.orbit);
  EXPECT_DOUBLE_EQ(*orbit.altitude, 600e3);
  EXPECT_DOUBLE_EQ(orbit.eccentricity, 0.001);
  EXPECT_DOUBLE_EQ(orbit.inclination_deg, 97.5);
  EXPECT_DOUBLE_EQ(orbit.raan_deg, 20);
  EXPECT_DOUBLE_EQ(orbit.argument_of_perigee_deg, 30);
  EXPECT_DOUBLE_EQ(orbit.mean_anomaly_deg, 40);
  ASSERT_TRUE(orbit.epoch);
  EXPECT_EQ(orbit.epoch->text, "2026-03-19T00:00:00Z");
  EXPECT_EQ(orbit.epoch->where.line, 46);
}

TEST(OrbitalReader, PlacesEachLineOfAnInlineTle) {
  const PlatformSpec platform = read_platform_text(kOrbital, "orbital.yaml");
  const auto& tle = std::get<InlineTleSpec>(platform.satellites.at(1).orbit);
  ASSERT_EQ(tle.lines.size(), 3u);
  EXPECT_EQ(tle.lines[0].text, "ISS (ZARYA)");
  EXPECT_EQ(tle.lines[1].text.substr(0, 7), "1 25544");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(tle.lines[static_cast<std::size_t>(i)].where.line, 48 + i);
    EXPECT_EQ(tle.lines[static_cast<std::size_t>(i)].where.column, 7);
  }
}

TEST(OrbitalReader, ResolvesElementFilesAgainstThePlatformFolder) {
  const PlatformSpec platform = read_platform_text(kOrbital, "dir/sub/orbital.yaml");
  const auto& tle = std::get<ElementFileSpec>(platform.satellites.at(2).orbit);
  EXPECT_EQ(tle.format, ElementFileSpec::Format::kTle);
  EXPECT_EQ(tle.path, "dir/elements/stations.tle");
  const auto& omm = std::get<ElementFileSpec>(platform.satellites.at(3).orbit);
  EXPECT_EQ(omm.format, ElementFileSpec::Format::kOmm);
  EXPECT_EQ(omm.path, "dir/sub/stations.json");
}

TEST(OrbitalReader, ReadsLinkClassesAndGroundStations) {
  const PlatformSpec platform = read_platform_text(kOrbital, "orbital.yaml");
  ASSERT_EQ(platform.link_classes.size(), 2u);
  const LinkClassSpec& laser = platform.link_classes[0];
  EXPECT_EQ(laser.kind, LinkKind::kLaser);
  EXPECT_DOUBLE_EQ(laser.rate, 100e9 / 8);
  EXPECT_DOUBLE_EQ(laser.max_range, 5000e3);
  EXPECT_DOUBLE_EQ(laser.grazing_altitude, 80e3);  // default
  EXPECT_DOUBLE_EQ(laser.acquisition_time, 10);
  EXPECT_DOUBLE_EQ(laser.availability, 1);
  const LinkClassSpec& ground = platform.link_classes[1];
  EXPECT_EQ(ground.kind, LinkKind::kOpticalGround);
  EXPECT_DOUBLE_EQ(ground.availability, 0.6);
  EXPECT_DOUBLE_EQ(ground.elevation_mask_deg, 20);
  ASSERT_EQ(platform.ground_stations.size(), 1u);
  const GroundStationSpec& station = platform.ground_stations[0];
  EXPECT_DOUBLE_EQ(station.latitude_deg, 78.23);
  EXPECT_DOUBLE_EQ(station.longitude_deg, 15.41);
  EXPECT_DOUBLE_EQ(station.altitude, 500);
  EXPECT_DOUBLE_EQ(station.min_elevation_deg, 10);
  EXPECT_EQ(station.antennas, 1);
}

TEST(OrbitalReader, AcceptsAPlatformOfSatellitesOnly) {
  const PlatformSpec platform = read_platform_text(kOrbital, "orbital.yaml");
  EXPECT_TRUE(platform.sites.empty());
  EXPECT_TRUE(has_satellites(platform));
}

TEST(OrbitalReader, PayloadBandwidthsDefaultToNvlinkAndNvmeClass) {
  const PlatformSpec platform = read_platform_text(kOrbital, "orbital.yaml");
  const PayloadSpec& payload = *platform.shells.at(0).hardware.payload;
  EXPECT_DOUBLE_EQ(payload.fabric_bandwidth, 450e9);
  EXPECT_DOUBLE_EQ(payload.storage_bandwidth, 8e9);
}

TEST(OrbitalReader, RoutingDefaultsToDelay) {
  EXPECT_EQ(read_platform_text(kOrbital, "orbital.yaml").routing, RoutingMetric::kDelay);
}

// Two ground sites, stations with and without a backhaul, a shell larger than both sites.
constexpr const char* kHybrid = R"(name: hybrid
epoch: 2026-03-20T12:00:00Z
routing: bandwidth
gpu_models:
  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}
sites:
  - name: iowa
    location: {latitude: 41.26, longitude: -95.86}
    nodes: 16
    gpus_per_node: 8
    gpu_model: H100
    network: {bandwidth: 400 Gbps, latency: 5 us}
    storage: {bandwidth: 200 Gbps}
  - name: oregon
    location: {latitude: 45.6, longitude: -121.2}
    nodes: 4
    gpus_per_node: 8
    gpu_model: H100
    network: {bandwidth: 400 Gbps, latency: 5 us}
    storage: {bandwidth: 200 Gbps}
ground_stations:
  - {name: svalbard, location: {latitude: 78.23, longitude: 15.41}}
  - {name: manitoba, location: {latitude: 60, longitude: -100}}
  - name: hawaii
    location: {latitude: 19.8, longitude: -155.5}
    backhaul: {site: iowa, bandwidth: 40 Gbps}
  - name: tromso
    location: {latitude: 69.65, longitude: 18.96}
    backhaul: {bandwidth: 1 Tbps}
shells:
  - name: leo
    altitude: 550 km
    inclination: 53
    planes: 6
    satellites_per_plane: 4
    payload: {gpu_model: H100, gpus: 8, fabric: 900 GB/s, storage: 16 Gbps}
wan:
  - {between: [iowa, oregon], bandwidth: 100 Gbps}
)";

TEST(OrbitalReader, BackhaulDefaultsToTheNearestSiteAt100Gbps) {
  const PlatformSpec platform = read_platform_text(kHybrid, "hybrid.yaml");
  ASSERT_EQ(platform.ground_stations.size(), 4u);
  // By hand (haversine on the 6371.0088 km sphere): Svalbard (78.23 N, 15.41 E) is 5987.19 km
  // from Iowa (41.26 N, 95.86 W) and 5941.69 km from Oregon (45.6 N, 121.2 W): Oregon, over the
  // pole, although Iowa is further east. 60 N 100 W is 2103.16 km from Iowa and 2124.63 km
  // from Oregon: Iowa, although Oregon's longitude is as close.
  EXPECT_NEAR(great_circle_distance(78.23, 15.41, 41.26, -95.86), 5987.19e3, 10);
  EXPECT_NEAR(great_circle_distance(78.23, 15.41, 45.6, -121.2), 5941.69e3, 10);
  EXPECT_NEAR(great_circle_distance(60, -100, 41.26, -95.86), 2103.16e3, 10);
  EXPECT_NEAR(great_circle_distance(60, -100, 45.6, -121.2), 2124.63e3, 10);
  const GroundStationSpec& svalbard = platform.ground_stations[0];
  EXPECT_EQ(svalbard.backhaul_site, "oregon");
  EXPECT_DOUBLE_EQ(svalbard.backhaul_bandwidth, 100e9 / 8);
  const GroundStationSpec& manitoba = platform.ground_stations[1];
  EXPECT_EQ(manitoba.backhaul_site, "iowa");
  EXPECT_DOUBLE_EQ(manitoba.backhaul_bandwidth, 12.5e9);
  // Bandwidth given, site not: still the nearest. Tromso (69.65 N, 18.96 E), unlike Svalbard,
  // is nearer Iowa: 6608.39 km against 6795.66 km.
  EXPECT_NEAR(great_circle_distance(69.65, 18.96, 41.26, -95.86), 6608.39e3, 10);
  EXPECT_NEAR(great_circle_distance(69.65, 18.96, 45.6, -121.2), 6795.66e3, 10);
  const GroundStationSpec& tromso = platform.ground_stations[3];
  EXPECT_EQ(tromso.backhaul_site, "iowa");
  EXPECT_DOUBLE_EQ(tromso.backhaul_bandwidth, 1e12 / 8);
}

TEST(OrbitalReader, GivenBackhaulSiteAndBandwidthAreKeptInSiUnits) {
  const PlatformSpec platform = read_platform_text(kHybrid, "hybrid.yaml");
  const GroundStationSpec& hawaii = platform.ground_stations.at(2);
  EXPECT_EQ(hawaii.backhaul_site, "iowa");  // Oregon is nearer (4247.8 km against 6058.8 km)
  EXPECT_DOUBLE_EQ(hawaii.backhaul_bandwidth, 5e9);  // 40 Gbps
}

TEST(OrbitalReader, BackhaulTieGoesToTheFirstSiteInTheFile) {
  // A station on the meridian between two equatorial sites 10 degrees either side is exactly
  // as far from both (the haversine is symmetric in the longitude difference).
  const auto platform_with = [](const std::string& first, const std::string& second) {
    const auto site = [](const std::string& name, double longitude) {
      return "  - {name: " + name +
             ", location: {latitude: 0, longitude: " + std::to_string(longitude) +
             "}, nodes: 1, gpus_per_node: 8, gpu_model: H100,\n"
             "     network: {bandwidth: 400 Gbps, latency: 5 us}, storage: {bandwidth: 1 GB/s}}\n";
    };
    return "gpu_models:\n"
           "  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}\n"
           "sites:\n" +
           site(first, first == "east" ? 10 : -10) + site(second, second == "east" ? 10 : -10) +
           "wan:\n"
           "  - {between: [east, west], bandwidth: 100 Gbps}\n"
           "ground_stations:\n"
           "  - {name: middle, location: {latitude: 50, longitude: 0}}\n";
  };
  EXPECT_DOUBLE_EQ(great_circle_distance(50, 0, 0, 10), great_circle_distance(50, 0, 0, -10));
  EXPECT_EQ(read_platform_text(platform_with("east", "west"), "tie.yaml")
                .ground_stations.at(0)
                .backhaul_site,
            "east");
  EXPECT_EQ(read_platform_text(platform_with("west", "east"), "tie.yaml")
                .ground_stations.at(0)
                .backhaul_site,
            "west");
}

TEST(OrbitalReader, StationsOfAPlatformWithoutSitesHaveNoBackhaulSite) {
  const PlatformSpec platform = read_platform_text(kOrbital, "orbital.yaml");
  ASSERT_EQ(platform.ground_stations.size(), 1u);
  EXPECT_EQ(platform.ground_stations[0].backhaul_site, "");
  EXPECT_DOUBLE_EQ(platform.ground_stations[0].backhaul_bandwidth, 12.5e9);
}

TEST(OrbitalReader, ReadsPayloadBandwidthsInSiUnits) {
  const PlatformSpec platform = read_platform_text(kHybrid, "hybrid.yaml");
  const PayloadSpec& payload = *platform.shells.at(0).hardware.payload;
  EXPECT_DOUBLE_EQ(payload.fabric_bandwidth, 900e9);
  EXPECT_DOUBLE_EQ(payload.storage_bandwidth, 2e9);  // 16 Gbps
}

TEST(OrbitalReader, ReadsRouting) {
  EXPECT_EQ(read_platform_text(kHybrid, "hybrid.yaml").routing, RoutingMetric::kBandwidth);
  std::string delay = kHybrid;
  delay.replace(delay.find("routing: bandwidth"), 18, "routing: delay");
  EXPECT_EQ(read_platform_text(delay, "hybrid.yaml").routing, RoutingMetric::kDelay);
}

TEST(PlatformSpecQueries, LargestClusterMayBeAShell) {
  const PlatformSpec platform = read_platform_text(kHybrid, "hybrid.yaml");
  // iowa 16 x 8 = 128, oregon 4 x 8 = 32, leo 6 planes x 4 satellites x 8 GPUs = 192.
  const PlatformSpec::ClusterSize largest = platform.largest_cluster();
  EXPECT_EQ(largest.name, "leo");
  EXPECT_EQ(largest.gpus, 192);
  EXPECT_EQ(platform.largest_site_gpus(), 192);
  EXPECT_EQ(platform.total_gpus(), 160);  // ground sites only
}

TEST(PlatformSpecQueries, LargestClusterOfExplicitSatellitesIsOneSatellite) {
  const PlatformSpec platform = read_platform_text(R"(epoch: 2026-03-20T12:00:00Z
gpu_models:
  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}
satellites:
  - {name: relay, altitude: 600 km, inclination: 53}
  - {name: small, altitude: 600 km, inclination: 53, payload: {gpu_model: H100, gpus: 4}}
  - {name: big-1, altitude: 600 km, inclination: 53, payload: {gpu_model: H100, gpus: 16}}
  - {name: big-2, altitude: 600 km, inclination: 53, mean_anomaly: 90,
     payload: {gpu_model: H100, gpus: 16}}
)",
                                                   "sats.yaml");
  // Each explicit satellite is a cluster of its own: never 4 + 16 + 16; the first on a tie.
  const PlatformSpec::ClusterSize largest = platform.largest_cluster();
  EXPECT_EQ(largest.name, "big-1");
  EXPECT_EQ(largest.gpus, 16);
  EXPECT_EQ(platform.total_gpus(), 0);
}

TEST(PlatformSpecQueries, LargestClusterOfAFormationCountsEveryMember) {
  const PlatformSpec platform = read_platform_text(kOrbital, "orbital.yaml");
  // starlink 72 x 22 x 8 = 12,672; the formations and satellites carry no payload.
  EXPECT_EQ(platform.largest_cluster().name, "starlink");
  EXPECT_EQ(platform.largest_cluster().gpus, 12672);
  std::string formation = kOrbital;
  formation.replace(formation.find("    members: 4\n"), 15,
                    "    members: 4\n    payload: {gpu_model: H100, gpus: 4000}\n");
  // kepler-cluster: 4 members x 4000 GPUs = 16,000.
  EXPECT_EQ(read_platform_text(formation, "orbital.yaml").largest_cluster().name, "kepler-cluster");
  EXPECT_EQ(read_platform_text(formation, "orbital.yaml").largest_cluster().gpus, 16000);
}

TEST(PlatformSpecQueries, LargestClusterOfAPlatformWithoutGpusIsEmpty) {
  std::string bare = kOrbital;
  const std::string payload = "    payload: {gpu_model: H100, gpus: 8}\n";
  bare.erase(bare.find(payload), payload.size());
  const PlatformSpec platform = read_platform_text(bare, "orbital.yaml");
  EXPECT_EQ(platform.largest_cluster().name, "");
  EXPECT_EQ(platform.largest_cluster().gpus, 0);
}

}  // namespace
}  // namespace umbra::spec
