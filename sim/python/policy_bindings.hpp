#pragma once
// The scheduler API (schedulers/scheduler.hpp) in Python, with the same names: the snapshot a
// policy reads, its events and its decisions, and `umbra.Scheduler`, the class a Python policy
// derives from. The snapshot is a view, not a copy: its lists and records are the engine's own,
// read-only and valid during the schedule() call that received them.
#include <pybind11/pybind11.h>

namespace umbra::python {

void bind_scheduler_api(pybind11::module_& module);
// The built-in policies' helpers: umbra.FreeGpus, umbra.AvailabilityProfile,
// umbra.schedule_by_rank and their kin (placement_bindings.cpp).
void bind_placement_helpers(pybind11::module_& module);

}  // namespace umbra::python
