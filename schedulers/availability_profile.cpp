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

AvailabilityProfile::AvailabilityProfile(double now, int free_now) {
  free_from_.emplace(now, free_now);
}

void AvailabilityProfile::release_at(double time, int gpus) {
  add(time, kForever, gpus);
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
  return step_at(time)->second;
}

std::map<double, int>::const_iterator AvailabilityProfile::step_at(double time) const {
  if (time < free_from_.begin()->first) {
    throw std::logic_error(fmt::format("profile asked about {}, before its start {}", time,
                                       free_from_.begin()->first));
  }
  return std::prev(free_from_.upper_bound(time));
}

bool AvailabilityProfile::can_reserve(double start, double duration, int gpus) const {
  return min_free(start, start + duration) >= gpus;
}

std::optional<double> AvailabilityProfile::earliest_start(int gpus, double duration) const {
  // A start worth trying is a step at which enough GPUs are free; it holds if no later step
  // before start + duration has too few.
  std::optional<double> candidate;
  for (const auto& [time, free] : free_from_) {
    if (candidate && time >= *candidate + duration) return candidate;
    if (free < gpus) {
      candidate.reset();
    } else if (!candidate) {
      candidate = time;
    }
  }
  return candidate;  // the last step lasts forever
}

void AvailabilityProfile::add(double from, double to, int gpus) {
  if (!(from < to)) return;  // an empty interval (a zero-length job) changes nothing
  // Split the steps at `from` and `to` so that whole steps cover [from, to).
  const auto split = [this](double at) {
    const auto step = step_at(at);
    return free_from_.emplace_hint(std::next(step), at, step->second);
  };
  auto it = split(from);
  const auto end = to == kForever ? free_from_.end() : split(to);
  for (; it != end; ++it) it->second += gpus;
}

int AvailabilityProfile::min_free(double from, double to) const {
  int lowest = free_at(from);
  for (auto it = free_from_.upper_bound(from); it != free_from_.end() && it->first < to; ++it) {
    lowest = std::min(lowest, it->second);
  }
  return lowest;
}

double planned_runtime(const QueuedJob& job) {
  return job.remaining_estimate;
}

SiteId site_of(const ClusterState& state, const Placement& placement) {
  return state.nodes[placement.slots.front().node].site;
}

std::vector<AvailabilityProfile> site_profiles(const ClusterState& state) {
  std::vector<AvailabilityProfile> profiles;
  profiles.reserve(state.sites.size());
  for (const auto& site : state.sites) {
    int free_now = 0;
    for (const NodeId node : site.nodes) free_now += state.nodes[node].free_gpus;
    profiles.emplace_back(state.now, free_now);
  }
  const double just_after_now = std::nextafter(state.now, kForever);
  for (const auto& job : state.running) {
    for (const auto& slot : job.placement.slots) {
      const auto& node = state.nodes[slot.node];
      if (node.up) {
        profiles[node.site].release_at(std::max(job.estimated_end, just_after_now), slot.gpus);
      }
    }
  }
  return profiles;
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
