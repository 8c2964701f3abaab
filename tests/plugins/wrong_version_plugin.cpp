// A test plugin built against another scheduler API version than this Umbra's: its entry points
// are written out by hand, as UMBRA_SCHEDULER_PLUGIN would define them for version + 1.
#include <vector>

#include "schedulers/scheduler.hpp"

extern "C" __attribute__((visibility("default"))) int umbra_scheduler_plugin_api_version() {
  return umbra::sched::kSchedulerApiVersion + 1;
}

extern "C" __attribute__((visibility("default"))) void umbra_scheduler_plugin_schedulers(
    std::vector<umbra::sched::SchedulerInfo>&) {}
