// sunlit-first: jobs go to orbit while the sun shines on it, the ground being the fallback.
//
// First-come first-served in (submit time, id) order, skipping jobs that do not fit now
// (fcfs-fit's order, not easy's backfilling: a reservation is a promise that a site's GPUs
// serve the head at an estimated end, while this policy picks its clusters by sunlight, not
// by when they free up). Each job goes to the orbital cluster whose chosen nodes stay sunlit
// the longest (nodes chosen longest sunlit time first; a node in shadow counts 0, the
// placement counts its least sunlit node), ties to the lower site id, whatever the light;
// to the ground (packed placement) only when no orbital cluster holds it. The rules are
// those of start_sunlit_first (orbital_placement.hpp), with every orbital node admitted.
// Re-plans at every call, power events included; running jobs are never moved. On a platform
// without satellites it decides exactly as fcfs-fit.
#include "schedulers/builtin_policies.hpp"
#include "schedulers/orbital_placement.hpp"

namespace umbra::sched {
namespace {

class SunlitFirst final : public Scheduler {
 public:
  Decisions schedule(const ClusterState& state, std::span<const Event>) override {
    return start_sunlit_first(state, [](const QueuedJob&, NodeId, int) { return true; });
  }
};

}  // namespace

SchedulerInfo sunlit_first_scheduler() {
  return {"sunlit-first",
          "first-come first-served; orbital clusters with the longest sunlit time ahead "
          "first, then the ground",
          [](const SchedulerOptions&) { return std::make_unique<SunlitFirst>(); }};
}

}  // namespace umbra::sched
