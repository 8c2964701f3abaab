#pragma once
// `umbra run --scheduler-python FILE:CLASS`: a policy written in Python (a class deriving from
// umbra.Scheduler, see docs/writing-a-scheduler.md). It is loaded through the library the
// Python module's build makes beside the module (sim/python/python_policy_plugin.cpp), which
// embeds the interpreter: `umbra` links no Python, and needs none unless the option is given.
#include <string>

#include "schedulers/scheduler.hpp"

namespace umbra::cli {

inline constexpr const char* kSchedulerPythonHelp =
    "  --scheduler-python FILE:CLASS  run the policy CLASS (deriving from umbra.Scheduler)\n"
    "                    defined in the Python file FILE; it runs as python:CLASS\n";

struct PythonPolicyReference {
  std::string file;
  std::string class_name;
};

// "FILE:CLASS", split at its last colon; InputError when either part is missing.
PythonPolicyReference python_policy_reference(const std::string& text);

// The policy "python:CLASS". Throws InputError naming FILE when FILE is missing, when it fails
// to run (with Python's message), when it defines no CLASS, or when this Umbra was built without
// its Python module or cannot find it.
sched::SchedulerInfo load_python_policy(const PythonPolicyReference& reference);

}  // namespace umbra::cli
