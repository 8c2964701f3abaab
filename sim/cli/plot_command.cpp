// `umbra plot RUN_OR_SWEEP_DIR [--out DIR]`: the figures of a sweep or of a run, drawn by
// sim/cli/plot_figures.py with Debian's python3 and python3-matplotlib.
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/cli/arguments.hpp"
#include "sim/cli/cli.hpp"
#include "sim/cli/output_folder.hpp"
#include "sim/cli/plot_script.hpp"
#include "sim/cli/subcommand.hpp"
#include "sim/core/error.hpp"

extern char** environ;

namespace umbra::cli {
namespace {

namespace fs = std::filesystem;

// Debian's interpreter, which python3-matplotlib installs into.
constexpr const char* kPython = "/usr/bin/python3";

void print_help() {
  fmt::print(
      "usage: umbra plot RUN_OR_SWEEP_DIR [--out DIR]\n\n"
      "Draws the figures of a sweep's folder (after 'umbra sweep collect') or of a run's folder\n"
      "as PNG and SVG into DIR (default: RUN_OR_SWEEP_DIR/figures), with {} and\n"
      "matplotlib (Debian's python3-matplotlib):\n"
      "  a sweep  jct-vs-load  mean JCT against the offered load (or per workload) per policy,\n"
      "                        with its 95 % confidence band over seeds\n"
      "           jct-cdf      the CDF of the finished jobs' JCT per policy, seeds pooled\n"
      "           metrics      the headline metrics per workload and policy, with intervals\n"
      "  a run    gantt        every stretch of a job on a node's GPUs, preemptions,\n"
      "                        migrations and power failures and suspensions marked\n"
      "           gpus         GPUs held by jobs and GPUs computing over time\n"
      "           links        each contact link's windows, a panel per link class (when the\n"
      "                        platform has contact links)\n"
      "           power        state of charge and power of the satellites that drew the most,\n"
      "                        umbra and penumbra shaded (when the run wrote power.csv)\n",
      kPython);
}

enum class FolderKind { kSweep, kRun };

FolderKind kind_of(const fs::path& folder) {
  if (fs::exists(folder / "cells.csv")) {
    if (!fs::exists(folder / "sweep.csv")) {
      throw InputError(
          SourcePosition{(folder / "sweep.csv").string(), 0, 0},
          fmt::format("not found: run 'umbra sweep collect {}' first", folder.string()));
    }
    return FolderKind::kSweep;
  }
  if (fs::exists(folder / "manifest.json")) return FolderKind::kRun;
  throw InputError(SourcePosition{folder.string(), 0, 0},
                   "neither a sweep's folder (cells.csv) nor a complete run's (manifest.json)");
}

int plot_main(const std::vector<std::string>& args) {
  const Arguments arguments(args, {{"out"}, {"help", false}});
  if (arguments.has("help")) {
    print_help();
    return kExitOk;
  }
  if (arguments.positional().size() != 1) {
    throw InputError("give one run or sweep folder ('umbra plot --help')");
  }
  const fs::path folder = arguments.positional().front();
  const FolderKind kind = kind_of(folder);
  const fs::path out =
      create_output_folder(arguments.value("out").value_or((folder / "figures").string()));
  std::vector<std::string> strings{kPython,         "-c",
                                   plot_script(),   kind == FolderKind::kSweep ? "sweep" : "run",
                                   folder.string(), out.string()};
  std::vector<char*> argv;
  for (std::string& arg : strings) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (const int error = posix_spawn(&pid, kPython, nullptr, nullptr, argv.data(), environ)) {
    throw std::runtime_error(
        fmt::format("cannot run {}: {} (install Debian's python3 and "
                    "python3-matplotlib)",
                    kPython, std::strerror(error)));
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? kExitOk : kExitInternal;
}

}  // namespace

Subcommand plot_subcommand() {
  return {"plot", "draw the figures of a sweep or a run (PNG and SVG, with matplotlib)", plot_main};
}

}  // namespace umbra::cli
