#include "sim/engine/job_runner.hpp"

#include <fmt/format.h>
#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Exec.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>

#include <algorithm>
#include <cmath>
#include <deque>
#include <stdexcept>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/workload/measured_throughput.hpp"
#include "sim/workload/training_model.hpp"

namespace umbra::engine {
namespace {

namespace s4u = simgrid::s4u;

// Activities that run at once; the phase ends when the last one does.
class Phase {
 public:
  Phase(JobRun& run, RunnerEnvironment& environment)
      : run_(run), env_(environment), runner_(run.runner) {}
  Phase(const Phase&) = delete;
  Phase& operator=(const Phase&) = delete;
  ~Phase() {
    for (Transfer& transfer : transfers_) env_.in_flight.remove(transfer.flight);
  }

  // The job's GPUs of `slot` compute `exec`. Their draw follows each computation from its
  // start to its end, which the phase sees at its instant (wait()).
  void compute(const s4u::ExecPtr& exec, const sched::Slot& slot) {
    exec->start();
    ++env_.counters.activities;
    computations_.push_back({exec, slot, false});
    run_.computing.push_back(exec);
    env_.set_computing(run_, slot, true);
  }

  // A point-to-point transfer, as the two-host parallel execution SimGrid's default host model
  // turns into one network flow. Not a host-to-host Comm: SimGrid 3.32 files those under
  // maestro, whose activity list is searched linearly at every completion.
  void transfer(s4u::Host* from, s4u::Host* to, double bytes) {
    if (bytes <= 0) return;
    transfers_.push_back({from, to, bytes, {}, s4u::Engine::get_clock(), 0});
    try_start(transfers_.back());
  }

  // When the last transfer of the phase delivered its last byte (its start without transfers).
  double transfers_ended_at() const { return transfers_ended_at_; }

  void wait() {
    // The common case: nothing can be cut and at most one computation, whose end is seen when
    // its wait returns; wait for each in turn.
    if (!may_fail_ && computations_.size() <= 1) {
      for (Computation& computation : computations_) {
        computation.exec->wait();
        ended(computation);
      }
      for (Transfer& transfer : transfers_) {
        transfer.flight.exec->wait();
        delivered(transfer, transfer.bytes_left);
        transfers_ended_at_ =
            std::max(transfers_ended_at_, transfer.flight.exec->get_finish_time());
      }
      return;
    }
    while (true) {
      for (Transfer& transfer : transfers_) {
        if (!transfer.flight.exec && transfer.bytes_left > 0) try_start(transfer);
      }
      std::vector<s4u::ExecPtr> running;
      for (const Computation& computation : computations_) {
        if (!computation.ended) running.push_back(computation.exec);
      }
      const bool computing = !running.empty();
      bool waiting_for_route = false;
      for (const Transfer& transfer : transfers_) {
        if (transfer.flight.exec) running.push_back(transfer.flight.exec);
        waiting_for_route |= !transfer.flight.exec && transfer.bytes_left > 0;
      }
      const double now = s4u::Engine::get_clock();
      if (waiting_for_route && !computing) {
        if (!run_.route_wait_since) run_.route_wait_since = now;
      } else {
        end_route_wait(run_);
      }
      if (running.empty() && !waiting_for_route) return;
      // Only a change of the topology can bring a route: the next one is always ahead, since
      // the controller applies each change at its instant, before this runner looks again.
      const double retry_at = env_.contacts.next_event_time() + kRouteRetryDelay;
      if (!(retry_at > now)) {
        throw std::logic_error(fmt::format(
            "job \"{}\" waits for a route with no change of the network ahead", run_.job->id));
      }
      if (running.empty()) {
        s4u::this_actor::sleep_until(retry_at);
        continue;
      }
      run_.waiting_on_any = &running;
      try {
        s4u::Exec::wait_any_for(running, waiting_for_route ? retry_at - now : -1.0);
      } catch (const simgrid::CancelException&) {
        // A link of a transfer's route went down (collected below), or the runner was stopped.
      }
      if (run_.runner != runner_) throw RunnerStopped{};
      run_.waiting_on_any = nullptr;
      collect_ended();
    }
  }


