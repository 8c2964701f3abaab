#include "sim/engine/job_runner.hpp"

#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Exec.hpp>

#include "sim/workload/training_model.hpp"

namespace umbra::engine {
namespace {

namespace s4u = simgrid::s4u;

// Activities that run at once; the phase ends when the last one does.
class Phase {
 public:
  explicit Phase(RunnerCounters& counters) : counters_(counters) {}

  void add(s4u::ActivityPtr activity) {
    activity->start();
    activities_.push_back(std::move(activity));
    ++counters_.activities;
  }
  // A point-to-point transfer, as the two-host parallel execution SimGrid's default host model
  // turns into one network flow. Not a host-to-host Comm: SimGrid 3.32 files those under
  // maestro, whose activity list is searched linearly at every completion.
  void transfer(s4u::Host* from, s4u::Host* to, double bytes) {
    if (bytes <= 0) return;
    ++counters_.transfers;
    add(s4u::Exec::init()
            ->set_flops_amounts({0.0, 0.0})
            ->set_bytes_amounts({0.0, bytes, 0.0, 0.0})
            ->set_hosts({from, to}));
  }
  void wait() {
    for (auto& activity : activities_) activity->wait();
    activities_.clear();
  }

 private:
  RunnerCounters& counters_;
  std::vector<s4u::ActivityPtr> activities_;
};

s4u::Host* host_of(const SimulatedPlatform& platform, const sched::Slot& slot) {
  return platform.nodes[slot.node].host;
}

// The node-level ring all-reduce of `bytes_each` per GPU (see job_runner.hpp). Intra-node
// hops run in parallel on separate ports of equal speed, so one transfer of one hop's bytes
// over the node's non-blocking fabric takes the time of all of them.
void add_ring(Phase& phase, const JobRun& run, const SimulatedPlatform& platform,
              double bytes_each) {
  if (bytes_each <= 0) return;
  const auto& slots = run.placement.slots;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    s4u::Host* host = host_of(platform, slots[i]);
    if (slots[i].gpus >= 2) phase.transfer(host, platform.nodes[slots[i].node].fabric, bytes_each);
    if (slots.size() > 1) {
      phase.transfer(host, host_of(platform, slots[(i + 1) % slots.size()]), bytes_each);
    }
  }
}

// Checkpoint bytes between each node (its share) and the site's storage.
void transfer_checkpoint(const JobRun& run, const SimulatedPlatform& platform, bool to_storage,
                         RunnerCounters& counters) {
  Phase phase(counters);
  const double share = run.job->checkpoint_bytes / static_cast<double>(run.placement.slots.size());
  s4u::Host* storage = platform.sites[run.site].storage;
  for (const auto& slot : run.placement.slots) {
    s4u::Host* node = host_of(platform, slot);
    phase.transfer(to_storage ? node : storage, to_storage ? storage : node, share);
  }
  phase.wait();
}

}  // namespace

double computed_gpu_seconds(const JobRun& run) {
  const double now = s4u::Engine::get_clock();
  double total = 0;
  for (const auto& [exec, gpus] : run.computing) {
    const bool done = exec->get_state() == s4u::Activity::State::FINISHED;
    total += gpus * ((done ? exec->get_finish_time() : now) - exec->get_start_time());
  }
  return total;
}

void run_training_job(JobRun& run, const SimulatedPlatform& platform, RunnerCounters& counters) {
  if (run.checkpointed > 0 && run.job->checkpoint_bytes > 0) {
    transfer_checkpoint(run, platform, false, counters);
  }
  const double gpu_peak = platform.sites[run.site].gpu_peak_flops;
  while (true) {
    const workload::SegmentPlan plan = workload::plan_segment(*run.job, run.progress, gpu_peak);
    Phase compute(counters);
    for (const auto& slot : run.placement.slots) {
      // One thread per GPU on its core; SimGrid's amount is per thread.
      s4u::ExecPtr exec = s4u::Exec::init()
                              ->set_flops_amount(plan.gpu_flops_each)
                              ->set_thread_count(slot.gpus)
                              ->set_host(host_of(platform, slot));
      compute.add(exec);
      run.computing.emplace_back(exec, slot.gpus);
    }
    add_ring(compute, run, platform, plan.overlapped_bytes_each);
    compute.wait();
    run.busy_gpu_seconds += computed_gpu_seconds(run);
    run.computing.clear();
    Phase exposed(counters);
    add_ring(exposed, run, platform, plan.exposed_bytes_each);
    exposed.wait();

    run.progress = plan.target_progress;
    if (run.progress >= run.job->work_flops) return;
    if (run.job->checkpoint_bytes > 0) transfer_checkpoint(run, platform, true, counters);
    run.checkpointed = run.progress;
    run.safe_since = s4u::Engine::get_clock();
    ++run.record.checkpoints_written;
  }
}

}  // namespace umbra::engine
