#include "sim/python/policy_bindings.hpp"

#include <pybind11/stl.h>
#include <pybind11/stl_bind.h>

#include <deque>
#include <utility>
#include <vector>

#include "schedulers/scheduler.hpp"

namespace py = pybind11;

// Lists a policy reads or fills in place: opaque, so that `decisions.starts.append(...)` changes
// the decisions, and the snapshot's lists are not copied.
PYBIND11_MAKE_OPAQUE(std::vector<umbra::sched::Slot>)
PYBIND11_MAKE_OPAQUE(std::vector<umbra::sched::NodeId>)
PYBIND11_MAKE_OPAQUE(std::vector<umbra::sched::NodeState>)
PYBIND11_MAKE_OPAQUE(std::vector<umbra::sched::SiteState>)
PYBIND11_MAKE_OPAQUE(std::vector<umbra::sched::RunningJob>)
PYBIND11_MAKE_OPAQUE(std::deque<umbra::sched::QueuedJob>)
PYBIND11_MAKE_OPAQUE(std::vector<umbra::sched::StartJob>)
PYBIND11_MAKE_OPAQUE(std::vector<umbra::sched::PreemptJob>)
PYBIND11_MAKE_OPAQUE(std::vector<umbra::sched::MigrateJob>)
PYBIND11_MAKE_OPAQUE(std::vector<umbra::sched::CheckpointJob>)
PYBIND11_MAKE_OPAQUE(std::vector<umbra::sched::SetPowerCap>)
PYBIND11_MAKE_OPAQUE(std::vector<umbra::sched::Reservation>)

