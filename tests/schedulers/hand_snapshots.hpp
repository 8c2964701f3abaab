#pragma once
// Hand-made snapshots for golden tests of policies: a toy cluster at a given time with the
// forecasts a test chose, queued and running jobs, and one policy's decisions on them.
#include <string>
#include <utility>
#include <vector>

#include "schedulers/registry.hpp"
#include "schedulers/scheduler.hpp"
#include "tests/schedulers/toy_simulation.hpp"

namespace umbra::sched::testing {

// The idle toy cluster at `now`, its `orbital` sites orbital clusters.
inline ClusterState snapshot(const ToyPlatform& platform, const std::vector<SiteId>& orbital,
                             double now, const Forecasts* forecasts) {
  ClusterState state = toy_cluster(platform, orbital);
  state.now = now;
  state.forecasts = forecasts;
  return state;
}

// A queued job submitted at its id, never run before.
inline QueuedJob queued(JobId id, int gpus, double estimate) {
  QueuedJob job;
  job.id = id;
  job.submit_time = static_cast<double>(id);
  job.gpus = gpus;
  job.estimate = job.remaining_estimate = estimate;
  return job;
}

// Runs job `id` on `gpus` GPUs of `node` from 0, estimated to end at `estimated_end`.
inline void run_on_node(ClusterState& state, JobId id, NodeId node, int gpus,
                        double estimated_end) {
  RunningJob job;
  job.id = id;
  job.gpus = gpus;
  job.estimated_end = estimated_end;
  job.site = state.nodes[node].site;
  job.placement = {{{node, gpus}}};
  state.nodes[node].free_gpus -= gpus;
  state.running.push_back(std::move(job));
}

// The starts of some decisions, as (job, placement) pairs.
using Starts = std::vector<std::pair<JobId, Placement>>;

// The decisions of a new instance of the built-in `policy` on `state`, without events.
inline Decisions decide(const std::string& policy, const ClusterState& state) {
  return SchedulerRegistry::with_builtins().find(policy).create({})->schedule(state, {});
}

inline Starts starts(const Decisions& decisions) {
  Starts result;
  for (const auto& start : decisions.starts) result.emplace_back(start.job, start.placement);
  return result;
}

}  // namespace umbra::sched::testing
