#include "sim/engine/simulation.hpp"

#include <fmt/format.h>
#include <simgrid/plugins/energy.h>
#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <tuple>

#include "sim/contact/candidate_links.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/engine/connected_capacity.hpp"
#include "sim/engine/contact_driver.hpp"
#include "sim/engine/engine_forecasts.hpp"
#include "sim/engine/gpu_energy_ledger.hpp"
#include "sim/engine/in_flight_transfers.hpp"
#include "sim/engine/job_run.hpp"
#include "sim/engine/job_runner.hpp"
#include "sim/engine/power_driver.hpp"
#include "sim/engine/run_invariants.hpp"
#include "sim/engine/runner_pool.hpp"
#include "sim/engine/simulated_platform.hpp"
#include "sim/engine/site_power_caps.hpp"
#include "sim/output/gpu_timeline.hpp"
#include "sim/workload/measured_throughput.hpp"
#include "sim/workload/training_model.hpp"

namespace umbra::engine {
namespace {

namespace s4u = simgrid::s4u;
using simgrid::kernel::timer::Timer;

constexpr double kForever = std::numeric_limits<double>::infinity();

// Every node's GPUs and their draw per pstate, for the energy ledger.
std::vector<GpuEnergyLedger::NodeModel> energy_models(const SimulatedPlatform& platform) {
  std::vector<GpuEnergyLedger::NodeModel> models;
  for (const SimulatedNode& node : platform.nodes) {
    GpuEnergyLedger::NodeModel model{node.gpus, {}};
    for (const auto& state : node.gpu_model->pstates) {
      model.pstates.push_back({state.idle_watts, state.busy_watts});
    }
    models.push_back(std::move(model));
  }
  return models;
}

// Why a job that `event` takes off its GPUs leaves them.
output::AllocationEnd allocation_end(JobEvent event) {
  switch (event) {
    case JobEvent::kPreemptSave:
    case JobEvent::kPreemptKill:
    case JobEvent::kCheckpoint:  // never ends an allocation
      return output::AllocationEnd::kPreempted;
    case JobEvent::kMigrate:
      return output::AllocationEnd::kMigrated;
    case JobEvent::kPowerSuspend:
      return output::AllocationEnd::kPowerSuspended;
    case JobEvent::kPowerDark:
      return output::AllocationEnd::kPowerFailed;
    case JobEvent::kWalltime:
      return output::AllocationEnd::kKilledAtWalltime;
  }
  return output::AllocationEnd::kPreempted;
}

// The entry of job `id` in a list kept in id order (the queue and the running list).
template <class List>
auto find_by_id(List& list, sched::JobId id) {
  const auto found = std::lower_bound(
      list.begin(), list.end(), id, [](const auto& entry, sched::JobId i) { return entry.id < i; });
  if (found == list.end() || found->id != id) throw std::logic_error("job missing from its list");
  return found;
}

// Queues, allocations and the policy. Submissions and the policy's wake-ups are kernel
// timers; each running job has an actor from the runner pool that runs its activities
// (job_runner.hpp) and reports its end here. Every event of an instant goes into `pending_`, and a
// timer at that same instant calls the policy once for all of them, after every actor of the
// instant has run.
class Controller {
 public:
  Controller(const spec::PlatformSpec& platform, const workload::Workload& workload,
             sched::Scheduler& scheduler, const contact::Constellation& constellation,
             const std::vector<contact::CandidateLink>& candidates,
             const SimulationOptions& options)
      : workload_(workload),
        scheduler_(scheduler),
        on_progress_(options.on_progress),
        platform_(build_platform(platform, constellation, candidates)),
        contacts_(platform, constellation, candidates, platform_, in_flight_,
                  options.link_windows != nullptr ? *options.link_windows : kept_link_windows_,
                  options.seed),
        energy_(energy_models(platform_), workload.jobs.size()),
        power_(platform, constellation, platform_, contacts_, energy_,
               options.power_rows != nullptr ? *options.power_rows : kept_power_rows_),
        site_caps_(platform),
        forecasts_(platform, platform_, power_, contacts_),
        allocated_(platform_.nodes.size(), 0),
        held_since_(platform_.nodes.size(), -1),
        edge_bytes_{std::vector<double>(platform_.edges.size()),
                    std::vector<double>(platform_.edges.size())},
        environment_{platform_,
                     counters_,
                     in_flight_,
                     contacts_,
                     edge_bytes_,
                     progressed_,
                     [this](JobRun& run, const sched::Slot& slot, bool computing) {
                       set_computing(run, slot, computing);
                     }},
        runners_(platform_.controller),
        stop_requested_(options.stop_requested),
        checks_(options.checks),
        allocation_rows_(options.allocations != nullptr ? *options.allocations : kept_allocations_),
        closed_checked_(workload.jobs.size()) {
    for (std::size_t s = 0; s < platform_.sites.size(); ++s) {
      const auto& site = platform_.sites[s];
      int gpus = 0;
      for (const std::size_t n : site.nodes) gpus += platform_.nodes[n].gpus;
      state_.sites.push_back({s, site.name, site.nodes, gpus, site.gpu_peak_flops, site.orbital});
    }
    for (std::size_t n = 0; n < platform_.nodes.size(); ++n) {
      const auto& node = platform_.nodes[n];
      state_.nodes.push_back({n, node.site, node.name, node.gpus, node.gpus, true});
      state_.nodes.back().orbital = node.satellite.has_value();
      power_.fill(n, state_.nodes.back());
    }
    limit_to_site_caps();
    contacts_.fill_components(state_.nodes);
    refuse_jobs_the_network_splits(state_, workload);
    site_caps_.refuse_jobs_no_site_can_power(state_.sites, workload);
    if (!constellation.satellites.empty()) state_.forecasts = &forecasts_;
    runs_.resize(workload.jobs.size());
    for (std::size_t j = 0; j < workload.jobs.size(); ++j) {
      JobRun& run = runs_[j];
      run.job = &workload.jobs[j];
      run.id = j;
      run.estimate = run.job->walltime.value_or(isolated_seconds(*run.job));
      run.record.id = run.job->id;
      run.record.user = run.job->user;
      run.record.submit = run.job->submit_time;
      run.record.gpus = run.job->gpus;
      run.record.isolated_seconds = isolated_seconds(*run.job);
      if (run.job->dataset_bytes > 0) {
        run.dataset_home = ground_site_index(platform, run.job->dataset_site);
      }
      run.restart_overhead = run.job->restart_overhead.value_or(0);
    }
    output::AllocationNames names;
    for (const workload::Job& job : workload.jobs) names.jobs.push_back(job.id);
    for (const auto& node : platform_.nodes) names.nodes.push_back(node.name);
    allocation_rows_.set_names(names);
    if (runs_.empty()) return;  // nothing will ever happen
    if (stop_requested_ || checks_ == RunChecks::kEveryEvent) watch_the_clock();
    arm_next_submission(0);
    arm_contacts();
    arm_power();
  }

