// A year of platforms/dawn-dusk-formation.yaml under workloads/dawn-dusk-year.yaml, run as a
// user runs it: power.csv must show the orbit's one eclipse season where the closed form of
// tests/support/sun_synchronous_beta.hpp puts it (around the June solstice, where the Sun
// stands lowest above an 18:00 orbit's plane), nothing in shadow outside it, the longest umbra
// and the deepest discharge that the closed form gives, and a balanced energy ledger.
//
// The shipped pair takes ~100 s of CPU (81 satellites: a contact plan a day) and writes 10
// million rows of power.csv, so the test flies one member of the formation: the same file with
// `members: 1` and no laser links (one satellite has no one to link to), and the job cut to its 4
// GPUs. The orbit, the hardware and the year of work are those shipped.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>
#include <string>
#include <vector>

#include "tests/support/satellite_power_checks.hpp"
#include "tests/support/sun_synchronous_beta.hpp"
#include "tests/support/umbra_cli.hpp"

namespace umbra::testing {
namespace {

constexpr double kDay = 86400;
// The platform's orbit and epoch: 650 km, ascending node at 18:00, 2026-03-20T12:00Z (Julian
// date 2461120.0: J2000.0 plus 9,575 days).
constexpr double kAltitudeKm = 650;
constexpr double kLocalTimeOfAscendingNode = 18;
constexpr double kEpoch = 2461120.0;
// One member's draw with its 4 GPUs busy: 4 x 700 W + 300 W bus (a terminal draws only while
// its link is up, and a lone member has none).
constexpr double kBusyLoadW = 3100;
constexpr double kBatteryJ = 2 * 3.6e6;
constexpr double kDischargeEfficiency = 0.95;  // the default
constexpr double kFloor = 0.2;                 // the default

// At the season's edges beta moves ~0.28 deg a day; the closed form samples it hourly, with a
// spherical Earth and the Sun's series to 0.01 deg: its edges hold to a few days.
constexpr int kSeasonEdgeDays = 3;

// `text` with its one occurrence of `from` replaced by `to`.
std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at == std::string::npos) return text;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

// `text` without its one line that holds `key`.
std::string without_line(const std::string& text, const std::string& key) {
  const std::size_t at = text.find(key);
  EXPECT_NE(at, std::string::npos) << key;
  if (at == std::string::npos) return text;
  EXPECT_EQ(text.find(key, at + 1), std::string::npos) << key;
  const std::size_t begin = text.rfind('\n', at) + 1;  // npos + 1 == 0 on the first line
  const std::size_t end = text.find('\n', at);
  return text.substr(0, begin) + (end == std::string::npos ? "" : text.substr(end + 1));
}

// Whether the closed form puts part of the Sun behind the Earth on some orbit of day `day`
// (seconds [day, day + 1) x kDay after the epoch), beta sampled hourly.
bool shadow_on_day(const SunSynchronousOrbit& orbit, int day) {
  for (int hour = 0; hour <= 24; ++hour) {
    const double t = (day + hour / 24.0) * kDay;
    if (std::abs(orbit.beta(t)) < orbit.earth_angular_radius() + sun_angular_radius(orbit.sun(t))) {
      return true;
    }
  }
  return false;
}

class DawnDuskYear : public UmbraCliTest {
 protected:
  void SetUp() override {
    UmbraCliTest::SetUp();
    const std::string source = UMBRA_SOURCE_DIR;
    const std::string platform = read_file(source + "/platforms/dawn-dusk-formation.yaml");
    write("one-member.yaml",
          without_line(replace_once(platform, "members: 81", "members: 1"), "isl:"));
    const std::string workload = read_file(source + "/workloads/dawn-dusk-year.yaml");
    write("year.yaml", replace_once(workload, "gpus: 324", "gpus: 4"));
    const Outcome outcome = umbra("run one-member.yaml year.yaml --scheduler fcfs --out out");
    ASSERT_EQ(outcome.status, 0) << outcome.err;
    power_ = read_csv(dir_ / "out" / "power.csv");
    ASSERT_FALSE(power_.empty());
  }

