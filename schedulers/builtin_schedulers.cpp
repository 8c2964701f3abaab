#include "schedulers/builtin_policies.hpp"
#include "schedulers/registry.hpp"

namespace umbra::sched {

std::vector<SchedulerInfo> builtin_schedulers() {
  return {
      fcfs_scheduler(),
      fcfs_fit_scheduler(),
      sjf_scheduler(),
      easy_scheduler(),
      conservative_scheduler(),
      srtf_scheduler(),
      las_scheduler(),
      tiresias_scheduler(),
      themis_ftf_scheduler(),
      ground_only_scheduler(),
      sunlit_first_scheduler(),
      battery_aware_scheduler(),
      follow_the_sun_scheduler(),
      contact_aware_scheduler(),
  };
}

}  // namespace umbra::sched
