// `umbra compare [PLATFORM.yaml WORKLOAD] [--schedulers a,b,c|all] [--seed N] [--seeds K]
//                [--out DIR] [--format table|csv|markdown] [-j N] [--check]`
// A sweep of one platform and one workload: `umbra run` once per policy and seed, each in a
// child process (child_processes.hpp), N at a time, into DIR/<policy>/ (DIR/<policy>/seedS for
// several seeds); reads each summary.json back and prints one table, in the order the policies
// were given (registry order for `all`): one seed's figures, or their statistics over the seeds
// as `umbra sweep collect` computes them.
#include <fmt/format.h>
#include <sys/wait.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "schedulers/registry.hpp"
#include "sim/cli/arguments.hpp"
#include "sim/cli/child_processes.hpp"
#include "sim/cli/cli.hpp"
#include "sim/cli/default_scenario.hpp"
#include "sim/cli/output_folder.hpp"
#include "sim/cli/subcommand.hpp"
#include "sim/cli/sweep_collect.hpp"
#include "sim/cli/workload_options.hpp"
#include "sim/core/error.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/text_table.hpp"

namespace umbra::cli {
namespace {

namespace fs = std::filesystem;

enum class Format { kTable, kCsv, kMarkdown };

void print_help() {
  fmt::print(
      "usage: umbra compare [PLATFORM.yaml WORKLOAD] [--schedulers a,b,c|all] [--seed N]\n"
      "                     [--seeds K] [--out DIR] [--format table|csv|markdown] [-j N]\n"
      "                     [--check]\n\n"
      "Runs 'umbra run' once per scheduling policy, each in its own process (N at a time),\n"
      "into DIR/<policy>/ (its printed summary in stdout.txt, its messages in stderr.txt), and\n"
      "prints one table of the policies' metrics, read back from each summary.json. Writes the\n"
      "table as DIR/comparison.csv, and as DIR/comparison.md with --format markdown. With no\n"
      "files it compares on the default scenario\n({} with {}).\n"
      "With --seeds K, each policy runs with seeds N to N+K-1 into DIR/<policy>/seedS, and the\n"
      "table gives the mean and the 95 % confidence interval over the seeds (as 'umbra sweep\n"
      "collect'; the CSV holds every number of summary.json).\n\n"
      "  --schedulers LIST  policies, comma-separated, in the table's order, or 'all' (default:\n"
      "                     all, by name; 'umbra schedulers' lists them)\n"
      "  --seed N           seed of every run, or the first (default: 0)\n"
      "  --seeds K          seeds per policy (default: 1)\n"
      "  --out DIR          output folder (default: results/compare/PLATFORM-WORKLOAD-seedN)\n"
      "  --format F         table (default), csv or markdown, on standard output\n"
      "  -j, --parallel N   runs at once (default: the number of processors, here {}); the\n"
      "                     outputs are the same bytes whatever N\n"
      "  --check            every run verifies its invariants ('umbra run --check')\n"
      "Workload options, passed to every run:\n{}",
      default_platform().path, default_workload().path, default_parallel_runs(),
      workload_options_help());
}

Format parse_format(const std::string& name) {
  if (name == "table") return Format::kTable;
  if (name == "csv") return Format::kCsv;
  if (name == "markdown") return Format::kMarkdown;
  throw InputError(fmt::format("invalid --format \"{}\": expected table, csv or markdown", name));
}

// The policies of --schedulers, each checked against the registry (with a did-you-mean).
std::vector<std::string> policy_names(const Arguments& arguments) {
  const auto registry = sched::SchedulerRegistry::with_builtins();
  const std::string list = arguments.value("schedulers").value_or("all");
  std::vector<std::string> names;
  if (list == "all") {
    for (const auto& policy : registry.all()) names.push_back(policy.name);
    return names;
  }
  std::stringstream items(list);
  for (std::string item; std::getline(items, item, ',');) {
    const auto first = item.find_first_not_of(' ');
    const auto last = item.find_last_not_of(' ');
    const std::string name = first == std::string::npos ? "" : item.substr(first, last - first + 1);
    if (name.empty()) {
      throw InputError(fmt::format("invalid --schedulers \"{}\": empty name", list));
    }
    registry.find(name);  // throws InputError with the closest known name
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      throw InputError(fmt::format("invalid --schedulers \"{}\": \"{}\" given twice", list, name));
    }
    names.push_back(name);
  }
  if (names.empty()) throw InputError("--schedulers names no policy");
  return names;
}

// The workload options given to compare, as `umbra run` takes them.
std::vector<std::string> passed_workload_options(const Arguments& arguments) {
  std::vector<std::string> args;
  for (const OptionSpec& option : workload_option_specs()) {
    if (!arguments.has(option.name)) continue;
    args.push_back("--" + option.name);
    if (option.takes_value) args.push_back(*arguments.value(option.name));
  }
  return args;
}

// One run of the comparison, and how messages name it.
struct PolicyRun {
  std::string policy;
  unsigned long long seed = 0;
  std::string folder;     // relative to the comparison's folder
  std::string seed_note;  // in messages after the policy: " seed S" for several seeds
};

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Reports the first failed run (in table order) with its standard error, and names the others;
// returns the exit status: that run's when it refused its input (2) or found an invariant
// violated (3), else 1.
int report_failures(const std::vector<PolicyRun>& runs, const std::vector<ChildChain>& chains) {
  std::vector<std::size_t> failed;
  for (std::size_t i = 0; i < chains.size(); ++i) {
    if (!succeeded(chains[i])) failed.push_back(i);
  }
  const ChildChain& first = chains[failed.front()];
  std::string errors = read_text(first.commands.front().stderr_file);
  if (!errors.empty() && errors.back() != '\n') errors += '\n';
  const PolicyRun& run = runs[failed.front()];
  fmt::print(stderr,
             "umbra: error: the run of policy \"{}\"{} failed ({}); its standard error:\n{}",
             run.policy, run.seed_note, how_it_ended(first.wait_status), errors);
  if (failed.size() > 1) {
    std::vector<std::string> others;
    for (std::size_t i = 1; i < failed.size(); ++i)
      others.push_back(runs[failed[i]].policy + runs[failed[i]].seed_note);
    fmt::print(stderr, "umbra: error: also failed: {} (each run's errors are in its stderr.txt)\n",
               fmt::join(others, ", "));
  }
  const int status = WIFEXITED(first.wait_status) ? WEXITSTATUS(first.wait_status) : kExitInternal;
  return status == kExitBadInput || status == kExitInvariantViolated ? status : kExitInternal;
}

// ---- the table ----

// One policy's figures, as its summary.json holds them.
struct Row {
  std::string policy;
  long long jobs = 0, jobs_finished = 0, jobs_lost = 0, preemptions = 0, power_failures = 0;
  long long migrations = 0;
  double jct_mean_s = 0, jct_p99_s = 0, makespan_s = 0, gpu_utilisation = 0;
  double energy_j = 0, energy_kwh_per_useful_gpu_hour = 0, max_rho = 0, lost_gpu_hours = 0;
};

template <class T>
T field(const YAML::Node& summary, const fs::path& file, const std::string& key,
        const std::string& inner = "") {
  try {
    const YAML::Node node = inner.empty() ? summary[key] : summary[key][inner];
    return node.as<T>();
  } catch (const YAML::Exception&) {
    throw std::runtime_error(fmt::format("{}: no number at \"{}{}{}\"", file.string(), key,
                                         inner.empty() ? "" : ".", inner));
  }
}

Row read_row(const std::string& policy, const fs::path& file) {
  YAML::Node summary;
  try {
    summary = YAML::LoadFile(file.string());
  } catch (const YAML::Exception& error) {
    throw std::runtime_error(fmt::format("{}: cannot read: {}", file.string(), error.what()));
  }
  Row row;
  row.policy = policy;
  row.jobs = field<long long>(summary, file, "jobs");
  row.jobs_finished = field<long long>(summary, file, "jobs_finished");
  row.jobs_lost = field<long long>(summary, file, "jobs_lost");
  row.preemptions = field<long long>(summary, file, "preemptions");
  row.power_failures = field<long long>(summary, file, "power_failures");
  row.migrations = field<long long>(summary, file, "migrations");
  row.lost_gpu_hours = field<double>(summary, file, "lost_gpu_hours");
  row.jct_mean_s = field<double>(summary, file, "jct", "mean_s");
  row.jct_p99_s = field<double>(summary, file, "jct", "p99_s");
  row.makespan_s = field<double>(summary, file, "makespan_s");
  row.gpu_utilisation = field<double>(summary, file, "gpu_utilisation");
  row.energy_j = field<double>(summary, file, "energy_j");
  row.energy_kwh_per_useful_gpu_hour =
      field<double>(summary, file, "energy_kwh_per_useful_gpu_hour");
  row.max_rho = field<double>(summary, file, "finish_time_fairness", "max");
  return row;
}

// CSV: the figures exactly as summary.json holds them (seconds, shortest round-trip form).
std::string csv(const std::vector<Row>& rows) {
  std::string text =
      "policy,jobs,jobs_finished,jct_mean_s,jct_p99_s,makespan_s,gpu_utilisation,"
      "energy_j,energy_kwh_per_useful_gpu_hour,max_rho,preemptions,power_failures,migrations,"
      "lost_gpu_hours,jobs_lost\n";
  for (const Row& r : rows) {
    text += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", r.policy, r.jobs,
                        r.jobs_finished, r.jct_mean_s, r.jct_p99_s, r.makespan_s, r.gpu_utilisation,
                        r.energy_j, r.energy_kwh_per_useful_gpu_hour, r.max_rho, r.preemptions,
                        r.power_failures, r.migrations, r.lost_gpu_hours, r.jobs_lost);
  }
  return text;
}

