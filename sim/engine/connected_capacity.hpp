#pragma once
// The largest job each cluster can hold on nodes the network joins (one ever-component of
// sched::NodeState), and the refusal, before the run, of a job that no cluster can hold so:
// its ring would wait for routes that never come.
#include <string>

#include "schedulers/scheduler.hpp"
#include "sim/workload/job.hpp"

namespace umbra::engine {

struct ConnectedCapacity {
  std::string cluster;  // the cluster holding the most GPUs in one component (the first on a tie)
  int gpus = 0;
};

// Over the installed GPUs of `state`'s nodes, whatever is free now.
ConnectedCapacity largest_connected_capacity(const sched::ClusterState& state);

// Throws InputError at the first job of `workload` asking for more GPUs than that.
void refuse_jobs_the_network_splits(const sched::ClusterState& state,
                                    const workload::Workload& workload);

}  // namespace umbra::engine
