#include "sim/contact/constellation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <string_view>

#include "sim/core/did_you_mean.hpp"
#include "sim/orbit/earth.hpp"
#include "sim/orbit/element_set.hpp"
#include "sim/orbit/formation.hpp"
#include "sim/orbit/kepler_j2.hpp"
#include "sim/orbit/omm.hpp"
#include "sim/orbit/sgp4.hpp"
#include "sim/orbit/sun_synchronous.hpp"
#include "sim/orbit/tle.hpp"
#include "sim/orbit/walker.hpp"

namespace umbra::contact {
namespace {

using orbit::kRadiansPerDegree;

// Runs `build`; an error the orbit module raised without a place (an impossible orbit) is
// placed at the entry that asked for it.
template <typename Build>
auto placed_at(const SourcePosition& where, std::string_view what, Build build) {
  try {
    return build();
  } catch (const InputError& error) {
    if (!error.where().file.empty()) throw;
    throw InputError(where, fmt::format("{}: {}", what, error.message()));
  }
}

orbit::JulianDate parse_utc_at(const spec::ScalarText& text, std::string_view key) {
  return placed_at(text.where, fmt::format("invalid \"{}\"", key),
                   [&] { return orbit::parse_utc(text.text); });
}

// Digits enough for `count - 1`, at least `minimum`: names sort in index order.
int index_width(int count, int minimum) {
  return std::max(minimum, static_cast<int>(fmt::format("{}", count - 1).size()));
}

orbit::KeplerElements keplerian_elements(const spec::KeplerianSpec& spec,
                                         const orbit::JulianDate& scenario_epoch) {
  orbit::KeplerElements elements;
  elements.semi_major_axis =
      spec.semi_major_axis ? *spec.semi_major_axis : orbit::kEquatorialRadius + *spec.altitude;
  elements.eccentricity = spec.eccentricity;
  elements.inclination = spec.inclination_deg * kRadiansPerDegree;
  elements.raan = spec.raan_deg * kRadiansPerDegree;
  elements.argument_of_perigee = spec.argument_of_perigee_deg * kRadiansPerDegree;
  elements.mean_anomaly = spec.mean_anomaly_deg * kRadiansPerDegree;
  elements.epoch = spec.epoch ? parse_utc_at(*spec.epoch, "element_epoch") : scenario_epoch;
  return elements;
}

class Builder {
 public:
  explicit Builder(const orbit::JulianDate& epoch) { constellation_.epoch = epoch; }

  void add_shell(const spec::ShellSpec& shell) {
    const orbit::JulianDate& epoch = constellation_.epoch;
    const auto elements = placed_at(shell.where, fmt::format("shell \"{}\"", shell.name), [&] {
      orbit::WalkerShell walker;
      walker.pattern = shell.pattern == spec::WalkerPatternSpec::kStar
                           ? orbit::WalkerPattern::kStar
                           : orbit::WalkerPattern::kDelta;
      walker.altitude = shell.altitude;
      walker.total_satellites = shell.planes * shell.satellites_per_plane;
      walker.planes = shell.planes;
      walker.phasing = shell.phasing;
      walker.epoch = epoch;
      if (shell.local_time_of_ascending_node) {
        walker.inclination =
            orbit::sun_synchronous_inclination(orbit::kEquatorialRadius + shell.altitude);
        walker.raan_of_first_plane = orbit::raan_for_local_time_of_ascending_node(
            *shell.local_time_of_ascending_node, epoch);
      } else {
        walker.inclination = *shell.inclination_deg * kRadiansPerDegree;
        walker.raan_of_first_plane = shell.raan_of_first_plane_deg * kRadiansPerDegree;
      }
      return orbit::walker_elements(walker);
    });
    const int plane_width = index_width(shell.planes, 2);
    const int slot_width = index_width(shell.satellites_per_plane, 2);
    for (std::size_t i = 0; i < elements.size(); ++i) {
      const int plane = static_cast<int>(i) / shell.satellites_per_plane;
      const int slot = static_cast<int>(i) % shell.satellites_per_plane;
      add(fmt::format("{}-p{:0{}}-s{:0{}}", shell.name, plane, plane_width, slot, slot_width),
          std::make_unique<orbit::KeplerJ2Propagator>(elements[i]), shell.hardware, shell.where);
    }
  }

