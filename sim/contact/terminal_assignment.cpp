#include "sim/contact/terminal_assignment.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <numeric>
#include <queue>
#include <string>
#include <tuple>

namespace umbra::contact {
namespace {

// Position of each name in sorted order: comparing ranks compares names.
std::vector<std::size_t> name_ranks(const std::vector<std::string>& names) {
  std::vector<std::size_t> order(names.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t x, std::size_t y) { return names[x] < names[y]; });
  std::vector<std::size_t> ranks(names.size());
  for (std::size_t rank = 0; rank < order.size(); ++rank) ranks[order[rank]] = rank;
  return ranks;
}

template <typename Spec>
std::vector<std::string> names_of(const std::vector<Spec>& specs) {
  std::vector<std::string> names;
  for (const Spec& spec : specs) names.push_back(spec.name);
  return names;
}

// A window waiting for its terminals, from `pointing` on.
struct Pending {
  double pointing = 0;
  double end = 0;
  std::size_t request = 0;
  // Its link's names in the rule's order (Assigner::names_order), held here so that the queue's
  // comparisons read no other memory.
  std::uint64_t names = 0;
  bool acquired = false;  // open at the plan's start: no acquisition
};

class Assigner {
 public:
  Assigner(const std::vector<WindowRequest>& requests, const std::vector<CandidateLink>& links,
           const spec::PlatformSpec& platform, const Constellation& constellation)
      : requests_(requests),
        links_(links),
        platform_(platform),
        classes_(platform.link_classes.size()),
        satellite_rank_(name_ranks(names_of(constellation.satellites))),
        station_rank_(name_ranks(names_of(platform.ground_stations))),
        class_rank_(name_ranks(names_of(platform.link_classes))) {
    const std::size_t satellites = constellation.satellites.size();
    capacity_.assign(satellites * classes_ + platform.ground_stations.size(), 0);
    for (std::size_t s = 0; s < satellites; ++s) {
      for (const spec::TerminalSpec& terminal : constellation.satellites[s].hardware.terminals) {
        capacity_[s * classes_ + link_class_index(platform, terminal.link_class)] += terminal.count;
      }
    }
    for (std::size_t g = 0; g < platform.ground_stations.size(); ++g) {
      capacity_[satellites * classes_ + g] = platform.ground_stations[g].antennas;
    }
    station_base_ = satellites * classes_;
    busy_until_.resize(capacity_.size());
  }

  Assignment run(double plan_start) {
    Assignment result;
    const auto later = [](const Pending& x, const Pending& y) { return key(y) < key(x); };
    std::priority_queue<Pending, std::vector<Pending>, decltype(later)> queue(later);
    for (std::size_t r = 0; r < requests_.size(); ++r) {
      const VisibleInterval& visible = requests_[r].visible;
      const bool acquired = visible.start <= plan_start;
      if (!acquired && visible.end - visible.start <= acquisition(r)) {
        ++result.shorter_than_acquisition;
        continue;
      }
      queue.push({visible.start, visible.end, r, names_order(requests_[r].link), acquired});
    }
    while (!queue.empty()) {
      Pending window = queue.top();
      queue.pop();
      const auto needed = resources(window.request);
      double free_from = window.pointing;
      for (const std::size_t resource : needed)
        free_from = std::max(free_from, free_at(resource, window.pointing));
      if (free_from == window.pointing) {
        for (const std::size_t resource : needed) busy_until_[resource].push(window.end);
        const double start =
            window.pointing + (window.acquired ? 0.0 : acquisition(window.request));
        result.windows.push_back(
            {window.request, requests_[window.request].link, window.pointing, start, window.end});
        continue;
      }
      window.pointing = free_from;
      window.acquired = false;
      if (window.end - window.pointing <= acquisition(window.request)) {
        ++result.refused_for_terminals;
      } else {
        queue.push(window);
      }
    }
    return result;
  }

 private:
  double acquisition(std::size_t request) const {
    return platform_.link_classes[links_[requests_[request].link].link_class].acquisition_time;
  }

  std::vector<std::size_t> resources(std::size_t request) const {
    const CandidateLink& link = links_[requests_[request].link];
    return {link.a * classes_ + link.link_class,
            link.to_ground ? station_base_ + link.b : link.b * classes_ + link.link_class};
  }

  // The earliest time from `now` on when `resource` has a free unit. Windows are taken in
  // pointing order, so units released by `now` are free for every later window too.
  double free_at(std::size_t resource, double now) {
    if (capacity_[resource] == 0) return std::numeric_limits<double>::infinity();
    auto& ends = busy_until_[resource];
    while (!ends.empty() && ends.top() <= now) ends.pop();
    return static_cast<int>(ends.size()) < capacity_[resource] ? now : ends.top();
  }

  // The names of a link's first end, its second end (satellites before stations) and its class
  // as one number that orders as they do: a mixed-radix number of their ranks.
  std::uint64_t names_order(std::size_t link_index) const {
    const CandidateLink& link = links_[link_index];
    const std::uint64_t ends = std::max(satellite_rank_.size(), station_rank_.size());
    const std::uint64_t second = link.to_ground ? station_rank_[link.b] : satellite_rank_[link.b];
    return ((satellite_rank_[link.a] * 2 + (link.to_ground ? 1 : 0)) * ends + second) *
               class_rank_.size() +
           class_rank_[link.link_class];
  }

  using Key = std::tuple<double, double, std::uint64_t, std::size_t>;

  static Key key(const Pending& window) {
    return std::make_tuple(window.pointing, -(window.end - window.pointing), window.names,
                           window.request);
  }

  const std::vector<WindowRequest>& requests_;
  const std::vector<CandidateLink>& links_;
  const spec::PlatformSpec& platform_;
  std::size_t classes_;
  std::vector<std::size_t> satellite_rank_, station_rank_, class_rank_;
  std::size_t station_base_ = 0;
  std::vector<int> capacity_;
  std::vector<std::priority_queue<double, std::vector<double>, std::greater<>>> busy_until_;
};

}  // namespace

Assignment assign_terminals(const std::vector<WindowRequest>& requests,
                            const std::vector<CandidateLink>& links,
                            const spec::PlatformSpec& platform, const Constellation& constellation,
                            double plan_start) {
  return Assigner(requests, links, platform, constellation).run(plan_start);
}

}  // namespace umbra::contact