 private:
  struct Transfer {
    s4u::Host* from = nullptr;
    s4u::Host* to = nullptr;
    double bytes_left = 0;
    InFlightTransfer flight;  // flight.exec is null while no attempt runs
    double waiting_since = 0;
    double since_resume = 0;  // bytes delivered since the last resume from a whole chunk
  };

  void try_start(Transfer& transfer) {
    auto hops = env_.platform.zone->hops_between(transfer.from, transfer.to);
    const double now = s4u::Engine::get_clock();
    if (!hops) {
      may_fail_ = true;
      if (now - transfer.waiting_since > kLongestRouteWait) {
        throw InputError(fmt::format(
            "job \"{}\" found no path from {} to {} for {:g} days: the platform never joins "
            "them (check its ground stations, link classes and terminals)",
            run_.job->id, transfer.from->get_name(), transfer.to->get_name(),
            kLongestRouteWait / 86400));
      }
      return;
    }
    transfer.waiting_since = now;
    ++env_.counters.activities;
    ++env_.counters.transfers;
    transfer.flight.exec = s4u::Exec::init()
                               ->set_flops_amounts({0.0, 0.0})
                               ->set_bytes_amounts({0.0, transfer.bytes_left, 0.0, 0.0})
                               ->set_hosts({transfer.from, transfer.to});
    transfer.flight.job = run_.id;
    transfer.flight.hops = std::move(*hops);
    transfer.flight.bytes_left_at_cut.reset();
    transfer.flight.link_lost = false;
    for (const network::RouterHop& hop : transfer.flight.hops) {
      if (hop.edge < env_.platform.contact_edges) {
        may_fail_ = true;
        env_.in_flight.add(transfer.flight);
        break;
      }
    }
    transfer.flight.exec->start();
  }

  struct Computation {
    s4u::ExecPtr exec;
    sched::Slot slot;
    bool ended = false;
  };

  void ended(Computation& computation) {
    computation.ended = true;
    env_.set_computing(run_, computation.slot, false);
  }

  // After a wait: books every computation and transfer that ended, transfers done or cut. A
  // cut one was noted by the contact driver (in_flight_transfers.hpp) before its link went
  // down or changed rate.
  void collect_ended() {
    for (Computation& computation : computations_) {
      if (!computation.ended && computation.exec->get_state() == s4u::Activity::State::FINISHED) {
        ended(computation);
      }
    }
    for (Transfer& transfer : transfers_) {
      if (!transfer.flight.exec || !transfer.flight.exec->test()) continue;
      env_.in_flight.remove(transfer.flight);
      const double left = transfer.flight.bytes_left_at_cut.value_or(0);
      const double sent = transfer.bytes_left - left;
      delivered(transfer, sent);
      transfer.flight.exec = nullptr;
      if (left <= 0) {
        transfer.bytes_left = 0;
        transfers_ended_at_ = s4u::Engine::get_clock();
        continue;
      }
      transfer.waiting_since = s4u::Engine::get_clock();
      transfer.since_resume += sent;
      if (!transfer.flight.link_lost) {  // a new rate: go on from where it was
        transfer.bytes_left = left;
        continue;
      }
      // Resume after the last whole chunk since the last resume: the partial one is sent again.
      const double kept = std::floor(transfer.since_resume / kTransferChunk) * kTransferChunk;
      ++run_.record.transfer_failures;
      run_.record.bytes_resent += transfer.since_resume - kept;
      transfer.bytes_left = left + (transfer.since_resume - kept);
      transfer.since_resume = 0;
    }
  }

  void delivered(const Transfer& transfer, double bytes) {
    run_.record.bytes_moved += bytes;
    for (const network::RouterHop& hop : transfer.flight.hops) {
      (hop.forward ? env_.edge_bytes.forward : env_.edge_bytes.backward)[hop.edge] += bytes;
    }
  }

