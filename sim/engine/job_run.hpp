#pragma once
// What the engine tracks about one job, shared by the controller (queue, allocations,
// policy) and the job runner (the job's activities while it holds its GPUs).
#include <simgrid/s4u/Exec.hpp>

#include <optional>
#include <utility>
#include <vector>

#include "schedulers/scheduler.hpp"
#include "sim/engine/job_life.hpp"
#include "sim/engine/runner_pool.hpp"
#include "sim/output/run_result.hpp"
#include "sim/workload/job.hpp"

namespace umbra::engine {

struct JobRun {
  const workload::Job* job = nullptr;
  sched::JobId id = 0;
  JobStage stage = JobStage::kWaiting;  // changed through enter()
  JobRequest request = JobRequest::kNone;
  double estimate = 0;  // walltime estimate of a full run, s
  // Model FLOPs done, or for a profile-driven job its profile's progress, whose epoch follows
  // from it (ApplicationProfile::epoch_at_progress): a checkpoint keeps both, a rollback loses
  // both back to the checkpoint's.
  double progress = 0;
  double checkpointed = 0;    // progress saved by the last checkpoint
  double segment_target = 0;  // progress at the end of the segment under way
  // Where a computation stopped where it was got to: the exposed all-reduce of the work from
  // `progress` to there is still owed, and the next runner does it before anything else.
  std::optional<double> computed_unexchanged;
  double run_start = 0;             // start of the current allocation
  double safe_since = 0;            // last completed checkpoint (or run start) of this allocation
  double attained_gpu_seconds = 0;  // over finished allocations
  sched::Placement placement;       // current allocation
  std::size_t site = 0;
  // Where the last checkpoint's shares are (storage hosts, one per node that wrote it), and the
  // cluster holding a staged copy of the job's data set.
  std::vector<simgrid::s4u::Host*> checkpoint_storage;
  std::optional<std::size_t> checkpoint_site;  // the cluster of that storage
  double checkpoint_time = -1;                 // when the last checkpoint was written
  std::optional<std::size_t> dataset_home;     // the ground site the data set comes from
  std::optional<std::size_t> staged_site;
  // The runner of the job's activities. A runner that is stopped while it waits for any of
  // several activities is not killed: a killed actor leaves its wait registered with the other
  // activities and SimGrid 3.32 would resume it after its death. Its activities are cancelled
  // instead, and on waking it sees that the job's runner is no longer itself and leaves
  // (job_runner.hpp).
  RunnerId runner = kNoRunner;
  const std::vector<simgrid::s4u::ExecPtr>* waiting_on_any = nullptr;
  // Why it gives its GPUs back once its progress is saved (JobRequest::kLeave).
  output::AllocationEnd leaving_because = output::AllocationEnd::kPreempted;
  std::optional<sched::Placement> moving_to;  // JobRequest::kMove's target, its GPUs held
  double restart_overhead = 0;                // s (workload::pays_restart_overhead: when)
  double killed_at = 0;  // when its walltime runs out in this allocation (AtWalltime::kKill)
  int starts = 0;        // allocations so far
  // The executions of the segment's compute, while they run: how far they got says how far
  // the job got when it is stopped where it is.
  std::vector<simgrid::s4u::ExecPtr> computing;
  // Since when its runner has been idle for lack of a route (job_runner.hpp), while it is, and
  // how much of record.route_wait_seconds came since the allocation's last checkpoint (a
  // rollback counts that time as lost instead).
  std::optional<double> route_wait_since;
  double route_wait_unsaved = 0;
  output::JobRecord record;
};

// The job goes to stage `to`; throws std::logic_error naming the job if its stage may not be
// followed by that one (job_life.hpp).
void enter(JobRun& run, JobStage to);

}  // namespace umbra::engine
