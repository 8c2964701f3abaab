#pragma once
// Test scaffolding for the scheduler API: a toy cluster, random rigid workloads and a tiny
// discrete-event loop that drives one policy with them. It is not the engine: no network, no
// power, no failures; just submissions, completions and the engine's contract (one call per
// instant with all of its events, starts applied in order on exactly the placement given,
// busy GPUs refused).
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "schedulers/scheduler.hpp"
#include "sim/core/rng.hpp"

namespace umbra::sched::testing {

// GPUs per node, per site: {{1, 1, 1, 1}} is one site of four single-GPU nodes.
using ToyPlatform = std::vector<std::vector<int>>;

// An idle cluster; node ids run over the sites in order. The `orbital` sites are orbital
// clusters of satellites, without forecasts (a test gives its own).
inline ClusterState toy_cluster(const ToyPlatform& platform,
                                const std::vector<SiteId>& orbital = {}) {
  ClusterState state;
  for (SiteId site = 0; site < platform.size(); ++site) {
    const bool in_orbit = std::find(orbital.begin(), orbital.end(), site) != orbital.end();
    SiteState site_state{site, fmt::format("site{}", site), {}, 0, 0, in_orbit};
    for (const int gpus : platform[site]) {
      const NodeId node = state.nodes.size();
      state.nodes.push_back({node, site, fmt::format("node{}", node), gpus, gpus, true, in_orbit});
      site_state.nodes.push_back(node);
      site_state.gpus += gpus;
    }
    state.sites.push_back(std::move(site_state));
  }
  return state;
}

struct ToyJob {
  double submit = 0;
  int gpus = 1;
  double runtime = 0;
  double estimate = 0;  // the walltime estimate; exact when equal to runtime
};

// Jobs whose estimate is their runtime.
inline std::vector<ToyJob> exact(std::vector<ToyJob> jobs) {
  for (auto& job : jobs) job.estimate = job.runtime;
  return jobs;
}

// Random rigid workloads: seeded, so each run is the same.
inline std::vector<ToyJob> random_jobs(std::uint64_t seed, int count, int max_gpus,
                                       int overestimate_factor_max) {
  Rng rng(seed);
  std::vector<ToyJob> jobs;
  double submit = 0;
  for (int i = 0; i < count; ++i) {
    submit += static_cast<double>(rng.uniform_int(20));
    const auto gpus = static_cast<int>(1 + rng.uniform_int(static_cast<std::uint64_t>(max_gpus)));
    const auto runtime = static_cast<double>(1 + rng.uniform_int(100));
    const auto factor = static_cast<double>(
        1 + rng.uniform_int(static_cast<std::uint64_t>(overestimate_factor_max)));
    jobs.push_back({submit, gpus, runtime, runtime * factor});
  }
  return jobs;
}

struct ToyRun {
  std::vector<double> start;                      // by job id
  std::vector<Placement> placement;               // by job id
  std::vector<std::vector<double>> reservations;  // by job id: every start it was promised
};

// Runs `jobs` (job id = index) to completion under `policy`. Throws std::logic_error where the
// engine would refuse a decision, or if jobs are left that nothing will ever start.
inline ToyRun run_toy(Scheduler& policy, const ToyPlatform& platform,
                      const std::vector<ToyJob>& jobs, const std::vector<SiteId>& orbital = {}) {
  constexpr double kNever = std::numeric_limits<double>::infinity();
  ClusterState state = toy_cluster(platform, orbital);
  ToyRun run{std::vector<double>(jobs.size(), kNever), std::vector<Placement>(jobs.size()),
             std::vector<std::vector<double>>(jobs.size())};
  std::vector<JobId> to_submit(jobs.size());
  for (JobId id = 0; id < jobs.size(); ++id) to_submit[id] = id;
  std::stable_sort(to_submit.begin(), to_submit.end(),
                   [&](JobId a, JobId b) { return jobs[a].submit < jobs[b].submit; });
  auto next_submit = to_submit.begin();
  std::map<JobId, double> finish_at;  // of the running jobs
  std::optional<double> wake_up_at;

  while (next_submit != to_submit.end() || !finish_at.empty() || !state.queue.empty()) {
    double now = next_submit != to_submit.end() ? jobs[*next_submit].submit : kNever;
    for (const auto& [id, time] : finish_at) now = std::min(now, time);
    if (wake_up_at) now = std::min(now, *wake_up_at);
    if (now == kNever) throw std::logic_error("queued jobs that nothing will ever start");
    state.now = now;

    std::vector<Event> events;
    for (auto job = state.running.begin(); job != state.running.end();) {
      if (finish_at.at(job->id) != now) {
        ++job;
        continue;
      }
      for (const auto& slot : job->placement.slots) state.nodes[slot.node].free_gpus += slot.gpus;
      events.push_back({EventKind::kJobFinished, job->id});
      finish_at.erase(job->id);
      job = state.running.erase(job);
    }
    for (; next_submit != to_submit.end() && jobs[*next_submit].submit == now; ++next_submit) {
      const ToyJob& job = jobs[*next_submit];
      QueuedJob queued;
      queued.id = *next_submit;
      queued.submit_time = job.submit;
      queued.gpus = job.gpus;
      queued.estimate = queued.remaining_estimate = job.estimate;
      state.queue.push_back(std::move(queued));
      events.push_back({EventKind::kJobSubmitted, *next_submit});
    }
    if (wake_up_at == now) events.push_back({EventKind::kWakeUp, 0});

    const Decisions decisions = policy.schedule(state, events);
    if (!decisions.preemptions.empty()) {
      throw std::logic_error("the toy loop runs rigid jobs: no preemption (use the engine)");
    }

    for (const auto& start : decisions.starts) {
      const auto queued = std::find_if(state.queue.begin(), state.queue.end(),
                                       [&](const QueuedJob& job) { return job.id == start.job; });
      if (queued == state.queue.end()) throw std::logic_error("start of a job not queued");
      if (start.placement.total_gpus() != queued->gpus) {
        throw std::logic_error("placement of the wrong size");
      }
      for (const auto& slot : start.placement.slots) {
        auto& node = state.nodes.at(slot.node);
        if (node.site != state.nodes[start.placement.slots.front().node].site) {
          throw std::logic_error("placement over two sites");
        }
        if (slot.gpus <= 0 || slot.gpus > node.free_gpus) {
          throw std::logic_error("placement on busy GPUs");
        }
        node.free_gpus -= slot.gpus;
      }
      const ToyJob& job = jobs[start.job];
      RunningJob running;
      running.id = start.job;
      running.submit_time = job.submit;
      running.start_time = now;
      running.gpus = job.gpus;
      running.estimate = job.estimate;
      running.estimated_end = now + job.estimate;
      running.placement = start.placement;
      running.site = state.nodes[start.placement.slots.front().node].site;
      state.running.push_back(std::move(running));
      finish_at[start.job] = now + job.runtime;
      run.start[start.job] = now;
      run.placement[start.job] = start.placement;
      state.queue.erase(queued);
    }
    for (const auto& reservation : decisions.reservations) {
      run.reservations.at(reservation.job).push_back(reservation.start);
    }
    std::sort(state.running.begin(), state.running.end(),
              [](const RunningJob& a, const RunningJob& b) {
                return std::tie(a.submit_time, a.id) < std::tie(b.submit_time, b.id);
              });
    wake_up_at = decisions.wake_up_at;
    if (wake_up_at && *wake_up_at <= now) throw std::logic_error("wake-up not in the future");
  }
  return run;
}

}  // namespace umbra::sched::testing
