// The Python module `umbra`: runs scenarios and the orbital commands, and lets a policy written
// in Python schedule a run. Every command runs as `umbra`'s own subcommand in a child process
// (forked_command.hpp), so a run from Python gives the same files, and so the same numbers, as
// `umbra run`, and a Python process may run any number of simulations.
#include <Python.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "schedulers/registry.hpp"
#include "sim/cli/run_command.hpp"
#include "sim/cli/subcommand.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/core/error.hpp"
#include "sim/python/forked_command.hpp"
#include "sim/python/policy_bindings.hpp"
#include "sim/python/python_policy.hpp"
#include "sim/spec/platform_reader.hpp"
#include "sim/workload/native_reader.hpp"
#include "sim/workload/workload_format.hpp"
#include "umbra/version.hpp"

namespace py = pybind11;

namespace umbra::python {
namespace {

// umbra.InputError, a ValueError carrying the first error's file, line, column and message,
// and `errors`, the list of every error as (file, line, column, message) tuples. A handle: the
// module holds the reference, and nothing is released after the interpreter has gone.
py::handle input_error_type;

[[noreturn]] void raise_input_errors(const std::vector<InputError>& errors) {
  std::string text;
  py::list all;
  for (const InputError& error : errors) {
    text += (text.empty() ? "" : "\n") + std::string(error.what());
    all.append(py::make_tuple(error.where().file, error.where().line, error.where().column,
                              error.message()));
  }
  py::object exception = input_error_type(text);
  const InputError& first = errors.front();
  exception.attr("file") = first.where().file;
  exception.attr("line") = first.where().line;
  exception.attr("column") = first.where().column;
  exception.attr("message") = first.message();
  exception.attr("errors") = all;
  PyErr_SetObject(input_error_type.ptr(), exception.ptr());
  throw py::error_already_set();
}

void raise_on_signal() {
  if (PyErr_CheckSignals() != 0) throw py::error_already_set();  // a Ctrl-C
}

const ForkHooks kInterpreterForkHooks{PyOS_BeforeFork, PyOS_AfterFork_Parent, PyOS_AfterFork_Child,
                                      raise_on_signal};

// Runs `command` in a child process; raises umbra.InputError on bad input, RuntimeError when
// the child failed otherwise.
void run_child_command(const std::filesystem::path& folder, const std::function<int()>& command) {
  const CommandOutcome outcome = run_forked(folder, kInterpreterForkHooks, command);
  switch (outcome.end) {
    case CommandEnd::kSucceeded:
      return;
    case CommandEnd::kBadInput:
      raise_input_errors(outcome.input_errors);
    case CommandEnd::kInternalError:
    case CommandEnd::kCrashed:
      throw std::runtime_error(outcome.failure);
  }
}

// `umbra SUBCOMMAND ARGS...` in a child process.
void run_subcommand(const std::filesystem::path& folder, const std::string& name,
                    const std::vector<std::string>& args) {
  for (const cli::Subcommand& subcommand : cli::subcommands()) {
    if (subcommand.name == name) {
      run_child_command(folder, [&] { return subcommand.main(args); });
      return;
    }
  }
  throw std::logic_error("no subcommand " + name);
}

std::string text_of(const py::object& input) {
  return py::module_::import("os").attr("fspath")(input).cast<std::string>();
}

bool is_yaml_text(const std::string& input) {
  return input.find('\n') != std::string::npos;
}

// An input given as a path (str or os.PathLike), made absolute for a command that runs in
// `folder`; or as YAML text (a str with a line break), written to `folder`/`name` and named so:
// the same name in every run, in its errors and its manifest.
std::string input_path(const py::object& input, const std::filesystem::path& folder,
                       const std::string& name) {
  const std::string text = text_of(input);
  if (!is_yaml_text(text)) return std::filesystem::absolute(text).string();
  std::ofstream(folder / name, std::ios::binary) << text;
  return name;
}

// A duration: a number of seconds, or a text with its unit ("24 h").
std::string duration_text(const py::object& duration) {
  if (py::isinstance<py::str>(duration)) return duration.cast<std::string>();
  return py::repr(py::float_(duration)).cast<std::string>();
}

py::object read_csv(const std::filesystem::path& file) {
  return py::module_::import("pandas").attr("read_csv")(file.string());
}

py::object read_json(const std::filesystem::path& file) {
  const py::object json = py::module_::import("json");
  const py::object text =
      py::module_::import("pathlib").attr("Path")(file.string()).attr("read_text")("utf-8");
  return json.attr("loads")(text);
}

// What umbra.run returns: the run's files as data frames and dicts.
struct RunResult {
  py::object jobs, power, links, summary, manifest;
};

RunResult run(const std::optional<py::object>& platform, const std::optional<py::object>& workload,
              const py::object& scheduler, unsigned long long seed, const py::dict& options,
              const std::optional<py::object>& out, bool check) {
  if (platform.has_value() != workload.has_value()) {
    throw py::value_error("give a platform and a workload, or neither for the default scenario");
  }
  const TemporaryFolder folder;
  std::vector<std::string> args;
  if (platform) {
    args.push_back(input_path(*platform, folder.path(), "platform.yaml"));
    args.push_back(input_path(*workload, folder.path(), "workload.yaml"));
  }
  std::vector<sched::SchedulerInfo> python_policies;
  std::string scheduler_name;
  if (py::isinstance<py::str>(scheduler)) {
    scheduler_name = scheduler.cast<std::string>();
  } else if (py::isinstance(scheduler, py::module_::import("umbra").attr("Scheduler"))) {
    python_policies.push_back(python_policy(scheduler));
    scheduler_name = python_policies.back().name;
  } else {
    throw py::type_error("scheduler: expected a policy's name or an umbra.Scheduler");
  }
  args.insert(args.end(), {"--scheduler", scheduler_name, "--seed", std::to_string(seed)});
  for (const auto& [name, value] : options) {
    args.push_back("--policy-option");
    args.push_back(py::str(name).cast<std::string>() + "=" + py::str(value).cast<std::string>());
  }
  const std::filesystem::path directory =
      out ? std::filesystem::absolute(text_of(*out)) : folder.path() / "run";
  args.insert(args.end(), {"--out", directory.string()});
  if (check) args.push_back("--check");
  run_child_command(folder.path(),
                    [&] { return cli::run_command(args, std::move(python_policies)); });

  RunResult result;
  result.jobs = read_csv(directory / "jobs.csv");
  result.links = read_csv(directory / "links.csv");
  result.power = std::filesystem::exists(directory / "power.csv")
                     ? read_csv(directory / "power.csv")
                     : py::none();
  result.summary = read_json(directory / "summary.json");
  result.manifest = read_json(directory / "manifest.json");
  return result;
}

py::object eclipses(const py::object& platform, const py::object& horizon) {
  const TemporaryFolder folder;
  run_subcommand(folder.path(), "eclipses",
                 {input_path(platform, folder.path(), "platform.yaml"), "--horizon",
                  duration_text(horizon), "--summary", (folder.path() / "summary.csv").string()});
  return read_csv(folder.path() / "stdout.txt");
}

py::object contacts(const py::object& platform, const py::object& horizon,
                    const std::optional<py::object>& start) {
  const TemporaryFolder folder;
  std::vector<std::string> args{input_path(platform, folder.path(), "platform.yaml"), "--horizon",
                                duration_text(horizon)};
  if (start) args.insert(args.end(), {"--from", duration_text(*start)});
  run_subcommand(folder.path(), "contacts", args);
  return read_csv(folder.path() / "stdout.txt");
}

// Reads a platform, and a workload against it, as `umbra run` does; raises umbra.InputError
// with every error of the first file that has some. YAML text is named as umbra.run names it.
py::dict validate(const py::object& platform, const std::optional<py::object>& workload) {
  try {
    const std::string platform_input = text_of(platform);
    const spec::PlatformSpec spec = is_yaml_text(platform_input)
                                        ? spec::read_platform_text(platform_input, "platform.yaml")
                                        : spec::read_platform_file(platform_input);
    const contact::Constellation constellation = contact::build_constellation(spec);
    py::dict report;
    report["sites"] = spec.sites.size();
    report["satellites"] = constellation.satellites.size();
    report["gpus"] = spec.total_gpus() + constellation.total_gpus();
    std::vector<std::string> warnings = spec.warnings;
    if (workload) {
      const std::string workload_input = text_of(*workload);
      const workload::Workload jobs =
          is_yaml_text(workload_input)
              ? workload::read_workload_text(workload_input, "workload.yaml", spec)
              : workload::read_workload(workload_input, spec, {});
      report["jobs"] = jobs.jobs.size();
      warnings.insert(warnings.end(), jobs.warnings.begin(), jobs.warnings.end());
    }
    report["warnings"] = warnings;
    return report;
  } catch (const InputError& error) {
    raise_input_errors(each_error(error));
  }
}

py::dict schedulers() {
  py::dict all;
  const sched::SchedulerRegistry registry = sched::SchedulerRegistry::with_builtins();
  for (const sched::SchedulerInfo& policy : registry.all()) {
    py::dict options;
    for (const sched::PolicyOption& option : policy.options) {
      options[py::str(option.name)] = option.default_value;
    }
    py::dict entry;
    entry["description"] = policy.description;
    entry["options"] = options;
    all[py::str(policy.name)] = entry;
  }
  return all;
}

}  // namespace
}  // namespace umbra::python