  Controller(const Controller&) = delete;
  Controller& operator=(const Controller&) = delete;
  ~Controller() { *alive_ = nullptr; }

  // Rethrows the first error raised inside a timer or an actor, once the engine has stopped.
  void rethrow_failure() const {
    if (failure_) std::rethrow_exception(failure_);
  }

  // The run's results: those taken when it stopped early, else those of its end.
  output::RunResult take_result() {
    if (early_stop_ == EarlyStop::kStopped) return std::move(*stopped_result_);
    return finish();
  }

 private:
  output::RunResult finish() {
    if (checks_ == RunChecks::kEveryEvent) check_invariants();
    output::RunResult result;
    for (auto& run : runs_) {
      if (holds_gpus(run.stage)) {  // still running when nothing more could happen
        release_allocation(run, output::AllocationEnd::kRunning);
        run.record.state = output::JobState::kRunning;
      }
    }
    totals_.end_time = s4u::Engine::get_clock();
    energy_.settle_all(totals_.end_time);
    totals_.unallocated_gpu_joules = energy_.unallocated_joules();
    for (auto& run : runs_) {
      run.record.energy_joules = energy_.job_joules(run.id);
      run.record.work_gpu_seconds = run.progress / workload::total_work(*run.job) *
                                    run.record.isolated_seconds * run.record.gpus;
      result.jobs.push_back(run.record);
    }
    for (const auto& node : platform_.nodes) totals_.platform_gpus += node.gpus;
    for (std::size_t s = 0; s < platform_.sites.size(); ++s) {
      output::SiteEnergy site{platform_.sites[s].name, 0, site_caps_.pue(s)};
      for (const std::size_t n : platform_.sites[s].nodes) {
        site.it_joules += sg_host_get_consumed_energy(platform_.nodes[n].host);
      }
      totals_.energy_joules += site.it_joules;
      totals_.site_energy.push_back(std::move(site));
    }
    totals_.simulated_activities = counters_.activities;
    totals_.simulated_transfers = counters_.transfers;
    const network::SpaceRouter& router = platform_.zone->router();
    totals_.topology_changes = static_cast<long long>(router.topology_version());
    totals_.routing_trees_computed = static_cast<long long>(router.trees_computed());
    result.totals = totals_;
    result.links =
        contacts_.link_records(totals_.end_time, edge_bytes_.forward, edge_bytes_.backward);
    power_.finish(totals_.end_time);
    result.power_rows = std::move(kept_power_rows_.rows);
    for (const auto& node : platform_.nodes) {
      result.node_names.push_back(node.name);
      result.node_sites.push_back(platform_.sites[node.site].name);
    }
    allocation_rows_.finish();
    result.allocations = std::move(kept_allocations_.rows);
    contacts_.finish_windows(totals_.end_time);
    result.link_windows = std::move(kept_link_windows_.rows);
    result.gpu_use = gpu_use_.buckets(totals_.end_time);
    if (!power_.empty()) result.totals.satellite_power = power_.totals();
    return result;
  }

  // The job's compute time alone on the first site that holds it: its FLOPs (or its profile's
  // FLOP equivalent) at that site's GPU peak, or its iterations at its measured throughput on
  // that site's GPU model.
  double isolated_seconds(const workload::Job& job) const {
    for (const auto& site : state_.sites) {
      if (site.gpus < job.gpus) continue;
      if (workload::speed_model(job) != workload::SpeedModel::kMeasuredThroughput) {
        return workload::ideal_duration(job, site.gpu_peak_flops);
      }
      const std::string_view model = platform_.nodes[site.nodes.front()].gpu_model->name;
      return job.iterations / workload::placement_throughput(*job.measured, {&model, 1});
    }
    throw std::logic_error(fmt::format("job \"{}\" fits no site (validation missed it)", job.id));
  }

  // Exceptions must not unwind through SimGrid's kernel: the first one is kept, every job's
  // runner is stopped (the one that raised it returns by itself) and later callbacks do
  // nothing, so the engine runs dry and stops.
  template <class F>
  void guarded(F&& body) {
    if (failure_ || early_stop_ == EarlyStop::kStopped) return;
    try {
      body();
      // Not once the body stopped the run: its results are taken, the jobs' allocations ended.
      if (checks_ == RunChecks::kEveryEvent && early_stop_ != EarlyStop::kStopped) {
        check_invariants();
      }
    } catch (const std::exception&) {
      if (failure_) return;  // the earlier failure is the one to report
      failure_ = std::current_exception();
      stop_every_runner();
      runners_.end_all();
    }
  }

  // ---- the run's invariants (`umbra run --check`) ----

  // The controller's changes of a job's stage, those that move it between the queue, the
  // running list and neither: the checks look at the jobs moved since the last one. (The
  // runner's changes keep a job in the running list, which the checks read whole.)
  void change_stage(JobRun& run, JobStage to) {
    enter(run, to);
    if (checks_ == RunChecks::kEveryEvent) listed_since_check_.push_back(run.id);
  }

