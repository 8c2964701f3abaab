// `umbra orbit`, `umbra eclipses` and `umbra validate` on orbital platforms, run as a user runs
// them: outputs, exit statuses and messages.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/run_outputs.hpp"
#include "tests/support/umbra_cli.hpp"

namespace {

namespace fs = std::filesystem;
using umbra::testing::Outcome;
using umbra::testing::read_file;
using umbra::testing::split;

const std::string kSource = UMBRA_SOURCE_DIR;

// An equatorial circular orbit at 550 km with the Sun in its plane (the March equinox): the
// beta = 0 case of the cylindrical shadow.
const std::string kEquatorial = R"(epoch: 2026-03-20T12:00:00Z
gpu_models:
  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}
satellites:
  - {name: equator, altitude: 550 km, inclination: 0}
  - {name: polar, altitude: 550 km, inclination: 90, raan: 90}
)";

// Each test runs `umbra` in a fresh folder holding the equatorial platform.
class OrbitCli : public umbra::testing::UmbraCliTest {
 protected:
  void SetUp() override {
    UmbraCliTest::SetUp();
    write("equatorial.yaml", kEquatorial);
  }
};

// The rows of tcppver.out for one satellite: "tsince x y z vx vy vz" (and more columns).
std::vector<std::vector<double>> verification_rows(const fs::path& file, int satnum) {
  std::vector<std::vector<double>> rows;
  bool inside = false;
  for (const std::string& line : split(read_file(file), '\n')) {
    std::istringstream fields(line);
    if (line.find("xx") != std::string::npos) {
      int number = 0;
      fields >> number;
      inside = number == satnum;
      continue;
    }
    if (!inside) continue;
    std::vector<double> row(7);
    for (double& value : row) fields >> value;
    if (fields) rows.push_back(row);
  }
  return rows;
}

TEST_F(OrbitCli, TleModeReproducesTheVerificationRunOfSatellite5) {
  const fs::path reference = "/usr/lib/python3/dist-packages/sgp4/tcppver.out";
  if (!fs::exists(reference)) GTEST_SKIP() << "python3-sgp4's tcppver.out is not installed";
  // SGP4-VER.TLE's first case, cut at column 69 (the file appends the run's start/stop/step).
  std::ofstream(dir_ / "case.tle")
      << "1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753\n"
         "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667\n";
  const Outcome outcome = umbra("orbit --tle case.tle --tsince 0:4320:360");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  const std::vector<std::string> lines = split(outcome.out, '\n');
  ASSERT_EQ(lines.at(0), "satnum,tsince_min,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s");
  const auto expected = verification_rows(reference, 5);
  ASSERT_EQ(expected.size(), 13u);
  ASSERT_EQ(lines.size(), expected.size() + 1);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const std::vector<std::string> cells = split(lines[i + 1], ',');
    ASSERT_EQ(cells.size(), 8u) << lines[i + 1];
    EXPECT_EQ(cells[0], "5");
    for (std::size_t k = 0; k < 7; ++k) {
      const double tolerance = k == 0 ? 1e-9 : k <= 3 ? 1e-6 : 1e-8;  // min, km, km/s
      EXPECT_NEAR(std::stod(cells[k + 1]), expected[i][k], tolerance) << lines[i + 1];
    }
  }
}

TEST_F(OrbitCli, TleModeStopsADecayingSetWithAWarning) {
  // SGP4-VER.TLE's MINOTAUR R/B (28872), sub-orbital: tcppver.out prints 0 to 50 minutes, then
  // SGP4 stops with error 6 (decayed).
  std::ofstream(dir_ / "decayed.tle")
      << "1 28872U 05037B   05333.02012661  .25992681  00000-0  24476-3 0  1534\n"
         "2 28872  96.4736 157.9986 0303955 244.0492 110.6523 16.46015938 10708\n";
  const Outcome outcome = umbra("orbit --tle decayed.tle --tsince 0:60:5");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  EXPECT_EQ(split(outcome.out, '\n').size(), 1u + 11u);
  EXPECT_NE(outcome.err.find("satellite 28872 stops at tsince 55 min"), std::string::npos)
      << outcome.err;
  EXPECT_NE(outcome.err.find("SGP4 error 6"), std::string::npos) << outcome.err;
}