PYBIND11_MODULE(umbra, module) {
  using namespace umbra::python;
  module.doc() = "Umbra: simulate AI training jobs on orbital and ground GPU clusters";
  module.attr("__version__") = umbra::kVersion;
  input_error_type = PyErr_NewException("umbra.InputError", PyExc_ValueError, nullptr);
  module.attr("InputError") = input_error_type;
  bind_scheduler_api(module);
  bind_placement_helpers(module);

  py::class_<RunResult>(module, "RunResult")
      .def_readonly("jobs", &RunResult::jobs, "jobs.csv as a pandas DataFrame")
      .def_readonly("power", &RunResult::power, "power.csv as a DataFrame, None without it")
      .def_readonly("links", &RunResult::links, "links.csv as a DataFrame")
      .def_readonly("summary", &RunResult::summary, "summary.json as a dict")
      .def_readonly("manifest", &RunResult::manifest, "manifest.json as a dict");
  module.def("run", &run, py::arg("platform") = py::none(), py::arg("workload") = py::none(),
             py::arg("scheduler") = "easy", py::arg("seed") = 0, py::arg("options") = py::dict(),
             py::arg("out") = py::none(), py::arg("check") = false,
             R"(Simulates `workload` on `platform` (paths, or YAML text) under `scheduler` (a
policy's name, or an umbra.Scheduler object), as `umbra run` does, with `options` as its
--policy-option NAME=VALUE pairs. With neither file, the default scenario. The run takes place
in a child process: what a Python policy records during the run stays there. With `out`, the
run's files are also kept in that folder. With `check`, the run verifies its invariants after
every event (`umbra run --check`); a violation raises RuntimeError naming the invariant, the
time and the objects involved.)");
  module.def("validate", &validate, py::arg("platform"), py::arg("workload") = py::none(),
             "Reads a platform (and a workload against it); raises umbra.InputError.");
  module.def("schedulers", &schedulers,
             "The built-in policies: name -> {description, options: name -> default}.");
  module.def("eclipses", &eclipses, py::arg("platform"), py::arg("horizon"),
             "The eclipse windows of every satellite over `horizon` (s, or \"24 h\"), as "
             "`umbra eclipses` writes them.");
  module.def("contacts", &contacts, py::arg("platform"), py::arg("horizon"),
             py::arg("start") = py::none(),
             "The contact plan over `horizon` from `start` (default the epoch), as "
             "`umbra contacts` writes it.");
}
