// `umbra compare [PLATFORM.yaml WORKLOAD] [--schedulers a,b,c|all] [--seed N] [--out DIR]
//                [--format table|csv|markdown] [-j N]`
// Runs `umbra run` once per policy, each in a child process (SimGrid keeps global state, so a
// process holds one simulation), N at a time, into DIR/<policy>/; reads each summary.json back
// and prints one table, in the order the policies were given (registry order for `all`).
#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "schedulers/registry.hpp"
#include "sim/cli/arguments.hpp"
#include "sim/cli/cli.hpp"
#include "sim/cli/default_scenario.hpp"
#include "sim/cli/subcommand.hpp"
#include "sim/cli/workload_options.hpp"
#include "sim/core/error.hpp"

extern char** environ;

namespace umbra::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSelfExe = "/proc/self/exe";

enum class Format { kTable, kCsv, kMarkdown };

std::size_t default_parallel_runs() {
  return std::max(1u, std::thread::hardware_concurrency());
}

void print_help() {
  fmt::print(
      "usage: umbra compare [PLATFORM.yaml WORKLOAD] [--schedulers a,b,c|all] [--seed N]\n"
      "                     [--out DIR] [--format table|csv|markdown] [-j N]\n\n"
      "Runs 'umbra run' once per scheduling policy, each in its own process (N at a time),\n"
      "into DIR/<policy>/ (its printed summary in stdout.txt, its messages in stderr.txt), and\n"
      "prints one table of the policies' metrics, read back from each summary.json. Writes the\n"
      "table as DIR/comparison.csv, and as DIR/comparison.md with --format markdown. With no\n"
      "files it compares on the default scenario\n({} with {}).\n\n"
      "  --schedulers LIST  policies, comma-separated, in the table's order, or 'all' (default:\n"
      "                     all, by name; 'umbra schedulers' lists them)\n"
      "  --seed N           seed of every run (default: 0)\n"
      "  --out DIR          output folder (default: results/compare/PLATFORM-WORKLOAD-seedN)\n"
      "  --format F         table (default), csv or markdown, on standard output\n"
      "  -j, --parallel N   runs at once (default: the number of processors, here {}); the\n"
      "                     outputs are the same bytes whatever N\n"
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

// -j N: how many runs go at once. Each run writes only its own folder and the table is read
// back in the policies' order, so N changes the wall time, never the bytes.
std::size_t parallel_runs(const Arguments& arguments) {
  const auto parallel = arguments.unsigned_value("parallel");
  if (!parallel) return default_parallel_runs();
  if (*parallel == 0) throw InputError("invalid --parallel 0: expected at least 1 run at once");
  return static_cast<std::size_t>(*parallel);
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

// ---- child processes ----

struct ChildRun {
  std::vector<std::string> args;  // after `umbra`
  fs::path stdout_file, stderr_file;
  int wait_status = -1;  // from waitpid
};

pid_t spawn(const ChildRun& run) {
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  const int output = O_WRONLY | O_CREAT | O_TRUNC;
  posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, run.stdout_file.c_str(), output, 0644);
  posix_spawn_file_actions_addopen(&files, STDERR_FILENO, run.stderr_file.c_str(), output, 0644);
  std::vector<std::string> strings{"umbra"};
  strings.insert(strings.end(), run.args.begin(), run.args.end());
  std::vector<char*> argv;
  for (std::string& arg : strings) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int error = posix_spawn(&pid, kSelfExe, &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  if (error != 0) {
    throw std::runtime_error(fmt::format("cannot start {}: {}", kSelfExe, std::strerror(error)));
  }
  return pid;
}

// Runs every child, at most `parallel` at once, and waits for all of them.
void run_all(std::vector<ChildRun>& runs, std::size_t parallel) {
  std::map<pid_t, std::size_t> running;
  std::size_t next = 0;
  while (next < runs.size() || !running.empty()) {
    while (next < runs.size() && running.size() < parallel) {
      running[spawn(runs[next])] = next;
      ++next;
    }
    int status = 0;
    pid_t pid = 0;
    do {
      pid = waitpid(-1, &status, 0);
    } while (pid < 0 && errno == EINTR);
    if (pid < 0) throw std::runtime_error(fmt::format("waitpid: {}", std::strerror(errno)));
    if (const auto found = running.find(pid); found != running.end()) {
      runs[found->second].wait_status = status;
      running.erase(found);
    }
  }
}

bool succeeded(const ChildRun& run) {
  return WIFEXITED(run.wait_status) && WEXITSTATUS(run.wait_status) == kExitOk;
}

std::string how_it_ended(int wait_status) {
  if (WIFEXITED(wait_status)) return fmt::format("exit status {}", WEXITSTATUS(wait_status));
  if (WIFSIGNALED(wait_status)) return fmt::format("killed by signal {}", WTERMSIG(wait_status));
  return "ended abnormally";
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Reports the first failed run (in table order) with its standard error, and names the others;
// returns the exit status: 2 when that run refused its input, 1 otherwise.
int report_failures(const std::vector<std::string>& policies, const std::vector<ChildRun>& runs) {
  std::vector<std::size_t> failed;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (!succeeded(runs[i])) failed.push_back(i);
  }
  const ChildRun& first = runs[failed.front()];
  std::string errors = read_text(first.stderr_file);
  if (!errors.empty() && errors.back() != '\n') errors += '\n';
  fmt::print(stderr, "umbra: error: the run of policy \"{}\" failed ({}); its standard error:\n{}",
             policies[failed.front()], how_it_ended(first.wait_status), errors);
  if (failed.size() > 1) {
    std::vector<std::string> others;
    for (std::size_t i = 1; i < failed.size(); ++i) others.push_back(policies[failed[i]]);
    fmt::print(stderr, "umbra: error: also failed: {} (each run's errors are in its stderr.txt)\n",
               fmt::join(others, ", "));
  }
  const bool bad_input =
      WIFEXITED(first.wait_status) && WEXITSTATUS(first.wait_status) == kExitBadInput;
  return bad_input ? kExitBadInput : kExitInternal;
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

// Columns two spaces apart; the policy left-aligned, the figures right-aligned.
std::string table(const std::vector<Row>& rows) {
  std::vector<std::vector<std::string>> lines{kHeaders};
  for (const Row& row : rows) lines.push_back(cells(row));
  std::vector<std::size_t> widths(kHeaders.size(), 0);
  for (const auto& line : lines) {
    for (std::size_t c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], line[c].size());
  }
  std::string text;
  for (const auto& line : lines) {
    text += fmt::format("{:<{}}", line[0], widths[0]);
    for (std::size_t c = 1; c < line.size(); ++c) {
      text += fmt::format("  {:>{}}", line[c], widths[c]);
    }
    text += '\n';
  }
  return text;
}

std::string markdown(const std::vector<Row>& rows) {
  std::string text = fmt::format("| {} |\n| --- |", fmt::join(kHeaders, " | "));
  for (std::size_t c = 1; c < kHeaders.size(); ++c) text += " ---: |";
  text += '\n';
  for (const Row& row : rows) text += fmt::format("| {} |\n", fmt::join(cells(row), " | "));
  return text;
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.flush();
  if (!out) throw InputError(SourcePosition{path.string(), 0, 0}, "cannot write the file");
}

fs::path prepare_folder(const fs::path& folder) {
  std::error_code error;
  fs::create_directories(folder, error);
  if (error || !fs::is_directory(folder)) {
    throw InputError(SourcePosition{folder.string(), 0, 0},
                     fmt::format("cannot create the output folder: {}", error.message()));
  }
  return folder;
}

int compare_main(const std::vector<std::string>& args) {
  std::vector<OptionSpec> options{{"schedulers"}, {"seed"},        {"out"},
                                  {"format"},     {"help", false}, {"parallel", true, false, 'j'}};
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
  const std::size_t parallel = parallel_runs(arguments);
  const std::string platform = files.empty() ? default_platform().path : files[0];
  const std::string workload = files.empty() ? default_workload().path : files[1];
  const fs::path out = prepare_folder(arguments.value("out").value_or(
      fmt::format("results/compare/{}-{}-seed{}", fs::path(platform).stem().string(),
                  fs::path(workload).stem().string(), seed)));
  // A folder without comparison.csv does not hold a finished comparison.
  fs::remove(out / "comparison.csv");
  fs::remove(out / "comparison.md");

  const std::vector<std::string> workload_options = passed_workload_options(arguments);
  std::vector<ChildRun> runs;
  for (const std::string& policy : policies) {
    const fs::path folder = prepare_folder(out / policy);
    ChildRun run;
    run.args = {"run"};
    run.args.insert(run.args.end(), files.begin(), files.end());
    run.args.insert(run.args.end(), {"--scheduler", policy, "--seed", std::to_string(seed), "--out",
                                     folder.string()});
    run.args.insert(run.args.end(), workload_options.begin(), workload_options.end());
    run.stdout_file = folder / "stdout.txt";
    run.stderr_file = folder / "stderr.txt";
    runs.push_back(std::move(run));
  }
  run_all(runs, parallel);
  if (!std::all_of(runs.begin(), runs.end(), succeeded)) return report_failures(policies, runs);

  std::vector<Row> rows;
  for (const std::string& policy : policies) {
    rows.push_back(read_row(policy, out / policy / "summary.json"));
  }
  write_text(out / "comparison.csv", csv(rows));
  if (format == Format::kMarkdown) write_text(out / "comparison.md", markdown(rows));
  switch (format) {
    case Format::kTable:
      fmt::print("{}", table(rows));
      break;
    case Format::kCsv:
      fmt::print("{}", csv(rows));
      break;
    case Format::kMarkdown:
      fmt::print("{}", markdown(rows));
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
