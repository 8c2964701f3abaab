#pragma once
// The links that could exist, before any geometry: the contact plan (contact_plan.hpp) finds
// when each is possible.
// - Laser links between satellites, from the `isl` topology of each shell and formation
//   (spec/orbital_reader.hpp) and from the explicit isl_pairs:
//   plus-grid: (plane p, slot s) to (p, s + 1) in its plane and to (p + 1, s) in the next plane,
//     so each satellite has fore, aft and both neighbouring planes; a Walker delta shell wraps
//     from its last plane to its first, a star shell does not (its seam planes counter-rotate).
//     Slots are matched by index across the seam, as Hypatia's +Grid does;
//   nearest-k: each satellite's k nearest of its shell or formation at the scenario epoch (ties
//     by index), kept as undirected pairs (so a satellite may be in more than k pairs: its
//     terminals then limit how many are up at once);
//   full-mesh: every pair of the formation.
// - A link from every satellite to every ground station for each ground class (rf,
//   optical-ground) the satellite has a terminal for.
// Satellites are found by their place in the constellation, which holds shells, formations,
// then explicit satellites, in file order (contact/constellation.hpp).
#include <compare>
#include <cstddef>
#include <string>
#include <vector>

#include "sim/contact/constellation.hpp"
#include "sim/spec/platform_spec.hpp"

namespace umbra::contact {

struct CandidateLink {
  std::size_t a = 0;           // a satellite, by index in Constellation::satellites
  std::size_t b = 0;           // a satellite (a < b), or a ground station when to_ground
  bool to_ground = false;      // b indexes PlatformSpec::ground_stations
  std::size_t link_class = 0;  // index in PlatformSpec::link_classes

  friend auto operator<=>(const CandidateLink&, const CandidateLink&) = default;
};

// Sorted, each link once.
std::vector<CandidateLink> candidate_links(const spec::PlatformSpec& platform,
                                           const Constellation& constellation);

// Index in PlatformSpec::link_classes of a class the reader has validated.
std::size_t link_class_index(const spec::PlatformSpec& platform, const std::string& name);

}  // namespace umbra::contact
