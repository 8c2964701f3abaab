// Which links a platform's ISL topologies and ground terminals ask for.
#include "sim/contact/candidate_links.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "sim/spec/platform_reader.hpp"

namespace umbra::contact {
namespace {

const std::string kHead = R"(epoch: 2026-03-20T12:00:00Z
gpu_models:
  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}
link_classes:
  - {name: laser, kind: laser, rate: 100 Gbps, max_range: 5000 km}
  - {name: ka, kind: rf, rate: 10 Gbps, max_range: 2500 km}
ground_stations:
  - {name: omaha, location: {latitude: 41.26, longitude: -95.86}}
  - {name: madrid, location: {latitude: 40.43, longitude: -4.25}}
)";

struct Links {
  Constellation constellation;
  std::vector<CandidateLink> links;
};

Links links_of(const std::string& body) {
  const spec::PlatformSpec platform = spec::read_platform_text(kHead + body, "links.yaml");
  Links result{build_constellation(platform), {}};
  result.links = candidate_links(platform, result.constellation);
  return result;
}

// Laser links per satellite name.
std::map<std::string, int> degrees(const Links& links) {
  std::map<std::string, int> degree;
  for (const CandidateLink& link : links.links) {
    if (link.to_ground) continue;
    ++degree[links.constellation.satellites[link.a].name];
    ++degree[links.constellation.satellites[link.b].name];
  }
  return degree;
}

std::string shell(const std::string& pattern, const std::string& isl) {
  return "shells:\n  - {name: s, altitude: 550 km, inclination: 53, planes: 6, "
         "satellites_per_plane: 5, pattern: " +
         pattern + ", terminals: [{link_class: laser, count: 4}], isl: " + isl + "}\n";
}

TEST(CandidateLinks, PlusGridGivesEverySatelliteFourNeighboursInADeltaShell) {
  const Links links = links_of(shell("delta", "{topology: plus-grid, link_class: laser}"));
  EXPECT_EQ(links.links.size(), 6u * 5u * 2u);  // each satellite: the next slot, the next plane
  for (const auto& [name, degree] : degrees(links)) EXPECT_EQ(degree, 4) << name;
  // s-p05-s03's next plane wraps to plane 0, same slot.
  const auto& satellites = links.constellation.satellites;
  bool wraps = false;
  for (const CandidateLink& link : links.links) {
    wraps |= satellites[link.a].name == "s-p00-s03" && satellites[link.b].name == "s-p05-s03";
  }
  EXPECT_TRUE(wraps);
}

TEST(CandidateLinks, PlusGridOfAStarShellHasNoLinksAcrossItsSeam) {
  const Links links = links_of(shell("star", "{topology: plus-grid, link_class: laser}"));
  EXPECT_EQ(links.links.size(), 6u * 5u * 2u - 5u);
  const auto degree = degrees(links);
  EXPECT_EQ(degree.at("s-p00-s00"), 3);
  EXPECT_EQ(degree.at("s-p02-s00"), 4);
}

TEST(CandidateLinks, NearestKTakesEachSatellitesKNearestAsPairs) {
  const Links links = links_of(shell("delta", "{topology: nearest-k, link_class: laser, k: 2}"));
  // 30 satellites asking for 2 each: between 30 (all mutual) and 60 pairs.
  EXPECT_GE(links.links.size(), 30u);
  EXPECT_LE(links.links.size(), 60u);
  for (const auto& [name, degree] : degrees(links)) EXPECT_GE(degree, 2) << name;
}

TEST(CandidateLinks, FullMeshFormationAndExplicitPairsAndGroundTerminals) {
  const Links links = links_of(R"(formations:
  - name: f
    reference: {altitude: 650 km, local_time_of_ascending_node: "18:00"}
    members: 5
    radius: 1 km
    terminals: [{link_class: laser, count: 2}]
    isl: {topology: full-mesh, link_class: laser}
satellites:
  - {name: x, altitude: 700 km, inclination: 98, terminals: [{link_class: laser}, {link_class: ka}]}
isl_pairs:
  - {between: [x, f-m000], link_class: laser}
)");
  std::size_t laser = 0, ground = 0;
  for (const CandidateLink& link : links.links) (link.to_ground ? ground : laser) += 1;
  EXPECT_EQ(laser, 5u * 4u / 2u + 1u);
  EXPECT_EQ(ground, 2u);  // x to both stations over its Ka terminal
}

}  // namespace
}  // namespace umbra::contact
