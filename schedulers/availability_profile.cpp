#include "schedulers/availability_profile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <stdexcept>

namespace umbra::sched {
namespace {

constexpr double kForever = std::numeric_limits<double>::infinity();

}  // namespace

AvailabilityProfile::AvailabilityProfile(double now, int free_now, std::vector<Release> releases) {
  std::sort(releases.begin(), releases.end(),
            [](const Release& a, const Release& b) { return a.time < b.time; });
  steps_.reserve(releases.size() + 1);
  steps_.push_back({now, free_now});
  for (const Release& release : releases) {
    if (release.time <= now) {
      throw std::logic_error(
          fmt::format("a release at {} is not after the profile's start {}", release.time, now));
    }
    const int free = steps_.back().free + release.gpus;
    if (release.time == steps_.back().from) {
      steps_.back().free = free;
    } else {
      steps_.push_back({release.time, free});
    }
  }
}

void AvailabilityProfile::reserve(double start, double duration, int gpus) {
  if (!can_reserve(start, duration, gpus)) {
    throw std::logic_error(
        fmt::format("reserving {} GPUs at {} for {} s: not that many free", gpus, start, duration));
  }
  add(start, start + duration, -gpus);
}

void AvailabilityProfile::cancel(double start, double duration, int gpus) {
  add(start, start + duration, gpus);
}

int AvailabilityProfile::free_at(double time) const {
  return step_at(time)->free;
}

AvailabilityProfile::Steps::const_iterator AvailabilityProfile::step_at(double time) const {
  if (time < steps_.front().from) {
    throw std::logic_error(
        fmt::format("profile asked about {}, before its start {}", time, steps_.front().from));
  }
  return std::prev(std::upper_bound(steps_.begin(), steps_.end(), time,
                                    [](double t, const Step& step) { return t < step.from; }));
}

std::size_t AvailabilityProfile::index_of(Steps::const_iterator step) const {
  return static_cast<std::size_t>(step - steps_.cbegin());
}

AvailabilityProfile::Steps::iterator AvailabilityProfile::split_at(double at) {
  const auto holding = steps_.begin() + static_cast<std::ptrdiff_t>(index_of(step_at(at)));
  if (holding->from == at) return holding;
  return steps_.insert(std::next(holding), Step{at, holding->free});
}

bool AvailabilityProfile::can_reserve(double start, double duration, int gpus) const {
  return min_free(start, start + duration) >= gpus;
}

std::optional<double> AvailabilityProfile::earliest_start(int gpus, double duration) const {
  // A start worth trying is a step at which enough GPUs are free; it holds if no later step
  // before start + duration has too few.
  std::optional<double> candidate;
  for (const Step& step : steps_) {
    if (candidate && step.from >= *candidate + duration) return candidate;
    if (step.free < gpus) {
      candidate.reset();
    } else if (!candidate) {
      candidate = step.from;
    }
  }
  return candidate;  // the last step lasts forever
}

void AvailabilityProfile::add(double from, double to, int gpus) {
  if (!(from < to)) return;  // an empty interval (a zero-length job) changes nothing
  // Split the steps at `from` and `to` so that whole steps cover [from, to).
  // Indices, not iterators: a split may reallocate the steps.
  const std::size_t first = index_of(split_at(from));
  const std::size_t last = to == kForever ? steps_.size() : index_of(split_at(to));
  for (std::size_t i = first; i < last; ++i) steps_[i].free += gpus;
}

int AvailabilityProfile::min_free(double from, double to) const {
  auto it = step_at(from);
  int lowest = it->free;
  for (++it; it != steps_.end() && it->from < to; ++it) lowest = std::min(lowest, it->free);
  return lowest;
}

double planned_runtime(const QueuedJob& job) {
  return job.remaining_estimate;
}

SiteId site_of(const ClusterState& state, const Placement& placement) {
  return state.nodes[placement.slots.front().node].site;
}

namespace {

// Per site, the releases of the running jobs (at their estimated ends, overdue ones just after
// now, nodes that are down excepted) added to `started`.
std::vector<std::vector<Release>> releases_by_site(const ClusterState& state,
                                                   std::vector<std::vector<Release>> started) {
  std::vector<std::vector<Release>> releases = std::move(started);
  releases.resize(state.sites.size());
  const double just_after_now = std::nextafter(state.now, kForever);
  const bool all_nodes_up =
      std::all_of(state.nodes.begin(), state.nodes.end(), [](const NodeState& n) { return n.up; });
  for (const auto& job : state.running) {
    const double end = std::max(job.estimated_end, just_after_now);
    if (all_nodes_up) {
      releases[job.site].push_back({end, job.gpus});
      continue;
    }
    for (const auto& slot : job.placement.slots) {
      if (state.nodes[slot.node].up) releases[job.site].push_back({end, slot.gpus});
    }
  }
  return releases;
}

}  // namespace

std::vector<AvailabilityProfile> site_profiles(const ClusterState& state) {
  const FreeGpus free(state);
  auto releases = releases_by_site(state, {});
  std::vector<AvailabilityProfile> profiles;
  profiles.reserve(state.sites.size());
  for (SiteId site = 0; site < state.sites.size(); ++site) {
    profiles.emplace_back(state.now, free.free_in(site), std::move(releases[site]));
  }
  return profiles;
}

std::optional<SiteStart> earliest_release_start(const ClusterState& state, const FreeGpus& free,
                                                std::vector<std::vector<Release>> started, int gpus,
                                                const std::function<bool(SiteId)>& allowed) {
  auto releases = releases_by_site(state, std::move(started));
  const auto later = [](const Release& a, const Release& b) { return a.time > b.time; };
  std::optional<SiteStart> best;
  for (SiteId site = 0; site < state.sites.size(); ++site) {
    if (allowed && !allowed(site)) continue;
    int free_then = free.free_in(site);
    double time = state.now;
    auto& heap = releases[site];
    std::make_heap(heap.begin(), heap.end(), later);
    // Take releases in time order until enough are free, then every release at that same time.
    while (!heap.empty() && (free_then < gpus || heap.front().time == time)) {
      std::pop_heap(heap.begin(), heap.end(), later);
      time = heap.back().time;
      free_then += heap.back().gpus;
      heap.pop_back();
    }
    if (free_then >= gpus && (!best || time < best->start)) best = SiteStart{site, time, free_then};
  }
  return best;
}

std::optional<SiteStart> earliest_site_start(const std::vector<AvailabilityProfile>& profiles,
                                             int gpus, double duration) {
  std::optional<SiteStart> best;
  for (SiteId site = 0; site < profiles.size(); ++site) {
    const auto start = profiles[site].earliest_start(gpus, duration);
    if (start && (!best || *start < best->start)) best = SiteStart{site, *start};
  }
  return best;
}

}  // namespace umbra::sched