  // After every timer and every runner's body (guarded), and at each advance of the clock,
  // when every actor of the instant has run: the runners' changes of stage come between.
  void check_invariants() {
    const double now = s4u::Engine::get_clock();
    check_time_forward(last_check_at_, now);
    last_check_at_ = now;
    check_one_stage(runs_, state_, listed_since_check_, next_submission_, ended_jobs_, now);
    listed_since_check_.clear();
    check_gpus_held_once(runs_, state_.running, state_.nodes, allocated_, energy_, now);
    for (const sched::RunningJob& entry : state_.running) {
      released_since_check_.push_back(entry.id);
    }
    check_gpu_seconds_balanced(runs_, released_since_check_, closed_checked_,
                               totals_.allocated_gpu_seconds, now);
    released_since_check_.clear();
    if (const power::PowerFleet* fleet = power_.fleet()) {
      for (const std::size_t i : power_.take_changed_nodes()) {
        const std::string& name = platform_.nodes[power_.platform_node(i)].name;
        check_charge_within_bounds(fleet->node(i).battery(), name, now);
        check_energy_ledger_balanced(fleet->node(i).ledger(), name, now);
      }
    }
    check_no_transfer_on_down_link(
        runs_, in_flight_.transfers(), platform_.edges,
        [this](std::size_t edge) { return contacts_.up(edge); }, now);
  }

  // SimGrid signals each advance of its clock from inside its solver, where no exception may
  // pass and no actor be stopped: a violation is kept and raised by a timer at that instant.
  // The signal cannot be disconnected: it reaches the controller through `alive_`.
  // Also asks, when a stop may be requested, whether it is (stop_if_requested).
  void watch_the_clock() {
    s4u::Engine::on_time_advance_cb([alive = alive_](double) {
      Controller* controller = *alive;
      if (controller == nullptr) return;
      if (controller->stop_requested_) controller->stop_if_requested();
      if (controller->checks_ == RunChecks::kEveryEvent) controller->check_at_clock_advance();
    });
  }

  void check_at_clock_advance() {
    if (failure_ || violation_armed_ || early_stop_ == EarlyStop::kStopped) return;
    try {
      check_invariants();
    } catch (const InvariantViolation& violation) {
      violation_armed_ = true;
      Timer::set(s4u::Engine::get_clock(),
                 [this, violation] { guarded([&] { throw violation; }); });
    }
  }

  // ---- events and the policy ----

  void arm_next_submission(std::size_t next) {
    next_submission_ = next;
    if (next >= runs_.size()) return;
    Timer::set(workload_.jobs[next].submit_time, [this, next] {
      guarded([&] {
        std::size_t j = next;
        const double now = s4u::Engine::get_clock();
        last_job_change_ = now;
        for (; j < runs_.size() && workload_.jobs[j].submit_time <= now; ++j) {
          change_stage(runs_[j], JobStage::kQueued);
          state_.queue.push_back(queued_view(runs_[j]));
          post({sched::EventKind::kJobSubmitted, j});
        }
        arm_next_submission(j);
      });
    });
  }

  // The contact driver's next change, while something can still happen.
  void arm_contacts() {
    const double at = contacts_.next_event_time();
    if (!std::isfinite(at)) return;
    contacts_timer_ = Timer::set(at, [this, at] {
      guarded([&] {
        contacts_timer_ = nullptr;
        contacts_.apply_due(at);
        // Terminals draw power while their links are up.
        for (const std::size_t n : power_.set_terminals(contacts_.take_terminal_changes(), at)) {
          power_recheck_.push_back({n, true});
        }
        apply_power_changes();
        rearm_power_if_sooner();
        arm_contacts();
      });
    });
  }

  // The power driver's next change, while something can still happen.
  void arm_power() {
    const double at = power_.next_event_time();
    if (!std::isfinite(at)) return;
    power_timer_at_ = at;
    power_timer_ = Timer::set(at, [this, at] {
      guarded([&] {
        power_timer_ = nullptr;
        // A node that power holds down is checked at each of its rows: the sun's next step
        // may let it carry its GPUs again.
        for (const auto& change : power_.apply_due(at)) {
          if (change.notable || !state_.nodes[change.node].up) {
            power_recheck_.push_back({change.node, change.notable});
          }
        }
        apply_power_changes();
        arm_power();
      });
    });
  }

  // A change of demand (a job started or ended, a link up or down, a cap) may bring a node's
  // next power event before the one the timer waits for: the timer moves to it, so that a node
  // going dark sooner takes its jobs down on time.
  void rearm_power_if_sooner() {
    if (power_timer_ == nullptr || power_.next_event_time() >= power_timer_at_) return;
    power_timer_->remove();
    arm_power();
  }

  // Brings the nodes whose power changed, and their jobs, in line with their operating point:
  // a suspended node's jobs checkpoint at once and go back to the queue; a node that went dark
  // fails its jobs, which roll back to their last checkpoint. The policy hears of each node.
  void apply_power_changes() {
    while (!power_recheck_.empty()) {
      const auto [n, notable] = power_recheck_.back();
      power_recheck_.pop_back();
      sched::NodeState& node = state_.nodes[n];
      const bool was_up = node.up;
      power_.fill(n, node);
      const double now = s4u::Engine::get_clock();
      const power::NodeMode mode = power_.point(n).mode;
      if (mode != power::NodeMode::kRunning) {
        std::vector<sched::JobId> hit;
        for (const auto& running : state_.running) {
          for (const auto& slot : running.placement.slots) {
            if (slot.node == n) hit.push_back(running.id);
          }
        }
        // Held down until the node's next power event: without its jobs it may well run
        // again at once, and the policy would start them there again in the same instant.
        if (!hit.empty()) held_since_[n] = now;
        for (const sched::JobId id : hit) interrupt(runs_[id], mode == power::NodeMode::kOff);
      }
      // Offered to the policy only if it can carry its GPUs busy now.
      node.up = mode == power::NodeMode::kRunning && held_since_[n] != now &&
                (allocated_[n] > 0 || power_.can_compute(n));
      node.free_gpus = node.up ? node.gpus - allocated_[n] : 0;
      if (notable || node.up != was_up) post({sched::EventKind::kPowerChanged, 0, n});
    }
    limit_to_site_caps();
  }

