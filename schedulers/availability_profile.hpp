#pragma once
// Free GPUs of a site over time, as backfilling policies predict it from estimates.
//
// A profile is a step function from `now` on: the GPUs free now, plus those running jobs
// return at their estimated ends, minus the reservations made in it. Counting GPUs per site
// is exact for placement, because a job may take GPUs on any nodes of one site (see FreeGpus).
#include <map>
#include <optional>
#include <vector>

#include "schedulers/scheduler.hpp"

namespace umbra::sched {

class AvailabilityProfile {
 public:
  AvailabilityProfile(double now, int free_now);

  // `gpus` more become free at `time` (> now) and stay free.
  void release_at(double time, int gpus);
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
  void add(double from, double to, int gpus);  // to may be +infinity
  int min_free(double from, double to) const;
  // The step holding `time`; throws std::logic_error for a time before the profile starts.
  std::map<double, int>::const_iterator step_at(double time) const;

  std::map<double, int> free_from_;  // free GPUs from this time until the next key
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
};
// The earliest start for `gpus` GPUs over `duration` in any one site; ties go to the lower
// site id. Nothing if no site could ever hold the job.
std::optional<SiteStart> earliest_site_start(const std::vector<AvailabilityProfile>& profiles,
                                             int gpus, double duration);

}  // namespace umbra::sched
