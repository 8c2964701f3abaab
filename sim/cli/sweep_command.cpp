// `umbra sweep SWEEP.yaml [--out DIR] [-j N] [--shard I/N] [--check]
//              [--slurm [--partition P] [--time T] [--array-limit K] [--tasks N]]`
// `umbra sweep collect DIR`
// The cells of a sweep file (sweep_spec.hpp, sweep_cells.hpp) run here (local_sweep_runner.hpp)
// or as a Slurm job array (slurm_submission.hpp); collect tabulates them (sweep_collect.hpp).
#include <fmt/format.h>

#include <filesystem>

#include "sim/cli/arguments.hpp"
#include "sim/cli/cell_index.hpp"
#include "sim/cli/child_processes.hpp"
#include "sim/cli/cli.hpp"
#include "sim/cli/local_sweep_runner.hpp"
#include "sim/cli/output_folder.hpp"
#include "sim/cli/progress_line.hpp"
#include "sim/cli/slurm_submission.hpp"
#include "sim/cli/subcommand.hpp"
#include "sim/cli/sweep_cells.hpp"
#include "sim/cli/sweep_collect.hpp"
#include "sim/cli/sweep_spec.hpp"
#include "sim/core/error.hpp"
#include "sim/output/atomic_file.hpp"

namespace umbra::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kStatisticsCsv = "sweep.csv";
constexpr const char* kStatisticsMarkdown = "sweep.md";

void print_help() {
  fmt::print(
      "usage: umbra sweep SWEEP.yaml [--out DIR] [-j N] [--shard I/N] [--check]\n"
      "       umbra sweep SWEEP.yaml --slurm [--partition P] [--time T] [--array-limit K]\n"
      "                              [--tasks N] [--out DIR] [--check]\n"
      "       umbra sweep collect DIR\n\n"
      "Runs every cell of a sweep file, platforms x workloads x policies x run options x seeds\n"
      "(format in README.md, 'Sweeps'), each an 'umbra run' in its own process, into\n"
      "DIR/PLATFORM/WORKLOAD/POLICY[/RUN_OPTIONS]/seedN, and lists the cells in DIR/cells.csv.\n"
      "A cell whose folder holds a complete run (manifest.json) is skipped, so a sweep run again\n"
      "goes on where it stopped. Without --shard or --slurm it then collects the results.\n\n"
      "  --out DIR          output folder (default: the file's 'out', else results/sweeps/NAME)\n"
      "  -j, --parallel N   cells at once (default: the number of processors, here {})\n"
      "  --shard I/N        run share I of N of the cells only (cells I-1, I-1+N, ...,\n"
      "                     counted from 0); share 1 writes DIR/cells.csv\n"
      "  --slurm            write DIR/sweep.sbatch, a job array whose task I runs share I of N\n"
      "                     ('--shard I/N -j 1'), submit it with sbatch and print the job id\n"
      "  --tasks N          tasks of the array (default: one per cell)\n"
      "  --check            every run verifies its invariants ('umbra run --check')\n"
      "  --partition P, --time T, --array-limit K   sbatch's --partition, --time and the\n"
      "                     number of tasks at once (--array=1-N%K)\n\n"
      "'umbra sweep collect DIR' reads every cell back and writes DIR/{} and DIR/{}: per\n"
      "platform, workload, policy and run options, the mean, standard deviation and 95 %\n"
      "confidence interval (Student's t) over seeds of each number of summary.json, and the\n"
      "number of seeds; it prints the Markdown table and lists the cells that did not finish\n"
      "with their logs (exit status 1 then).\n",
      default_parallel_runs(), kStatisticsCsv, kStatisticsMarkdown);
}

std::vector<KeyColumn> key_columns(const SweepCollection& collection) {
  std::vector<KeyColumn> columns{KeyColumn::kPlatform, KeyColumn::kWorkload, KeyColumn::kPolicy};
  const bool run_options = std::any_of(collection.groups.begin(), collection.groups.end(),
                                       [](const auto& g) { return !g.key.run_options.empty(); });
  if (run_options) columns.push_back(KeyColumn::kRunOptions);
  return columns;
}

