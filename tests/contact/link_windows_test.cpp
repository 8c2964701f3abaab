// Link window edges found by root finding against an independent brute-force scan: every
// 10 ms, line of sight by the boolean segment test and elevation by asin on the WGS-84 normal
// (link_geometry.hpp), not the smooth event functions the search uses.
#include "sim/contact/link_windows.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>
#include <string>
#include <vector>

#include "sim/contact/candidate_links.hpp"
#include "sim/contact/link_geometry.hpp"
#include "sim/orbit/earth.hpp"
#include "sim/spec/platform_reader.hpp"

namespace umbra::contact {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr double kScanStep = 0.01;  // s: the brute-force resolution the edges must match

struct Scenario {
  spec::PlatformSpec platform;
  Constellation constellation;
  std::vector<CandidateLink> links;
};

Scenario scenario(const std::string& text) {
  Scenario s{spec::read_platform_text(text, "links.yaml"), {}, {}};
  s.constellation = build_constellation(s.platform);
  s.links = candidate_links(s.platform, s.constellation);
  return s;
}

// Intervals where `visible` holds, from samples every `step` over [0, horizon].
std::vector<std::pair<double, double>> scan(const std::function<bool(double)>& visible,
                                            double horizon, double step) {
  std::vector<std::pair<double, double>> intervals;
  bool was = visible(0);
  double opened = 0;
  const auto samples = static_cast<long long>(std::round(horizon / step));
  for (long long k = 1; k <= samples; ++k) {
    const double t = static_cast<double>(k) * step;
    const bool now = visible(t);
    if (now && !was) opened = t;
    if (!now && was) intervals.emplace_back(opened, t);
    was = now;
  }
  if (was) intervals.emplace_back(opened, horizon);
  return intervals;
}

void expect_same_edges(const std::vector<VisibleInterval>& found,
                       const std::vector<std::pair<double, double>>& scanned) {
  ASSERT_EQ(found.size(), scanned.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    // A scanned edge is the first sample on the new side: within one step after the root.
    EXPECT_NEAR(found[i].start, scanned[i].first, kScanStep + 1e-3) << "window " << i;
    EXPECT_NEAR(found[i].end, scanned[i].second, kScanStep + 1e-3) << "window " << i;
  }
}

const std::string kGpuModels =
    "gpu_models:\n  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}\n";

// RANGE, GRAZE and MASK are replaced by platform_text.
const std::string kLinkClasses = R"(epoch: 2026-03-20T12:00:00Z
link_classes:
  - {name: laser, kind: laser, rate: 100 Gbps, max_range: RANGE km, grazing_altitude: GRAZE km}
  - {name: ka, kind: rf, rate: 10 Gbps, max_range: 3000 km, elevation_mask: 10}
ground_stations:
  - {name: omaha, location: {latitude: 41.26, longitude: -95.86}, altitude: 350 m,
     min_elevation: MASK}
satellites:
  - {name: a, altitude: 550 km, inclination: 53, terminals: [{link_class: laser}, {link_class: ka}]}
  - {name: b, altitude: 600 km, inclination: 60, raan: 40, mean_anomaly: 0,
     terminals: [{link_class: laser}]}
isl_pairs:
  - {between: [a, b], link_class: laser}
)";

std::string platform_text(double range_km, double graze_km, double mask_deg) {
  std::string text = kLinkClasses + kGpuModels;
  for (const auto& [key, value] : {std::pair<std::string, double>{"RANGE", range_km},
                                   {"GRAZE", graze_km},
                                   {"MASK", mask_deg}}) {
    text.replace(text.find(key), key.size(), fmt::format("{:.17g}", value));
  }
  return text;
}

const CandidateLink& link_of(const Scenario& s, bool to_ground) {
  return *std::find_if(s.links.begin(), s.links.end(),
                       [&](const CandidateLink& link) { return link.to_ground == to_ground; });
}

