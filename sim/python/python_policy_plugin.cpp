// The library `umbra run --scheduler-python FILE:CLASS` loads (sim/cli/python_policy_option.hpp).
// It embeds Python in the `umbra` process, imports the module `umbra` from the library's own
// folder (they are built and installed side by side), runs FILE and makes an instance of its
// CLASS a policy. Only this library links libpython: `umbra` itself runs without Python.
#include <dlfcn.h>
#include <pybind11/embed.h>

#include <filesystem>
#include <string>
#include <vector>

#include "sim/python/python_policy.hpp"

namespace py = pybind11;

namespace {

std::filesystem::path this_library_folder() {
  Dl_info info{};
  dladdr(reinterpret_cast<void*>(&this_library_folder), &info);
  return std::filesystem::path(info.dli_fname).parent_path();
}

}  // namespace

// Appends the policy CLASS of FILE to `policies`; on failure says why in `error` (no exception
// crosses into `umbra`: the library's C++ types are its own). The interpreter is never
// finalised: the policy lives as long as the process.
extern "C" __attribute__((visibility("default"))) bool umbra_python_policy(
    const std::string& file, const std::string& class_name,
    std::vector<umbra::sched::SchedulerInfo>& policies, std::string& error) {
  if (!Py_IsInitialized()) py::initialize_interpreter();
  try {
    py::list path = py::module_::import("sys").attr("path");
    path.insert(0, std::filesystem::absolute(file).parent_path().string());
    path.insert(0, this_library_folder().string());
    const py::module_ util = py::module_::import("importlib.util");
    const py::object spec =
        util.attr("spec_from_file_location")(std::filesystem::path(file).stem().string(), file);
    const py::object module = util.attr("module_from_spec")(spec);
    spec.attr("loader").attr("exec_module")(module);
    if (!py::hasattr(module, class_name.c_str())) {
      error = "it defines no class " + class_name;
      return false;
    }
    const py::object policy = module.attr(class_name.c_str())();
    if (!py::isinstance(policy, py::module_::import("umbra").attr("Scheduler"))) {
      error = class_name + " does not derive from umbra.Scheduler";
      return false;
    }
    policies.push_back(umbra::python::python_policy(policy));
    return true;
  } catch (const py::error_already_set& python_error) {
    error = python_error.what();
    return false;
  }
}
