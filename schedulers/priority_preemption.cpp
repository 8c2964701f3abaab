#include "schedulers/priority_preemption.hpp"

#include <algorithm>
#include <optional>
#include <tuple>
#include <vector>

#include "schedulers/free_gpus.hpp"

namespace umbra::sched {
namespace {

struct Ranked {
  double key = 0;
  double submit_time = 0;
  JobId id = 0;
  const RunningJob* running = nullptr;  // exactly one of the two is set
  const QueuedJob* queued = nullptr;
};

}  // namespace

Decisions schedule_by_rank(const ClusterState& state, const RankingKeys& keys, PreemptMode mode) {
  std::vector<Ranked> ranking;
  ranking.reserve(state.running.size() + state.queue.size());
  std::vector<int> budget(state.sites.size(), 0);
  for (const auto& node : state.nodes) {
    if (node.up) budget[node.site] += node.gpus;
  }
  for (const auto& job : state.running) {
    if (job.leaving) {  // its GPUs stay taken until its checkpoint is written
      budget[job.site] -= job.gpus;
      continue;
    }
    ranking.push_back({keys.running(job), job.submit_time, job.id, &job, nullptr});
  }
  for (const auto& job : state.queue) {
    ranking.push_back({keys.queued(job), job.submit_time, job.id, nullptr, &job});
  }
  std::sort(ranking.begin(), ranking.end(), [](const Ranked& a, const Ranked& b) {
    return std::tie(a.key, a.submit_time, a.id) < std::tie(b.key, b.submit_time, b.id);
  });

  std::vector<bool> kept(state.running.size(), false);
  std::vector<std::pair<const QueuedJob*, SiteId>> chosen;
  for (const Ranked& entry : ranking) {
    if (entry.running != nullptr) {
      int& left = budget[entry.running->site];
      if (left >= entry.running->gpus) {
        left -= entry.running->gpus;
        kept[static_cast<std::size_t>(entry.running - state.running.data())] = true;
      }
      continue;
    }
    for (SiteId site = 0; site < budget.size(); ++site) {
      if (budget[site] >= entry.queued->gpus) {
        budget[site] -= entry.queued->gpus;
        chosen.emplace_back(entry.queued, site);
        break;
      }
    }
  }

  Decisions decisions;
  FreeGpus free(state);
  for (std::size_t r = 0; r < state.running.size(); ++r) {
    if (kept[r] || state.running[r].leaving) continue;
    decisions.preemptions.push_back({state.running[r].id, mode});
    // A job that saves first keeps its GPUs until it has: the jobs chosen to take them start
    // at the call that hears of its leaving (kJobPreempted).
    if (mode == PreemptMode::kKill) free.give_back(state.running[r].placement);
  }
  for (const auto& [job, site] : chosen) {
    auto placement = free.place_packed(job->gpus, [site = site](SiteId s) { return s == site; });
    // Not now: a node went down between the count and now, or preempted jobs are still saving.
    if (!placement) continue;
    free.take(*placement);
    decisions.starts.push_back({job->id, std::move(*placement)});
  }
  return decisions;
}

const PolicyOption& preemption_option() {
  static const PolicyOption option{
      "preemption", OptionKind::kChoice, "save",
      "how a preempted job stops: save (it writes its checkpoint before it leaves its GPUs and "
      "loses nothing) or kill (it goes back to its last checkpoint at once)",
      {"save", "kill"}};
  return option;
}

PreemptMode preemption_mode(const SchedulerOptions& options) {
  return options.values.choice(preemption_option()) == "kill" ? PreemptMode::kKill
                                                               : PreemptMode::kSave;
}

const PolicyOption& ranking_round_option() {
  static const PolicyOption option{"round", OptionKind::kDuration, "300 s",
                                   "how often the ranking is made again while jobs wait",
                                   {}};
  return option;
}

std::optional<double> next_ranking_round(const ClusterState& state, const Decisions& decisions,
                                         double round) {
  const bool jobs_wait =
      state.queue.size() + decisions.preemptions.size() > decisions.starts.size();
  const bool jobs_run =
      state.running.size() > decisions.preemptions.size() || !decisions.starts.empty();
  if (jobs_wait && jobs_run) return state.now + round;
  return std::nullopt;
}

}  // namespace umbra::sched