  // Free GPUs of capped ground sites trimmed to what their grid cap can still feed.
  void limit_to_site_caps() { site_caps_.limit(state_.sites, state_.nodes, allocated_); }

  // The policy is called once per instant, after every event of it. A timer armed at the
  // current instant from an actor runs after every actor of the instant has run. An event
  // posted from a timer (a submission, a link or power change, a wake-up) comes before SimGrid
  // hands out the activities that ended at that same instant (docs/simgrid-3.32-facts.md), so
  // the timer is armed by a runner: it runs beside the runners of those activities, and the
  // call comes after them all.
  void post(sched::Event event) {
    if (totals_.gave_up_at) return;  // the run is over
    pending_.push_back(event);
    if (flush_armed_) return;
    flush_armed_ = true;
    if (s4u::this_actor::is_maestro()) {
      runners_.run([this] { guarded([&] { arm_flush(); }); });
    } else {
      arm_flush();
    }
  }

  void arm_flush() {
    Timer::set(s4u::Engine::get_clock(), [this] { guarded([&] { flush(); }); });
  }

  // From maestro only: it may kill the runners of other jobs.
  void flush() {
    apply_power_changes();
    flush_armed_ = false;
    std::vector<sched::Event> events = std::move(pending_);
    pending_.clear();
    // In a fixed order, whatever the order in which SimGrid handed out simultaneous ends.
    std::sort(events.begin(), events.end(), [](const sched::Event& a, const sched::Event& b) {
      return std::tie(a.kind, a.job, a.node) < std::tie(b.kind, b.job, b.node);
    });
    const double now = s4u::Engine::get_clock();
    state_.now = now;
    ++totals_.scheduler_calls;
    refresh_progress();
    contacts_.fill_components(state_.nodes);
    const sched::Decisions decisions = scheduler_.schedule(state_, events);
    for (const auto& preemption : decisions.preemptions) {
      preempt(runs_.at(preemption.job), preemption.mode);
    }
    for (const auto& migration : decisions.migrations) {
      JobRun& run = runs_.at(migration.job);
      apply(run, JobEvent::kMigrate, &migration.placement);
    }
    for (const auto& start : decisions.starts) begin_run(runs_.at(start.job), start.placement);
    for (const auto& checkpoint : decisions.checkpoints) {
      apply(runs_.at(checkpoint.job), JobEvent::kCheckpoint);
    }
    for (const auto& cap : decisions.power_caps) {
      if (cap.node >= state_.nodes.size()) {
        throw std::logic_error(
            fmt::format("the scheduler capped node {}, which does not exist", cap.node));
      }
      const sched::NodeState& node = state_.nodes[cap.node];
      if (!site_caps_.allows_pstate(state_.sites[node.site], state_.nodes, allocated_, cap.node,
                                    cap.pstate)) {
        throw std::logic_error(fmt::format(
            "the scheduler set node {} to pstate {}, which would take site {} over its IT power "
            "limit of {} W (power_cap / pue)",
            node.name, cap.pstate, state_.sites[node.site].name,
            *site_caps_.limit_watts(node.site)));
      }
      if (power_.set_power_cap(cap.node, cap.pstate, now)) {
        power_recheck_.push_back({cap.node, true});
      }
      state_.nodes[cap.node].power_cap = cap.pstate;
    }
    apply_power_changes();
    rearm_power_if_sooner();
    if (decisions.wake_up_at && *decisions.wake_up_at > now) {
      // The latest wake-up replaces the one pending.
      if (wake_timer_ != nullptr) wake_timer_->remove();
      wake_timer_ = Timer::set(*decisions.wake_up_at, [this] {
        guarded([&] {
          wake_timer_ = nullptr;
          post({sched::EventKind::kWakeUp, 0});
        });
      });
    }
    // Queued jobs may still start when a node that power took down comes back.
    const bool power_may_free_gpus =
        !state_.queue.empty() && std::any_of(state_.nodes.begin(), state_.nodes.end(),
                                             [](const sched::NodeState& node) { return !node.up; });
    const bool nothing_can_happen = state_.running.empty() && next_submission_ >= runs_.size() &&
                                    wake_timer_ == nullptr && !power_may_free_gpus;
    if (counters_.checkpoints != checkpoints_seen_) {
      checkpoints_seen_ = counters_.checkpoints;
      last_progress_at_ = now;
    }
    const bool never_started = state_.running.empty() && !state_.queue.empty() &&
                               next_submission_ >= runs_.size() &&
                               now - last_job_change_ > output::kLongestPolicyIdle;
    const bool no_progress =
        !state_.running.empty() && now - last_progress_at_ > output::kLongestPolicyIdle;
    const bool give_up = (never_started || no_progress) && !nothing_can_happen;
    if (give_up) {
      totals_.gave_up_at = now;
      totals_.gave_up_because = never_started ? output::RunTotals::GaveUp::kNeverStarted
                                              : output::RunTotals::GaveUp::kNoProgress;
      totals_.jobs_left = static_cast<int>(state_.queue.size() + state_.running.size());
      stop_every_runner();
    }
    if (on_progress_) report_progress(now);
    if (nothing_can_happen || give_up) {
      runners_.end_idle();
      remove_timers();
    }
  }

  void report_progress(double now) const {
    const std::size_t submitted = next_submission_;
    on_progress_({now, workload_.jobs.back().submit_time, runs_.size(),
                  submitted - state_.queue.size() - state_.running.size(), state_.running.size(),
                  state_.queue.size()});
  }

  // The timers that would go on making events; the others do nothing once the run is over.
  void remove_timers() {
    for (Timer** timer : {&contacts_timer_, &power_timer_, &power_apply_timer_, &wake_timer_}) {
      if (*timer != nullptr) (*timer)->remove();
      *timer = nullptr;
    }
  }