TEST_F(OrbitCli, EclipsesOfADecayingSetAreBadInput) {
  // At 16.1 rev/day (perigee ~255 km) with a drag term of 0.5 per Earth radius, SGP4 gives up
  // within minutes (error 1: drag takes the mean eccentricity below zero). Beside it a Kepler
  // satellite, so that two batch paths propagate at once.
  std::ofstream(dir_ / "decaying.tle")
      << "1 90001U 26001A   26079.50000000  .00000000  00000-0  50000-0 0  9993\n"
         "2 90001  53.0000  10.0000 0010000  90.0000   0.0000 16.10000000    10\n";
  write("decaying.yaml", R"(epoch: 2026-03-20T12:00:00Z
gpu_models: []
satellites:
  - {name: equator, altitude: 550 km, inclination: 0}
  - tle_file: decaying.tle
)");
  const Outcome outcome = umbra("eclipses decaying.yaml --horizon 2h");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("a satellite has no state inside the horizon"), std::string::npos)
      << outcome.err;
  EXPECT_NE(outcome.err.find("SGP4 error 1 for satellite 90001"), std::string::npos) << outcome.err;
}

TEST_F(OrbitCli, PlatformModePrintsEveryStepInTemeAndEarthFixed) {
  const Outcome outcome = umbra("orbit equatorial.yaml --sat equator --to 90min --step 30min");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  const std::vector<std::string> lines = split(outcome.out, '\n');
  ASSERT_EQ(lines.size(), 5u);  // header, 0, 30, 60, 90 min
  EXPECT_EQ(lines[0],
            "time_utc,t_s,satellite,x_teme_km,y_teme_km,z_teme_km,vx_teme_km_s,vy_teme_km_s,"
            "vz_teme_km_s,x_ecef_km,y_ecef_km,z_ecef_km,vx_ecef_km_s,vy_ecef_km_s,vz_ecef_km_s,"
            "latitude_deg,longitude_deg,altitude_km,illumination");
  const std::vector<std::string> row = split(lines[2], ',');
  ASSERT_EQ(row.size(), 19u);
  EXPECT_EQ(row[0], "2026-03-20T12:30:00.000Z");
  EXPECT_EQ(row[1], "1800.000");
  EXPECT_EQ(row[2], "equator");
  const double x = std::stod(row[3]), y = std::stod(row[4]), z = std::stod(row[5]);
  EXPECT_NEAR(std::hypot(x, y, z), 6378.137 + 550, 1e-3);  // circular
  EXPECT_NEAR(std::hypot(std::stod(row[9]), std::stod(row[10])), std::hypot(x, y), 1e-6);
  // Relative to the ground the equatorial orbit is slower by the Earth's rotation times r.
  const double v_inertial = std::hypot(std::stod(row[6]), std::stod(row[7]));
  const double v_ground = std::hypot(std::stod(row[12]), std::stod(row[13]));
  EXPECT_NEAR(v_inertial - v_ground, 7.292115e-5 * 6928.137, 1e-3);
  EXPECT_NEAR(std::stod(row[15]), 0, 1e-6);    // latitude
  EXPECT_NEAR(std::stod(row[17]), 550, 1e-3);  // altitude above the ellipsoid at the equator
  const double illumination = std::stod(row[18]);
  EXPECT_TRUE(illumination == 0 || illumination == 1) << illumination;
}

TEST_F(OrbitCli, PlatformModeTakesUtcTimesAndEverySatelliteByDefault) {
  const Outcome outcome =
      umbra("orbit equatorial.yaml --from 2026-03-20T13:00:00Z --to 2026-03-20T13:00:00Z");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  const std::vector<std::string> lines = split(outcome.out, '\n');
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1].substr(0, 41), "2026-03-20T13:00:00.000Z,3600.000,equator");
  EXPECT_EQ(lines[2].substr(0, 39), "2026-03-20T13:00:00.000Z,3600.000,polar");
}

TEST_F(OrbitCli, BadRangesAndUnknownSatellitesAreRefused) {
  Outcome outcome = umbra("orbit equatorial.yaml --sat equatr --to 1h");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("unknown satellite \"equatr\" (did you mean \"equator\"?)"),
            std::string::npos)
      << outcome.err;
  outcome = umbra("orbit equatorial.yaml --from 2h --to 1h");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("empty range: --to (3600) is before --from (7200)"), std::string::npos)
      << outcome.err;
  outcome = umbra("orbit equatorial.yaml --to 1h --step 0s");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("\"--step\" expects a positive duration"), std::string::npos)
      << outcome.err;
  outcome = umbra("orbit equatorial.yaml --to yesterday");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("\"--to\" expects an ISO UTC time"), std::string::npos) << outcome.err;
  outcome = umbra("orbit --tle none.tle --tsince 10:0:1");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("empty range"), std::string::npos) << outcome.err;
  outcome = umbra("eclipses equatorial.yaml --horizon 0h");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("\"--horizon\" expects a positive duration"), std::string::npos)
      << outcome.err;
}

