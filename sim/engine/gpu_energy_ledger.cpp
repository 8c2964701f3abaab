#include "sim/engine/gpu_energy_ledger.hpp"

#include <algorithm>
#include <stdexcept>

namespace umbra::engine {

GpuEnergyLedger::GpuEnergyLedger(std::vector<NodeModel> nodes, std::size_t jobs)
    : held_gpus_(nodes.size(), 0), job_joules_(jobs, 0.0) {
  for (NodeModel& model : nodes) nodes_.push_back({std::move(model), 0, 0, {}});
}

void GpuEnergyLedger::settle(Node& node, double now) {
  if (now < node.settled_at) throw std::logic_error("the GPU energy ledger went back in time");
  const double seconds = now - node.settled_at;
  node.settled_at = now;
  if (!node.pstate) return;
  const Watts& watts = node.model.pstates.at(static_cast<std::size_t>(*node.pstate));
  int held = 0;
  for (const Share& share : node.shares) {
    job_joules_[share.job] +=
        seconds * (share.held * watts.idle + share.computing * (watts.busy - watts.idle));
    held += share.held;
  }
  unallocated_joules_ += seconds * (node.model.gpus - held) * watts.idle;
}

GpuEnergyLedger::Share& GpuEnergyLedger::share(Node& node, sched::JobId job) {
  const auto found = std::find_if(node.shares.begin(), node.shares.end(),
                                  [job](const Share& s) { return s.job == job; });
  if (found != node.shares.end()) return *found;
  node.shares.push_back({job, 0, 0});
  return node.shares.back();
}

void GpuEnergyLedger::set_pstate(std::size_t node, std::optional<int> pstate, double now) {
  Node& n = nodes_.at(node);
  settle(n, now);
  n.pstate = pstate;
}

void GpuEnergyLedger::hold(std::size_t node, sched::JobId job, int gpus, double now) {
  Node& n = nodes_.at(node);
  settle(n, now);
  Share& s = share(n, job);
  s.held += gpus;
  held_gpus_[node] += gpus;
  if (s.held < 0 || s.computing > s.held) {
    throw std::logic_error("a job gave back GPUs it did not hold, or that still compute");
  }
  if (s.held == 0) {
    n.shares.erase(n.shares.begin() + (&s - n.shares.data()));
  }
}

void GpuEnergyLedger::set_computing(std::size_t node, sched::JobId job, int gpus, double now) {
  Node& n = nodes_.at(node);
  settle(n, now);
  const auto found = std::find_if(n.shares.begin(), n.shares.end(),
                                  [job](const Share& s) { return s.job == job; });
  if (found == n.shares.end() && gpus == 0) return;
  if (found == n.shares.end() || gpus > found->held) {
    throw std::logic_error("a job computes on GPUs it does not hold");
  }
  found->computing = gpus;
}

int GpuEnergyLedger::computing_gpus(std::size_t node) const {
  int computing = 0;
  for (const Share& share : nodes_.at(node).shares) computing += share.computing;
  return computing;
}

void GpuEnergyLedger::settle_all(double now) {
  for (Node& node : nodes_) settle(node, now);
}

}  // namespace umbra::engine
