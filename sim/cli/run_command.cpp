// `umbra run [PLATFORM.yaml WORKLOAD] [--scheduler NAME] [--policy-option NAME=VALUE]
// [--scheduler-plugin FILE] [--scheduler-python FILE:CLASS] [--seed N] [--out DIR]
// [--trace FILE.json] [--power-rows all|events] [--check]`
#include <fmt/format.h>

#include <filesystem>
#include <optional>
#include <stdexcept>

#include "schedulers/registry.hpp"
#include "sim/cli/arguments.hpp"
#include "sim/cli/cli.hpp"
#include "sim/cli/default_scenario.hpp"
#include "sim/cli/interrupt_signals.hpp"
#include "sim/cli/platform_input.hpp"
#include "sim/cli/policy_option_arguments.hpp"
#include "sim/cli/progress_line.hpp"
#include "sim/cli/python_policy_option.hpp"
#include "sim/cli/run_command.hpp"
#include "sim/cli/scheduler_plugins.hpp"
#include "sim/cli/streamed_outputs.hpp"
#include "sim/cli/subcommand.hpp"
#include "sim/cli/workload_options.hpp"
#include "sim/core/error.hpp"
#include "sim/core/sha256.hpp"
#include "sim/core/units.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/chrome_trace.hpp"
#include "sim/output/run_warnings.hpp"
#include "sim/output/run_writer.hpp"
#include "sim/spec/platform_reader.hpp"
#include "sim/workload/native_reader.hpp"
#include "sim/workload/workload_format.hpp"
#include "umbra/version.hpp"