  // ---- stopping early (SimulationOptions::stop_requested) ----

  // Called as SimGrid advances its clock, from inside its solve, where no actor may be stopped:
  // a timer of this instant stops the run (docs/simgrid-3.32-facts.md, "Stopping a run early").
  void stop_if_requested() {
    if (early_stop_ != EarlyStop::kNone || !stop_requested_()) return;
    early_stop_ = EarlyStop::kArmed;
    Timer::set(s4u::Engine::get_clock(), [this] { guarded([&] { stop_now(); }); });
  }

  // The results are those of this instant, the jobs holding GPUs left running and the others
  // queued; then every runner ends and every timer left does nothing, so the engine runs dry.
  void stop_now() {
    totals_.stopped_at = s4u::Engine::get_clock();
    stop_every_runner();
    stopped_result_ = finish();
    early_stop_ = EarlyStop::kStopped;
    runners_.end_all();
    remove_timers();
  }

  sched::QueuedJob queued_view(const JobRun& run) const {
    const workload::Job& job = *run.job;
    const double left = 1.0 - run.checkpointed / workload::total_work(job);
    return {run.id,
            job.id,
            job.user,
            job.submit_time,
            job.gpus,
            job.priority,
            run.estimate,
            run.estimate * left,
            run.attained_gpu_seconds,
            run.record.preemptions,
            progress_view(run)};
  }

  static sched::JobProgress progress_view(const JobRun& run) {
    const workload::Job& job = *run.job;
    const double total = workload::total_work(job);
    return {run.progress / total, run.checkpointed / total, run.checkpoint_time,
            run.checkpoint_site,  job.checkpoint_bytes,     job.dataset_bytes,
            run.dataset_home,     run.staged_site};
  }

  // ---- allocations ----

  void begin_run(JobRun& run, const sched::Placement& placement) {
    if (run.stage != JobStage::kQueued) {
      throw refusal(run, "started", "which is not waiting in the queue");
    }
    check_placement(run, placement, "started");
    hold(run, placement);
    state_.queue.erase(find_by_id(state_.queue, run.id));
    occupy(run, placement);
    arm_walltime(run);
    last_job_change_ = s4u::Engine::get_clock();
  }

  // A job killed at its walltime gets it afresh at each start, as a requeued batch job does
  // (a migration is not a start).
  void arm_walltime(JobRun& run) {
    const workload::Job& job = *run.job;
    if (job.on_walltime != workload::AtWalltime::kKill || !job.walltime) return;
    const double at = s4u::Engine::get_clock() + *job.walltime;
    run.killed_at = at;
    const sched::JobId id = run.id;
    Timer::set(at, [this, id, at] {
      guarded([&] {
        JobRun& job = runs_[id];
        if (job.killed_at == at) apply(job, JobEvent::kWalltime);
      });
    });
  }

  // Its work since its last checkpoint is lost, and it leaves the run unfinished.
  void kill_at_walltime(JobRun& run) {
    last_job_change_ = s4u::Engine::get_clock();
    roll_back(run);
    if (run.runner != kNoRunner) stop_runner(run);
    release_allocation(run, output::AllocationEnd::kKilledAtWalltime);
    leave(run, output::JobState::kKilledAtWalltime);
  }

  // The job takes the GPUs of `placement` from the free ones (a start, a migration's target).
  void hold(const JobRun& run, const sched::Placement& placement) {
    const double now = s4u::Engine::get_clock();
    for (const auto& slot : placement.slots) {
      state_.nodes[slot.node].free_gpus -= slot.gpus;
      allocated_[slot.node] += slot.gpus;
      energy_.hold(slot.node, run.id, slot.gpus, now);
      held_gpus_ += slot.gpus;
    }
    gpu_use_.set(output::GpuTimeline::Use::kHeld, held_gpus_, now);
    limit_to_site_caps();
  }

  // The job gives back the GPUs of `placement`. A node left with none held is offered again
  // only if its power can carry its GPUs busy (apply_power_changes).
  void let_go(const JobRun& run, const sched::Placement& placement) {
    const double now = s4u::Engine::get_clock();
    for (const auto& slot : placement.slots) {
      allocated_[slot.node] -= slot.gpus;
      sched::NodeState& node = state_.nodes[slot.node];
      node.free_gpus = node.up ? node.gpus - allocated_[slot.node] : 0;
      energy_.hold(slot.node, run.id, -slot.gpus, now);
      if (allocated_[slot.node] == 0) power_recheck_.push_back({slot.node, false});
      held_gpus_ -= slot.gpus;
    }
    gpu_use_.set(output::GpuTimeline::Use::kHeld, held_gpus_, now);
    limit_to_site_caps();
  }

  // The job's GPUs on the node of `slot` begin or stop computing: their draw follows, in the
  // energy ledger and in the node's power model, which may change its operating point at once
  // or bring its next power event nearer.
  void set_computing(const JobRun& run, const sched::Slot& slot, bool computing) {
    const double now = s4u::Engine::get_clock();
    computing_gpus_ -= energy_.computing_gpus(slot.node);
    energy_.set_computing(slot.node, run.id, computing ? slot.gpus : 0, now);
    computing_gpus_ += energy_.computing_gpus(slot.node);
    gpu_use_.set(output::GpuTimeline::Use::kComputing, computing_gpus_, now);
    if (power_.set_busy_gpus(slot.node, energy_.computing_gpus(slot.node), now)) {
      power_recheck_.push_back({slot.node, true});
      if (power_apply_timer_ == nullptr) {
        // From a runner, a timer of this instant runs after every actor of it.
        power_apply_timer_ = Timer::set(now, [this] {
          guarded([&] {
            power_apply_timer_ = nullptr;
            apply_power_changes();
          });
        });
      }
    }
    rearm_power_if_sooner();
  }