std::vector<VisibleInterval> search(const Scenario& s, const CandidateLink& link, double horizon) {
  const std::vector<CandidateLink> one = {link};
  return visible_intervals(one, s.platform, s.constellation, {0, horizon, 1e-3, {}, 1}).front();
}

orbit::Vec3 position(const Scenario& s, std::size_t satellite, double t) {
  return s.constellation.satellites[satellite]
      .propagator->state_at(s.constellation.epoch, t)
      .position;
}

bool isl_visible(const Scenario& s, double t) {
  const spec::LinkClassSpec& laser = s.platform.link_classes[0];
  const orbit::Vec3 a = position(s, 0, t), b = position(s, 1, t);
  return line_of_sight(a, b, laser.grazing_altitude) && norm(b - a) <= laser.max_range;
}

TEST(LinkWindows, IslEdgesMatchABruteForceScanWhenTheRangeCutsTheLink) {
  const Scenario s = scenario(platform_text(3000, 80, 10));
  const double horizon = 6 * 3600.0;
  const auto found = search(s, link_of(s, false), horizon);
  const auto scanned = scan([&](double t) { return isl_visible(s, t); }, horizon, kScanStep);
  ASSERT_GE(scanned.size(), 2u);  // the geometry must actually cut the link
  expect_same_edges(found, scanned);
}

TEST(LinkWindows, GrazingIslOutageIsFoundAndMatchesTheScan) {
  // The lowest dip of the beam's clearance that still clears the Earth over 3 h, found on a 1 s
  // scan; the grazing altitude is set 50 m above it, so that dip becomes a brief outage.
  const Scenario probe = scenario(platform_text(20000, 0, 10));
  const double horizon = 3 * 3600.0;
  double lowest_clear_dip = 1e9;
  double before = 0, now = segment_clearance(position(probe, 0, 0), position(probe, 1, 0));
  for (double t = 1; t <= horizon; t += 1) {
    const double next = segment_clearance(position(probe, 0, t), position(probe, 1, t));
    if (now < before && now < next && now > orbit::kEquatorialRadius) {
      lowest_clear_dip = std::min(lowest_clear_dip, now);
    }
    before = now;
    now = next;
  }
  const double graze_km = (lowest_clear_dip - orbit::kEquatorialRadius) / 1e3 + 0.05;
  ASSERT_GT(graze_km, 0);
  ASSERT_LT(graze_km, 500);
  const Scenario s = scenario(platform_text(20000, graze_km, 10));
  const auto found = search(s, link_of(s, false), horizon);
  const auto scanned = scan([&](double t) { return isl_visible(s, t); }, horizon, kScanStep);
  expect_same_edges(found, scanned);
  ASSERT_GE(found.size(), 2u);
  // Some outage between two windows is short: the graze.
  double shortest_gap = horizon;
  for (std::size_t i = 1; i < found.size(); ++i) {
    shortest_gap = std::min(shortest_gap, found[i].start - found[i - 1].end);
  }
  EXPECT_LT(shortest_gap, 60.0);
}

double elevation_deg(const Scenario& s, const GroundSite& site, double t) {
  const orbit::Vec3 fixed =
      orbit::teme_to_earth_fixed(position(s, 0, t), s.constellation.epoch.plus_seconds(t));
  return elevation(site, fixed) / kDeg;
}

GroundSite station_site(const Scenario& s) {
  const spec::GroundStationSpec& station = s.platform.ground_stations[0];
  return ground_site({station.latitude_deg * kDeg, station.longitude_deg * kDeg, station.altitude});
}

// The scanned windows of satellite a over the station, above `mask_deg` and within the ka range.
std::vector<std::pair<double, double>> scan_ground(const Scenario& s, double mask_deg,
                                                   double horizon) {
  const GroundSite site = station_site(s);
  const spec::LinkClassSpec& ka = s.platform.link_classes[1];
  return scan(
      [&](double t) {
        const orbit::Vec3 fixed =
            orbit::teme_to_earth_fixed(position(s, 0, t), s.constellation.epoch.plus_seconds(t));
        return elevation(site, fixed) / kDeg >= mask_deg &&
               norm(fixed - site.position) <= ka.max_range;
      },
      horizon, kScanStep);
}

