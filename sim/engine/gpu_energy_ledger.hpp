#pragma once
// The GPU energy of every node, shared out among the jobs holding its GPUs: the one account
// of GPU energy. A GPU draws its pstate's idle power while its node is on, plus the pstate's
// busy increment while a job computes on it; a node that power took down (dark) draws
// nothing. The same model as SimGrid's host_energy plugin integrates for the node's host
// (simulated_platform.cpp), so jobs + unallocated GPUs = host totals; and the power model of a
// satellite (power_driver.hpp) is given the node's computing GPUs, so its ledger draws the
// same. Every change (a pstate, a node going dark, a job taking or leaving GPUs, starting or
// ending a computation) first settles the node's energy up to that instant.
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "schedulers/scheduler.hpp"

namespace umbra::engine {

class GpuEnergyLedger {
 public:
  struct Watts {  // per GPU, at one pstate
    double idle = 0;
    double busy = 0;
  };
  struct NodeModel {
    int gpus = 0;
    std::vector<Watts> pstates;  // at pstate 0 first
  };
  GpuEnergyLedger(std::vector<NodeModel> nodes, std::size_t jobs);

  // The node's GPUs run at `pstate` from `now` on; none when it is dark.
  void set_pstate(std::size_t node, std::optional<int> pstate, double now);
  // The job takes `gpus` more GPUs of the node, or gives them back (`gpus` < 0).
  void hold(std::size_t node, sched::JobId job, int gpus, double now);
  // `gpus` of the job's GPUs on the node compute from `now` on (0: none).
  void set_computing(std::size_t node, sched::JobId job, int gpus, double now);

  // The node's GPUs computing now, and held by jobs now, over every job.
  int computing_gpus(std::size_t node) const;
  std::span<const int> held_gpus() const { return held_gpus_; }  // by node
  // Energy settled so far, J: a job's (over all its allocations), the GPUs no job held.
  // settle_all(now) brings every node's up to `now` first.
  void settle_all(double now);
  double job_joules(sched::JobId job) const { return job_joules_[job]; }
  double unallocated_joules() const { return unallocated_joules_; }

 private:
  struct Share {
    sched::JobId job = 0;
    int held = 0;
    int computing = 0;
  };
  struct Node {
    NodeModel model;
    std::optional<int> pstate = 0;
    double settled_at = 0;
    std::vector<Share> shares;  // of the jobs holding its GPUs
  };
  void settle(Node& node, double now);
  Share& share(Node& node, sched::JobId job);

  std::vector<Node> nodes_;
  // The GPUs held on each node, summed as they are taken and given back: what the run's checks
  // compare at every event with the jobs' placements, without walking every node's shares.
  std::vector<int> held_gpus_;
  std::vector<double> job_joules_;
  double unallocated_joules_ = 0;
};

}  // namespace umbra::engine
