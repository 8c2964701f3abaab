// battery-aware: sunlit-first, starting a job on a satellite only if its power lasts the job.
//
// The order and placement of sunlit-first (start_sunlit_first, orbital_placement.hpp), with
// one admission rule: a job may take GPUs of an orbital node only if
// Forecasts::power_lost_at(node, busy, now + the job's remaining estimate) is none, where
// busy = the node's GPUs - its free GPUs (this call's earlier starts included) + the GPUs the
// job would take there: the node, with the job on it, would keep computing until the job's
// estimated end, throttled maybe, never suspended or dark (its battery stays above its floor). A
// refused node is passed over and the job takes the next nodes of the ranking, then other orbital
// clusters, then the ground; a job refused everywhere waits. Refusals change as the satellites
// move: every call re-plans, and the power events (shadow entry and exit, a battery full or at its
// floor, a change of power mode) call the policy. Without forecasts no node is refused.
// The forecasts' answers are kept for the call (power_stops.hpp).
#include "schedulers/builtin_policies.hpp"
#include "schedulers/free_gpus.hpp"
#include "schedulers/orbital_placement.hpp"
#include "schedulers/power_stops.hpp"

namespace umbra::sched {
namespace {

class BatteryAware final : public Scheduler {
 public:
  Decisions schedule(const ClusterState& state, std::span<const Event>) override {
    if (state.forecasts == nullptr) {
      return start_sunlit_first(state, [](const QueuedJob&, NodeId, int) { return true; });
    }
    // start_sunlit_first's pass, a job known to find no placement passed over without a walk.
    Decisions decisions;
    if (state.queue.empty()) return decisions;
    FreeGpus free(state);
    const SunlitRanking ranking(state);
    PowerStops stops(state);
    start_each_placed(
        state, free,
        [&](const QueuedJob& job) -> std::optional<Placement> {
          const double end = state.now + job.remaining_estimate;
          if (stops.known_to_fail(job.gpus, free, end)) return std::nullopt;
          stops.start_walk();
          auto placement = ranking.place(job.gpus, free, [&](NodeId node, int busy) {
            return stops.outlasts(node, busy, end);
          });
          if (!placement) stops.walk_failed(job.gpus, free);
          return placement;
        },
        decisions);
    return decisions;
  }
};

}  // namespace

SchedulerInfo battery_aware_scheduler() {
  return {"battery-aware",
          "sunlit-first, using a satellite only if its forecast power carries the job to its "
          "end",
          [](const SchedulerOptions&) { return std::make_unique<BatteryAware>(); }};
}

}  // namespace umbra::sched
