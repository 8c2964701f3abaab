#pragma once
// Runs one training job on its allocation, as SimGrid activities, from inside the job's own
// actor: after a restart overhead (workload::pays_restart_overhead), stage the job's data set into
// its cluster if it is not there yet, restore the last checkpoint if there is one, then segments up
// to each checkpoint (compute on every GPU with the overlapped part of the ring all-reduce, then
// the exposed part), checkpoint writes to the nodes' storage (the site's on the ground, each
// satellite's own in orbit), until the work is done.
//
// A profile-driven job (workload::ProfiledTraining) computes instead at its profile's goodput on
// its placement, in segments that also end at each epoch's end, where its goodput changes, so
// that a computation stopped where it is got as far as its executions did; it sends no
// all-reduce traffic (training_model.hpp says what that loses).
//
// Each node of the allocation is one host: the job's GPUs there are `gpus` cores of it. The
// ring all-reduce (sim/workload/training_model.hpp) is carried at node level: one transfer per
// node to the next node of the ring (the ring crosses each node boundary once), and the
// intra-node hops as one transfer over the node's non-blocking fabric. These transfers carry a
// segment's bytes, sharing links with every other job; its latency, 2 (N-1) steps per iteration
// each paying the largest route latency between ring neighbours at that moment, is a timed wait
// after them (the transfers paid one step's already). One transfer per iteration would cost an
// activity per iteration. The exposed part is waited for after the compute; the overlapped
// part runs beside it and delays the segment only where its bytes and steps outlast the compute.
// A job's work counts once its all-reduce is done: a computation stopped where it is leaves
// the exposed all-reduce of what it computed to the next runner, which does it first.
//
// Transfers whose route crosses a laser or ground link may be cut when that link goes down.
// Such a transfer resumes from the last whole chunk delivered (kTransferChunk: the unfinished
// chunk is sent again and counted as resent), over the route of the moment; while no route
// exists it waits for the topology to change. A rise of such a link's rate also cuts its
// transfers, which go on at once from where they were (in_flight_transfers.hpp says why). Why not
// one ptask per segment: SimGrid 3.32's L07 model solves the whole system at every event
// (bench/README.md: 2,354 activities/s with 2,000 in flight against 125,912/s here).
#include <functional>

#include "sim/engine/contact_driver.hpp"
#include "sim/engine/in_flight_transfers.hpp"
#include "sim/engine/job_run.hpp"
#include "sim/engine/simulated_platform.hpp"

namespace umbra::engine {

// Unit of resumption of a cut transfer, bytes (a DTN bundle or an object-store part).
inline constexpr double kTransferChunk = 64.0 * 1024 * 1024;
// A transfer waiting for a route retries this long after each change of the topology, so that
// the change is applied first whatever the order of events at that instant, s.
inline constexpr double kRouteRetryDelay = 1e-6;
// A transfer that finds no route for this long stops the run with an error, s.
inline constexpr double kLongestRouteWait = 30 * 86400.0;

struct RunnerCounters {
  long long activities = 0;   // every activity started
  long long transfers = 0;    // the network ones among them
  long long checkpoints = 0;  // progress saved, by any job
};

// Bytes carried by each router edge (SimulatedPlatform::edges), each way.
struct EdgeBytes {
  std::vector<double> forward, backward;
};

// What the runners share: the platform and the network's state.
struct RunnerEnvironment {
  const SimulatedPlatform& platform;
  RunnerCounters& counters;
  InFlightTransfers& in_flight;
  const ContactDriver& contacts;
  EdgeBytes& edge_bytes;
  std::vector<sched::JobId>& progressed;  // jobs that saved progress since the controller looked
  // The job's GPUs on the node of a slot begin or end computing, now: the controller's energy
  // and power accounts follow.
  std::function<void(JobRun&, const sched::Slot&, bool)> set_computing;
};

// The job's last checkpoint is now the one its allocation's nodes hold, each its share on its
// storage, written now.
void note_checkpoint_on_allocation(JobRun& run, const SimulatedPlatform& platform);

// A runner idles for lack of a route while a transfer of its phase has none and no computation
// of the phase runs: that time goes to the job's record (route_wait_seconds) when the wait ends
// or the job leaves its GPUs.
void end_route_wait(JobRun& run);
// At a rollback: the wait since the last checkpoint is lost time (lost_gpu_seconds), not
// stalled time.
void forget_unsaved_route_wait(JobRun& run);

// Returns when the job's work is done, or when it has saved its progress for a migration
// (JobRequest::kMove) or to leave its GPUs (JobRequest::kLeave). Before each segment it writes
// the checkpoint asked for (JobRequest::kCheckpoint). Killing the actor (a preemption that
// kills) abandons the work at once. A runner prepares the job on its GPUs when it finds it
// starting (JobStage::kStarting); one started again on the same allocation, its computation
// stopped where it was, first exchanges what was computed (JobRun::computed_unexchanged).
enum class RunEnd { kDone, kMoving, kLeft };
// Thrown in a runner whose job has another runner now, or none (JobRun::runner): the runner
// leaves without touching the job. Not a std::exception, so that error handling lets it
// through.
struct RunnerStopped {};
RunEnd run_training_job(JobRun& run, RunnerEnvironment& environment);

}  // namespace umbra::engine
