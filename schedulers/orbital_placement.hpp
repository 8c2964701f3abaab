#pragma once
// The pass sunlit-first, battery-aware and follow-the-sun share: first-come first-served, each
// job on the orbital cluster where it has the longest sunlit time ahead, the ground as the
// fallback.
//
// A node's sunlit time ahead is the time until it next enters the Earth's shadow
// (Forecasts::shadow_at_or_after from now): 0 while it is in shadow (penumbra included),
// unbounded when no shadow is forecast. Without forecasts (the engine gives them on every
// platform with satellites) every node counts as sunlit throughout.
//
// A placement of some GPUs (SunlitRanking::place):
//  1. In each ever-component (NodeState::ever_component: nodes the network joins, so that the
//     job's ring has a route) of each orbital cluster with enough free GPUs: its nodes with
//     free GPUs, longest sunlit time ahead first (ties to the lower node id), each giving as
//     many of its free GPUs as the job still needs, unless `admits` refuses that node, which is
//     then passed over. The placement's sunlit time is the shortest of its nodes'.
//  2. The orbital placement with the longest sunlit time wins, ties to the lower component id,
//     then the lower site id, even one in shadow now: orbital capacity comes first.
//  3. Only if no orbital cluster holds the job, the packed placement among the ground sites
//     (FreeGpus::place_packed).
// start_sunlit_first walks the queue in (submit time, id) order and starts every job that has
// a placement now; one that has none waits and later jobs are still tried (fcfs-fit's order).
// Nothing is kept between calls: every call re-plans from the snapshot, those for
// kPowerChanged events included; running jobs stay where they are. Never asks for a wake-up.
#include <functional>
#include <optional>
#include <vector>

#include "schedulers/free_gpus.hpp"
#include "schedulers/scheduler.hpp"

namespace umbra::sched {

// Whether GPUs of orbital `node` may be taken, where `busy_gpus` GPUs would then compute: those
// other jobs hold (its GPUs minus its free GPUs, this call's earlier decisions included) plus
// the ones taken.
using NodeAdmission = std::function<bool(NodeId node, int busy_gpus)>;

// The orbital nodes with free GPUs in the snapshot, per cluster, in placement order. Sunlit
// times do not change within a call, so neither does the order: a placement skips the nodes
// this call's decisions have filled.
class SunlitRanking {
 public:
  explicit SunlitRanking(const ClusterState& state);

  // The placement of `gpus` GPUs among those `free` still has, by the rules above.
  std::optional<Placement> place(int gpus, const FreeGpus& free, const NodeAdmission& admits) const;

 private:
  struct RankedNode {
    NodeId node = 0;
    double sunlit = 0;  // time ahead
  };
  // The ranked nodes of one ever-component of an orbital cluster, in ranking order.
  struct RankedComponent {
    ComponentId component = 0;
    std::vector<RankedNode> nodes;
  };
  struct OrbitalPlacement {
    Placement placement;
    double sunlit = 0;  // of its least sunlit node
  };
  std::optional<OrbitalPlacement> place_in_cluster(SiteId site, int gpus, const FreeGpus& free,
                                                   const NodeAdmission& admits) const;
  // Rule 1 in one ever-component of a cluster.
  std::optional<OrbitalPlacement> place_in_component(const RankedComponent& ranked, int gpus,
                                                     const FreeGpus& free,
                                                     const NodeAdmission& admits) const;

  const ClusterState& state_;
  std::vector<std::vector<RankedComponent>> ranked_;  // by site id, by component id; empty for
                                                      // a ground site
};

// Where `job` starts now (on GPUs `free` still has), or none: it waits.
using JobPlacement = std::function<std::optional<Placement>(const QueuedJob& job)>;

// Walks the queue in (submit time, id) order and starts every job `place` places, taking its
// GPUs from `free`; a job without a placement waits and later jobs are still tried.
void start_each_placed(const ClusterState& state, FreeGpus& free, const JobPlacement& place,
                       Decisions& decisions);

// Whether `job` may take GPUs of orbital `node` (see NodeAdmission).
using OrbitalAdmission = std::function<bool(const QueuedJob& job, NodeId node, int busy_gpus)>;

// Starts the queued jobs in queue order on the GPUs `free` has, each on its placement in
// `ranking` (of the same snapshot `state`).
void start_sunlit_first(const ClusterState& state, const SunlitRanking& ranking, FreeGpus& free,
                        const OrbitalAdmission& admits, Decisions& decisions);
Decisions start_sunlit_first(const ClusterState& state, const OrbitalAdmission& admits);

}  // namespace umbra::sched