namespace umbra::cli {
namespace {

constexpr const char* kDefaultScheduler = "easy";

void print_help() {
  fmt::print(
      "usage: umbra run [PLATFORM.yaml WORKLOAD] [--scheduler NAME] [--policy-option NAME=VALUE]\n"
      "                 [--scheduler-plugin FILE] [--scheduler-python FILE:CLASS] [--seed N]\n"
      "                 [--out DIR] [--trace FILE.json] [--power-rows all|events] [--check]\n\n"
      "Simulates a workload of training jobs on a platform under one scheduling policy, prints\n"
      "a summary and writes into the output folder (columns in README.md, 'Outputs'):\n"
      "  jobs.csv          one row per job                               (always)\n"
      "  allocations.csv   one row per job per node per stretch on its GPUs (always)\n"
      "  links.csv         one row per physical link                     (always)\n"
      "  link_windows.csv  one row per window a contact link was up      (always)\n"
      "  gpu_use.csv       GPUs held and computing over time             (always)\n"
      "  power.csv         one row per powered node at each power event  (when a satellite\n"
      "                    with a payload has a solar_array or a battery)\n"
      "  summary.json      the run's metrics                             (always)\n"
      "  manifest.json     status, version, command line, inputs' SHA-256, warnings (always,\n"
      "                    last)\n"
      "power.csv is written as the run goes. SIGINT or SIGTERM stops the run at the simulated\n"
      "instant it has reached and writes its outputs so far, manifest.json saying \"interrupted\"\n"
      "(exit status 130 or 143; a second signal ends it at once).\n"
      "With no files it runs the default scenario ({} with {}).\n\n"
      "  --scheduler NAME  policy to use (default: {}; 'umbra schedulers' lists them)\n"
      "{}{}{}"
      "  --seed N          seed of the run's random numbers (default: 0)\n"
      "  --out DIR         output folder (default: "
      "results/runs/PLATFORM-WORKLOAD-SCHEDULER-seedN)\n"
      "  --measure-jobs FROM:TO  summarise only jobs FROM (inclusive) to TO (exclusive), counted\n"
      "                    from 0 in submit order (steady state, as Gavel's jobs 4000:5000)\n"
      "  --measure-time FROM:TO  summarise only jobs submitted in [FROM, TO) (\"2 h:10 h\")\n"
      "  --trace FILE.json  also write the run as a Chrome trace-event file, which Perfetto's\n"
      "                    UI opens: jobs per node, power and shadow per satellite, link\n"
      "                    windows (README.md, 'Trace file')\n"
      "  --power-rows all|events  power.csv's rows: all (default), or without the rows that are\n"
      "                    only the sun's steps (solar-step, penumbra-step): every change of\n"
      "                    shadow, load, battery bound and operating point kept\n"
      "  --check           verify the run's invariants after every event (no GPU held twice,\n"
      "                    each job in one stage, GPU-seconds and energy balanced, batteries\n"
      "                    within bounds, no transfer on a link that is down, time forward);\n"
      "                    a violation stops the run, writes nothing and exits with status 3\n"
      "WORKLOAD is native YAML or CSV, or a trace (see 'Workload formats' in README.md):\n{}",
      default_platform().path, default_workload().path, kDefaultScheduler, kPolicyOptionHelp,
      kSchedulerPluginHelp, kSchedulerPythonHelp, workload_options_help());
}

// "FROM:TO" of --measure-jobs (job indices) or --measure-time (durations).
std::optional<output::MeasureWindow> measure_window(const Arguments& arguments) {
  if (arguments.has("measure-jobs") && arguments.has("measure-time")) {
    throw InputError("give --measure-jobs or --measure-time, not both");
  }
  const bool by_jobs = arguments.has("measure-jobs");
  const std::string option = by_jobs ? "measure-jobs" : "measure-time";
  const auto text = arguments.value(option);
  if (!text) return std::nullopt;
  const std::size_t colon = text->find(':');
  const auto bad = [&](const std::string& why) {
    return InputError(fmt::format("invalid --{} \"{}\": {}", option, *text, why));
  };
  if (colon == std::string::npos) throw bad("expected FROM:TO");
  output::MeasureWindow window;
  window.by =
      by_jobs ? output::MeasureWindow::By::kJobIndex : output::MeasureWindow::By::kSubmitTime;
  try {
    const Quantity kind = by_jobs ? Quantity::kRatio : Quantity::kTime;
    window.from = parse_quantity(text->substr(0, colon), kind);
    window.to = parse_quantity(text->substr(colon + 1), kind);
  } catch (const InputError& error) {
    throw bad(error.message());
  }
  if (window.from < 0 || window.to <= window.from) throw bad("expected 0 <= FROM < TO");
  return window;
}

// "run: 12.5 h simulated (last submission at 40.0 h), jobs 120 ended, 8 running, 30 queued"
std::string progress_text(const engine::RunProgress& progress) {
  return fmt::format(
      "run: {:.1f} h simulated (last submission at {:.1f} h), jobs {} ended, {} running, {} "
      "queued",
      progress.now / 3600, progress.last_submit / 3600, progress.ended, progress.running,
      progress.queued);
}

output::PowerRowSelection power_row_selection(const Arguments& arguments) {
  const std::string text = arguments.value("power-rows").value_or("all");
  if (text == "all") return output::PowerRowSelection::kAll;
  if (text == "events") return output::PowerRowSelection::kEvents;
  throw InputError(fmt::format("invalid --power-rows \"{}\": expected all or events", text));
}

// The run's streamed rows go to `outputs`; a signal stops it (interrupt_signals.hpp); `check`
// verifies its invariants at every event.
engine::SimulationOptions simulation_options(unsigned long long seed, StreamedOutputs& outputs,
                                             bool check) {
  engine::SimulationOptions options;
  options.seed = seed;
  options.checks = check ? engine::RunChecks::kEveryEvent : engine::RunChecks::kOff;
  outputs.attach(options);
  options.stop_requested = [] { return InterruptSignals::caught() != 0; };
  return options;
}

// A run that failed leaves a manifest saying so, if the folder can still be written.
void mark_failed(const std::filesystem::path& folder, output::Manifest manifest,
                 const std::string& error) {
  manifest.outcome = {output::RunOutcome::Status::kFailed, 0, error};
  try {
    output::write_file_atomically(folder / output::kManifestFile, output::manifest_json(manifest));
  } catch (const InputError&) {
    // The error being reported is the one that counts.
  }
}

std::string stem(const std::string& path) {
  return std::filesystem::path(path).stem().string();
}

// A loaded input: its parsed form, where it came from, and the hash of its bytes.
struct Inputs {
  spec::PlatformSpec platform;
  workload::Workload workload;
  std::vector<output::InputFile> files;
  std::string platform_stem;  // file names without folder and extension, for the output folder
  std::string workload_stem;
};

Inputs load_inputs(const std::vector<std::string>& positional,
                   const workload::ReadOptions& read_options) {
  Inputs inputs;
  if (positional.empty()) {
    const EmbeddedFile platform = default_platform();
    const EmbeddedFile workload = default_workload();
    inputs.platform = spec::read_platform_text(platform.text, platform.path);
    inputs.workload = workload::read_workload_text(workload.text, workload.path, inputs.platform);
    inputs.files = {
        {"platform", std::string(platform.path) + " (embedded)", sha256_hex(platform.text)},
        {"workload", std::string(workload.path) + " (embedded)", sha256_hex(workload.text)}};
    inputs.platform_stem = stem(platform.path);
    inputs.workload_stem = stem(workload.path);
    return inputs;
  }
  if (positional.size() != 2) {
    throw InputError(
        "give a platform file and a workload file, or neither for the default scenario "
        "('umbra run --help')");
  }
  inputs.platform = read_platform(positional[0]);
  inputs.workload = workload::read_workload(positional[1], inputs.platform, read_options);
  inputs.files = {{"platform", positional[0], sha256_file_hex(positional[0])}};
  for (const std::string& file : workload::workload_files(positional[1], read_options)) {
    inputs.files.push_back({"workload", file, sha256_file_hex(file)});
  }
  inputs.platform_stem = stem(positional[0]);
  inputs.workload_stem = stem(positional[1]);
  return inputs;
}

void print_summary(const output::Summary& summary, const std::string& scheduler,
                   const std::string& directory) {
  const auto hours = [](double seconds) { return fmt::format("{:.2f} h", seconds / 3600.0); };
  fmt::print("{:<22} {}\n", "scheduler", scheduler);
  if (const auto& window = summary.window) {
    const bool by_index = window->by == output::MeasureWindow::By::kJobIndex;
    fmt::print("{:<22} {} {}:{}\n", "measured", by_index ? "jobs" : "submitted (s)", window->from,
               window->to);
  }
  fmt::print("{:<22} {} of {}\n", "jobs finished", summary.jobs_finished, summary.jobs_total);
  fmt::print("{:<22} {}{}\n", "jobs lost", summary.jobs_lost,
             summary.jobs_killed_at_walltime > 0
                 ? fmt::format(" ({} killed at their walltime)", summary.jobs_killed_at_walltime)
                 : std::string());
  fmt::print("{:<22} {} / {} / {}\n", "JCT mean/median/p99", hours(summary.jct.mean),
             hours(summary.jct.median), hours(summary.jct.p99));
  fmt::print("{:<22} {} / {} / {}\n", "wait mean/median/p99", hours(summary.wait.mean),
             hours(summary.wait.median), hours(summary.wait.p99));
  const output::Distribution& rho = summary.finish_time_fairness;
  fmt::print("{:<22} {:.2f} / {:.2f} / {:.2f} / {:.2f}\n", "rho mean/p50/p99/max", rho.mean,
             rho.median, rho.p99, rho.max);
  fmt::print("{:<22} {}\n", "makespan", hours(summary.makespan));
  fmt::print("{:<22} {:.1f} %\n", "GPU utilisation", 100.0 * summary.gpu_utilisation);
  fmt::print("{:<22} {:.3f} MWh\n", "GPU energy", summary.energy_joules / 3.6e9);
  fmt::print("{:<22} {:.3f} MWh (GPU energy x each site's PUE)\n", "facility energy",
             summary.facility_energy_joules / 3.6e9);
  fmt::print("{:<22} {:.3f} kWh\n", "energy/useful GPU-h", summary.energy_kwh_per_useful_gpu_hour);
  fmt::print("{:<22} {}\n", "preemptions", summary.preemptions);
  fmt::print("{:<22} {}\n", "power failures", summary.power_failures);
  fmt::print("{:<22} {}\n", "migrations", summary.migrations);
  fmt::print("{:<22} {:.2f} GPU-h\n", "lost to rollbacks", summary.lost_gpu_hours);
  fmt::print("{:<22} {:.2f} GPU-h\n", "stalled on network", summary.stalled_gpu_hours);
  fmt::print("{:<22} {}\n", "outputs", directory);
}

}  // namespace

int run_command(const std::vector<std::string>& args,
                std::vector<sched::SchedulerInfo> more_policies) {
  std::vector<OptionSpec> options{{"scheduler"},   {"scheduler-python"}, {"seed"},
                                  {"out"},         {"measure-jobs"},     {"measure-time"},
                                  {"trace"},       {"power-rows"},       {"check", false},
                                  {"help", false}, policy_option_spec()};
  for (OptionSpec& option : workload_option_specs()) options.push_back(std::move(option));
  const SchedulerPluginOptions plugins = take_scheduler_plugin_options(args);
  const Arguments arguments(plugins.other_args, options);
  if (arguments.has("help")) {
    print_help();
    return kExitOk;
  }
  std::string scheduler_name = arguments.value("scheduler").value_or(kDefaultScheduler);
  const unsigned long long seed = arguments.unsigned_value("seed").value_or(0);
  std::optional<PythonPolicyReference> python_policy;
  if (const auto text = arguments.value("scheduler-python")) {
    if (arguments.has("scheduler"))
      throw InputError("give --scheduler or --scheduler-python, not both");
    python_policy = python_policy_reference(*text);
    more_policies.push_back(load_python_policy(*python_policy));
    scheduler_name = more_policies.back().name;
  }
  auto registry = scheduler_registry(plugins.files);
  for (sched::SchedulerInfo& more : more_policies) {
    try {
      registry.add(std::move(more));
    } catch (const std::invalid_argument& error) {
      throw InputError(error.what());
    }
  }
  const sched::SchedulerInfo& policy = registry.find(scheduler_name);
  const sched::PolicyOptionValues policy_options = policy_option_values(arguments, policy);

  const std::optional<output::MeasureWindow> window = measure_window(arguments);
  const output::PowerRowSelection power_rows = power_row_selection(arguments);
  Inputs inputs = load_inputs(arguments.positional(), workload_read_options(arguments));
  report_read_counts(inputs.workload);
  for (const std::string& file : plugins.files) {
    inputs.files.push_back({"scheduler-plugin", file, sha256_file_hex(file)});
  }
  if (python_policy) {
    inputs.files.push_back(
        {"scheduler-python", python_policy->file, sha256_file_hex(python_policy->file)});
  }
  const std::string directory = arguments.value("out").value_or(
      fmt::format("results/runs/{}-{}-{}-seed{}", inputs.platform_stem, inputs.workload_stem,
                  scheduler_name, seed));

  output::Manifest manifest;
  manifest.umbra_version = kVersion;
  manifest.command_line = {"umbra", "run"};
  manifest.command_line.insert(manifest.command_line.end(), args.begin(), args.end());
  manifest.inputs = inputs.files;
  manifest.seed = seed;
  manifest.scheduler = scheduler_name;
  manifest.scheduler_options = policy_options.given();
  manifest.workload_read = manifest_read_counts(inputs.workload);

  auto scheduler = policy.create(sched::SchedulerOptions{seed, policy_options});
  const InterruptSignals signals;
  const std::filesystem::path folder = output::prepare_run_folder(directory);
  const std::optional<std::string> trace = arguments.value("trace");
  StreamedOutputs streamed(
      folder, power_rows,
      trace ? StreamedOutputs::KeptCopy::kForTrace : StreamedOutputs::KeptCopy::kNone);
  engine::SimulationOptions simulation = simulation_options(seed, streamed, arguments.has("check"));
  const bool on_terminal = stderr_is_terminal();
  ProgressLine line(on_terminal);
  if (on_terminal) {
    // The time left at the pace of the jobs ended so far.
    simulation.on_progress = [&line](const engine::RunProgress& progress) {
      line.update(progress_text(progress), static_cast<double>(progress.ended),
                  static_cast<double>(progress.jobs));
    };
  }
  try {
    output::RunResult result =
        engine::simulate(inputs.platform, inputs.workload, *scheduler, simulation);
    line.finish();
    streamed.finish(result);
    result.manifest = manifest;
    if (const auto stopped_at = result.totals.stopped_at) {
      const std::string_view signal = InterruptSignals::name(InterruptSignals::caught());
      result.manifest.outcome = {output::RunOutcome::Status::kInterrupted, *stopped_at,
                                 std::string(signal)};
      fmt::print(stderr, "umbra: {} at simulated time {:.3f} s: the outputs hold the run so far\n",
                 signal, *stopped_at);
    }
    result.manifest.warnings = output::run_warnings(result);
    for (const std::string& warning : result.manifest.warnings) {
      fmt::print(stderr, "umbra: warning: {}\n", warning);
    }
    const output::Summary summary = output::summarise(result, window);
    output::write_run(folder, result, summary);
    if (trace) output::write_chrome_trace(*trace, result);
    print_summary(summary, scheduler_name, directory);
  } catch (const std::exception& error) {
    mark_failed(folder, manifest, error.what());
    throw;
  }
  const int signal = InterruptSignals::caught();
  return signal == 0 ? kExitOk : InterruptSignals::exit_status(signal);
}

Subcommand run_subcommand() {
  return {"run", "simulate a workload on a platform under a scheduling policy",
          [](const std::vector<std::string>& args) { return run_command(args, {}); }};
}

}  // namespace umbra::cli
