#include "sim/engine/simulation.hpp"

#include <fmt/format.h>
#include <simgrid/plugins/energy.h>
#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u/Activity.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Exec.hpp>

#include <algorithm>
#include <exception>
#include <map>
#include <optional>
#include <stdexcept>

#include "sim/engine/simulated_platform.hpp"
#include "sim/workload/training_model.hpp"

namespace umbra::engine {
namespace {

namespace s4u = simgrid::s4u;
using simgrid::kernel::timer::Timer;

enum class Phase {
  kWaiting,
  kQueued,
  kRestoring,
  kComputing,
  kCommunicating,
  kCheckpointing,
  kDone
};

// Everything the engine tracks about one job.
struct JobRun {
  const workload::Job* job = nullptr;
  sched::JobId id = 0;
  Phase phase = Phase::kWaiting;
  double estimate = 0;
  double progress = 0;              // model FLOPs done
  double checkpointed = 0;          // model FLOPs saved by the last checkpoint
  double run_start = 0;             // start of the current allocation
  double safe_since = 0;            // last completed checkpoint (or run start) of this allocation
  double attained_gpu_seconds = 0;  // over finished allocations
  std::optional<workload::SegmentPlan> segment;
  sched::Placement placement;
  std::size_t site = 0;
  std::vector<s4u::Host*> gpus;  // ring order
  std::vector<s4u::Host*> first_gpu_of_each_node;
  std::vector<double> energy_at_start;  // per GPU, joules
  s4u::ExecPtr activity;
  output::JobRecord record;
};

class Controller {
 public:
  Controller(const spec::PlatformSpec& platform, const workload::Workload& workload,
             sched::Scheduler& scheduler, SimulatedPlatform simulated)
      : workload_(workload), scheduler_(scheduler), platform_(std::move(simulated)) {
    for (std::size_t s = 0; s < platform_.sites.size(); ++s) {
      const auto& site = platform_.sites[s];
      state_.sites.push_back({s, site.name, site.nodes,
                              static_cast<int>(site.nodes.size() * platform.sites[s].gpus_per_node),
                              site.gpu_peak_flops});
    }
    for (std::size_t n = 0; n < platform_.nodes.size(); ++n) {
      const auto& node = platform_.nodes[n];
      const int gpus = static_cast<int>(node.gpus.size());
      state_.nodes.push_back({n, node.site, node.name, gpus, gpus, true});
      gpu_owner_.emplace_back(node.gpus.size(), kNoJob);
    }
    runs_.resize(workload.jobs.size());
    for (std::size_t j = 0; j < workload.jobs.size(); ++j) {
      JobRun& run = runs_[j];
      run.job = &workload.jobs[j];
      run.id = j;
      run.estimate =
          run.job->walltime.value_or(workload::ideal_duration(*run.job, reference_peak(*run.job)));
      run.record.id = run.job->id;
      run.record.user = run.job->user;
      run.record.submit = run.job->submit_time;
      run.record.gpus = run.job->gpus;
    }
    s4u::Activity::on_completion_cb(
        [this](const s4u::Activity& activity) { guarded([&] { on_activity_end(activity); }); });
    arm_next_submission(0);
  }

  // Rethrows the first error raised inside a SimGrid callback, once the engine has stopped.
  void rethrow_failure() const {
    if (failure_) std::rethrow_exception(failure_);
  }

  output::RunResult finish() {
    output::RunResult result;
    for (auto& run : runs_) {
      if (run.phase != Phase::kDone && run.phase != Phase::kQueued &&
          run.phase != Phase::kWaiting) {
        release_allocation(run);  // still running when nothing more could happen
        run.record.state = output::JobState::kRunning;
      }
      result.jobs.push_back(run.record);
    }
    totals_.end_time = s4u::Engine::get_clock();
    totals_.platform_gpus = static_cast<double>(platform_.all_gpus.size());
    for (auto* gpu : platform_.all_gpus) totals_.energy_joules += sg_host_get_consumed_energy(gpu);
    result.totals = totals_;
    return result;
  }

 private:
  static constexpr std::size_t kNoJob = static_cast<std::size_t>(-1);

  // Exceptions must not unwind through SimGrid's kernel: the first one is kept, every
  // activity is cancelled and later callbacks do nothing, so the engine runs dry and stops.
  template <class F>
  void guarded(F&& body) {
    if (failure_) return;
    try {
      body();
    } catch (...) {
      failure_ = std::current_exception();
      for (auto& run : runs_) {
        if (run.activity) cancel_activity(run);
      }
    }
  }

