#pragma once
// Runs one training job on its allocation, as SimGrid activities, from inside the job's own
// actor: restore the last checkpoint if there is one, then segments up to each checkpoint
// (compute on every GPU with the overlapped part of the ring all-reduce, then the exposed
// part), checkpoint writes to the site's storage, until the work is done.
//
// Each node of the allocation is one host: the job's GPUs there are `gpus` cores of it. The
// ring all-reduce of DESIGN.md is carried at node level: one transfer per node to the next
// node of the ring over the NICs (the ring crosses each node boundary once), and the
// intra-node hops as one transfer over the node's non-blocking fabric.
// Why not one ptask per segment: SimGrid 3.32's L07 model solves the whole system at every
// event (bench/README.md: 2,354 activities/s with 2,000 in flight against 125,912/s here).
#include "sim/engine/job_run.hpp"
#include "sim/engine/simulated_platform.hpp"

namespace umbra::engine {

struct RunnerCounters {
  long long activities = 0;  // every activity started
  long long transfers = 0;   // the network ones among them
};

// GPU-seconds of computation of the executions in run.computing up to now (finished ones up
// to their end).
double computed_gpu_seconds(const JobRun& run);

// Returns when the job's work is done. Killing the actor (preemption) abandons it at once.
void run_training_job(JobRun& run, const SimulatedPlatform& platform, RunnerCounters& counters);

}  // namespace umbra::engine
