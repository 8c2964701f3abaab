// Laser connectivity of shells over a contact plan: links never up, why, and the groups left.
#include "sim/contact/isl_connectivity.hpp"

#include <gtest/gtest.h>

#include <string>

#include "sim/contact/constellation.hpp"
#include "sim/contact/contact_plan.hpp"
#include "sim/spec/platform_reader.hpp"

namespace umbra::contact {
namespace {

// A Walker shell "mini" at 550 km, 53 deg, with a plus grid of lasers of that range.
std::string shell(int planes, int per_plane, const std::string& max_range) {
  return R"(epoch: 2026-03-20T12:00:00Z
gpu_models:
  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}
link_classes:
  - {name: laser-isl, kind: laser, rate: 100 Gbps, max_range: )" +
         max_range + R"(}
shells:
  - name: mini
    altitude: 550 km
    inclination: 53
    planes: )" +
         std::to_string(planes) + R"(
    satellites_per_plane: )" +
         std::to_string(per_plane) + R"(
    terminals: [{link_class: laser-isl, count: 4}]
    isl: {topology: plus-grid, link_class: laser-isl}
)";
}

// The groups point at the platform's link classes: the caller keeps the platform.
std::vector<GroupConnectivity> connectivity_over_a_day(const spec::PlatformSpec& platform) {
  const Constellation constellation = build_constellation(platform);
  ContactPlanOptions options;
  options.horizon = 86400;
  return isl_connectivity(platform, constellation,
                          build_contact_plan(platform, constellation, options));
}

TEST(IslConnectivity, ADisconnectedShellNamesItsLinksNeverUpAndWhy) {
  // By hand: a = 6378.137 + 550 = 6928.137 km; six satellites a plane are 60 deg apart, so
  // in-plane neighbours are a chord of 2 a sin(30 deg) = a = 6,928 km apart at every instant:
  // beyond 5,000 km, all 24 never up. The plus grid has 24 cross-plane links too (4 planes,
  // the last wrapping to the first), between satellites of the same slot, so of the same
  // argument of latitude u, in planes 90 deg of RAAN apart: the angle between them has
  // cos = sin^2 u sin^2 i, smallest at u = 90 deg, 50.37 deg for i = 53 deg, a chord of
  // 2 a sin(25.19 deg) = 5,896 km: beyond range too. No link ever up: 24 groups of one.
  const spec::PlatformSpec platform = spec::read_platform_text(shell(4, 6, "5000 km"), "mini.yaml");
  const auto groups = connectivity_over_a_day(platform);
  ASSERT_EQ(groups.size(), 1u);
  const GroupConnectivity& mini = groups[0];
  ASSERT_EQ(mini.families.size(), 2u);
  const LinkFamily& in_plane = mini.families[0];
  EXPECT_EQ(in_plane.name, "in-plane neighbours");
  EXPECT_EQ(in_plane.links, 24u);
  EXPECT_EQ(in_plane.beyond_range, 24u);
  EXPECT_NEAR(in_plane.closest_beyond_range, 6928.137e3, 1e3);  // J2 drift: within 1 km
  const LinkFamily& cross_plane = mini.families[1];
  EXPECT_EQ(cross_plane.links, 24u);
  EXPECT_EQ(cross_plane.beyond_range, 24u);
  // Sampled every 60 s: at most ~1 km above the true closest approach.
  EXPECT_NEAR(cross_plane.closest_beyond_range, 5896.1e3, 2e3);
  EXPECT_EQ(mini.joined_groups, 24u);
  EXPECT_EQ(describe(mini, 86400),
            "shell mini: 4 planes of 6; 48 of 48 laser links never up over 1 d (in-plane "
            "neighbours: 24 of 24, beyond range: 6,928 km apart at the closest > laser range "
            "5,000 km; cross-plane neighbours: 24 of 24, beyond range: 5,897 km apart at the "
            "closest > laser range 5,000 km); 24 isolated groups");
}

TEST(IslConnectivity, NeighboursInRangeButBehindTheEarthFailOnTheGrazingAltitude) {
  // With an 8,000 km range the in-plane neighbours (6,928 km) are in reach, but the line between
  // them passes a cos(30 deg) = 6,000 km from the Earth's centre, under its 6,378 km surface.
  // Cross-plane neighbours at their closest (50.37 deg apart, above) pass a cos(25.19 deg) =
  // 6,270 km from it: below the surface too.
  const spec::PlatformSpec platform = spec::read_platform_text(shell(4, 6, "8000 km"), "mini.yaml");
  const auto groups = connectivity_over_a_day(platform);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].families[0].below_grazing, 24u);
  EXPECT_EQ(groups[0].families[1].below_grazing, 24u);
  EXPECT_EQ(describe(groups[0], 86400),
            "shell mini: 4 planes of 6; 48 of 48 laser links never up over 1 d (in-plane "
            "neighbours: 24 of 24, in range but the line of sight below the grazing altitude "
            "80 km; cross-plane neighbours: 24 of 24, in range but the line of sight below the "
            "grazing altitude 80 km); 24 isolated groups");
}

TEST(IslConnectivity, APlaneItsLasersReachIsOneConnectedGroup) {
  // One plane of 12: neighbours 30 deg apart are 2 a sin(15 deg) = 3,586 km apart, and the line
  // between them passes a cos(15 deg) - R = 314 km above the equator (> 80 km grazing): every
  // link is up the whole day.
  const spec::PlatformSpec platform =
      spec::read_platform_text(shell(1, 12, "5000 km"), "mini.yaml");
  const auto groups = connectivity_over_a_day(platform);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].never_up(), 0u);
  EXPECT_EQ(groups[0].joined_groups, 1u);
  EXPECT_EQ(describe(groups[0], 86400),
            "shell mini: 1 plane of 12; all 12 laser links come up over 1 d; 1 connected group");
}

TEST(IslConnectivity, LinksInSightWithoutAFreeTerminalAreToldApart) {
  // Four members within 1 km, a full mesh (6 links, all in sight all day) and one laser
  // terminal each: the assignment (earliest start, longest window, then names) gives m000-m001
  // the terminals of both, then m002-m003; the 4 other links never get one. Two pairs.
  const spec::PlatformSpec platform = spec::read_platform_text(R"(epoch: 2026-03-20T12:00:00Z
gpu_models:
  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}
link_classes:
  - {name: laser-isl, kind: laser, rate: 100 Gbps, max_range: 5000 km}
formations:
  - name: tight
    reference: {altitude: 650 km, local_time_of_ascending_node: "18:00"}
    members: 4
    radius: 1 km
    terminals: [{link_class: laser-isl, count: 1}]
    isl: {topology: full-mesh, link_class: laser-isl}
)",
                                                               "mini.yaml");
  const auto groups = connectivity_over_a_day(platform);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].families.at(0).without_terminal, 4u);
  EXPECT_EQ(groups[0].joined_groups, 2u);
  EXPECT_EQ(describe(groups[0], 86400),
            "formation tight: 4 members; 4 of 6 laser links never up over 1 d (links: 4 of 6, "
            "in sight but given no terminal); 2 isolated groups");
}

}  // namespace
}  // namespace umbra::contact
