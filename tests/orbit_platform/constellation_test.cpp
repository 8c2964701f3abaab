// From a platform's orbital sections to named satellites with their propagators.
#include "sim/contact/constellation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <string>

#include "sim/orbit/earth.hpp"
#include "sim/orbit/kepler_j2.hpp"
#include "sim/orbit/sgp4.hpp"
#include "sim/orbit/sun.hpp"
#include "sim/orbit/tle.hpp"
#include "sim/spec/platform_reader.hpp"
#include "sim/spec/yaml_fields.hpp"

namespace umbra::contact {
namespace {

namespace fs = std::filesystem;
constexpr double kDeg = std::numbers::pi / 180.0;

const std::string kHead = R"(epoch: 2026-03-20T12:00:00Z
gpu_models:
  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}
)";

// ISS (ZARYA) as printed in python-sgp4's README, and Vanguard 1 from its sample_omm.csv.
const std::string kIssTle =
    "ISS (ZARYA)\n"
    "1 25544U 98067A   19343.69339541  .00001764  00000-0  38792-4 0  9991\n"
    "2 25544  51.6439 211.2001 0007417  17.6667  85.6398 15.50103472202482\n";
const std::string kVanguardOmm = R"([{"OBJECT_NAME": "VANGUARD 1", "OBJECT_ID": "1958-002B",
  "EPOCH": "2020-10-13T04:52:48.472320", "MEAN_MOTION": 10.84869164, "ECCENTRICITY": 0.1845686,
  "INCLINATION": 34.2443, "RA_OF_ASC_NODE": 225.5254, "ARG_OF_PERICENTER": 162.2516,
  "MEAN_ANOMALY": 205.2356, "NORAD_CAT_ID": 5, "BSTAR": -2.2483e-05,
  "MEAN_MOTION_DOT": -1.6e-07, "MEAN_MOTION_DDOT": 0}])";

Constellation build(const std::string& orbital) {
  return build_constellation(spec::read_platform_text(kHead + orbital, "test.yaml"));
}

const orbit::KeplerElements& elements_of(const Satellite& satellite) {
  const auto* kepler = dynamic_cast<const orbit::KeplerJ2Propagator*>(satellite.propagator.get());
  EXPECT_NE(kepler, nullptr) << satellite.name;
  return kepler->elements();
}

double distance(const Satellite& a, const Satellite& b, const orbit::JulianDate& epoch, double t) {
  return orbit::norm(a.propagator->state_at(epoch, t).position -
                     b.propagator->state_at(epoch, t).position);
}

constexpr const char* kStarlink = R"(shells:
  - name: starlink
    altitude: 550 km
    inclination: 53
    planes: 72
    satellites_per_plane: 22
    phasing: 1
    payload: {gpu_model: H100, gpus: 8}
)";

TEST(Constellation, NamesWalkerSatellitesByPlaneAndSlot) {
  const Constellation constellation = build(kStarlink);
  ASSERT_EQ(constellation.satellites.size(), 1584u);
  EXPECT_EQ(constellation.satellites.front().name, "starlink-p00-s00");
  EXPECT_EQ(constellation.satellites.back().name, "starlink-p71-s21");
  EXPECT_EQ(constellation.satellites[3 * 22 + 7].name, "starlink-p03-s07");
  EXPECT_EQ(constellation.total_gpus(), 1584 * 8);
}

TEST(Constellation, PlacesWalkerSatellitesByTheDeltaPattern) {
  const Constellation constellation = build(kStarlink);
  const orbit::KeplerElements& e = elements_of(constellation.satellite("starlink-p03-s07"));
  EXPECT_DOUBLE_EQ(e.semi_major_axis, orbit::kEquatorialRadius + 550e3);
  EXPECT_NEAR(e.inclination / kDeg, 53, 1e-12);
  EXPECT_NEAR(e.raan / kDeg, 3 * 360.0 / 72, 1e-9);
  // Slot 7 of 22, plane 3 advanced by F * 360 / T per plane.
  EXPECT_NEAR(e.mean_anomaly / kDeg, 7 * 360.0 / 22 + 3 * 1 * 360.0 / 1584, 1e-9);
  EXPECT_EQ(e.epoch.value(), constellation.epoch.value());
}

