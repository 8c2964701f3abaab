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

}  // namespace
}  // namespace umbra::spec
