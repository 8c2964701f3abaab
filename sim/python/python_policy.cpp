#include "sim/python/python_policy.hpp"

#include <memory>
#include <span>
#include <string>
#include <utility>

namespace py = pybind11;

namespace umbra::python {
namespace {

class PythonScheduler final : public sched::Scheduler {
 public:
  explicit PythonScheduler(py::object policy) : schedule_(policy.attr("schedule")) {}
  ~PythonScheduler() override {
    py::gil_scoped_acquire lock;
    schedule_ = py::object();
  }
  PythonScheduler(const PythonScheduler&) = delete;
  PythonScheduler& operator=(const PythonScheduler&) = delete;

  sched::Decisions schedule(const sched::ClusterState& state,
                            std::span<const sched::Event> events) override {
    py::gil_scoped_acquire lock;
    py::list event_list(events.size());
    for (std::size_t i = 0; i < events.size(); ++i) event_list[i] = py::cast(events[i]);
    // By reference: the policy reads the engine's own snapshot, valid for this call.
    const py::object decisions =
        schedule_(py::cast(state, py::return_value_policy::reference), event_list);
    if (decisions.is_none()) return {};
    return decisions.cast<sched::Decisions>();
  }

 private:
  py::object schedule_;
};

}  // namespace

sched::SchedulerInfo python_policy(py::object policy) {
  const std::string name = "python:" + py::type::of(policy).attr("__name__").cast<std::string>();
  return {name, "a policy written in Python", [policy](const sched::SchedulerOptions&) {
            return std::make_unique<PythonScheduler>(policy);
          }};
}

}  // namespace umbra::python