namespace umbra::python {
namespace {

using namespace sched;

// The queue is a deque, which pybind11 cannot bind as a list: a read-only sequence view.
void bind_queue(py::module_& module) {
  using Queue = std::deque<QueuedJob>;
  py::class_<Queue>(module, "Queue")
      .def("__len__", [](const Queue& queue) { return queue.size(); })
      .def(
          "__getitem__",
          [](const Queue& queue, py::ssize_t index) -> const QueuedJob& {
            const auto size = static_cast<py::ssize_t>(queue.size());
            if (index < 0) index += size;
            if (index < 0 || index >= size) throw py::index_error("queue index out of range");
            return queue[static_cast<std::size_t>(index)];
          },
          py::return_value_policy::reference_internal)
      .def(
          "__iter__",
          [](const Queue& queue) { return py::make_iterator(queue.begin(), queue.end()); },
          py::keep_alive<0, 1>())
      .def("__bool__", [](const Queue& queue) { return !queue.empty(); });
}

void bind_snapshot(py::module_& module) {
  py::enum_<PowerMode>(module, "PowerMode")
      .value("RUNNING", PowerMode::kRunning)
      .value("THROTTLED", PowerMode::kThrottled)
      .value("SUSPENDED", PowerMode::kSuspended)
      .value("OFF", PowerMode::kOff);
  py::class_<Slot>(module, "Slot")
      .def(py::init<NodeId, int>(), py::arg("node"), py::arg("gpus"))
      .def_readwrite("node", &Slot::node)
      .def_readwrite("gpus", &Slot::gpus)
      .def("__eq__", [](const Slot& a, const Slot& b) { return a == b; })
      .def("__repr__", [](const Slot& slot) {
        return py::str("Slot(node={}, gpus={})").format(slot.node, slot.gpus);
      });
  py::bind_vector<std::vector<Slot>>(module, "SlotList");
  py::implicitly_convertible<py::list, std::vector<Slot>>();
  py::bind_vector<std::vector<NodeId>>(module, "NodeIdList");
  py::class_<Placement>(module, "Placement")
      .def(py::init<>())
      .def(py::init([](std::vector<Slot> slots) { return Placement{std::move(slots)}; }),
           py::arg("slots"))
      .def_readwrite("slots", &Placement::slots)
      .def("total_gpus", &Placement::total_gpus)
      .def("__eq__", [](const Placement& a, const Placement& b) { return a == b; });
  py::class_<NodeState>(module, "NodeState")
      .def_readonly("id", &NodeState::id)
      .def_readonly("site", &NodeState::site)
      .def_readonly("name", &NodeState::name)
      .def_readonly("gpus", &NodeState::gpus)
      .def_readonly("free_gpus", &NodeState::free_gpus)
      .def_readonly("up", &NodeState::up)
      .def_readonly("orbital", &NodeState::orbital)
      .def_readonly("illumination", &NodeState::illumination)
      .def_readonly("state_of_charge", &NodeState::state_of_charge)
      .def_readonly("min_state_of_charge", &NodeState::min_state_of_charge)
      .def_readonly("power_mode", &NodeState::power_mode)
      .def_readonly("pstate", &NodeState::pstate)
      .def_readonly("power_cap", &NodeState::power_cap)
      .def_readonly("ever_component", &NodeState::ever_component)
      .def_readonly("component_now", &NodeState::component_now);
  py::class_<SiteState>(module, "SiteState")
      .def_readonly("id", &SiteState::id)
      .def_readonly("name", &SiteState::name)
      .def_readonly("nodes", &SiteState::nodes)
      .def_readonly("gpus", &SiteState::gpus)
      .def_readonly("gpu_peak_flops", &SiteState::gpu_peak_flops)
      .def_readonly("orbital", &SiteState::orbital)
      .def_readonly("power_headroom_watts", &SiteState::power_headroom_watts);
  py::class_<ShadowWindow>(module, "ShadowWindow")
      .def_readonly("entry", &ShadowWindow::entry)
      .def_readonly("exit", &ShadowWindow::exit);
  py::class_<GroundContact>(module, "GroundContact")
      .def_readonly("start", &GroundContact::start)
      .def_readonly("end", &GroundContact::end)
      .def_readonly("site", &GroundContact::site)
      .def_readonly("rate", &GroundContact::rate);
  py::class_<Forecasts>(module, "Forecasts")
      .def("shadow_at_or_after", &Forecasts::shadow_at_or_after, py::arg("node"), py::arg("time"))
      .def("state_of_charge_at", &Forecasts::state_of_charge_at, py::arg("node"), py::arg("time"),
           py::arg("busy_gpus"))
      .def("power_lost_at", &Forecasts::power_lost_at, py::arg("node"), py::arg("busy_gpus"),
           py::arg("until"))
      .def("bandwidth_now", &Forecasts::bandwidth_now, py::arg("from_"), py::arg("to"))
      .def("ground_contacts", &Forecasts::ground_contacts, py::arg("node"), py::arg("from_"),
           py::arg("until"));
  py::class_<JobProgress>(module, "JobProgress")
      .def_readonly("done", &JobProgress::done)
      .def_readonly("checkpointed", &JobProgress::checkpointed)
      .def_readonly("checkpoint_time", &JobProgress::checkpoint_time)
      .def_readonly("checkpoint_site", &JobProgress::checkpoint_site)
      .def_readonly("checkpoint_bytes", &JobProgress::checkpoint_bytes)
      .def_readonly("dataset_bytes", &JobProgress::dataset_bytes)
      .def_readonly("dataset_site", &JobProgress::dataset_site)
      .def_readonly("dataset_staged_at", &JobProgress::dataset_staged_at);
  py::class_<QueuedJob>(module, "QueuedJob")
      .def_readonly("id", &QueuedJob::id)
      .def_readonly("name", &QueuedJob::name)
      .def_readonly("user", &QueuedJob::user)
      .def_readonly("submit_time", &QueuedJob::submit_time)
      .def_readonly("gpus", &QueuedJob::gpus)
      .def_readonly("priority", &QueuedJob::priority)
      .def_readonly("estimate", &QueuedJob::estimate)
      .def_readonly("remaining_estimate", &QueuedJob::remaining_estimate)
      .def_readonly("attained_gpu_seconds", &QueuedJob::attained_gpu_seconds)
      .def_readonly("preemptions", &QueuedJob::preemptions)
      .def_readonly("progress", &QueuedJob::progress);
  py::class_<RunningJob>(module, "RunningJob")
      .def_readonly("id", &RunningJob::id)
      .def_readonly("name", &RunningJob::name)
      .def_readonly("user", &RunningJob::user)
      .def_readonly("submit_time", &RunningJob::submit_time)
      .def_readonly("start_time", &RunningJob::start_time)
      .def_readonly("gpus", &RunningJob::gpus)
      .def_readonly("priority", &RunningJob::priority)
      .def_readonly("estimate", &RunningJob::estimate)
      .def_readonly("estimated_end", &RunningJob::estimated_end)
      .def_readonly("attained_before", &RunningJob::attained_before)
      .def_readonly("site", &RunningJob::site)
      .def_readonly("placement", &RunningJob::placement)
      .def_readonly("progress", &RunningJob::progress)
      .def_readonly("migrating_to", &RunningJob::migrating_to)
      .def_readonly("leaving", &RunningJob::leaving)
      .def("attained_gpu_seconds", &RunningJob::attained_gpu_seconds, py::arg("now"));
  py::bind_vector<std::vector<NodeState>>(module, "NodeStateList");
  py::bind_vector<std::vector<SiteState>>(module, "SiteStateList");
  py::bind_vector<std::vector<RunningJob>>(module, "RunningJobList");
  bind_queue(module);
  py::class_<ClusterState>(module, "ClusterState")
      .def_readonly("now", &ClusterState::now)
      .def_readonly("sites", &ClusterState::sites)
      .def_readonly("nodes", &ClusterState::nodes)
      .def_readonly("queue", &ClusterState::queue)
      .def_readonly("running", &ClusterState::running)
      .def_property_readonly(
          "forecasts", [](const ClusterState& state) { return state.forecasts; },
          py::return_value_policy::reference);
  py::enum_<EventKind>(module, "EventKind")
      .value("JOB_SUBMITTED", EventKind::kJobSubmitted)
      .value("JOB_FINISHED", EventKind::kJobFinished)
      .value("JOB_FAILED", EventKind::kJobFailed)
      .value("JOB_PREEMPTED", EventKind::kJobPreempted)
      .value("WAKE_UP", EventKind::kWakeUp)
      .value("POWER_CHANGED", EventKind::kPowerChanged)
      .value("JOB_MIGRATED", EventKind::kJobMigrated);
  py::class_<Event>(module, "Event")
      .def_readonly("kind", &Event::kind)
      .def_readonly("job", &Event::job)
      .def_readonly("node", &Event::node);
}

void bind_decisions(py::module_& module) {
  py::class_<StartJob>(module, "StartJob")
      .def(py::init<JobId, Placement>(), py::arg("job"), py::arg("placement"))
      .def_readwrite("job", &StartJob::job)
      .def_readwrite("placement", &StartJob::placement);
  py::enum_<PreemptMode>(module, "PreemptMode")
      .value("KILL", PreemptMode::kKill)
      .value("SAVE", PreemptMode::kSave);
  py::class_<PreemptJob>(module, "PreemptJob")
      .def(py::init<JobId, PreemptMode>(), py::arg("job"), py::arg("mode") = PreemptMode::kKill)
      .def_readwrite("job", &PreemptJob::job)
      .def_readwrite("mode", &PreemptJob::mode);
  py::class_<MigrateJob>(module, "MigrateJob")
      .def(py::init<JobId, Placement>(), py::arg("job"), py::arg("placement"))
      .def_readwrite("job", &MigrateJob::job)
      .def_readwrite("placement", &MigrateJob::placement);
  py::class_<CheckpointJob>(module, "CheckpointJob")
      .def(py::init<JobId>(), py::arg("job"))
      .def_readwrite("job", &CheckpointJob::job);
  py::class_<SetPowerCap>(module, "SetPowerCap")
      .def(py::init<NodeId, int>(), py::arg("node"), py::arg("pstate"))
      .def_readwrite("node", &SetPowerCap::node)
      .def_readwrite("pstate", &SetPowerCap::pstate);
  py::class_<Reservation>(module, "Reservation")
      .def(py::init<JobId, SiteId, double>(), py::arg("job"), py::arg("site"), py::arg("start"))
      .def_readwrite("job", &Reservation::job)
      .def_readwrite("site", &Reservation::site)
      .def_readwrite("start", &Reservation::start);
  py::bind_vector<std::vector<StartJob>>(module, "StartJobList");
  py::bind_vector<std::vector<PreemptJob>>(module, "PreemptJobList");
  py::bind_vector<std::vector<MigrateJob>>(module, "MigrateJobList");
  py::bind_vector<std::vector<CheckpointJob>>(module, "CheckpointJobList");
  py::bind_vector<std::vector<SetPowerCap>>(module, "SetPowerCapList");
  py::bind_vector<std::vector<Reservation>>(module, "ReservationList");
  py::class_<Decisions>(module, "Decisions")
      .def(py::init<>())
      .def_readwrite("starts", &Decisions::starts)
      .def_readwrite("preemptions", &Decisions::preemptions)
      .def_readwrite("migrations", &Decisions::migrations)
      .def_readwrite("checkpoints", &Decisions::checkpoints)
      .def_readwrite("power_caps", &Decisions::power_caps)
      .def_readwrite("wake_up_at", &Decisions::wake_up_at)
      .def_readwrite("reservations", &Decisions::reservations);
}

// The base class of Python policies. It has no state: a policy's schedule() is looked up on
// the Python object (python_policy.hpp).
class SchedulerBase {
 public:
  virtual ~SchedulerBase() = default;
};

}  // namespace

void bind_scheduler_api(py::module_& module) {
  bind_snapshot(module);
  bind_decisions(module);
  py::class_<SchedulerBase>(module, "Scheduler", R"(Base class of a policy written in Python.

Define schedule(self, state, events) returning umbra.Decisions (or None for no decision). It
is called as the C++ API's Scheduler::schedule (schedulers/scheduler.hpp): state is the
ClusterState at state.now, a view valid during the call; events the list of Event of that
instant.)")
      .def(py::init<>());
}

}  // namespace umbra::python