  // A cancelled activity is reported twice (cancelled now, failed when the kernel next
  // collects ended actions) and the kernel points at it until then: keep it until the run ends.
  void cancel_activity(JobRun& run) {
    in_flight_.erase(run.activity.get());
    cancelled_.push_back(run.activity);
    run.activity->cancel();
    run.activity = nullptr;
  }

  double reference_peak(const workload::Job& job) const {
    for (const auto& site : state_.sites) {
      if (site.gpus >= job.gpus) return site.gpu_peak_flops;
    }
    throw std::logic_error(fmt::format("job \"{}\" fits no site (validation missed it)", job.id));
  }

  // ---- events and the policy ----

  void arm_next_submission(std::size_t next) {
    if (next >= runs_.size()) return;
    Timer::set(workload_.jobs[next].submit_time, [this, next] {
      guarded([&] {
        std::size_t j = next;
        const double now = s4u::Engine::get_clock();
        for (; j < runs_.size() && workload_.jobs[j].submit_time <= now; ++j) {
          runs_[j].phase = Phase::kQueued;
          state_.queue.push_back(queued_view(runs_[j]));
          post({sched::EventKind::kJobSubmitted, j});
        }
        arm_next_submission(j);
      });
    });
  }

  void post(sched::Event event) {
    pending_.push_back(event);
    if (!flush_armed_) {
      flush_armed_ = true;
      // A timer at the current instant runs after every completion of this instant is handled.
      Timer::set(s4u::Engine::get_clock(), [this] { guarded([&] { flush(); }); });
    }
  }

  void flush() {
    flush_armed_ = false;
    const std::vector<sched::Event> events = std::move(pending_);
    pending_.clear();
    const double now = s4u::Engine::get_clock();
    state_.now = now;
    for (auto& running : state_.running) {
      const JobRun& run = runs_[running.id];
      running.attained_gpu_seconds =
          run.attained_gpu_seconds + (now - run.run_start) * run.job->gpus;
      running.estimated_end = std::max(running.estimated_end, now);
    }
    ++totals_.scheduler_calls;
    const sched::Decisions decisions = scheduler_.schedule(state_, events);
    for (const auto& preemption : decisions.preemptions) preempt(runs_.at(preemption.job));
    for (const auto& start : decisions.starts) begin_run(runs_.at(start.job), start.placement);
    if (decisions.wake_up_at && *decisions.wake_up_at > now) {
      const double at = *decisions.wake_up_at;
      wake_up_at_ = at;
      Timer::set(at, [this, at] {
        guarded([&] {
          if (wake_up_at_ == at) post({sched::EventKind::kWakeUp, 0});
        });
      });
    }
  }

  sched::QueuedJob queued_view(const JobRun& run) const {
    const workload::Job& job = *run.job;
    const double left = job.work_flops > 0 ? 1.0 - run.checkpointed / job.work_flops : 0.0;
    return {run.id,
            job.id,
            job.user,
            job.submit_time,
            job.gpus,
            job.priority,
            run.estimate,
            run.estimate * left,
            run.attained_gpu_seconds,
            run.record.preemptions};
  }

  // ---- allocations ----

  void begin_run(JobRun& run, const sched::Placement& placement) {
    check_placement(run, placement);
    const double now = s4u::Engine::get_clock();
    run.placement = placement;
    run.site = state_.nodes[placement.slots.front().node].site;
    run.gpus.clear();
    run.first_gpu_of_each_node.clear();
    run.record.nodes.clear();
    for (const auto& slot : placement.slots) {
      auto& owners = gpu_owner_[slot.node];
      int taken = 0;
      for (std::size_t g = 0; g < owners.size() && taken < slot.gpus; ++g) {
        if (owners[g] != kNoJob) continue;
        owners[g] = run.id;
        run.gpus.push_back(platform_.nodes[slot.node].gpus[g]);
        if (taken++ == 0) run.first_gpu_of_each_node.push_back(run.gpus.back());
      }
      state_.nodes[slot.node].free_gpus -= slot.gpus;
      run.record.nodes.push_back(platform_.nodes[slot.node].name);
    }
    run.energy_at_start.clear();
    for (auto* gpu : run.gpus) run.energy_at_start.push_back(sg_host_get_consumed_energy(gpu));
    run.run_start = now;
    run.safe_since = now;
    run.record.site = platform_.sites[run.site].name;
    if (!run.record.start) run.record.start = now;

    const auto queued = std::find_if(state_.queue.begin(), state_.queue.end(),
                                     [&](const sched::QueuedJob& q) { return q.id == run.id; });
    state_.queue.erase(queued);
    sched::RunningJob view{run.id,
                           run.job->id,
                           run.job->user,
                           run.job->submit_time,
                           now,
                           run.job->gpus,
                           run.job->priority,
                           run.estimate,
                           now + queued_view(run).remaining_estimate,
                           run.attained_gpu_seconds,
                           placement};
    state_.running.insert(std::upper_bound(state_.running.begin(), state_.running.end(), view,
                                           [](const sched::RunningJob& a,
                                              const sched::RunningJob& b) { return a.id < b.id; }),
                          std::move(view));

    if (run.checkpointed > 0 && run.job->checkpoint_bytes > 0) {
      start_restore(run);
    } else {
      start_segment(run);
    }
  }