  JobRun& run_;
  RunnerEnvironment& env_;
  RunnerId runner_;  // the job's runner when the phase began
  std::vector<Computation> computations_;
  std::deque<Transfer> transfers_;  // stable addresses: in_flight holds pointers into them
  bool may_fail_ = false;
  double transfers_ended_at_ = s4u::Engine::get_clock();
};

const SimulatedNode& node_of(const RunnerEnvironment& env, const sched::Slot& slot) {
  return env.platform.nodes[slot.node];
}

// Calls `hop(from, to)` for each hop of the node-level ring (see job_runner.hpp): a node to its
// fabric when it holds two GPUs or more, and a node to the next node of the ring.
template <class Hop>
void for_each_ring_hop(const JobRun& run, const RunnerEnvironment& env, Hop&& hop) {
  const auto& slots = run.placement.slots;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const SimulatedNode& node = node_of(env, slots[i]);
    if (slots[i].gpus >= 2) hop(node.host, node.fabric);
    if (slots.size() > 1) hop(node.host, node_of(env, slots[(i + 1) % slots.size()]).host);
  }
}

// The bandwidth part of a ring all-reduce of `bytes_each` per GPU. Intra-node hops run in
// parallel on separate ports of equal speed, so one transfer of one hop's bytes over the node's
// non-blocking fabric takes the time of all of them.
void add_ring(Phase& phase, const JobRun& run, RunnerEnvironment& env, double bytes_each) {
  if (bytes_each <= 0) return;
  for_each_ring_hop(run, env,
                    [&](s4u::Host* from, s4u::Host* to) { phase.transfer(from, to, bytes_each); });
}

// The latency of one ring step on the routes of now: every GPU sends to its neighbour at once
// and the step ends with the slowest hop, so the largest route latency between neighbours.
// Neighbours with no route now are left out.
double ring_step_latency(const JobRun& run, const RunnerEnvironment& env) {
  double slowest = 0;
  for_each_ring_hop(run, env, [&](s4u::Host* from, s4u::Host* to) {
    if (!env.platform.zone->hops_between(from, to)) return;
    std::vector<s4u::Link*> links;
    double latency = 0;
    from->route_to(to, links, &latency);
    slowest = std::max(slowest, latency);
  });
  return slowest;
}

// The latency part of a ring exchange, once its bytes are delivered: its steps each pay the
// ring's step latency, and the transfers carrying the bytes paid one step's already. It ends
// no earlier than `bytes_delivered_at` plus that, and no earlier than now.
void pay_ring_latency(const JobRun& run, const RunnerEnvironment& env,
                      const workload::RingExchange& exchange, double bytes_delivered_at) {
  if (exchange.steps <= 1) return;
  const double end = bytes_delivered_at + (exchange.steps - 1) * ring_step_latency(run, env);
  if (end > s4u::Engine::get_clock()) s4u::this_actor::sleep_until(end);
}

// The exposed part of the all-reduce: its bytes over the ring, then its latency.
void exchange_exposed(JobRun& run, RunnerEnvironment& env, const workload::RingExchange& exposed) {
  enter(run, JobStage::kExchanging);
  Phase phase(run, env);
  add_ring(phase, run, env, exposed.bytes_each);
  phase.wait();
  pay_ring_latency(run, env, exposed, phase.transfers_ended_at());
}

// Each node writes its share of the checkpoint to its storage.
void write_checkpoint(JobRun& run, RunnerEnvironment& env) {
  Phase phase(run, env);
  const double share = run.job->checkpoint_bytes / static_cast<double>(run.placement.slots.size());
  for (const auto& slot : run.placement.slots) {
    const SimulatedNode& node = node_of(env, slot);
    phase.transfer(node.host, node.storage, share);
  }
  phase.wait();
  note_checkpoint_on_allocation(run, env.platform);
}

// Where node `i` of the allocation reads its share of the last checkpoint from: the shares
// were written by the nodes of the allocation that wrote it, taken in turn.
s4u::Host* checkpoint_share(const JobRun& run, std::size_t i) {
  return run.checkpoint_storage[i % run.checkpoint_storage.size()];
}

// Whether the last checkpoint can be read: every share has a route to its new node now, or
// the network still changes (a route may come).
bool checkpoint_reachable(const JobRun& run, const RunnerEnvironment& env) {
  if (std::isfinite(env.contacts.next_event_time())) return true;
  const auto& slots = run.placement.slots;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (!env.platform.zone->hops_between(checkpoint_share(run, i), node_of(env, slots[i]).host)) {
      return false;
    }
  }
  return true;
}

