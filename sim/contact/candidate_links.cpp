#include "sim/contact/candidate_links.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace umbra::contact {
namespace {

class Collector {
 public:
  explicit Collector(const Constellation& constellation) : constellation_(constellation) {}

  void add_isl(std::size_t a, std::size_t b, std::size_t link_class) {
    links_.push_back({std::min(a, b), std::max(a, b), false, link_class});
  }
  void add_ground(std::size_t satellite, std::size_t station, std::size_t link_class) {
    links_.push_back({satellite, station, true, link_class});
  }

  void add_plus_grid(std::size_t first, const spec::ShellSpec& shell, std::size_t link_class) {
    const auto planes = static_cast<std::size_t>(shell.planes);
    const auto slots = static_cast<std::size_t>(shell.satellites_per_plane);
    const bool wraps = shell.pattern == spec::WalkerPatternSpec::kDelta;
    const auto at = [&](std::size_t plane, std::size_t slot) {
      return first + plane * slots + slot;
    };
    for (std::size_t p = 0; p < planes; ++p) {
      for (std::size_t s = 0; s < slots; ++s) {
        if (slots > 1) add_isl(at(p, s), at(p, (s + 1) % slots), link_class);
        if (planes > 1 && (p + 1 < planes || wraps)) {
          add_isl(at(p, s), at((p + 1) % planes, s), link_class);
        }
      }
    }
  }

  void add_nearest(std::size_t first, std::size_t count, int k, std::size_t link_class) {
    std::vector<orbit::Vec3> positions;
    for (std::size_t i = first; i < first + count; ++i) {
      positions.push_back(
          constellation_.satellites[i].propagator->state_at(constellation_.epoch, 0.0).position);
    }
    std::vector<std::size_t> others;
    for (std::size_t i = 0; i < count; ++i) {
      others.clear();
      for (std::size_t j = 0; j < count; ++j) {
        if (j != i) others.push_back(j);
      }
      const auto distance = [&](std::size_t j) { return norm(positions[j] - positions[i]); };
      const auto nearest = others.begin() + std::min<std::ptrdiff_t>(k, std::ssize(others));
      std::partial_sort(others.begin(), nearest, others.end(), [&](std::size_t x, std::size_t y) {
        return std::pair(distance(x), x) < std::pair(distance(y), y);
      });
      for (auto j = others.begin(); j != nearest; ++j) add_isl(first + i, first + *j, link_class);
    }
  }

  void add_full_mesh(std::size_t first, std::size_t count, std::size_t link_class) {
    for (std::size_t i = first; i < first + count; ++i) {
      for (std::size_t j = i + 1; j < first + count; ++j) add_isl(i, j, link_class);
    }
  }

  void add_topology(std::size_t first, std::size_t count, const spec::IslSpec& isl,
                    const spec::PlatformSpec& platform, const spec::ShellSpec* shell) {
    if (isl.topology == spec::IslTopology::kNone) return;
    const std::size_t link_class = link_class_index(platform, isl.link_class);
    switch (isl.topology) {
      case spec::IslTopology::kPlusGrid:
        add_plus_grid(first, *shell, link_class);
        break;
      case spec::IslTopology::kNearestK:
        add_nearest(first, count, isl.k, link_class);
        break;
      case spec::IslTopology::kFullMesh:
        add_full_mesh(first, count, link_class);
        break;
      case spec::IslTopology::kNone:
        break;
    }
  }

  std::vector<CandidateLink> finish() {
    std::sort(links_.begin(), links_.end());
    links_.erase(std::unique(links_.begin(), links_.end()), links_.end());
    return std::move(links_);
  }

 private:
  const Constellation& constellation_;
  std::vector<CandidateLink> links_;
};

}  // namespace

std::size_t link_class_index(const spec::PlatformSpec& platform, const std::string& name) {
  const auto& classes = platform.link_classes;
  const auto found =
      std::find_if(classes.begin(), classes.end(),
                   [&](const spec::LinkClassSpec& link) { return link.name == name; });
  return static_cast<std::size_t>(found - classes.begin());
}

std::vector<CandidateLink> candidate_links(const spec::PlatformSpec& platform,
                                           const Constellation& constellation) {
  Collector links(constellation);
  std::size_t first = 0;
  for (const spec::ShellSpec& shell : platform.shells) {
    const auto count = static_cast<std::size_t>(shell.planes * shell.satellites_per_plane);
    links.add_topology(first, count, shell.isl, platform, &shell);
    first += count;
  }
  for (const spec::FormationSpec& formation : platform.formations) {
    const auto count = static_cast<std::size_t>(formation.members);
    links.add_topology(first, count, formation.isl, platform, nullptr);
    first += count;
  }

  std::map<std::string, std::size_t> index_of;
  for (std::size_t i = 0; i < constellation.satellites.size(); ++i) {
    index_of.emplace(constellation.satellites[i].name, i);
  }
  for (const spec::IslPairSpec& pair : platform.isl_pairs) {  // names checked by the constellation
    links.add_isl(index_of.at(pair.a), index_of.at(pair.b),
                  link_class_index(platform, pair.link_class));
  }

  for (std::size_t i = 0; i < constellation.satellites.size(); ++i) {
    std::set<std::size_t> ground_classes;
    for (const spec::TerminalSpec& terminal : constellation.satellites[i].hardware.terminals) {
      const std::size_t link_class = link_class_index(platform, terminal.link_class);
      if (platform.link_classes[link_class].kind != spec::LinkKind::kLaser) {
        ground_classes.insert(link_class);
      }
    }
    for (const std::size_t link_class : ground_classes) {
      for (std::size_t station = 0; station < platform.ground_stations.size(); ++station) {
        links.add_ground(i, station, link_class);
      }
    }
  }
  return links.finish();
}

}  // namespace umbra::contact
