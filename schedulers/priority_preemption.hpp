#pragma once
// Preemptive priority scheduling, shared by the policies that rank every job, running or
// queued, by one key and give the GPUs to the best-ranked (srtf, las, tiresias, themis-ftf).
//
// Each call ranks all running and queued jobs by the key, ascending (ties: earlier submit,
// then lower id), and walks the ranking with a budget of every up GPU per site:
//  - a running job is kept if its site still has its GPUs in the budget;
//  - a queued job is chosen for the site holding its last checkpoint if that site still has its
//    GPUs, else for the first site (lowest id) that does among those where the network brings
//    its checkpoint (laser or terrestrial links, or ground-station passes at both ends); a job
//    would start over anywhere else, and moving jobs between satellites that never meet lost
//    every job's progress at each lease under themis-ftf.
// Running jobs not kept are preempted in the given mode; chosen queued jobs then start on their
// packed (or most-free) placement inside the chosen site, on the GPUs free now: with
// PreemptMode::kKill those of the preempted jobs are free at once, with kSave only once they have
// saved and left (the next call). A job already saving to leave keeps its GPUs out of the budget
// and is not ranked. Counting GPUs per site is exact because a job may span any nodes of one site
// (see FreeGpus).
#include <functional>
#include <optional>

#include "schedulers/scheduler.hpp"

namespace umbra::sched {

struct RankingKeys {
  std::function<double(const RunningJob&)> running;
  std::function<double(const QueuedJob&)> queued;
  // Among jobs of equal key, before the submit time: a second key by job (none: submit time,
  // then id, only).
  std::function<double(JobId)> among_equals = nullptr;
};

// Where a chosen job starts: FreeGpus::place_packed or FreeGpus::place_most_free.
enum class PlacementRule { kPacked, kMostFree };

Decisions schedule_by_rank(const ClusterState& state, const RankingKeys& keys, PreemptMode mode,
                           PlacementRule rule = PlacementRule::kPacked);

// The `preemption` option of the preemptive policies: "save" (PreemptMode::kSave, the default,
// as Tiresias, Gavel, Pollux and Blox simulate preemption) or "kill" (kKill).
const PolicyOption& preemption_option();
PreemptMode preemption_mode(const SchedulerOptions& options);

// The `round` option of the policies that re-rank while jobs wait: its length, default 300 s.
const PolicyOption& ranking_round_option();

// For policies whose keys move with time: now + round while some job waits after `decisions`
// (preempted ones included) beside a running one, else nothing. With no job running every up GPU
// is free, so a job still waiting fits nowhere whatever its rank.
std::optional<double> next_ranking_round(const ClusterState& state, const Decisions& decisions,
                                         double round);

}  // namespace umbra::sched
