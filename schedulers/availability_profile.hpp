#pragma once
// Free GPUs of a site over time, as backfilling policies predict it from estimates.
//
// A profile is a step function from `now` on: the GPUs free now, plus those running jobs
// return at their estimated ends, minus the reservations made in it. Counting GPUs per site
// is exact for placement, because a job may take GPUs on any nodes of one site (see FreeGpus).
#include <functional>
#include <optional>
#include <vector>

#include "schedulers/free_gpus.hpp"
#include "schedulers/scheduler.hpp"

namespace umbra::sched {

// GPUs that become free at a time (> now) and stay free.
struct Release {
  double time = 0;
  int gpus = 0;
};

class AvailabilityProfile {
 public:
  // The profile of `free_now` GPUs plus `releases`, in any order: O(n log n), so that a
  // policy can rebuild it from thousands of running jobs at every call.
  AvailabilityProfile(double now, int free_now, std::vector<Release> releases = {});
  // `gpus` fewer over [start, start + duration), start >= now. Throws std::logic_error if that
  // leaves fewer than zero free at some time: the caller reserved what is not there.
  void reserve(double start, double duration, int gpus);
  // Undoes reserve() with the same arguments.
  void cancel(double start, double duration, int gpus);

  int free_at(double time) const;  // time >= now
  bool can_reserve(double start, double duration, int gpus) const;
  // The earliest start at which `gpus` are free over all of [start, start + duration); nothing
  // if that never happens (the site has fewer GPUs up than that).
  std::optional<double> earliest_start(int gpus, double duration) const;

 private:
  struct Step {
    double from = 0;  // the step lasts until the next step's `from`, the last one forever
    int free = 0;
  };
  using Steps = std::vector<Step>;

  void add(double from, double to, int gpus);  // to may be +infinity
  int min_free(double from, double to) const;
  // The step holding `time`; throws std::logic_error for a time before the profile starts.
  Steps::const_iterator step_at(double time) const;
  // Makes a step start exactly at `at` (splitting the one holding it) and returns it.
  Steps::iterator split_at(double at);
  std::size_t index_of(Steps::const_iterator step) const;

  Steps steps_;  // sorted by `from`: a flat vector rebuilds fast at every call
};

// The runtime a backfilling policy plans for a queued job: its remaining estimate (the full
// estimate for a job that never ran).
double planned_runtime(const QueuedJob& job);

SiteId site_of(const ClusterState& state, const Placement& placement);

// One profile per site (indexed by site id), from the running jobs' estimated ends. A job
// still running past its estimated end is assumed to end just after now (the smallest later
// time): it is overdue, so no reservation can start now on its GPUs, and its end will call
// the policy anyway. GPUs of nodes that are down are not expected back.
std::vector<AvailabilityProfile> site_profiles(const ClusterState& state);

struct SiteStart {
  SiteId site = 0;
  double start = 0;
  int free_then = 0;  // GPUs free in that site at `start`
};

// The earliest time some site holds `gpus` GPUs when nothing is reserved ahead (free GPUs
// only grow: now `free`, then the running jobs' releases and those of the jobs `started` this
// call), among the sites `allowed` accepts (every site without it). Ties go to the lower site
// id. It equals earliest_site_start on the site_profiles of the same releases, without sorting
// them all: O(R + k log R) for R releases, k of them used.
std::optional<SiteStart> earliest_release_start(const ClusterState& state, const FreeGpus& free,
                                                std::vector<std::vector<Release>> started, int gpus,
                                                const std::function<bool(SiteId)>& allowed = {});
// The earliest start for `gpus` GPUs over `duration` in any one site; ties go to the lower
// site id. Nothing if no site could ever hold the job. (`free_then` is left at 0.)
std::optional<SiteStart> earliest_site_start(const std::vector<AvailabilityProfile>& profiles,
                                             int gpus, double duration);

}  // namespace umbra::sched
