#pragma once
// The built-in policies, one function per policy file; builtin_schedulers() lists them.
#include "schedulers/scheduler.hpp"

namespace umbra::sched {

SchedulerInfo fcfs_scheduler();          // fcfs.cpp
SchedulerInfo fcfs_fit_scheduler();      // fcfs_fit.cpp
SchedulerInfo sjf_scheduler();           // sjf.cpp
SchedulerInfo easy_scheduler();          // easy.cpp
SchedulerInfo conservative_scheduler();  // conservative.cpp
SchedulerInfo srtf_scheduler();          // srtf.cpp
SchedulerInfo las_scheduler();           // las.cpp

}  // namespace umbra::sched