// Writes the statistics of DIR's cells and prints their table; 1 when a cell did not finish.
int collect(const fs::path& out) {
  const SweepCollection collection = collect_sweep(out, read_cell_index(out));
  const std::string markdown =
      output::markdown_text(headline_table(collection, key_columns(collection)));
  output::write_file_atomically(out / kStatisticsCsv, collection_csv(collection));
  output::write_file_atomically(
      out / kStatisticsMarkdown,
      "Mean ± half-width of the 95 % confidence interval over seeds (Student's t); the mean "
      "alone for one seed.\n\n" +
          markdown);
  fmt::print("{}", markdown);
  for (const UnfinishedCell& cell : collection.unfinished) {
    if (cell.state == CellState::kFailed) {
      fmt::print(stderr, "umbra: cell {} failed: {} (log: {})\n", cell.key.folder,
                 cell.last_log_line, cell.log.string());
    } else {
      fmt::print(stderr, "umbra: cell {} has not run\n", cell.key.folder);
    }
  }
  if (collection.unfinished.empty()) return kExitOk;
  std::size_t complete = 0;
  for (const GroupStatistics& group : collection.groups) complete += group.seeds;
  fmt::print(stderr,
             "umbra: {} of {} cells did not finish; 'umbra sweep' on the same file and folder "
             "runs them alone\n",
             collection.unfinished.size(), collection.unfinished.size() + complete);
  return kExitInternal;
}

int submit_to_slurm(const Arguments& arguments, const fs::path& sweep_file, const fs::path& out,
                    const std::string& name, std::size_t cells) {
  SlurmArray array;
  array.umbra = fs::read_symlink("/proc/self/exe");
  array.sweep = fs::absolute(sweep_file);
  array.out = fs::absolute(out);
  array.name = name;
  array.check = arguments.has("check");
  array.tasks = cells;
  if (const auto tasks = arguments.unsigned_value("tasks")) {
    if (*tasks == 0) throw InputError("invalid --tasks 0: expected at least 1 task");
    array.tasks = std::min<std::size_t>(cells, *tasks);
  }
  array.partition = arguments.value("partition");
  array.time = arguments.value("time");
  if (const auto limit = arguments.unsigned_value("array-limit")) {
    if (*limit == 0) throw InputError("invalid --array-limit 0: expected at least 1 task at once");
    array.array_limit = static_cast<std::size_t>(*limit);
  }
  create_output_folder(out / "slurm");
  const fs::path script = out / "sweep.sbatch";
  output::write_file_atomically(script, sbatch_script(array));
  const std::string job = submit_sbatch(script);
  fmt::print("submitted job {}: {} cells in {} tasks; when it is done: umbra sweep collect {}\n",
             job, cells, array.tasks, out.string());
  return kExitOk;
}

int sweep_main(const std::vector<std::string>& args) {
  if (!args.empty() && args.front() == "collect") {
    const Arguments arguments(std::vector<std::string>(args.begin() + 1, args.end()),
                              {{"help", false}});
    if (arguments.has("help") || arguments.positional().size() != 1) {
      print_help();
      return arguments.has("help") ? kExitOk : kExitBadInput;
    }
    return collect(arguments.positional().front());
  }
  const Arguments arguments(args, {{"out"},
                                   {"parallel", true, false, 'j'},
                                   {"shard"},
                                   {"slurm", false},
                                   {"tasks"},
                                   {"partition"},
                                   {"time"},
                                   {"array-limit"},
                                   {"check", false},
                                   {"help", false}});
  if (arguments.has("help")) {
    print_help();
    return kExitOk;
  }
  if (arguments.positional().size() != 1) {
    throw InputError("give one sweep file ('umbra sweep --help')");
  }
  const bool slurm = arguments.has("slurm");
  for (const char* option : {"tasks", "partition", "time", "array-limit"}) {
    if (!slurm && arguments.has(option)) {
      throw InputError(fmt::format("--{} is an option of --slurm", option));
    }
  }
  if (slurm && arguments.has("shard")) throw InputError("give --slurm or --shard, not both");
  const fs::path sweep_file = arguments.positional().front();
  const SweepSpec sweep = read_sweep_file(sweep_file.string());
  const std::size_t parallel = parallel_runs(arguments);
  const fs::path out = create_output_folder(arguments.value("out").value_or(
      sweep.out.empty() ? "results/sweeps/" + sweep.name : sweep.out));
  std::vector<SweepCell> cells = expand_cells(sweep, out);
  if (arguments.has("check")) {
    for (SweepCell& cell : cells) cell.commands.back().push_back("--check");  // the run
  }
  const Shard shard = parse_shard(arguments.value("shard").value_or("1/1"));
  // One writer of the index: the shares of a sweep may run at the same time.
  if (shard.index == 1) write_cell_index(out, cells);
  if (slurm) return submit_to_slurm(arguments, sweep_file, out, sweep.name, cells.size());

  const LocalSweepCounts counts =
      run_cells_locally(shard_of(cells, shard), out, parallel, stderr_is_terminal());
  fmt::print(stderr, "sweep: {} cells run, {} failed, {} already complete\n", counts.succeeded,
             counts.failed, counts.skipped);
  if (arguments.has("shard")) return counts.failed == 0 ? kExitOk : kExitInternal;
  return collect(out);
}

}  // namespace

Subcommand sweep_subcommand() {
  return {"sweep", "run a sweep of runs (platforms x workloads x policies x seeds), or collect it",
          sweep_main};
}

}  // namespace umbra::cli