TEST(Constellation, UnknownSatelliteSuggestsTheNearestName) {
  const Constellation constellation = build(kStarlink);
  try {
    constellation.satellite("starlink-p03-s7");
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("did you mean \"starlink-p03-s07\""),
              std::string::npos)
        << error.what();
  }
}

TEST(Constellation, SunSynchronousShellDerivesInclinationAndRaan) {
  const Constellation constellation = build(R"(shells:
  - name: dusk
    altitude: 650 km
    local_time_of_ascending_node: "18:00"
    planes: 2
    satellites_per_plane: 3
)");
  ASSERT_EQ(constellation.satellites.size(), 6u);
  const orbit::KeplerElements& first = elements_of(constellation.satellites[0]);
  // Reference 4.2: 97.99 deg at 650 km; an 18:00 node is 90 deg east of the Sun.
  EXPECT_NEAR(first.inclination / kDeg, 97.99, 0.01);
  const double sun_ra = orbit::sun_position(constellation.epoch).right_ascension;
  EXPECT_NEAR(std::remainder(first.raan - sun_ra - 90 * kDeg, 2 * std::numbers::pi) / kDeg, 0,
              1e-9);
  // The second plane follows the delta pattern from the derived first one.
  const orbit::KeplerElements& second = elements_of(constellation.satellites[3]);
  EXPECT_NEAR(std::remainder(second.raan - first.raan, 2 * std::numbers::pi) / kDeg, 180, 1e-9);
  EXPECT_EQ(constellation.satellites[3].name, "dusk-p01-s00");
}

TEST(Constellation, FormationMembersStayWithinTheirRadius) {
  const Constellation constellation = build(R"(formations:
  - name: suncatcher
    reference: {altitude: 650 km, local_time_of_ascending_node: "18:00"}
    members: 81
    radius: 1 km
)");
  ASSERT_EQ(constellation.satellites.size(), 81u);
  EXPECT_EQ(constellation.satellites[0].name, "suncatcher-m000");
  EXPECT_EQ(constellation.satellites[42].name, "suncatcher-m042");
  const Satellite& reference = constellation.satellites[0];
  double farthest = 0;
  for (const Satellite& member : constellation.satellites) {
    for (const double t : {0.0, 1000.0, 2900.0, 5800.0}) {
      farthest = std::max(farthest, distance(reference, member, constellation.epoch, t));
    }
  }
  // The linear (HCW) bound is the radius; the Kepler + J2 motion adds metres, not hundreds.
  EXPECT_LT(farthest, 1.02e3);
  EXPECT_GT(farthest, 0.8e3);
}

TEST(Constellation, KeplerianSatelliteKeepsItsOwnElementEpoch) {
  const Constellation constellation = build(R"(satellites:
  - name: demo
    semi_major_axis: 7000 km
    eccentricity: 0.01
    inclination: 97.5
    raan: 20
    argument_of_perigee: 30
    mean_anomaly: 40
    element_epoch: 2026-03-19T12:00:00Z
)");
  const orbit::KeplerElements& e = elements_of(constellation.satellite("demo"));
  EXPECT_DOUBLE_EQ(e.semi_major_axis, 7000e3);
  EXPECT_NEAR(e.argument_of_perigee / kDeg, 30, 1e-12);
  EXPECT_NEAR(constellation.epoch.seconds_since(e.epoch), 86400, 1e-6);
}

