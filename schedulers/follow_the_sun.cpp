// follow-the-sun: sunlit-first, moving running jobs off satellites about to lose the sun.
//
// Starts: those of sunlit-first (start_sunlit_first, orbital_placement.hpp), at every call.
// Moves: in rounds every kRound = 60 s (PeriodicRounds, the period of Pollux), before that
// round's starts, for each running job of an orbital cluster not already moving, in (submit
// time, id) order:
//  1. Its threat D is the earliest, over its nodes, of the next shadow entry of a node sunlit
//     now and the time the node would stop computing with its GPUs busy now
//     (Forecasts::power_lost_at), looked for up to kLookahead = 900 s ahead. None: it stays.
//  2. It stays if it is estimated to end by D: a move would win nothing.
//  3. Unless it was moved in the last kSettle = 1800 s, its target is sunlit-first's placement
//     of its GPUs on the GPUs still free, admitting an orbital node only if it is sunlit now
//     and, with those GPUs added to its busy ones, neither enters the shadow nor stops
//     computing before now + kLookahead + the stay, where the stay is kMinStay = 1800 s or the
//     job's estimated time left if shorter: whenever the move is made, the job then computes
//     in the sun for that long. Failing that, the ground.
//  4. The move pays if now + m + kMargin <= D: m = JobProgress::checkpoint_bytes over the
//     lowest Forecasts::bandwidth_now from a node of the job to a node of the target (the whole
//     checkpoint over the narrowest pair, an upper bound when the shares travel apart), and
//     kMargin = 60 s covers the checkpoint's write and the resume. Then MigrateJob.
//  5. A job not moved (settling, without a target, or too slow to move) that would stop
//     computing no later than the next round plus kMargin checkpoints now (CheckpointJob),
//     unless its last save (a checkpoint, or its start from one) is younger than kRound +
//     kMargin: this is the last round at which its work can still be saved, so it loses the
//     least.
// Why: a move costs the job the checkpoint's write and transfer, so it is made only to escape
// a real threat (shadow or power loss within the lookahead), only while it completes before
// the threat, and only to nodes that then carry the job a good part of an orbit (the sunlit
// part of a low orbit is about an hour) or to its end. The settling time keeps a job from
// hopping when forecasts change under it (other jobs draining a battery); the lookahead spans
// a 1 TB checkpoint over a 10 Gbps ground link. Without forecasts nothing threatens: the policy
// decides as sunlit-first.
#include <algorithm>
#include <limits>
#include <map>
#include <optional>

#include "schedulers/builtin_policies.hpp"
#include "schedulers/free_gpus.hpp"
#include "schedulers/last_save.hpp"
#include "schedulers/orbital_placement.hpp"
#include "schedulers/periodic_rounds.hpp"

namespace umbra::sched {
namespace {

constexpr double kRound = 60;       // s
constexpr double kLookahead = 900;  // s
constexpr double kMinStay = 1800;   // s
constexpr double kMargin = 60;      // s
constexpr double kSettle = 1800;    // s

// What threatens a job within the lookahead (rule 1).
struct Threat {
  std::optional<double> shadow;      // the first entry of one of its nodes sunlit now
  std::optional<double> power_lost;  // the first stop of one of its nodes
  double at() const {
    if (shadow && power_lost) return std::min(*shadow, *power_lost);
    return shadow ? *shadow : *power_lost;
  }
};

std::optional<Threat> threat_to(const ClusterState& state, const RunningJob& job) {
  const Forecasts& forecasts = *state.forecasts;
  const double until = state.now + kLookahead;
  Threat threat;
  const auto keep_first = [](std::optional<double>& first, double at) {
    first = std::min(first.value_or(at), at);
  };
  for (const Slot& slot : job.placement.slots) {
    const NodeState& node = state.nodes[slot.node];
    const auto shadow = forecasts.shadow_at_or_after(node.id, state.now);
    if (shadow && shadow->entry > state.now && shadow->entry <= until) {
      keep_first(threat.shadow, shadow->entry);
    }
    if (const auto lost = forecasts.power_lost_at(node.id, node.gpus - node.free_gpus, until)) {
      keep_first(threat.power_lost, *lost);
    }
  }
  if (!threat.shadow && !threat.power_lost) return std::nullopt;
  return threat;
}

// Time to carry the job's checkpoint to `target` (rule 4); infinite without a route.
double move_time(const ClusterState& state, const RunningJob& job, const Placement& target) {
  const double bytes = job.progress.checkpoint_bytes;
  if (bytes <= 0) return 0;
  double bandwidth = std::numeric_limits<double>::infinity();
  for (const Slot& from : job.placement.slots) {
    for (const Slot& to : target.slots) {
      bandwidth = std::min(bandwidth, state.forecasts->bandwidth_now(from.node, to.node));
    }
  }
  return bandwidth > 0 ? bytes / bandwidth : std::numeric_limits<double>::infinity();
}

class FollowTheSun final : public PeriodicRounds {
 public:
  FollowTheSun() : PeriodicRounds(kRound) {}