  void add_formation(const spec::FormationSpec& formation) {
    const orbit::JulianDate& epoch = constellation_.epoch;
    const auto what = fmt::format("formation \"{}\"", formation.name);
    const orbit::Formation members = placed_at(formation.where, what, [&] {
      orbit::FormationSpec spec;
      if (const auto* sso = std::get_if<spec::SunSynchronousSpec>(&formation.reference)) {
        spec.reference = orbit::sun_synchronous_elements(sso->altitude,
                                                         sso->local_time_of_ascending_node, epoch);
      } else {
        spec.reference =
            keplerian_elements(std::get<spec::KeplerianSpec>(formation.reference), epoch);
      }
      spec.members = formation.members;
      spec.radius = formation.radius;
      return orbit::formation_elements(spec);
    });
    const int width = index_width(formation.members, 3);
    for (std::size_t i = 0; i < members.members.size(); ++i) {
      add(fmt::format("{}-m{:0{}}", formation.name, i, width),
          std::make_unique<orbit::KeplerJ2Propagator>(members.members[i]), formation.hardware,
          formation.where);
    }
  }

  void add_satellite(const spec::SatelliteSpec& satellite) {
    if (const auto* kepler = std::get_if<spec::KeplerianSpec>(&satellite.orbit)) {
      const auto what = fmt::format("satellite \"{}\"", satellite.name);
      add(satellite.name,
          placed_at(satellite.where, what,
                    [&] {
                      return std::make_unique<orbit::KeplerJ2Propagator>(
                          keplerian_elements(*kepler, constellation_.epoch));
                    }),
          satellite.hardware, satellite.where);
    } else if (const auto* tle = std::get_if<spec::InlineTleSpec>(&satellite.orbit)) {
      const orbit::ElementSet set = parse_inline_tle(*tle, satellite.where);
      add_element_set(satellite.name, set, satellite.hardware, satellite.where);
    } else {
      const auto& file = std::get<spec::ElementFileSpec>(satellite.orbit);
      const auto sets = read_element_file(file);
      if (sets.empty())
        throw InputError(file.where, fmt::format("no element set in {}", file.path));
      for (const orbit::ElementSet& set : sets) {
        add_element_set("", set, satellite.hardware, file.where);
      }
    }
  }

  Constellation finish() { return std::move(constellation_); }

 private:
  // A file that cannot be opened has no line of its own to point at: the error points where
  // the platform names it.
  static std::vector<orbit::ElementSet> read_element_file(const spec::ElementFileSpec& file) {
    try {
      return file.format == spec::ElementFileSpec::Format::kTle ? orbit::read_tle_file(file.path)
                                                                : orbit::read_omm_file(file.path);
    } catch (const InputError& error) {
      if (error.where().line > 0) throw;
      throw InputError(file.where, fmt::format("{}: {}", file.path, error.message()));
    }
  }

  // The lines are parsed as one text; an error's line and column in that text are mapped back
  // to the line's place in the platform file.
  static orbit::ElementSet parse_inline_tle(const spec::InlineTleSpec& tle,
                                            const SourcePosition& where) {
    std::string text;
    for (const spec::ScalarText& line : tle.lines) text += line.text + "\n";
    std::vector<orbit::ElementSet> sets;
    try {
      sets = orbit::parse_tle(text, where.file);
    } catch (const InputError& error) {
      const int line = error.where().line;
      if (line < 1 || line > static_cast<int>(tle.lines.size())) throw;
      SourcePosition place = tle.lines[static_cast<std::size_t>(line - 1)].where;
      if (error.where().column > 0) place.column += error.where().column - 1;
      throw InputError(place, error.message());
    }
    if (sets.size() != 1) {
      throw InputError(where, fmt::format("\"tle\" holds {} element sets; expected one (list a "
                                          "file of many under \"tle_file\")",
                                          sets.size()));
    }
    return sets.front();
  }

  void add_element_set(const std::string& name, const orbit::ElementSet& set,
                       const spec::SatelliteHardwareSpec& hardware, const SourcePosition& where) {
    const std::string chosen = !name.empty()       ? name
                               : !set.name.empty() ? set.name
                                                   : fmt::format("{}", set.satnum);
    refuse_perigee_inside_the_earth(set, chosen, where);
    add(chosen, std::make_unique<orbit::Sgp4Propagator>(set), hardware, where);
  }