// Each node reads its share of the last checkpoint from wherever it was written.
void restore_checkpoint(JobRun& run, RunnerEnvironment& env) {
  Phase phase(run, env);
  const auto& slots = run.placement.slots;
  const double share = run.job->checkpoint_bytes / static_cast<double>(slots.size());
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const SimulatedNode& node = node_of(env, slots[i]);
    if (checkpoint_share(run, i) != node.storage) run.record.checkpoint_bytes_shipped += share;
    phase.transfer(checkpoint_share(run, i), node.host, share);
  }
  phase.wait();
}

// Each node fetches its share of the data set from the ground site holding it.
void stage_dataset(JobRun& run, RunnerEnvironment& env) {
  s4u::Host* source = env.platform.sites[run.dataset_home.value()].storage;
  Phase phase(run, env);
  const double share = run.job->dataset_bytes / static_cast<double>(run.placement.slots.size());
  for (const auto& slot : run.placement.slots) {
    phase.transfer(source, node_of(env, slot).host, share);
  }
  phase.wait();
  run.staged_site = run.site;
}

// Saves the job's progress: each node writes its share (nothing is written for a job without
// checkpoint bytes, whose progress is kept as is).
void save_progress(JobRun& run, RunnerEnvironment& env) {
  enter(run, JobStage::kCheckpointing);
  if (run.job->checkpoint_bytes > 0) write_checkpoint(run, env);
  run.checkpointed = run.progress;
  run.safe_since = s4u::Engine::get_clock();
  run.route_wait_unsaved = 0;
  ++run.record.checkpoints_written;
  ++env.counters.checkpoints;
  env.progressed.push_back(run.id);
}

// The job's next segment on its allocation: by its FLOPs, by its profile on the GPUs it has on
// each node, or by its measured throughput on the GPU models of its nodes, at the full speed of
// its site's GPUs.
workload::SegmentPlan plan_next_segment(const JobRun& run, const RunnerEnvironment& env) {
  const auto& slots = run.placement.slots;
  const double gpu_speed = node_of(env, slots.front()).host->get_pstate_speed(0);
  switch (workload::speed_model(*run.job)) {
    case workload::SpeedModel::kFlops:
      break;
    case workload::SpeedModel::kProfile: {
      workload::Placement placement;
      for (const auto& slot : slots) placement.push_back(slot.gpus);
      return workload::plan_profiled_segment(*run.job, placement, run.progress, run.checkpointed,
                                             gpu_speed);
    }
    case workload::SpeedModel::kMeasuredThroughput: {
      std::vector<std::string_view> models;
      for (const auto& slot : slots) models.push_back(node_of(env, slot).gpu_model->name);
      const double rate = workload::placement_throughput(*run.job->measured, models);
      return workload::plan_measured_segment(*run.job, rate, run.progress, gpu_speed);
    }
  }
  return workload::plan_segment(*run.job, run.progress,
                                env.platform.sites[run.site].gpu_peak_flops);
}

