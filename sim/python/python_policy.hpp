#pragma once
// A policy written in Python as a C++ policy (schedulers/scheduler.hpp): each schedule() call
// hands the engine's snapshot to the Python object's schedule(state, events), as a view (the
// types bound by policy_bindings.hpp, registered when the module `umbra` is imported), and
// reads back its umbra.Decisions. Used by umbra.run and by `umbra run --scheduler-python`.
#include <pybind11/pybind11.h>

#include "schedulers/scheduler.hpp"

namespace umbra::python {

// The policy "python:CLASS" (CLASS the object's class name), every run of which calls
// `policy`. Its calls hold the interpreter's lock; a Python exception in one becomes a C++
// exception (pybind11::error_already_set) that ends the run as an internal error.
sched::SchedulerInfo python_policy(pybind11::object policy);

}  // namespace umbra::python
