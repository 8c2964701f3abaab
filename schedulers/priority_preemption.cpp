#include "schedulers/priority_preemption.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <tuple>
#include <vector>

#include "schedulers/free_gpus.hpp"

namespace umbra::sched {
namespace {

// Whether a checkpoint written in one cluster can be read in another: the same cluster, or
// clusters the laser links or the terrestrial links join (NodeState::ever_component), or, through
// ground-station passes, clusters each of which is on the ground or meets it within a day.
// Elsewhere a job would start over. Worked out once per call, for the clusters asked about.
class CheckpointReach {
 public:
  explicit CheckpointReach(const ClusterState& state)
      : state_(state), components_(state.sites.size()), meets_ground_(state.sites.size()) {}

  bool joins(SiteId from, SiteId to) {
    if (from == to) return true;
    const std::vector<ComponentId>& a = components(from);
    const std::vector<ComponentId>& b = components(to);
    std::vector<ComponentId> common;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
    return !common.empty() || (meets_ground(from) && meets_ground(to));
  }

 private:
  const std::vector<ComponentId>& components(SiteId site) {
    std::vector<ComponentId>& of = components_[site];
    if (of.empty()) {
      for (const NodeId node : state_.sites[site].nodes) {
        of.push_back(state_.nodes[node].ever_component);
      }
      std::sort(of.begin(), of.end());
      of.erase(std::unique(of.begin(), of.end()), of.end());
    }
    return of;
  }

  bool meets_ground(SiteId site) {
    std::optional<bool>& meets = meets_ground_[site];
    if (!meets) {
      meets = !state_.sites[site].orbital;
      for (const NodeId node : state_.sites[site].nodes) {
        if (*meets || state_.forecasts == nullptr) break;
        meets = !state_.forecasts->ground_contacts(node, state_.now, state_.now + kDay).empty();
      }
    }
    return *meets;
  }

  static constexpr double kDay = 86400;  // s
  const ClusterState& state_;
  std::vector<std::vector<ComponentId>> components_;  // sorted, by site, once asked
  std::vector<std::optional<bool>> meets_ground_;     // by site, once asked
};

struct Ranked {
  double key = 0;
  double among_equals = 0;
  double submit_time = 0;
  JobId id = 0;
  const RunningJob* running = nullptr;  // exactly one of the two is set
  const QueuedJob* queued = nullptr;
};

}  // namespace

Decisions schedule_by_rank(const ClusterState& state, const RankingKeys& keys, PreemptMode mode,
                           PlacementRule rule) {
  const auto among_equals = [&](JobId job) {
    return keys.among_equals ? keys.among_equals(job) : 0.0;
  };
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
    ranking.push_back(
        {keys.running(job), among_equals(job.id), job.submit_time, job.id, &job, nullptr});
  }
  for (const auto& job : state.queue) {
    ranking.push_back(
        {keys.queued(job), among_equals(job.id), job.submit_time, job.id, nullptr, &job});
  }
  std::sort(ranking.begin(), ranking.end(), [](const Ranked& a, const Ranked& b) {
    return std::tie(a.key, a.among_equals, a.submit_time, a.id) <
           std::tie(b.key, b.among_equals, b.submit_time, b.id);
  });

  std::vector<bool> kept(state.running.size(), false);
  CheckpointReach reach(state);
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
    // Where its checkpoint is first; elsewhere only where the network brings it.
    const JobProgress& progress = entry.queued->progress;
    const bool has_home = progress.checkpointed > 0 && progress.checkpoint_site.has_value();
    const SiteId home = has_home ? *progress.checkpoint_site : 0;
    const auto take = [&](SiteId site) {
      if (budget[site] < entry.queued->gpus) return false;
      budget[site] -= entry.queued->gpus;
      chosen.emplace_back(entry.queued, site);
      return true;
    };
    if (has_home && take(home)) continue;
    for (SiteId site = 0; site < budget.size(); ++site) {
      if ((!has_home || reach.joins(home, site)) && take(site)) break;
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
    const auto in_site = [site = site](SiteId s) { return s == site; };
    auto placement = rule == PlacementRule::kMostFree ? free.place_most_free(job->gpus, in_site)
                                                      : free.place_packed(job->gpus, in_site);
    // Not now: a node went down between the count and now, or preempted jobs are still saving.
    if (!placement) continue;
    free.take(*placement);
    decisions.starts.push_back({job->id, std::move(*placement)});
  }
  return decisions;
}

const PolicyOption& preemption_option() {
  static const PolicyOption option{
      "preemption",
      OptionKind::kChoice,
      "save",
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
  static const PolicyOption option{"round",
                                   OptionKind::kDuration,
                                   "300 s",
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