// Brings the job's state onto its allocation: the restart overhead after a first start, its
// data set, its last checkpoint.
void prepare(JobRun& run, RunnerEnvironment& env) {
  run.route_wait_unsaved = 0;  // a new allocation: nothing of it to roll back yet
  if (workload::pays_restart_overhead(*run.job, run.starts) && run.restart_overhead > 0) {
    s4u::this_actor::sleep_for(run.restart_overhead);
  }
  if (run.job->dataset_bytes > 0 && run.staged_site != run.site) {
    enter(run, JobStage::kStaging);
    stage_dataset(run, env);
  }
  if (run.checkpointed > 0 && !run.checkpoint_storage.empty()) {
    if (checkpoint_reachable(run, env)) {
      enter(run, JobStage::kRestoring);
      restore_checkpoint(run, env);
    } else {  // on satellites the network will never join to these nodes: start over
      const double gpu_peak = env.platform.sites[run.site].gpu_peak_flops;
      run.record.lost_gpu_seconds +=
          workload::work_gpu_seconds(*run.job, run.checkpointed, gpu_peak);
      run.progress = run.checkpointed = 0;
      run.checkpoint_storage.clear();
      run.checkpoint_site.reset();
    }
  }
}

}  // namespace

void note_checkpoint_on_allocation(JobRun& run, const SimulatedPlatform& platform) {
  run.checkpoint_storage.clear();
  for (const auto& slot : run.placement.slots) {
    run.checkpoint_storage.push_back(platform.nodes[slot.node].storage);
  }
  run.checkpoint_site = run.site;
  run.checkpoint_time = s4u::Engine::get_clock();
}

void end_route_wait(JobRun& run) {
  if (!run.route_wait_since) return;
  const double waited = s4u::Engine::get_clock() - *run.route_wait_since;
  run.record.route_wait_seconds += waited;
  run.route_wait_unsaved += waited;
  run.route_wait_since.reset();
}

void forget_unsaved_route_wait(JobRun& run) {
  end_route_wait(run);
  run.record.route_wait_seconds -= run.route_wait_unsaved;
  run.route_wait_unsaved = 0;
}

RunEnd run_training_job(JobRun& run, RunnerEnvironment& env) {
  if (run.stage == JobStage::kStarting) prepare(run, env);
  if (run.computed_unexchanged) {  // a computation stopped where it was: finish its iterations
    const workload::SegmentPlan owed =
        workload::plan_work(*run.job, run.progress, *run.computed_unexchanged);
    exchange_exposed(run, env, owed.exposed);
    run.progress = owed.target_progress;
    run.computed_unexchanged.reset();
    env.progressed.push_back(run.id);
  }
  while (true) {
    if (run.request != JobRequest::kNone) {
      if (run.progress > run.checkpointed) save_progress(run, env);
      if (run.request == JobRequest::kLeave) return RunEnd::kLeft;
      if (run.request == JobRequest::kMove) return RunEnd::kMoving;
      run.request = JobRequest::kNone;
    }
    const workload::SegmentPlan plan = plan_next_segment(run, env);
    run.segment_target = plan.target_progress;
    enter(run, JobStage::kComputing);
    Phase compute(run, env);
    for (const auto& slot : run.placement.slots) {
      // One thread per GPU on its core; SimGrid's amount is per thread.
      s4u::ExecPtr exec = s4u::Exec::init()
                              ->set_flops_amount(plan.gpu_flops_each)
                              ->set_thread_count(slot.gpus)
                              ->set_host(node_of(env, slot).host);
      compute.compute(exec, slot);
    }
    add_ring(compute, run, env, plan.overlapped.bytes_each);
    compute.wait();
    run.computing.clear();
    enter(run, JobStage::kExchanging);
    // The overlapped part delays the segment only where it outlasts the compute.
    pay_ring_latency(run, env, plan.overlapped, compute.transfers_ended_at());
    exchange_exposed(run, env, plan.exposed);

    run.progress = plan.target_progress;
    if (run.progress >= workload::total_work(*run.job)) return RunEnd::kDone;
    if (plan.end == workload::SegmentEnd::kCheckpoint) save_progress(run, env);
  }
}

}  // namespace umbra::engine
