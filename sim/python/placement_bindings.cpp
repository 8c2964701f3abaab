// The placement helpers of the built-in policies (schedulers/free_gpus.hpp) in Python, so that
// a Python policy places jobs by the same rules as the C++ ones.
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include "schedulers/free_gpus.hpp"
#include "sim/python/policy_bindings.hpp"

namespace py = pybind11;

namespace umbra::python {

void bind_placement_helpers(py::module_& module) {
  using sched::FreeGpus;
  py::class_<FreeGpus>(module, "FreeGpus",
                       "A scratch count of free GPUs per node, from a ClusterState, and the "
                       "packed placement rule (schedulers/free_gpus.hpp).")
      .def(py::init<const sched::ClusterState&>(), py::arg("state"), py::keep_alive<1, 2>())
      .def("free_on", &FreeGpus::free_on, py::arg("node"))
      .def("free_in", &FreeGpus::free_in, py::arg("site"))
      .def("total_free", &FreeGpus::total_free)
      .def(
          "place_packed",
          [](const FreeGpus& free, int gpus, const std::function<bool(sched::SiteId)>& allowed) {
            return allowed ? free.place_packed(gpus, allowed) : free.place_packed(gpus);
          },
          py::arg("gpus"), py::arg("allowed") = nullptr,
          "The packed placement of `gpus` GPUs (among the sites `allowed` accepts), or None.")
      .def("take", &FreeGpus::take, py::arg("placement"))
      .def("give_back", &FreeGpus::give_back, py::arg("placement"));
}

}  // namespace umbra::python
