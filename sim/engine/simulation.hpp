#pragma once
// One simulated run: the platform in SimGrid, the workload's jobs, one scheduling policy.
//
// The run is driven from SimGrid's maestro, with no actors: timed events (submissions, the
// policy's wake-ups) are kernel timers, and the activities of running jobs are started by the
// engine and report their completion through Activity::on_completion. All events of one
// instant are collected and the policy is called once for them, at that same instant.
// SimGrid keeps global state: one run per process.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "schedulers/scheduler.hpp"
#include "sim/output/allocation_csv.hpp"
#include "sim/output/link_window_csv.hpp"
#include "sim/output/power_csv.hpp"
#include "sim/output/run_result.hpp"
#include "sim/spec/platform_spec.hpp"
#include "sim/workload/job.hpp"

namespace umbra::engine {

// Where a run has got to, after a call of the policy.
struct RunProgress {
  double now = 0;          // simulated time, s
  double last_submit = 0;  // the workload's last submission, s
  std::size_t jobs = 0, ended = 0, running = 0, queued = 0;
};

// Whether the run verifies its invariants (run_invariants.hpp) after every change of state
// (`umbra run --check`): a violation stops it with InvariantViolation.
enum class RunChecks { kOff, kEveryEvent };

// The run's seed also goes to the policy (sched::SchedulerOptions) and the workload generator.
struct SimulationOptions {
  std::string simgrid_log_threshold = "critical";  // SimGrid's own log output
  std::uint64_t seed = 0;  // draws the weather of optical ground links (contact_driver.hpp)
  // Called after every call of the policy (a progress line); it must not change the run.
  std::function<void(const RunProgress&)> on_progress;
  // Receives power.csv's rows as they are made; without one they are kept in
  // RunResult::power_rows.
  output::PowerRowSink* power_rows = nullptr;
  // Receive allocations.csv's and link_windows.csv's rows, in the files' order, as they end;
  // without one they are kept in RunResult::allocations and RunResult::link_windows.
  output::AllocationSink* allocations = nullptr;
  output::LinkWindowSink* link_windows = nullptr;
  // Asked each time the simulated clock advances: once it says yes, the run stops at that
  // instant (RunTotals::stopped_at), its jobs left running or queued. It is called often: it
  // should only read a flag (a signal handler's).
  std::function<bool()> stop_requested;
  RunChecks checks = RunChecks::kOff;
};

// Runs the whole workload to completion (or until nothing can happen any more, or a stop is
// requested) and returns the job records and totals. The manifest is left for the caller to
// fill.
output::RunResult simulate(const spec::PlatformSpec& platform, const workload::Workload& workload,
                           sched::Scheduler& scheduler, const SimulationOptions& options);

}  // namespace umbra::engine