TEST_F(OrbitCli, EclipsesAtBetaZeroLastAbout35AndAHalfMinutes) {
  const Outcome outcome =
      umbra("eclipses equatorial.yaml --sat equator --horizon 12h --summary summary.csv");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  const std::vector<std::string> lines = split(outcome.out, '\n');
  ASSERT_GT(lines.size(), 1u);
  EXPECT_EQ(lines[0], "satellite,kind,start,end,duration_s");
  int umbras = 0, penumbras = 0;
  double umbra_seconds = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string> cells = split(lines[i], ',');
    ASSERT_EQ(cells.size(), 5u) << lines[i];
    EXPECT_EQ(cells[0], "equator");
    const double duration = std::stod(cells[4]);
    const bool clipped =
        cells[2] == "2026-03-20T12:00:00.000Z" || cells[3] == "2026-03-21T00:00:00.000Z";
    if (cells[1] == "umbra") {
      umbra_seconds += duration;
      if (clipped) continue;
      ++umbras;
      // Reference 2.3: ~35.5 min of full shadow per 95.65 min orbit at 550 km, beta = 0
      // (35.61 min in the cylindrical model; the conical umbra is a little shorter).
      EXPECT_NEAR(duration / 60, 35.5, 0.2) << lines[i];
    } else {
      ASSERT_EQ(cells[1], "penumbra");
      if (clipped) continue;
      ++penumbras;
      EXPECT_NEAR(duration, 8.5, 1.5) << lines[i];  // the Sun's disc crossing the limb
    }
  }
  EXPECT_GE(umbras, 6);  // 12 h / 95.65 min = 7.5 orbits
  // Each full eclipse is penumbra, umbra, penumbra; one cut by the horizon may add one.
  EXPECT_GE(penumbras, 2 * umbras);
  EXPECT_LE(penumbras, 2 * umbras + 2);
  EXPECT_TRUE(outcome.err.empty()) << outcome.err;  // the summary went to the file
  const std::vector<std::string> summary = split(read_file(dir_ / "summary.csv"), '\n');
  ASSERT_EQ(summary.size(), 2u);
  EXPECT_EQ(summary[0], "satellite,sunlit_fraction,umbra_s,penumbra_s");
  const std::vector<std::string> cells = split(summary[1], ',');
  EXPECT_EQ(cells[0], "equator");
  EXPECT_NEAR(std::stod(cells[2]), umbra_seconds, 1e-2);
  EXPECT_NEAR(std::stod(cells[1]), 1 - 35.5 / 95.65, 0.01);
}

TEST_F(OrbitCli, EclipsesSummaryGoesToStandardErrorByDefault) {
  const Outcome outcome = umbra("eclipses equatorial.yaml --horizon 3h");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  const std::vector<std::string> summary = split(outcome.err, '\n');
  ASSERT_EQ(summary.size(), 3u);
  EXPECT_EQ(summary[1].substr(0, 8), "equator,");
  EXPECT_EQ(summary[2].substr(0, 6), "polar,");
}

TEST_F(OrbitCli, ShippedOrbitalPlatformsValidate) {
  const Outcome outcome =
      umbra("validate " + kSource + "/platforms/leo-starlink-shell.yaml " + kSource +
            "/platforms/dawn-dusk-formation.yaml " + kSource + "/platforms/tle-satellites.yaml " +
            kSource + "/platforms/hybrid-ground-leo.yaml");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("leo-starlink-shell.yaml: valid platform (0 sites, 1584 "
                             "satellites, 12672 GPUs)"),
            std::string::npos)
      << outcome.out;
  EXPECT_NE(outcome.out.find("(0 sites, 81 satellites, 324 GPUs)"), std::string::npos);
  EXPECT_NE(outcome.out.find("(0 sites, 4 satellites, 1 GPUs)"), std::string::npos);
  EXPECT_NE(outcome.out.find("(2 sites, 144 satellites, 1344 GPUs)"), std::string::npos);
}

TEST_F(OrbitCli, ValidateReportsATleErrorAtItsPlaceInThePlatform) {
  std::ofstream(dir_ / "bad.yaml") << "epoch: 2026-03-20T12:00:00Z\n"
                                      "gpu_models:\n"
                                      "  - {name: H100, peak: 1 TFLOPS, idle_power: 1 W, "
                                      "busy_power: 2 W}\n"
                                      "satellites:\n"
                                      "  - tle: |\n"
                                      "      1 25544U 98067A   19343.69339541  .00001764  "
                                      "00000-0  38792-4 0  9991\n"
                                      "      2 25544  51.6439 211.2001 0007417  17.6667  "
                                      "85.6398 15.5010347220248\n";
  const Outcome outcome = umbra("validate bad.yaml");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("bad.yaml:7:75: line 2 has 68 columns; expected 69"),
            std::string::npos)
      << outcome.err;
}

}  // namespace