TEST(LinkWindows, LowPassOverAGroundStationMatchesTheScan) {
  // The lowest pass above 5 deg over 12 h, found on a 1 s scan; the station's minimum elevation
  // is set 0.2 deg below its peak, so that pass is a window of a few tens of seconds.
  const Scenario probe = scenario(platform_text(6000, 80, 0));
  const GroundSite site = station_site(probe);
  const double horizon = 12 * 3600.0;
  double lowest_peak = 90;
  double before = -90, now = elevation_deg(probe, site, 0);
  for (double t = 1; t <= horizon; t += 1) {
    const double next = elevation_deg(probe, site, t);
    if (now > before && now > next && now > 5) lowest_peak = std::min(lowest_peak, now);
    before = now;
    now = next;
  }
  ASSERT_LT(lowest_peak, 80);
  const double mask = lowest_peak - 0.2;
  const Scenario s = scenario(platform_text(6000, 80, mask));
  const auto found = search(s, link_of(s, true), horizon);
  expect_same_edges(found, scan_ground(s, mask, horizon));
  const auto shortest = std::min_element(
      found.begin(), found.end(),
      [](const auto& x, const auto& y) { return x.end - x.start < y.end - y.start; });
  ASSERT_NE(shortest, found.end());
  EXPECT_LT(shortest->end - shortest->start, 90.0);  // the low pass is there, and short
}

TEST(LinkWindows, EveryPassOfHalfADayAboveA25DegreeMaskMatchesTheScan) {
  // Between passes the satellite is thousands of kilometres below the mask and beyond the
  // range: the search skips those samples (link_windows.cpp), and must still find every pass.
  const Scenario s = scenario(platform_text(6000, 80, 25));
  const double horizon = 12 * 3600.0;
  const auto found = search(s, link_of(s, true), horizon);
  const auto scanned = scan_ground(s, 25, horizon);
  EXPECT_GE(scanned.size(), 2u);  // several passes, with long gaps between them
  expect_same_edges(found, scanned);
}

TEST(LinkWindows, SatelliteOverTheAntipodeNeverSeesTheStation) {
  // A geostationary satellite placed over longitude 180 at the epoch stays there (Kepler + J2
  // drifts it by well under a degree a day); a station at (0, 0) never sees it, one at (0, 180)
  // always does.
  const orbit::JulianDate epoch = orbit::parse_utc("2026-03-20T12:00:00Z");
  const double gmst_deg = orbit::gmst_iau82(epoch) / kDeg;
  const std::string text = fmt::format(R"(epoch: 2026-03-20T12:00:00Z
link_classes:
  - {{name: ka, kind: rf, rate: 1 Gbps, max_range: 100000 km, elevation_mask: 0}}
ground_stations:
  - {{name: origin, location: {{latitude: 0, longitude: 0}}, min_elevation: 0}}
  - {{name: antipode, location: {{latitude: 0, longitude: 180}}, min_elevation: 0}}
satellites:
  - {{name: geo, semi_major_axis: 42164.17 km, inclination: 0, mean_anomaly: {},
     terminals: [{{link_class: ka}}]}}
)",
                                       std::fmod(gmst_deg + 180.0, 360.0));
  const Scenario s = scenario(text + kGpuModels);
  ASSERT_EQ(s.links.size(), 2u);
  const auto windows =
      visible_intervals(s.links, s.platform, s.constellation, {0, 86400.0, 1e-3, {}, 0});
  EXPECT_TRUE(windows[0].empty());   // origin
  ASSERT_EQ(windows[1].size(), 1u);  // antipode: the whole day
  EXPECT_DOUBLE_EQ(windows[1][0].start, 0.0);
  EXPECT_DOUBLE_EQ(windows[1][0].end, 86400.0);
}

}  // namespace
}  // namespace umbra::contact
