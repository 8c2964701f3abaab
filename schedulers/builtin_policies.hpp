#pragma once
// The built-in policies, one function per policy file; builtin_schedulers() lists them.
#include <functional>
#include <memory>
#include <vector>

#include "schedulers/scheduler.hpp"

namespace umbra::sched {

SchedulerInfo fcfs_scheduler();            // fcfs.cpp
SchedulerInfo fcfs_fit_scheduler();        // fcfs_fit.cpp
SchedulerInfo sjf_scheduler();             // sjf.cpp
SchedulerInfo easy_scheduler();            // easy.cpp
SchedulerInfo conservative_scheduler();    // conservative.cpp
SchedulerInfo srtf_scheduler();            // srtf.cpp
SchedulerInfo las_scheduler();             // las.cpp
SchedulerInfo themis_ftf_scheduler();      // themis_ftf.cpp
SchedulerInfo ground_only_scheduler();     // ground_only.cpp
SchedulerInfo sunlit_first_scheduler();    // sunlit_first.cpp
SchedulerInfo battery_aware_scheduler();   // battery_aware.cpp
SchedulerInfo follow_the_sun_scheduler();  // follow_the_sun.cpp
SchedulerInfo contact_aware_scheduler();   // contact_aware.cpp

// EASY backfilling on the sites `accepts` lets it use (easy.cpp): easy accepts every site,
// ground-only the ground sites.
std::unique_ptr<Scheduler> easy_backfilling(std::function<bool(const SiteState&)> accepts);

// Tiresias (tiresias.cpp). Its options' defaults are those of the `dlas-gpu` scheduler of the
// authors' simulator (SymbioticLab/Tiresias, simulator/jobs.py and run_sim.py).
SchedulerInfo tiresias_scheduler();

}  // namespace umbra::sched