 protected:
  Decisions between_rounds(const ClusterState& state, std::span<const Event>) override {
    return start_sunlit_first(state, admit_all);
  }

  Decisions round(const ClusterState& state, std::span<const Event>) override {
    Decisions decisions;
    FreeGpus free(state);
    const SunlitRanking ranking(state);
    if (state.forecasts != nullptr) plan_moves(state, ranking, free, decisions);
    start_sunlit_first(state, ranking, free, admit_all, decisions);
    return decisions;
  }

 private:
  static bool admit_all(const QueuedJob&, NodeId, int) { return true; }

  void plan_moves(const ClusterState& state, const SunlitRanking& ranking, FreeGpus& free,
                  Decisions& decisions) {
    std::erase_if(moved_at_,
                  [&](const auto& moved) { return moved.second + kSettle <= state.now; });
    for (const RunningJob& job : state.running) {
      if (!state.sites[job.site].orbital || job.migrating_to || job.leaving) continue;
      const auto threat = threat_to(state, job);
      if (!threat) continue;
      const bool ends_first = job.estimated_end > state.now && job.estimated_end <= threat->at();
      if (ends_first) continue;
      const bool settling = moved_at_.contains(job.id);
      if (!settling && move(state, job, threat->at(), ranking, free, decisions)) continue;
      if (threat->power_lost && *threat->power_lost <= state.now + kRound + kMargin &&
          last_save(job) < state.now - kRound - kMargin) {
        decisions.checkpoints.push_back({job.id});
      }
    }
  }

  // Rules 3 and 4: moves `job` if the move pays; says whether it did.
  bool move(const ClusterState& state, const RunningJob& job, double threat_at,
            const SunlitRanking& ranking, FreeGpus& free, Decisions& decisions) {
    auto target = ranking.place(job.gpus, free, [&](NodeId node, int busy) {
      return stays_in_the_sun(state, job, node, busy);
    });
    if (!target || state.now + move_time(state, job, *target) + kMargin > threat_at) return false;
    free.take(*target);
    moved_at_[job.id] = state.now;
    decisions.migrations.push_back({job.id, std::move(*target)});
    return true;
  }

  // Rule 3's admission of an orbital node for `job`.
  static bool stays_in_the_sun(const ClusterState& state, const RunningJob& job, NodeId node,
                               int busy_gpus) {
    const bool overdue = job.estimated_end <= state.now;
    const double stay = overdue ? kMinStay : std::min(kMinStay, job.estimated_end - state.now);
    const double until = state.now + kLookahead + stay;
    const auto shadow = state.forecasts->shadow_at_or_after(node, state.now);
    if (shadow && shadow->entry < until) return false;  // in shadow now, or soon
    return !state.forecasts->power_lost_at(node, busy_gpus, until);
  }

  std::map<JobId, double> moved_at_;  // when each job was last moved, within kSettle
};

}  // namespace

SchedulerInfo follow_the_sun_scheduler() {
  return {"follow-the-sun",
          "sunlit-first, moving running jobs from satellites about to enter the shadow or lose "
          "power to sunlit ones or the ground, when the checkpoint gets there first",
          [](const SchedulerOptions&) { return std::make_unique<FollowTheSun>(); }};
}

}  // namespace umbra::sched