  // An element set whose perigee lies inside the Earth cannot be flown (SGP4 would stop at its
  // first state). The semi-major axis comes from the mean motion by Kepler's third law (the
  // Kozai mean motion of a TLE is within a few km of the one SGP4 recovers).
  static void refuse_perigee_inside_the_earth(const orbit::ElementSet& set, const std::string& name,
                                              const SourcePosition& where) {
    const double mean_motion = set.mean_motion * 2 * std::numbers::pi / 86400;  // rad/s
    const double semi_major_axis = std::cbrt(orbit::kEarthMu / (mean_motion * mean_motion));
    const double perigee_radius = semi_major_axis * (1 - set.eccentricity);
    if (perigee_radius <= orbit::kEquatorialRadius) {
      throw InputError(
          where, fmt::format("satellite \"{}\": perigee radius {:.3f} km is inside the "
                             "Earth (a = {:.3f} km from the mean motion {:g} "
                             "rev/day, e = {:g})",
                             name, perigee_radius / 1e3, semi_major_axis / 1e3, set.mean_motion,
                             set.eccentricity));
    }
  }

  void add(std::string name, std::unique_ptr<orbit::Propagator> propagator,
           const spec::SatelliteHardwareSpec& hardware, const SourcePosition& where) {
    const auto [first, inserted] = first_place_.emplace(name, where);
    if (!inserted) {
      throw InputError(where, fmt::format("duplicate satellite name \"{}\" (first defined at "
                                          "line {})",
                                          name, first->second.line));
    }
    constellation_.satellites.push_back({std::move(name), std::move(propagator), hardware});
  }

  Constellation constellation_;
  std::map<std::string, SourcePosition> first_place_;
};

// Each explicit pair names two satellites that carry a terminal of its class.
void check_isl_pairs(const std::vector<spec::IslPairSpec>& pairs,
                     const Constellation& constellation) {
  if (pairs.empty()) return;
  std::map<std::string, const Satellite*> by_name;
  std::vector<std::string> names;
  for (const Satellite& satellite : constellation.satellites) {
    by_name.emplace(satellite.name, &satellite);
    names.push_back(satellite.name);
  }
  for (const spec::IslPairSpec& pair : pairs) {
    for (const std::string& name : {pair.a, pair.b}) {
      const auto found = by_name.find(name);
      if (found == by_name.end()) {
        throw InputError(pair.where, fmt::format("unknown satellite \"{}\" in isl pair{}", name,
                                                 did_you_mean(name, names)));
      }
      const auto& terminals = found->second->hardware.terminals;
      if (std::none_of(terminals.begin(), terminals.end(), [&](const spec::TerminalSpec& t) {
            return t.link_class == pair.link_class;
          })) {
        throw InputError(pair.where,
                         fmt::format("satellite \"{}\" in isl pair carries no terminal of link "
                                     "class \"{}\"",
                                     name, pair.link_class));
      }
    }
  }
}

}  // namespace

const Satellite& Constellation::satellite(const std::string& name) const {
  std::vector<std::string> names;
  for (const Satellite& satellite : satellites) {
    if (satellite.name == name) return satellite;
    names.push_back(satellite.name);
  }
  throw InputError(fmt::format("unknown satellite \"{}\"{} ({} satellites in the platform)", name,
                               did_you_mean(name, names), names.size()));
}

int Constellation::total_gpus() const {
  int total = 0;
  for (const Satellite& satellite : satellites) {
    if (satellite.hardware.payload) total += satellite.hardware.payload->gpus;
  }
  return total;
}

Constellation build_constellation(const spec::PlatformSpec& platform) {
  Builder builder(platform.epoch ? parse_utc_at(*platform.epoch, "epoch") : orbit::JulianDate{});
  for (const spec::ShellSpec& shell : platform.shells) builder.add_shell(shell);
  for (const spec::FormationSpec& formation : platform.formations) builder.add_formation(formation);
  for (const spec::SatelliteSpec& satellite : platform.satellites) builder.add_satellite(satellite);
  Constellation constellation = builder.finish();
  check_isl_pairs(platform.isl_pairs, constellation);
  return constellation;
}

}  // namespace umbra::contact