  void check_placement(const JobRun& run, const sched::Placement& placement) const {
    const auto refuse = [&](std::string_view why) {
      return std::logic_error(fmt::format("the scheduler started job \"{}\" {}", run.job->id, why));
    };
    if (run.phase != Phase::kQueued) throw refuse("which is not waiting in the queue");
    if (placement.total_gpus() != run.job->gpus) {
      throw refuse(fmt::format("on {} GPUs instead of {}", placement.total_gpus(), run.job->gpus));
    }
    for (const auto& slot : placement.slots) {
      if (slot.node >= state_.nodes.size()) throw refuse("on a node that does not exist");
      if (state_.nodes[slot.node].site != state_.nodes[placement.slots.front().node].site) {
        throw refuse("across two sites");
      }
      if (slot.gpus <= 0 || slot.gpus > state_.nodes[slot.node].free_gpus) {
        throw refuse(fmt::format("on {} GPUs of node {} which has {} free", slot.gpus,
                                 state_.nodes[slot.node].name, state_.nodes[slot.node].free_gpus));
      }
    }
  }

  // Gives the GPUs back and accounts the allocation's GPU time and energy.
  void release_allocation(JobRun& run) {
    const double now = s4u::Engine::get_clock();
    for (std::size_t i = 0; i < run.gpus.size(); ++i) {
      run.record.energy_joules += sg_host_get_consumed_energy(run.gpus[i]) - run.energy_at_start[i];
    }
    for (const auto& slot : run.placement.slots) {
      for (auto& owner : gpu_owner_[slot.node]) {
        if (owner == run.id) owner = kNoJob;
      }
      state_.nodes[slot.node].free_gpus += slot.gpus;
    }
    const double gpu_seconds = (now - run.run_start) * run.job->gpus;
    run.attained_gpu_seconds += gpu_seconds;
    totals_.allocated_gpu_seconds += gpu_seconds;
    std::erase_if(state_.running, [&](const sched::RunningJob& r) { return r.id == run.id; });
    run.activity = nullptr;
  }

  void preempt(JobRun& run) {
    if (run.phase == Phase::kQueued || run.phase == Phase::kDone || run.phase == Phase::kWaiting) {
      throw std::logic_error(
          fmt::format("the scheduler preempted job \"{}\" which is not running", run.job->id));
    }
    if (run.activity) cancel_activity(run);
    const double now = s4u::Engine::get_clock();
    run.record.lost_gpu_seconds += (now - run.safe_since) * run.job->gpus;
    run.progress = run.checkpointed;
    ++run.record.preemptions;
    release_allocation(run);
    run.phase = Phase::kQueued;
    const sched::QueuedJob view = queued_view(run);
    state_.queue.insert(std::upper_bound(state_.queue.begin(), state_.queue.end(), view,
                                         [](const sched::QueuedJob& a, const sched::QueuedJob& b) {
                                           return a.id < b.id;
                                         }),
                        view);
  }

  // ---- the phases of a running job ----

  void launch(JobRun& run, Phase phase, const std::vector<s4u::Host*>& hosts,
              std::vector<double> flops, std::vector<double> bytes) {
    run.phase = phase;
    run.activity = s4u::Exec::init()
                       ->set_flops_amounts(std::move(flops))
                       ->set_bytes_amounts(std::move(bytes))
                       ->set_hosts(hosts);
    in_flight_[run.activity.get()] = run.id;
    run.activity->start();
    ++totals_.simulated_activities;
  }

  void start_segment(JobRun& run) {
    run.segment =
        workload::plan_segment(*run.job, run.progress, platform_.sites[run.site].gpu_peak_flops);
    launch_ring(run, Phase::kComputing, run.segment->gpu_flops_each,
                run.segment->overlapped_bytes_each);
  }

  // One parallel activity over the job's GPUs: compute on each, and `bytes_each` from each GPU
  // to the next one in the ring.
  void launch_ring(JobRun& run, Phase phase, double flops_each, double bytes_each) {
    const std::size_t n = run.gpus.size();
    std::vector<double> bytes(bytes_each > 0 ? n * n : 0, 0.0);
    if (bytes_each > 0) {
      for (std::size_t i = 0; i < n; ++i) bytes[i * n + (i + 1) % n] = bytes_each;
    }
    launch(run, phase, run.gpus, std::vector<double>(n, flops_each), std::move(bytes));
  }