TEST(Constellation, InlineTleIsNamedByItsNameLineAndFliesSgp4) {
  // The scenario starts at the element set's epoch (2019 day 343.69339541).
  const spec::PlatformSpec platform = spec::read_platform_text(R"(epoch: 2019-12-09T16:38:29.363Z
gpu_models:
  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}
satellites:
  - tle: |
      ISS (ZARYA)
      1 25544U 98067A   19343.69339541  .00001764  00000-0  38792-4 0  9991
      2 25544  51.6439 211.2001 0007417  17.6667  85.6398 15.50103472202482
)",
                                                               "iss.yaml");
  const Constellation constellation = build_constellation(platform);
  const Satellite& iss = constellation.satellite("ISS (ZARYA)");
  const orbit::Sgp4Propagator expected(orbit::parse_tle(kIssTle, "iss.tle").at(0));
  for (const double minutes : {0.0, 90.0}) {
    const orbit::Vec3 r = iss.propagator->state_at(constellation.epoch, minutes * 60).position;
    // The epochs agree to the printed millisecond: ~8 m along the track.
    EXPECT_LT(orbit::norm(r - expected.propagate_minutes(minutes).position), 10) << minutes;
  }
}

class ElementFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("umbra-elements-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "platforms");
    fs::create_directories(dir_ / "elements");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const fs::path& relative, const std::string& text) {
    std::ofstream(dir_ / relative) << text;
  }

  fs::path dir_;
};

TEST_F(ElementFiles, TleAndOmmFilesAreReadRelativeToThePlatform) {
  write("elements/stations.tle", kIssTle + kIssTle.substr(12));  // named, then unnamed
  write("platforms/catalogue.json", kVanguardOmm);
  write("platforms/p.yaml", kHead + R"(satellites:
  - tle_file: ../elements/stations.tle
  - omm_file: catalogue.json
    payload: {gpu_model: H100, gpus: 2}
)");
  EXPECT_THROW(build_constellation(spec::read_platform_text(
                   spec::read_input_file((dir_ / "platforms/p.yaml").string()), "p.yaml")),
               InputError);  // read from elsewhere, the relative paths do not resolve
  const Constellation constellation =
      build_constellation(spec::read_platform_file((dir_ / "platforms/p.yaml").string()));
  ASSERT_EQ(constellation.satellites.size(), 3u);
  // The second ISS set has no name line: it is named by its catalogue number.
  EXPECT_EQ(constellation.satellites[0].name, "ISS (ZARYA)");
  EXPECT_EQ(constellation.satellites[1].name, "25544");
  EXPECT_EQ(constellation.satellites[2].name, "VANGUARD 1");
  EXPECT_EQ(constellation.total_gpus(), 2);
  const auto* vanguard =
      dynamic_cast<const orbit::Sgp4Propagator*>(constellation.satellites[2].propagator.get());
  ASSERT_NE(vanguard, nullptr);
  EXPECT_EQ(vanguard->elements().satnum, 5);
  EXPECT_NEAR(vanguard->elements().eccentricity, 0.1845686, 1e-12);
}

TEST_F(ElementFiles, AnErrorInATleFilePointsAtTheFileLine) {
  std::string broken = kIssTle;
  broken[12 + 68] = '0';  // line 2's checksum (was 1)
  write("elements/bad.tle", broken);
  write("platforms/p.yaml", kHead + "satellites:\n  - tle_file: ../elements/bad.tle\n");
  try {
    build_constellation(spec::read_platform_file((dir_ / "platforms/p.yaml").string()));
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_TRUE(error.where().file.ends_with("elements/bad.tle")) << error.what();
    EXPECT_EQ(error.where().line, 2);
    EXPECT_EQ(error.where().column, 69);
  }
}

TEST_F(ElementFiles, SameNameFromTwoEntriesIsRefused) {
  write("platforms/p.yaml", kHead + "satellites:\n  - tle_file: a.tle\n  - tle_file: a.tle\n");
  write("platforms/a.tle", kIssTle);
  try {
    build_constellation(spec::read_platform_file((dir_ / "platforms/p.yaml").string()));
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().line, 6);
    EXPECT_NE(std::string(error.what())
                  .find("duplicate satellite name \"ISS (ZARYA)\" (first "
                        "defined at line 5)"),
              std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace umbra::contact
