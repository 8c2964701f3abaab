// ground-only: EASY backfilling on the ground sites alone, a baseline that never uses orbit.
//
// The pass is easy's (easy.cpp) on the sites with SiteState::orbital false: placements, the
// head's reservation and backfilling ignore the orbital clusters, their free GPUs and the jobs
// running there. A job larger than every ground site (one that only an orbital cluster could
// hold) never starts: it stays queued and is passed over, so the head is the first job the
// ground can hold and keeps its reservation. On a platform without satellites it decides
// exactly as easy. Never asks for a wake-up.
#include "schedulers/builtin_policies.hpp"

namespace umbra::sched {

SchedulerInfo ground_only_scheduler() {
  return {"ground-only", "EASY backfilling on the ground sites only; never uses orbit",
          [](const SchedulerOptions&) {
            return easy_backfilling([](const SiteState& site) { return !site.orbital; });
          }};
}

}  // namespace umbra::sched
