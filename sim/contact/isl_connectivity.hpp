#pragma once
// Which laser links of each shell and formation never come up over a contact plan's horizon,
// why, and the groups of satellites left that no laser link ever joins: what `umbra validate`
// and `umbra contacts` print before a run, so that a constellation its lasers cannot join is
// seen before a job is placed across it.
//
// A candidate laser link (candidate_links.hpp) between two satellites of one shell or formation
// is up if the plan holds a window for it. One that never is gets the first reason that holds,
// from the satellites' positions sampled over the horizon (every 60 s, or horizon / 1440 if that
// is longer):
// - beyond range: the two are never within the class's max_range (the closest sampled distance
//   is given);
// - line of sight below the grazing altitude: within range, but the line between them always
//   passes below the class's grazing altitude;
// - no terminal: geometrically possible, but the terminal assignment gave it no window (every
//   terminal busy, or windows shorter than the acquisition time).
// Links of a Walker or sun-synchronous shell are told apart as in-plane and cross-plane
// neighbours (their distances differ); those of a formation are one family.
#include <cstddef>
#include <string>
#include <vector>

#include "sim/contact/constellation.hpp"
#include "sim/contact/contact_plan.hpp"
#include "sim/spec/platform_spec.hpp"

namespace umbra::contact {

// Laser links of one kind within a shell or formation ("in-plane neighbours").
struct LinkFamily {
  std::string name;
  std::size_t links = 0;
  std::size_t beyond_range = 0;
  double closest_beyond_range = 0;  // m: the closest any of those came
  std::size_t below_grazing = 0;
  std::size_t without_terminal = 0;

  std::size_t never_up() const { return beyond_range + below_grazing + without_terminal; }
};

struct GroupConnectivity {
  std::string name;   // "shell mini", "formation suncatcher"
  std::string shape;  // "4 planes of 6", "81 members"
  const spec::LinkClassSpec* link_class = nullptr;
  std::vector<LinkFamily> families;  // those with at least one link
  std::size_t joined_groups = 0;     // connected components of the links that come up

  std::size_t links() const;
  std::size_t never_up() const;
};

// For each shell and formation with an isl topology, in file order.
std::vector<GroupConnectivity> isl_connectivity(const spec::PlatformSpec& platform,
                                                const Constellation& constellation,
                                                const ContactPlan& plan);

// One line: "shell mini: 4 planes of 6; 42 of 48 laser links never up over 1 d (in-plane
// neighbours: 24 of 24 beyond range, 6,928 km apart at the closest > laser range 5,000 km; ...);
// 18 isolated groups".
std::string describe(const GroupConnectivity& group, double horizon);

}  // namespace umbra::contact
