#pragma once
// When a running job's state was last saved: its last checkpoint, or the start of its current
// run (which resumed from that checkpoint, or began from nothing). Stopped now, the job loses
// the work done since.
#include <algorithm>

#include "schedulers/scheduler.hpp"

namespace umbra::sched {

inline double last_save(const RunningJob& job) {
  return std::max(job.start_time, job.progress.checkpoint_time);
}

}  // namespace umbra::sched