// The human-readable cells: times in hours, utilisation in percent, energy in kWh.
const std::vector<std::string> kHeaders = {
    "policy",         "jobs finished", "mean JCT (h)",     "p99 JCT (h)", "makespan (h)",
    "GPU util.",      "energy (kWh)",  "kWh/useful GPU-h", "max rho",     "preemptions",
    "power failures", "migrations",    "GPU-h lost",       "jobs lost"};

std::vector<std::string> cells(const Row& r) {
  const auto hours = [](double seconds) { return fmt::format("{:.2f}", seconds / 3600.0); };
  return {r.policy,
          fmt::format("{} of {}", r.jobs_finished, r.jobs),
          hours(r.jct_mean_s),
          hours(r.jct_p99_s),
          hours(r.makespan_s),
          fmt::format("{:.1f} %", 100.0 * r.gpu_utilisation),
          fmt::format("{:.1f}", r.energy_j / 3.6e6),
          fmt::format("{:.3f}", r.energy_kwh_per_useful_gpu_hour),
          fmt::format("{:.2f}", r.max_rho),
          fmt::format("{}", r.preemptions),
          fmt::format("{}", r.power_failures),
          fmt::format("{}", r.migrations),
          fmt::format("{:.2f}", r.lost_gpu_hours),
          fmt::format("{}", r.jobs_lost)};
}