  // Checkpoint bytes between the site's storage and one GPU per node (each node its share).
  void launch_storage_transfer(JobRun& run, Phase phase, bool to_storage) {
    std::vector<s4u::Host*> hosts = run.first_gpu_of_each_node;
    hosts.push_back(platform_.sites[run.site].storage);
    const std::size_t n = hosts.size();
    const double share = run.job->checkpoint_bytes / static_cast<double>(n - 1);
    std::vector<double> bytes(n * n, 0.0);
    for (std::size_t i = 0; i + 1 < n; ++i) {
      if (to_storage) {
        bytes[i * n + (n - 1)] = share;
      } else {
        bytes[(n - 1) * n + i] = share;
      }
    }
    launch(run, phase, hosts, std::vector<double>(n, 0.0), std::move(bytes));
  }

  void start_restore(JobRun& run) { launch_storage_transfer(run, Phase::kRestoring, false); }

  void on_activity_end(const s4u::Activity& activity) {
    const auto found = in_flight_.find(&activity);
    if (found == in_flight_.end()) return;  // cancelled
    JobRun& run = runs_[found->second];
    in_flight_.erase(found);
    // SimGrid still uses the activity after this callback returns: keep it until the next
    // completion, by which time the kernel is done with it.
    retired_.clear();
    retired_.push_back(std::move(run.activity));
    if (activity.get_state() != s4u::Activity::State::FINISHED) {
      throw std::logic_error(fmt::format("an activity of job \"{}\" failed", run.job->id));
    }
    switch (run.phase) {
      case Phase::kRestoring:
        start_segment(run);
        break;
      case Phase::kComputing:
        if (run.segment->exposed_bytes_each > 0) {
          launch_ring(run, Phase::kCommunicating, 0.0, run.segment->exposed_bytes_each);
          break;
        }
        [[fallthrough]];
      case Phase::kCommunicating:
        end_segment(run);
        break;
      case Phase::kCheckpointing:
        run.checkpointed = run.progress;
        run.safe_since = s4u::Engine::get_clock();
        ++run.record.checkpoints_written;
        start_segment(run);
        break;
      default:
        throw std::logic_error("activity ended for a job that is not running");
    }
  }

  void end_segment(JobRun& run) {
    run.progress = run.segment->target_progress;
    if (run.progress >= run.job->work_flops) {
      complete(run);
    } else if (run.job->checkpoint_bytes > 0) {
      launch_storage_transfer(run, Phase::kCheckpointing, true);
    } else {
      run.checkpointed = run.progress;  // a checkpoint of no size costs no time
      run.safe_since = s4u::Engine::get_clock();
      start_segment(run);
    }
  }

  void complete(JobRun& run) {
    release_allocation(run);
    run.phase = Phase::kDone;
    run.record.state = output::JobState::kFinished;
    run.record.end = s4u::Engine::get_clock();
    post({sched::EventKind::kJobFinished, run.id});
  }

  const workload::Workload& workload_;
  sched::Scheduler& scheduler_;
  SimulatedPlatform platform_;
  sched::ClusterState state_;
  std::vector<std::vector<std::size_t>> gpu_owner_;  // per node, per GPU: job id or kNoJob
  std::vector<JobRun> runs_;
  std::map<const s4u::Activity*, sched::JobId> in_flight_;
  std::vector<s4u::ExecPtr> cancelled_;
  std::vector<s4u::ExecPtr> retired_;
  std::exception_ptr failure_;
  std::vector<sched::Event> pending_;
  bool flush_armed_ = false;
  double wake_up_at_ = -1;
  output::RunTotals totals_;
};

}  // namespace

output::RunResult simulate(const spec::PlatformSpec& platform, const workload::Workload& workload,
                           sched::Scheduler& scheduler, const SimulationOptions& options) {
  std::vector<std::string> args = {"umbra", "--log=root.thres:" + options.simgrid_log_threshold,
                                   "--log=xbt_cfg.thres:" + options.simgrid_log_threshold,
                                   "--cfg=host/model:ptask_L07"};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  int argc = static_cast<int>(argv.size());
  s4u::Engine engine(&argc, argv.data());
  sg_host_energy_plugin_init();
  Controller controller(platform, workload, scheduler, build_platform(platform));
  engine.run();
  controller.rethrow_failure();
  return controller.finish();
}

}  // namespace umbra::engine
