// The helpers of the built-in policies in Python, so that a Python policy places, plans and
// ranks jobs by the same rules as the C++ ones: free GPUs and the packed placement
// (schedulers/free_gpus.hpp), availability profiles for backfilling
// (schedulers/availability_profile.hpp), and ranking with preemption
// (schedulers/priority_preemption.hpp).
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include "schedulers/availability_profile.hpp"
#include "schedulers/free_gpus.hpp"
#include "schedulers/priority_preemption.hpp"
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

  using sched::AvailabilityProfile;
  using sched::Release;
  py::class_<Release>(module, "Release")
      .def(py::init<double, int>(), py::arg("time"), py::arg("gpus"))
      .def_readwrite("time", &Release::time)
      .def_readwrite("gpus", &Release::gpus);
  py::class_<AvailabilityProfile>(module, "AvailabilityProfile",
                                  "A site's free GPUs over time from estimates "
                                  "(schedulers/availability_profile.hpp).")
      .def(py::init<double, int, std::vector<Release>>(), py::arg("now"), py::arg("free_now"),
           py::arg("releases") = std::vector<Release>{})
      .def("reserve", &AvailabilityProfile::reserve, py::arg("start"), py::arg("duration"),
           py::arg("gpus"))
      .def("cancel", &AvailabilityProfile::cancel, py::arg("start"), py::arg("duration"),
           py::arg("gpus"))
      .def("free_at", &AvailabilityProfile::free_at, py::arg("time"))
      .def("can_reserve", &AvailabilityProfile::can_reserve, py::arg("start"), py::arg("duration"),
           py::arg("gpus"))
      .def("earliest_start", &AvailabilityProfile::earliest_start, py::arg("gpus"),
           py::arg("duration"));
  module.def("site_profiles", &sched::site_profiles, py::arg("state"),
             "One AvailabilityProfile per site, from the running jobs' estimated ends.");
  module.def("planned_runtime", &sched::planned_runtime, py::arg("job"),
             "The runtime a backfilling policy plans for a queued job.");

  py::enum_<sched::PlacementRule>(module, "PlacementRule")
      .value("PACKED", sched::PlacementRule::kPacked)
      .value("MOST_FREE", sched::PlacementRule::kMostFree);
  module.def(
      "schedule_by_rank",
      [](const sched::ClusterState& state, std::function<double(const sched::RunningJob&)> running,
         std::function<double(const sched::QueuedJob&)> queued, sched::PreemptMode mode,
         sched::PlacementRule rule) {
        return sched::schedule_by_rank(state, {std::move(running), std::move(queued)}, mode, rule);
      },
      py::arg("state"), py::arg("running_key"), py::arg("queued_key"), py::arg("mode"),
      py::arg("rule") = sched::PlacementRule::kPacked,
      "The decisions of ranking every running and queued job by its key, ascending, and giving "
      "the GPUs to the best-ranked (schedulers/priority_preemption.hpp).");
}

}  // namespace umbra::python