// The table and the CSV of one seed: the figures of each policy.
std::pair<output::TextTable, std::string> one_seed_results(const std::vector<PolicyRun>& runs,
                                                           const fs::path& out) {
  std::vector<Row> rows;
  output::TextTable table{kHeaders, {}};
  for (const PolicyRun& run : runs) {
    rows.push_back(read_row(run.policy, out / run.folder / "summary.json"));
    table.rows.push_back(cells(rows.back()));
  }
  return {table, csv(rows)};
}

// The table and the CSV of several seeds: the statistics of each policy over them.
std::pair<output::TextTable, std::string> seed_statistics_results(
    const std::vector<PolicyRun>& runs, const fs::path& out, const std::string& platform,
    const std::string& workload) {
  std::vector<CellKey> cells;
  for (const PolicyRun& run : runs) {
    cells.push_back({platform, workload, run.policy, "", run.seed, run.folder});
  }
  const SweepCollection collection = collect_sweep(out, cells);
  return {headline_table(collection, {KeyColumn::kPolicy}), collection_csv(collection)};
}

int compare_main(const std::vector<std::string>& args) {
  std::vector<OptionSpec> options{{"schedulers"},
                                  {"seed"},
                                  {"seeds"},
                                  {"out"},
                                  {"format"},
                                  {"check", false},
                                  {"help", false},
                                  {"parallel", true, false, 'j'}};
  for (OptionSpec& option : workload_option_specs()) options.push_back(std::move(option));
  const Arguments arguments(args, options);
  if (arguments.has("help")) {
    print_help();
    return kExitOk;
  }
  const std::vector<std::string>& files = arguments.positional();
  if (!files.empty() && files.size() != 2) {
    throw InputError(
        "give a platform file and a workload file, or neither for the default scenario "
        "('umbra compare --help')");
  }
  const Format format = parse_format(arguments.value("format").value_or("table"));
  const std::vector<std::string> policies = policy_names(arguments);
  const unsigned long long seed = arguments.unsigned_value("seed").value_or(0);
  const unsigned long long seeds = arguments.unsigned_value("seeds").value_or(1);
  if (seeds == 0) throw InputError("invalid --seeds 0: expected at least 1 seed");
  const std::size_t parallel = parallel_runs(arguments);
  const std::string platform = fs::path(files.empty() ? default_platform().path : files[0]).stem();
  const std::string workload = fs::path(files.empty() ? default_workload().path : files[1]).stem();
  const fs::path out = create_output_folder(arguments.value("out").value_or(
      fmt::format("results/compare/{}-{}-seed{}", platform, workload, seed)));
  // A folder without comparison.csv does not hold a finished comparison.
  fs::remove(out / "comparison.csv");
  fs::remove(out / "comparison.md");

  const std::vector<std::string> workload_options = passed_workload_options(arguments);
  std::vector<PolicyRun> runs;
  std::vector<ChildChain> chains;
  for (const std::string& policy : policies) {
    for (unsigned long long s = seed; s < seed + seeds; ++s) {
      PolicyRun run{policy, s, policy, ""};
      if (seeds > 1) {
        run.folder = (fs::path(policy) / fmt::format("seed{}", s)).string();
        run.seed_note = fmt::format(" seed {}", s);
      }
      const fs::path folder = create_output_folder(out / run.folder);
      std::vector<std::string> command{"run"};
      command.insert(command.end(), files.begin(), files.end());
      command.insert(command.end(), {"--scheduler", policy, "--seed", std::to_string(s), "--out",
                                     folder.string()});
      command.insert(command.end(), workload_options.begin(), workload_options.end());
      if (arguments.has("check")) command.push_back("--check");
      fs::remove(folder / "stdout.txt");
      fs::remove(folder / "stderr.txt");
      chains.push_back({{{command, folder / "stdout.txt", folder / "stderr.txt"}}});
      runs.push_back(std::move(run));
    }
  }
  run_chains(chains, parallel);
  if (!std::all_of(chains.begin(), chains.end(),
                   [](const ChildChain& c) { return succeeded(c); })) {
    return report_failures(runs, chains);
  }

  const auto [table, csv_text] = seeds == 1
                                     ? one_seed_results(runs, out)
                                     : seed_statistics_results(runs, out, platform, workload);
  output::write_file_atomically(out / "comparison.csv", csv_text);
  if (format == Format::kMarkdown) {
    output::write_file_atomically(out / "comparison.md", output::markdown_text(table));
  }
  switch (format) {
    case Format::kTable:
      fmt::print("{}", output::aligned_text(table));
      break;
    case Format::kCsv:
      fmt::print("{}", csv_text);
      break;
    case Format::kMarkdown:
      fmt::print("{}", output::markdown_text(table));
      break;
  }
  return kExitOk;
}

}  // namespace

Subcommand compare_subcommand() {
  return {"compare", "run a workload under several policies and tabulate their metrics",
          compare_main};
}

}  // namespace umbra::cli
