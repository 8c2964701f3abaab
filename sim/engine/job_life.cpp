#include "sim/engine/job_life.hpp"

#include <algorithm>

namespace umbra::engine {
namespace {

// A save, asked by the policy or forced by power, that ends with the job leaving its GPUs.
Transition leave(JobStage stage, JobRequest request) {
  if (request == JobRequest::kLeave) return {Response::kNothing, request};
  if (preparing(stage)) return {Response::kLeaveNow, JobRequest::kNone};
  if (stage == JobStage::kComputing) return {Response::kStopComputing, JobRequest::kLeave};
  return {Response::kAfterStep, JobRequest::kLeave};
}

Transition move(JobStage stage, JobRequest request) {
  if (request == JobRequest::kMove || request == JobRequest::kLeave) {
    return {Response::kRefuse, request};
  }
  if (preparing(stage)) return {Response::kMoveNow, JobRequest::kNone};
  if (stage == JobStage::kComputing) return {Response::kStopComputing, JobRequest::kMove};
  return {Response::kAfterStep, JobRequest::kMove};
}

// A job preparing has nothing to save (its progress is its last checkpoint), nor one writing
// its checkpoint.
Transition checkpoint(JobStage stage, JobRequest request) {
  if (request != JobRequest::kNone || preparing(stage) || stage == JobStage::kCheckpointing) {
    return {Response::kNothing, request};
  }
  if (stage == JobStage::kComputing) return {Response::kStopComputing, JobRequest::kCheckpoint};
  return {Response::kAfterStep, JobRequest::kCheckpoint};
}

}  // namespace

Transition respond(JobStage stage, JobRequest request, JobEvent event) {
  const bool from_policy = event == JobEvent::kPreemptSave || event == JobEvent::kPreemptKill ||
                           event == JobEvent::kMigrate || event == JobEvent::kCheckpoint;
  // Power and walltime events reach only jobs holding GPUs; one left from an earlier
  // allocation finds nothing to do.
  if (!holds_gpus(stage)) return {from_policy ? Response::kRefuse : Response::kNothing, request};
  switch (event) {
    case JobEvent::kPreemptSave:
    case JobEvent::kPowerSuspend:
      return leave(stage, request);
    case JobEvent::kPreemptKill:
    case JobEvent::kPowerDark:
      return {Response::kRollBack, JobRequest::kNone};
    case JobEvent::kMigrate:
      return move(stage, request);
    case JobEvent::kCheckpoint:
      return checkpoint(stage, request);
    case JobEvent::kWalltime:
      return {Response::kKill, JobRequest::kNone};
  }
  return {Response::kRefuse, request};
}

bool may_follow(JobStage from, JobStage to) {
  using enum JobStage;
  // Any stage holding GPUs may end in the queue (a rollback, a save that leaves), on other
  // GPUs (a migration) or out of the run (a walltime kill).
  if (holds_gpus(from) && (to == kQueued || to == kStarting || to == kEnded)) return true;
  const auto one_of = [to](std::initializer_list<JobStage> stages) {
    return std::find(stages.begin(), stages.end(), to) != stages.end();
  };
  switch (from) {
    case kWaiting:
      return to == kQueued;
    case kQueued:
      return to == kStarting;
    case kStarting:
      return one_of({kStaging, kRestoring, kComputing});
    case kStaging:
      return one_of({kRestoring, kComputing});
    case kRestoring:
      return to == kComputing;
    case kComputing:
      return to == kExchanging;
    case kExchanging:
      return one_of({kComputing, kCheckpointing});
    case kCheckpointing:
      return to == kComputing;
    case kEnded:
      return false;
  }
  return false;
}

std::string_view stage_name(JobStage stage) {
  switch (stage) {
    case JobStage::kWaiting:
      return "waiting";
    case JobStage::kQueued:
      return "queued";
    case JobStage::kStarting:
      return "starting";
    case JobStage::kStaging:
      return "staging";
    case JobStage::kRestoring:
      return "restoring";
    case JobStage::kComputing:
      return "computing";
    case JobStage::kExchanging:
      return "exchanging";
    case JobStage::kCheckpointing:
      return "checkpointing";
    case JobStage::kEnded:
      return "ended";
  }
  return "?";
}

std::string_view event_name(JobEvent event) {
  switch (event) {
    case JobEvent::kPreemptSave:
      return "preempt-save";
    case JobEvent::kPreemptKill:
      return "preempt-kill";
    case JobEvent::kMigrate:
      return "migrate";
    case JobEvent::kCheckpoint:
      return "checkpoint";
    case JobEvent::kPowerSuspend:
      return "power-suspend";
    case JobEvent::kPowerDark:
      return "power-dark";
    case JobEvent::kWalltime:
      return "walltime";
  }
  return "?";
}

}  // namespace umbra::engine
