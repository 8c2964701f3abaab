#pragma once
// List scheduling: start queued jobs in a given order on packed placements.
#include <span>
#include <vector>

#include "schedulers/free_gpus.hpp"
#include "schedulers/scheduler.hpp"

namespace umbra::sched {

// Starts `job` now on `placement`, taking its GPUs from `free`.
void start_on(const QueuedJob& job, Placement placement, FreeGpus& free, Decisions& decisions);

// Starts `job` now on its packed placement (FreeGpus::place_packed) if some site holds it,
// and takes its GPUs from `free`. Says whether it started.
bool start_packed(const QueuedJob& job, FreeGpus& free, Decisions& decisions);

// What a pass does at a job that does not fit now.
enum class WhenBlocked {
  kStop,  // head-of-line blocking: no later job starts in this pass
  kSkip,  // the job waits, later jobs may still start
};

// The queue as given: (submit time, id) order.
std::vector<const QueuedJob*> in_queue_order(const ClusterState& state);

// Walks `order`, starting each job that fits.
void start_in_order(std::span<const QueuedJob* const> order, WhenBlocked when_blocked,
                    const ClusterState& state, Decisions& decisions);

// The same over the queue itself, without copying its order: a blocked strict pass stops
// after the head, whatever the queue's length.
void start_in_queue_order(WhenBlocked when_blocked, const ClusterState& state,
                          Decisions& decisions);

}  // namespace umbra::sched
