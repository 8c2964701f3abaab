#include "sim/contact/isl_connectivity.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <tuple>

#include "sim/contact/candidate_links.hpp"
#include "sim/contact/link_geometry.hpp"
#include "sim/core/units.hpp"

namespace umbra::contact {
namespace {

constexpr double kSampleStep = 60;  // s
constexpr double kSamplesPerHorizon = 1440;

// The satellites of one shell or formation: a range of constellation indices.
struct Group {
  std::string name, shape;
  std::size_t first = 0, count = 0;
  int satellites_per_plane = 0;  // shells only: in-plane and cross-plane families
  const spec::IslSpec* isl = nullptr;
};

std::vector<Group> groups_of(const spec::PlatformSpec& platform) {
  std::vector<Group> groups;
  std::size_t first = 0;
  for (const spec::ShellSpec& shell : platform.shells) {
    const auto count = static_cast<std::size_t>(shell.planes * shell.satellites_per_plane);
    groups.push_back({fmt::format("shell {}", shell.name),
                      fmt::format("{} plane{} of {}", shell.planes, shell.planes == 1 ? "" : "s",
                                  shell.satellites_per_plane),
                      first, count, shell.satellites_per_plane, &shell.isl});
    first += count;
  }
  for (const spec::FormationSpec& formation : platform.formations) {
    const auto count = static_cast<std::size_t>(formation.members);
    groups.push_back({fmt::format("formation {}", formation.name),
                      fmt::format("{} members", formation.members), first, count, 0,
                      &formation.isl});
    first += count;
  }
  return groups;
}

// Why a link never came up, from positions sampled over the horizon.
enum class NeverUpReason { kBeyondRange, kBelowGrazing, kNoTerminal };

struct Sampled {
  NeverUpReason reason = NeverUpReason::kBeyondRange;
  double closest = std::numeric_limits<double>::infinity();  // m
};

Sampled sample_link(const Satellite& a, const Satellite& b, const spec::LinkClassSpec& link_class,
                    const orbit::JulianDate& epoch, double from, double to) {
  const double step = std::max(kSampleStep, (to - from) / kSamplesPerHorizon);
  Sampled sampled;
  bool in_range = false;
  for (double t = from; t <= to; t += step) {
    const orbit::Vec3 pa = a.propagator->state_at(epoch, t).position;
    const orbit::Vec3 pb = b.propagator->state_at(epoch, t).position;
    const double distance = orbit::norm(pb - pa);
    sampled.closest = std::min(sampled.closest, distance);
    if (distance > link_class.max_range) continue;
    in_range = true;
    if (line_of_sight(pa, pb, link_class.grazing_altitude)) {
      sampled.reason = NeverUpReason::kNoTerminal;
      return sampled;
    }
  }
  sampled.reason = in_range ? NeverUpReason::kBelowGrazing : NeverUpReason::kBeyondRange;
  return sampled;
}

// Union-find over the satellites of a group.
class Components {
 public:
  explicit Components(std::size_t count) : parent_(count) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }
  void join(std::size_t x, std::size_t y) { parent_[root(x)] = root(y); }
  std::size_t count() {
    std::size_t roots = 0;
    for (std::size_t v = 0; v < parent_.size(); ++v) roots += root(v) == v ? 1 : 0;
    return roots;
  }

 private:
  std::size_t root(std::size_t v) {
    while (parent_[v] != v) v = parent_[v] = parent_[parent_[v]];
    return v;
  }
  std::vector<std::size_t> parent_;
};

// "6,928 km": whole kilometres with a comma between thousands.
std::string kilometres(double metres) {
  const std::string digits = fmt::format("{:.0f}", metres / 1e3);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped + " km";
}

// "in-plane neighbours: 24 of 24, beyond range: 6,928 km apart at the closest > laser range
// 5,000 km"; each reason counted when there are several.
std::string describe_family(const LinkFamily& family, const spec::LinkClassSpec& link_class) {
  const bool several =
      (family.beyond_range > 0) + (family.below_grazing > 0) + (family.without_terminal > 0) > 1;
  const auto counted = [&](std::size_t count) {
    return several ? fmt::format("{} ", count) : std::string();
  };
  std::vector<std::string> reasons;
  if (family.beyond_range > 0) {
    reasons.push_back(fmt::format(
        "{}beyond range: {} apart at the closest > laser range {}", counted(family.beyond_range),
        kilometres(family.closest_beyond_range), kilometres(link_class.max_range)));
  }
  if (family.below_grazing > 0) {
    reasons.push_back(fmt::format("{}in range but the line of sight below the grazing altitude {}",
                                  counted(family.below_grazing),
                                  kilometres(link_class.grazing_altitude)));
  }
  if (family.without_terminal > 0) {
    reasons.push_back(
        fmt::format("{}in sight but given no terminal", counted(family.without_terminal)));
  }
  return fmt::format("{}: {} of {}, {}", family.name, family.never_up(), family.links,
                     fmt::join(reasons, ", "));
}

}  // namespace

