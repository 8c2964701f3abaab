#pragma once
// The life of a job in the engine, as one state machine: the stage it is in, what it has been
// asked to do when its step ends, and, in one table (respond), what each interruption does in
// each stage. The controller (simulation.cpp) carries out the responses; the job's runner
// (job_runner.cpp) walks the stages of a run; every change of stage goes through enter(),
// which refuses one that may_follow() does not allow.
//
//   waiting -> queued -> starting -> [staging] -> [restoring] -> computing <-> exchanging
//                 ^          ^                                      |             |
//                 |          +-- a migration lands            checkpointing <-----+-> ended
//                 +-- a rollback, or a save that leaves ----------------+
//
// A link that goes down changes no stage: the transfers it cut resume from their last whole
// chunk over the routes of the moment (job_runner.hpp). A job suspended by power waits in the
// queue, its progress saved, like one preempted with save.
#include <string_view>

namespace umbra::engine {

enum class JobStage {
  kWaiting,        // not yet submitted
  kQueued,         // in the queue: not started yet, or its progress saved or rolled back
  kStarting,       // given its GPUs; pays the restart overhead on every start after the first
  kStaging,        // fetching its data set into its cluster
  kRestoring,      // reading its last checkpoint onto its GPUs
  kComputing,      // a segment's compute, with the overlapped part of its all-reduce
  kExchanging,     // the exposed part of the all-reduce of what it computed, its latency
  kCheckpointing,  // writing its checkpoint
  kEnded,          // finished, or killed at its walltime (its record says which)
};
inline constexpr int kJobStages = 9;

// A stage in which the job holds GPUs.
constexpr bool holds_gpus(JobStage stage) {
  return stage != JobStage::kWaiting && stage != JobStage::kQueued && stage != JobStage::kEnded;
}
// A stage that brings the job's state onto its GPUs: nothing is computed in it, so stopping
// it loses only the preparation.
constexpr bool preparing(JobStage stage) {
  return stage == JobStage::kStarting || stage == JobStage::kStaging ||
         stage == JobStage::kRestoring;
}

// What a job holding GPUs does when its step ends, beyond going on: save its progress
// (kCheckpoint), save it and move to GPUs held for it (kMove), save it and leave its GPUs for
// the queue (kLeave). Listed by precedence: a request only ever gives way to a later one.
enum class JobRequest { kNone, kCheckpoint, kMove, kLeave };

enum class JobEvent {
  kPreemptSave,   // the policy preempts it, keeping its progress (PreemptMode::kSave)
  kPreemptKill,   // the policy preempts it, back to its last checkpoint (PreemptMode::kKill)
  kMigrate,       // the policy moves it to other GPUs, which it holds from now
  kCheckpoint,    // the policy asks it to save its progress
  kPowerSuspend,  // a node of it suspends its GPUs: the job saves with them, then leaves
  kPowerDark,     // a node of it goes dark: what is not saved is lost
  kWalltime,      // its walltime ran out and the job is killed at it (AtWalltime::kKill)
};
inline constexpr int kJobEvents = 7;

enum class Response {
  kRefuse,         // the policy's error: the job is not in a stage to do this
  kNothing,        // nothing to do: under way already, or nothing to save
  kRollBack,       // back to its last checkpoint and to the queue, its GPUs freed now
  kLeaveNow,       // preparing, nothing computed since its checkpoint: to the queue now
  kMoveNow,        // preparing: to the GPUs held for it now, its preparation lost
  kStopComputing,  // its compute stops where it is; it exchanges what it computed, then
                   // carries out the request
  kAfterStep,      // the step under way ends, then the request is carried out
  kKill,           // back to its last checkpoint and out of the run, unfinished
};

struct Transition {
  Response response;
  JobRequest request;  // the request from now on
};

// What `event` does to a job in `stage` with `request` pending.
Transition respond(JobStage stage, JobRequest request, JobEvent event);

// Whether a job may go from stage `from` to stage `to`.
bool may_follow(JobStage from, JobStage to);

std::string_view stage_name(JobStage stage);
std::string_view event_name(JobEvent event);

}  // namespace umbra::engine