  // The longest umbra of the run: from an umbra-entry row to the next umbra-exit row.
  double longest_umbra() const {
    double longest = 0, entry = -1;
    for (const CsvRow& row : power_) {
      const std::string& events = row.at("events");
      if (events.find("umbra-entry") != std::string::npos) entry = std::stod(row.at("time"));
      if (events.find("umbra-exit") != std::string::npos && entry >= 0) {
        longest = std::max(longest, std::stod(row.at("time")) - entry);
        entry = -1;
      }
    }
    return longest;
  }

  const SunSynchronousOrbit orbit_{kAltitudeKm, kLocalTimeOfAscendingNode, kEpoch};
  std::vector<CsvRow> power_;
};

TEST_F(DawnDuskYear, ShadowFallsOnlyInTheSeasonTheClosedFormPredicts) {
  const double end = std::stod(power_.back().at("time"));
  ASSERT_GE(end, 365 * kDay);  // the run covers the year
  std::set<int> observed;      // days with a row in shadow, whole or partial
  for (const CsvRow& row : power_) {
    if (std::stod(row.at("illumination")) < 1) {
      observed.insert(static_cast<int>(std::floor(std::stod(row.at("time")) / kDay)));
    }
  }
  std::vector<int> predicted;
  for (int day = 0; day * kDay < end; ++day) {
    if (shadow_on_day(orbit_, day)) predicted.push_back(day);
  }
  // One season in the run, from early May to early August (days 46 to 139 after the epoch).
  ASSERT_FALSE(predicted.empty());
  ASSERT_EQ(predicted.back() - predicted.front() + 1, static_cast<int>(predicted.size()));
  ASSERT_FALSE(observed.empty());
  // The first and last shadow days bound every other: none lies outside the season.
  EXPECT_NEAR(*observed.begin(), predicted.front(), kSeasonEdgeDays);
  EXPECT_NEAR(*observed.rbegin(), predicted.back(), kSeasonEdgeDays);
  // Within it, shadow every day.
  for (int day = predicted.front() + kSeasonEdgeDays; day <= predicted.back() - kSeasonEdgeDays;
       ++day) {
    EXPECT_TRUE(observed.contains(day)) << "day " << day;
  }
}

// The longest umbra is at the lowest beta of the season: the orbit's arc where the Sun's whole
// disc hides behind the Earth, cos(half-arc) = cos(rho_E - rho_S) / cos(beta), a share
// half-arc / pi of the period. The battery, full at each eclipse entry (it refills in the
// ~78 min of sun between shadows), then drops by that umbra's busy load over the discharge
// efficiency, and a little more in the ~40 s of penumbra on each side: within 0.02 of charge.
TEST_F(DawnDuskYear, TheLongestUmbraAndTheDeepestDischargeAreTheClosedForms) {
  double lowest_beta = std::numbers::pi, at = 0;
  for (double t = 0; t < 365 * kDay; t += 3600) {
    if (std::abs(orbit_.beta(t)) < lowest_beta) {
      lowest_beta = std::abs(orbit_.beta(t));
      at = t;
    }
  }
  const double umbra_radius = orbit_.earth_angular_radius() - sun_angular_radius(orbit_.sun(at));
  const double expected = orbit_.period_s() / std::numbers::pi *
                          std::acos(std::cos(umbra_radius) / std::cos(lowest_beta));
  EXPECT_NEAR(longest_umbra(), expected, 12);  // s: J2 shortens the period ~0.1 %
  const std::string summary = read_file(dir_ / "out" / "summary.json");
  const double deepest = 1 - expected * kBusyLoadW / kDischargeEfficiency / kBatteryJ;
  EXPECT_NEAR(json_number(summary, "min_state_of_charge"), deepest, 0.02);
  EXPECT_EQ(json_number(summary, "node_hours_suspended"), 0);  // the battery carries every umbra
}

TEST_F(DawnDuskYear, EnergyBalancesAndTheBatteryStaysInBounds) {
  expect_energy_balanced(read_file(dir_ / "out" / "summary.json"));
  expect_charge_within(power_, kFloor);
}

}  // namespace
}  // namespace umbra::testing
