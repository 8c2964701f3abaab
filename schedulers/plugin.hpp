#pragma once
// Scheduler plugins: policies built outside Umbra, loaded by `umbra run --scheduler-plugin FILE`.
//
// A plugin is a shared library with two C entry points, which one line defines:
//
//   UMBRA_SCHEDULER_PLUGIN(my_policy)          // SchedulerInfo my_policy();
//   UMBRA_SCHEDULER_PLUGIN(policy_a, policy_b)  // several policies in one library
//
// Umbra first calls umbra_scheduler_plugin_api_version() and refuses the library unless it
// returns the kSchedulerApiVersion Umbra was built with; only then does it call
// umbra_scheduler_plugin_schedulers(), which appends the plugin's policies to a list. The list
// holds plain SchedulerInfo values, so the binary interface between Umbra and a plugin is
// scheduler.hpp and the helpers installed with it (free_gpus.hpp, in_order_start.hpp,
// availability_profile.hpp, priority_preemption.hpp), the headers the version number guards.
// Out-of-line functions of these headers (Placement::total_gpus, FreeGpus::place_packed)
// resolve from the `umbra` executable when the plugin is loaded.
// See docs/writing-a-scheduler.md.
#include <vector>

#include "schedulers/scheduler.hpp"

namespace umbra::sched::plugin {

// The entry points UMBRA_SCHEDULER_PLUGIN defines, by name and type, for the loader.
inline constexpr const char* kApiVersionEntry = "umbra_scheduler_plugin_api_version";
inline constexpr const char* kSchedulersEntry = "umbra_scheduler_plugin_schedulers";
using ApiVersionFunction = int();
using SchedulersFunction = void(std::vector<SchedulerInfo>&);

template <typename... Factory>
void append(std::vector<SchedulerInfo>& schedulers, Factory... factory) {
  (schedulers.push_back(factory()), ...);
}

}  // namespace umbra::sched::plugin

// Defines the entry points of a plugin whose policies the given functions describe, each a
// `SchedulerInfo f()`. Use it once, at namespace scope, in one file of the plugin.
#define UMBRA_SCHEDULER_PLUGIN(...)                                                            \
  extern "C" __attribute__((visibility("default"))) int umbra_scheduler_plugin_api_version() { \
    return ::umbra::sched::kSchedulerApiVersion;                                               \
  }                                                                                            \
  extern "C" __attribute__((visibility("default"))) void umbra_scheduler_plugin_schedulers(    \
      std::vector<::umbra::sched::SchedulerInfo>& schedulers) {                                \
    ::umbra::sched::plugin::append(schedulers, __VA_ARGS__);                                   \
  }
