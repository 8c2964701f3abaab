#pragma once
// The pass sunlit-first and battery-aware share: first-come first-served, each job on the
// orbital cluster where it has the longest sunlit time ahead, the ground as the fallback.
//
// A node's sunlit time ahead is the time until it next enters the Earth's shadow
// (Forecasts::shadow_at_or_after from now): 0 while it is in shadow (penumbra included),
// unbounded when no shadow is forecast. Without forecasts (the engine gives them on every
// platform with satellites) every node counts as sunlit throughout.
//
// Each call walks the queue in (submit time, id) order and starts every job that has a
// placement now; one that has none waits and later jobs are still tried (fcfs-fit's order).
// A job's placement:
//  1. In each orbital cluster with enough free GPUs: its nodes with free GPUs, longest sunlit
//     time ahead first (ties to the lower node id), each giving as many of its free GPUs as
//     the job still needs, unless `admits` refuses that node, which is then passed over. The
//     placement's sunlit time is the shortest of its nodes'.
//  2. The orbital placement with the longest sunlit time wins, ties to the lower site id,
//     even one in shadow now: orbital capacity comes first.
//  3. Only if no orbital cluster holds the job, the packed placement among the ground sites
//     (FreeGpus::place_packed).
// Nothing is kept between calls: every call re-plans from the snapshot, those for kPowerChanged
// events included; running jobs stay where they are. Never asks for a wake-up.
#include <functional>

#include "schedulers/scheduler.hpp"

namespace umbra::sched {

// Whether `job` may start on orbital `node`, where `busy_gpus` GPUs would then compute: those
// other jobs hold (its GPUs minus its free GPUs, this call's starts included) plus the job's.
using OrbitalAdmission = std::function<bool(const QueuedJob& job, NodeId node, int busy_gpus)>;

Decisions start_sunlit_first(const ClusterState& state, const OrbitalAdmission& admits);

}  // namespace umbra::sched