  // The job's computations stopped now, where they were.
  void end_computing(JobRun& run) {
    if (run.computing.empty()) return;
    for (const auto& slot : run.placement.slots) set_computing(run, slot, false);
    run.computing.clear();
  }

  // The job runs on `placement`, whose GPUs it holds already.
  void occupy(JobRun& run, const sched::Placement& placement) {
    const double now = s4u::Engine::get_clock();
    change_stage(run, JobStage::kStarting);
    run.placement = placement;
    run.site = state_.nodes[placement.slots.front().node].site;
    run.record.nodes.clear();
    for (const auto& slot : placement.slots) {
      run.record.nodes.push_back(platform_.nodes[slot.node].name);
    }
    run.run_start = now;
    run.safe_since = now;
    ++run.starts;
    run.record.site = platform_.sites[run.site].name;
    if (!run.record.start) run.record.start = now;

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
                           run.site,
                           placement,
                           progress_view(run),
                           std::nullopt};
    state_.running.insert(std::upper_bound(state_.running.begin(), state_.running.end(), view,
                                           [](const sched::RunningJob& a,
                                              const sched::RunningJob& b) { return a.id < b.id; }),
                          std::move(view));
    launch(run);
  }

  // A runner works the job on its allocation until it is done or leaves for a migration.
  void launch(JobRun& run) {
    const sched::JobId id = run.id;
    runners_.run(
        [this, id] {
          guarded([&] {
            JobRun& job = runs_[id];
            RunEnd end;
            try {
              end = run_training_job(job, environment_);
            } catch (const RunnerStopped&) {
              return;
            }
            switch (end) {
              case RunEnd::kDone:
                complete(job);
                break;
              case RunEnd::kMoving: {
                sched::Placement to = std::move(*job.moving_to);
                job.moving_to.reset();
                post({move(job, std::move(to)) ? sched::EventKind::kJobMigrated
                                               : sched::EventKind::kJobPreempted,
                      job.id});
                break;
              }
              case RunEnd::kLeft:  // its checkpoint written: it waits in the queue
                release_allocation(job, job.leaving_because);
                enqueue(job);
                post({sched::EventKind::kJobPreempted, job.id});
                break;
            }
          });
        },
        &run.runner);
  }

  // What `event` does to the job in its stage (job_life.hpp), carried out. `target` is a
  // migration's placement.
  void apply(JobRun& run, JobEvent event, const sched::Placement* target = nullptr) {
    const Transition transition = respond(run.stage, run.request, event);
    if (transition.response == Response::kRefuse) throw refusal(run, event);
    if (event == JobEvent::kMigrate && transition.response != Response::kNothing) {
      check_placement(run, *target, "moved");
      hold(run, *target);
    }
    switch (transition.response) {
      case Response::kRefuse:
      case Response::kNothing:
        return;
      case Response::kRollBack:
      case Response::kLeaveNow:
        roll_back(run);
        requeue(run, allocation_end(event));
        return;
      case Response::kMoveNow:  // the policy sees where it is: no event to tell
        roll_back(run);
        stop_runner(run);
        move(run, *target);
        return;
      case Response::kKill:
        kill_at_walltime(run);
        return;
      case Response::kStopComputing:
      case Response::kAfterStep:
        break;
    }
    if (transition.request == JobRequest::kLeave && run.request != JobRequest::kLeave) {
      run.leaving_because = allocation_end(event);
    }
    run.request = transition.request;
    sched::RunningJob& view = *find_by_id(state_.running, run.id);
    if (run.request == JobRequest::kLeave) view.leaving = true;
    if (event == JobEvent::kMigrate) {
      run.moving_to = *target;
      view.migrating_to = *target;
    }
    if (transition.response == Response::kStopComputing) stop_computing(run);
  }

  // A computing job stops where it is and a new runner goes on from there on the same GPUs: it
  // all-reduces what was computed, then carries out the job's request (a checkpoint, a
  // migration, a departure).
  //
  // The stop comes the next representable instant after the request: requests come from
  // timers, which SimGrid 3.32 runs before it hands out the activities that ended at that same
  // instant, and reading how far such an execution got aborts the run (its action has left
  // the running set). By then a computation that ended at the request's instant has been
  // seen by its runner, which is exchanging what it computed and sees the request after.
  // Several requests at one instant arm several stops: the first stops the runner, and the
  // others find another runner and do nothing.
  void stop_computing(JobRun& run) {
    const sched::JobId id = run.id;
    const RunnerId runner = run.runner;
    const double at = std::nextafter(s4u::Engine::get_clock(), kForever);
    Timer::set(at, [this, id, runner] {
      guarded([&] {
        JobRun& job = runs_[id];
        if (job.runner != runner || job.stage != JobStage::kComputing) return;
        job.computed_unexchanged = progress_now(job);
        end_computing(job);
        change_stage(job, JobStage::kExchanging);
        progressed_.push_back(job.id);
        stop_runner(job);
        launch(job);
      });
    });
  }

  // The job's progress is saved, or it had none to save: it leaves its GPUs for `to`, held
  // for it, unless power took one of their nodes meanwhile, in which case it waits in the
  // queue. Returns whether it moved.
  bool move(JobRun& run, const sched::Placement& to) {
    const bool target_up = std::all_of(to.slots.begin(), to.slots.end(), [&](const auto& slot) {
      return state_.nodes[slot.node].up;
    });
    release_allocation(
        run, target_up ? output::AllocationEnd::kMigrated : output::AllocationEnd::kPreempted);
    if (!target_up) {
      let_go(run, to);
      enqueue(run);
      return false;
    }
    ++run.record.migrations;
    occupy(run, to);
    return true;
  }

  std::logic_error refusal(const JobRun& run, std::string_view verb, std::string_view why) const {
    return std::logic_error(fmt::format("the scheduler {} job \"{}\" {}", verb, run.job->id, why));
  }

