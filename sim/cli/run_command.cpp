// `umbra run [PLATFORM.yaml WORKLOAD] [--scheduler NAME] [--seed N] [--out DIR]`
#include <fmt/format.h>

#include <filesystem>

#include "schedulers/registry.hpp"
#include "sim/cli/arguments.hpp"
#include "sim/cli/cli.hpp"
#include "sim/cli/default_scenario.hpp"
#include "sim/cli/subcommand.hpp"
#include "sim/core/error.hpp"
#include "sim/core/sha256.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/output/run_writer.hpp"
#include "sim/spec/platform_reader.hpp"
#include "sim/workload/native_reader.hpp"
#include "umbra/version.hpp"

namespace umbra::cli {
namespace {

constexpr const char* kDefaultScheduler = "easy";

void print_help() {
  fmt::print(
      "usage: umbra run [PLATFORM.yaml WORKLOAD] [--scheduler NAME] [--seed N] [--out DIR]\n\n"
      "Simulates a workload of training jobs on a platform under one scheduling policy, writes\n"
      "jobs.csv, summary.json and manifest.json into the output folder and prints a summary.\n"
      "With no files it runs the default scenario ({} with {}).\n\n"
      "  --scheduler NAME  policy to use (default: {}; 'umbra schedulers' lists them)\n"
      "  --seed N          seed of the run's random numbers (default: 0)\n"
      "  --out DIR         output folder (default: "
      "results/runs/PLATFORM-WORKLOAD-SCHEDULER-seedN)\n",
      default_platform().path, default_workload().path, kDefaultScheduler);
}

std::string stem(const std::string& path) {
  return std::filesystem::path(path).stem().string();
}

// A loaded input: its parsed form, where it came from, and the hash of its bytes.
struct Inputs {
  spec::PlatformSpec platform;
  workload::Workload workload;
  std::vector<output::InputFile> files;
};

Inputs load_inputs(const std::vector<std::string>& positional) {
  Inputs inputs;
  if (positional.empty()) {
    const EmbeddedFile platform = default_platform();
    const EmbeddedFile workload = default_workload();
    inputs.platform = spec::read_platform_text(platform.text, platform.path);
    inputs.workload = workload::read_workload_text(workload.text, workload.path, inputs.platform);
    inputs.files = {
        {"platform", std::string(platform.path) + " (embedded)", sha256_hex(platform.text)},
        {"workload", std::string(workload.path) + " (embedded)", sha256_hex(workload.text)}};
    return inputs;
  }
  if (positional.size() != 2) {
    throw InputError(
        "give a platform file and a workload file, or neither for the default scenario "
        "('umbra run --help')");
  }
  inputs.platform = spec::read_platform_file(positional[0]);
  inputs.workload = workload::read_workload_file(positional[1], inputs.platform);
  inputs.files = {{"platform", positional[0], sha256_file_hex(positional[0])},
                  {"workload", positional[1], sha256_file_hex(positional[1])}};
  return inputs;
}

void print_summary(const output::Summary& summary, const std::string& scheduler,
                   const std::string& directory) {
  const auto hours = [](double seconds) { return fmt::format("{:.2f} h", seconds / 3600.0); };
  fmt::print("{:<22} {}\n", "scheduler", scheduler);
  fmt::print("{:<22} {} of {}\n", "jobs finished", summary.jobs_finished, summary.jobs_total);
  fmt::print("{:<22} {} / {} / {}\n", "JCT mean/median/p99", hours(summary.jct.mean),
             hours(summary.jct.median), hours(summary.jct.p99));
  fmt::print("{:<22} {} / {} / {}\n", "wait mean/median/p99", hours(summary.wait.mean),
             hours(summary.wait.median), hours(summary.wait.p99));
  fmt::print("{:<22} {}\n", "makespan", hours(summary.makespan));
  fmt::print("{:<22} {:.1f} %\n", "GPU utilisation", 100.0 * summary.gpu_utilisation);
  fmt::print("{:<22} {:.3f} MWh\n", "GPU energy", summary.energy_joules / 3.6e9);
  fmt::print("{:<22} {} ({:.2f} GPU-h lost)\n", "preemptions", summary.preemptions,
             summary.lost_gpu_hours);
  fmt::print("{:<22} {}\n", "outputs", directory);
}

int run_main(const std::vector<std::string>& args) {
  const Arguments arguments(args, {{"scheduler"}, {"seed"}, {"out"}, {"help", false}});
  if (arguments.has("help")) {
    print_help();
    return kExitOk;
  }
  const std::string scheduler_name = arguments.value("scheduler").value_or(kDefaultScheduler);
  const unsigned long long seed = arguments.unsigned_value("seed").value_or(0);
  const auto registry = sched::SchedulerRegistry::with_builtins();
  const sched::SchedulerInfo& policy = registry.find(scheduler_name);

  Inputs inputs = load_inputs(arguments.positional());
  const std::string directory = arguments.value("out").value_or(fmt::format(
      "results/runs/{}-{}-{}-seed{}",
      stem(inputs.files[0].path.substr(0, inputs.files[0].path.find(' '))),
      stem(inputs.files[1].path.substr(0, inputs.files[1].path.find(' '))), scheduler_name, seed));

  auto scheduler = policy.create(sched::SchedulerOptions{seed});
  output::RunResult result = engine::simulate(inputs.platform, inputs.workload, *scheduler,
                                              engine::SimulationOptions{seed});
  result.manifest = {kVersion, {}, inputs.files, seed, scheduler_name};
  result.manifest.command_line.push_back("umbra");
  result.manifest.command_line.push_back("run");
  result.manifest.command_line.insert(result.manifest.command_line.end(), args.begin(), args.end());

  const output::Summary summary = output::summarise(result);
  output::write_run(directory, result, summary);
  print_summary(summary, scheduler_name, directory);
  return kExitOk;
}

}  // namespace

Subcommand run_subcommand() {
  return {"run", "simulate a workload on a platform under a scheduling policy", run_main};
}

}  // namespace umbra::cli