std::size_t GroupConnectivity::links() const {
  std::size_t total = 0;
  for (const LinkFamily& family : families) total += family.links;
  return total;
}

std::size_t GroupConnectivity::never_up() const {
  std::size_t total = 0;
  for (const LinkFamily& family : families) total += family.never_up();
  return total;
}

std::vector<GroupConnectivity> isl_connectivity(const spec::PlatformSpec& platform,
                                                const Constellation& constellation,
                                                const ContactPlan& plan) {
  std::set<std::tuple<std::size_t, std::size_t, std::size_t>> came_up;
  for (const LinkWindow& window : plan.windows) {
    if (window.b < plan.satellite_count) came_up.emplace(window.a, window.b, window.link_class);
  }
  const std::vector<CandidateLink> candidates = candidate_links(platform, constellation);
  std::vector<GroupConnectivity> result;
  for (const Group& group : groups_of(platform)) {
    if (group.isl->topology == spec::IslTopology::kNone) continue;
    const std::size_t link_class = link_class_index(platform, group.isl->link_class);
    GroupConnectivity connectivity{
        group.name, group.shape, &platform.link_classes[link_class], {}, 0};
    const bool shell = group.satellites_per_plane > 0;
    std::vector<LinkFamily> families =
        shell ? std::vector<LinkFamily>{{"in-plane neighbours"}, {"cross-plane neighbours"}}
              : std::vector<LinkFamily>{{"links"}};
    Components components(group.count);
    const auto inside = [&](std::size_t satellite) {
      return satellite >= group.first && satellite < group.first + group.count;
    };
    for (const CandidateLink& link : candidates) {
      if (link.to_ground || link.link_class != link_class || !inside(link.a) || !inside(link.b)) {
        continue;
      }
      const auto plane = [&](std::size_t satellite) {
        return (satellite - group.first) / static_cast<std::size_t>(group.satellites_per_plane);
      };
      LinkFamily& family = families[shell && plane(link.a) != plane(link.b) ? 1 : 0];
      ++family.links;
      if (came_up.contains({link.a, link.b, link.link_class})) {
        components.join(link.a - group.first, link.b - group.first);
        continue;
      }
      const Sampled sampled =
          sample_link(constellation.satellites[link.a], constellation.satellites[link.b],
                      *connectivity.link_class, constellation.epoch, plan.from, plan.to);
      switch (sampled.reason) {
        case NeverUpReason::kBeyondRange:
          family.closest_beyond_range =
              family.beyond_range == 0 ? sampled.closest
                                       : std::min(family.closest_beyond_range, sampled.closest);
          ++family.beyond_range;
          break;
        case NeverUpReason::kBelowGrazing:
          ++family.below_grazing;
          break;
        case NeverUpReason::kNoTerminal:
          ++family.without_terminal;
          break;
      }
    }
    for (LinkFamily& family : families) {
      if (family.links > 0) connectivity.families.push_back(std::move(family));
    }
    connectivity.joined_groups = components.count();
    result.push_back(std::move(connectivity));
  }
  return result;
}

std::string describe(const GroupConnectivity& group, double horizon) {
  const std::string groups = group.joined_groups == 1
                                 ? "1 connected group"
                                 : fmt::format("{} isolated groups", group.joined_groups);
  if (group.never_up() == 0) {
    return fmt::format("{}: {}; all {} laser links come up over {}; {}", group.name, group.shape,
                       group.links(), format_duration(horizon), groups);
  }
  std::vector<std::string> families;
  for (const LinkFamily& family : group.families) {
    if (family.never_up() > 0) families.push_back(describe_family(family, *group.link_class));
  }
  return fmt::format("{}: {}; {} of {} laser links never up over {} ({}); {}", group.name,
                     group.shape, group.never_up(), group.links(), format_duration(horizon),
                     fmt::join(families, "; "), groups);
}

}  // namespace umbra::contact