  // The policy asked `event` of a job not in a stage to do it.
  std::logic_error refusal(const JobRun& run, JobEvent event) const {
    const std::string_view verb = event == JobEvent::kMigrate      ? "moved"
                                  : event == JobEvent::kCheckpoint ? "asked a checkpoint of"
                                                                   : "preempted";
    if (!holds_gpus(run.stage)) return refusal(run, verb, "which is not running");
    if (run.request == JobRequest::kMove) return refusal(run, verb, "which is already moving");
    return refusal(run, verb, "which is saving to leave its GPUs");
  }

  void check_placement(const JobRun& run, const sched::Placement& placement,
                       std::string_view verb) const {
    const auto refuse = [&](std::string_view why) { return refusal(run, verb, why); };
    if (placement.total_gpus() != run.job->gpus) {
      throw refuse(fmt::format("on {} GPUs instead of {}", placement.total_gpus(), run.job->gpus));
    }
    for (std::size_t i = 0; i < placement.slots.size(); ++i) {
      const sched::Slot& slot = placement.slots[i];
      if (slot.node >= state_.nodes.size()) throw refuse("on a node that does not exist");
      if (i > 0 && slot.node <= placement.slots[i - 1].node) {
        throw refuse("on slots that are not in increasing node order");
      }
      if (state_.nodes[slot.node].site != state_.nodes[placement.slots.front().node].site) {
        throw refuse("across two sites");
      }
      if (slot.gpus <= 0 || slot.gpus > state_.nodes[slot.node].free_gpus) {
        throw refuse(fmt::format("on {} GPUs of node {} which has {} free", slot.gpus,
                                 state_.nodes[slot.node].name, state_.nodes[slot.node].free_gpus));
      }
    }
  }

  // Gives the GPUs back and accounts the allocation's GPU time (its energy is the ledger's).
  void release_allocation(JobRun& run, output::AllocationEnd ended) {
    const double now = s4u::Engine::get_clock();
    for (const auto& slot : run.placement.slots) {
      allocation_rows_.add({static_cast<std::uint32_t>(run.id),
                            static_cast<std::uint32_t>(slot.node), slot.gpus, run.run_start, now,
                            ended});
    }
    end_computing(run);
    end_route_wait(run);
    const double gpu_seconds = (now - run.run_start) * run.job->gpus;
    if (checks_ == RunChecks::kEveryEvent) released_since_check_.push_back(run.id);
    let_go(run, run.placement);
    if (run.moving_to) {  // a migration that will not happen
      let_go(run, *run.moving_to);
      run.moving_to.reset();
    }
    run.request = JobRequest::kNone;
    run.attained_gpu_seconds += gpu_seconds;
    totals_.allocated_gpu_seconds += gpu_seconds;
    state_.running.erase(find_by_id(state_.running, run.id));
    run.runner = kNoRunner;
  }

  // The running views of jobs that saved progress since the last call show it.
  void refresh_progress() {
    for (const sched::JobId id : progressed_) {
      const JobRun& run = runs_[id];
      if (holds_gpus(run.stage)) {
        find_by_id(state_.running, id)->progress = progress_view(run);
      }
    }
    progressed_.clear();
  }

  // A preemption that kills rolls the job back to its last checkpoint and frees its GPUs now;
  // one that saves lets it write its checkpoint first. A job already saving to leave is left
  // to it, unless the policy now kills it.
  void preempt(JobRun& run, sched::PreemptMode mode) {
    const bool leaving = run.request == JobRequest::kLeave;
    apply(run, mode == sched::PreemptMode::kSave ? JobEvent::kPreemptSave : JobEvent::kPreemptKill);
    if (!leaving) ++run.record.preemptions;
  }

  // A node of the job lost its power: dark, the job fails back to its last checkpoint;
  // suspended, it saves its progress on the GPUs it holds and waits in the queue.
  void interrupt(JobRun& run, bool node_dark) {
    if (node_dark) {
      apply(run, JobEvent::kPowerDark);
      ++run.record.power_failures;
      post({sched::EventKind::kJobFailed, run.id});
      return;
    }
    if (run.request == JobRequest::kLeave) return;  // already saving to leave
    apply(run, JobEvent::kPowerSuspend);
    ++run.record.power_suspensions;
    if (run.stage == JobStage::kQueued) post({sched::EventKind::kJobPreempted, run.id});
  }

  // The work computed up to now: the segment's computation in proportion to what its executions
  // have done. Its exposed all-reduce is still to do (JobRun::computed_unexchanged).
  static double progress_now(const JobRun& run) {
    if (run.segment_target <= run.progress) return run.progress;
    double left = 0;
    for (const auto& exec : run.computing) left = std::max(left, exec->get_remaining_ratio());
    return run.progress + (1 - left) * (run.segment_target - run.progress);
  }

  void roll_back(JobRun& run) {
    run.record.lost_gpu_seconds += (s4u::Engine::get_clock() - run.safe_since) * run.job->gpus;
    forget_unsaved_route_wait(run);
    run.progress = run.checkpointed;
    run.computed_unexchanged.reset();
  }

  // The job's runner abandons its work now (JobRun::runner says how).
  void stop_runner(JobRun& run) {
    if (run.waiting_on_any != nullptr) {
      for (const auto& exec : *run.waiting_on_any) exec->cancel();
      run.waiting_on_any = nullptr;
    } else {
      runners_.kill(run.runner);
    }
    run.runner = kNoRunner;
  }

  // Every job's runner but the calling one (which returns by itself) abandons its work.
  void stop_every_runner() {
    for (JobRun& run : runs_) {
      if (run.runner != kNoRunner && !runners_.is_current(run.runner)) stop_runner(run);
    }
  }

  void requeue(JobRun& run, output::AllocationEnd ended) {
    if (run.runner != kNoRunner) stop_runner(run);
    release_allocation(run, ended);
    enqueue(run);
  }

  void enqueue(JobRun& run) {
    change_stage(run, JobStage::kQueued);
    run.killed_at = 0;  // its walltime starts again with its next start
    const sched::QueuedJob view = queued_view(run);
    state_.queue.insert(std::upper_bound(state_.queue.begin(), state_.queue.end(), view,
                                         [](const sched::QueuedJob& a, const sched::QueuedJob& b) {
                                           return a.id < b.id;
                                         }),
                        view);
  }

  void complete(JobRun& run) {
    last_job_change_ = last_progress_at_ = s4u::Engine::get_clock();
    release_allocation(run, output::AllocationEnd::kFinished);
    leave(run, output::JobState::kFinished);
  }

  // The job leaves the run in `state`; the policy hears of it (and power changes are applied
  // then).
  void leave(JobRun& run, output::JobState state) {
    change_stage(run, JobStage::kEnded);
    ++ended_jobs_;
    run.record.state = state;
    run.record.end = s4u::Engine::get_clock();
    post({sched::EventKind::kJobFinished, run.id});
  }

  const workload::Workload& workload_;
  sched::Scheduler& scheduler_;
  std::function<void(const RunProgress&)> on_progress_;
  // The rows of the streamed files when no sink takes them.
  output::KeptPowerRows kept_power_rows_;
  output::KeptLinkWindows kept_link_windows_;
  output::KeptAllocations kept_allocations_;
  SimulatedPlatform platform_;
  InFlightTransfers in_flight_;
  ContactDriver contacts_;
  Timer* contacts_timer_ = nullptr;
  GpuEnergyLedger energy_;
  PowerDriver power_;
  SitePowerCaps site_caps_;
  Timer* power_timer_ = nullptr;
  double power_timer_at_ = 0;
  Timer* power_apply_timer_ = nullptr;  // applies power changes that computations caused
  EngineForecasts forecasts_;
  std::vector<int> allocated_;  // GPUs held by jobs, per node
  int held_gpus_ = 0;           // by jobs, over every node
  int computing_gpus_ = 0;      // over every node
  output::GpuTimeline gpu_use_;
  std::vector<double> held_since_;  // when power last took a node's jobs away
  // Nodes to bring in line with their power, and whether the policy must hear of it.
  std::vector<std::pair<std::size_t, bool>> power_recheck_;
  RunnerCounters counters_;
  EdgeBytes edge_bytes_;
  std::vector<sched::JobId> progressed_;  // jobs whose running view's progress is stale
  RunnerEnvironment environment_;
  sched::ClusterState state_;
  std::vector<JobRun> runs_;
  std::vector<sched::Event> pending_;
  bool flush_armed_ = false;
  Timer* wake_timer_ = nullptr;  // the policy's pending wake-up
  double last_job_change_ = 0;   // when a job last was submitted, started or ended
  double last_progress_at_ = 0;  // when a job last saved progress or finished
  long long checkpoints_seen_ = 0;
  std::exception_ptr failure_;
  std::size_t next_submission_ = 0;
  RunnerPool runners_;
  output::RunTotals totals_;
  std::function<bool()> stop_requested_;
  // A stop request arms a timer of its instant, which stops the run and keeps its results.
  enum class EarlyStop { kNone, kArmed, kStopped };
  EarlyStop early_stop_ = EarlyStop::kNone;
  std::optional<output::RunResult> stopped_result_;
  RunChecks checks_;
  // Ended allocations on their way to allocations.csv's sink, in the file's order.
  output::SortedWithinEachEnd<output::Allocation, output::AllocationNames, output::AllocationOrder>
      allocation_rows_;
  double last_check_at_ = 0;
  std::size_t ended_jobs_ = 0;
  // The jobs that gave back GPUs since the last check: it looks at them besides the jobs
  // holding GPUs (run_invariants.hpp), then forgets them.
  std::vector<sched::JobId> released_since_check_;
  std::vector<sched::JobId> listed_since_check_;  // by change_stage, since the last check
  ClosedGpuSeconds closed_checked_;
  bool violation_armed_ = false;  // a violation seen at a clock advance awaits its timer
  std::shared_ptr<Controller*> alive_ = std::make_shared<Controller*>(this);  // null once gone
};

}  // namespace

output::RunResult simulate(const spec::PlatformSpec& platform, const workload::Workload& workload,
                           sched::Scheduler& scheduler, const SimulationOptions& options) {
  // CM02: max-min bandwidth sharing with latency, without TCP-specific corrections; the TCP
  // window bound (gamma / 2 latency) is lifted so long-latency links run at line rate.
  std::vector<std::string> args = {"umbra",
                                   "--log=root.thres:" + options.simgrid_log_threshold,
                                   "--log=xbt_cfg.thres:" + options.simgrid_log_threshold,
                                   "--cfg=network/model:CM02",
                                   "--cfg=network/TCP-gamma:1e30",
                                   "--cfg=network/crosstraffic:0"};
#ifdef UMBRA_SIMGRID_THREAD_CONTEXTS
  // AddressSanitizer cannot follow SimGrid's own stack switching (Debian's SimGrid is built
  // without its fiber hooks): actors run as threads (docs/simgrid-3.32-facts.md).
  args.emplace_back("--cfg=contexts/factory:thread");
#else
  args.emplace_back("--cfg=contexts/stack-size:96");
  args.emplace_back("--cfg=contexts/guard-size:0");
#endif
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  int argc = static_cast<int>(argv.size());
  // SimGrid's engine takes SIGINT for itself (it prints its actors and exits): the handler the
  // caller had, which may stop the run cleanly (stop_requested), comes back
  // (docs/simgrid-3.32-facts.md).
  struct sigaction callers_interrupt_handler {};
  sigaction(SIGINT, nullptr, &callers_interrupt_handler);
  s4u::Engine engine(&argc, argv.data());
  sigaction(SIGINT, &callers_interrupt_handler, nullptr);
  sg_host_energy_plugin_init();
  const contact::Constellation constellation = contact::build_constellation(platform);
  const std::vector<contact::CandidateLink> candidates =
      contact::candidate_links(platform, constellation);
  Controller controller(platform, workload, scheduler, constellation, candidates, options);
  engine.run();
  controller.rethrow_failure();
  return controller.take_result();
}

}  // namespace umbra::engine
