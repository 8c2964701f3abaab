#include "sim/cli/workload_options.hpp"

#include <fmt/format.h>

#include "sim/core/error.hpp"
#include "sim/core/units.hpp"

namespace umbra::cli {

std::vector<OptionSpec> workload_option_specs() {
  return {{"workload-format"},
          {"reference-gpu"},
          {"keep-failed", false},
          {"skip-bad-lines", false},
          {"restart-overhead"},
          {"restart-overhead-first", false},
          {"walltime"}};
}

std::string workload_options_help() {
  return fmt::format(
      "  --workload-format F  {}\n"
      "                       (default: recognised from the content)\n"
      "  --reference-gpu G    GPU model of the platform a trace's run times are measured on\n"
      "                       (default: the platform's first GPU model)\n"
      "  --keep-failed        keep a trace's failed, killed and cancelled jobs (dropped and\n"
      "                       counted otherwise)\n"
      "  --skip-bad-lines     skip malformed trace records with a warning instead of stopping\n"
      "  --restart-overhead T time every job without its own restart_overhead pays at each\n"
      "                       start after its first, GPUs held idle (default: 0; 30s is the\n"
      "                       other common setting)\n"
      "  --restart-overhead-first  pay it at each job's first start too, as the Pollux\n"
      "                       artifact's rescale delay is paid at every allocation\n"
      "  --walltime kill|ignore  what happens to a job still running its walltime after it\n"
      "                       started, for jobs without their own on_walltime: killed, as a\n"
      "                       batch system does, or left running (default: ignore)\n",
      fmt::join(workload::workload_format_names(), "|"));
}

workload::ReadOptions workload_read_options(const Arguments& arguments) {
  workload::ReadOptions options;
  if (const auto format = arguments.value("workload-format")) {
    options.format = workload::parse_workload_format(*format);
  }
  options.trace.reference_gpu = arguments.value("reference-gpu").value_or("");
  options.trace.keep_failed = arguments.has("keep-failed");
  options.trace.skip_bad_lines = arguments.has("skip-bad-lines");
  if (const auto overhead = arguments.value("restart-overhead")) {
    try {
      options.restart_overhead = parse_quantity(*overhead, Quantity::kTime);
    } catch (const InputError& error) {
      throw InputError(fmt::format("--restart-overhead: {}", error.message()));
    }
    if (*options.restart_overhead < 0) {
      throw InputError("--restart-overhead: expected a duration of 0 or more");
    }
  }
  if (arguments.has("restart-overhead-first")) {
    options.overhead_starts = workload::OverheadStarts::kEvery;
  }
  if (const auto at_walltime = arguments.value("walltime")) {
    options.on_walltime = workload::parse_at_walltime(*at_walltime);
    if (!options.on_walltime) {
      throw InputError(fmt::format("--walltime: expected kill or ignore, got \"{}\"", *at_walltime));
    }
  }
  return options;
}

void report_read_counts(const workload::Workload& workload) {
  for (const std::string& warning : workload.warnings) {
    fmt::print(stderr, "umbra: warning: {}\n", warning);
  }
  const workload::ReadCounts& counts = workload.counts;
  for (const std::string& message : counts.first_bad_lines) {
    fmt::print(stderr, "umbra: warning: skipped {}\n", message);
  }
  if (counts.bad_lines > 0) {
    fmt::print(stderr, "umbra: warning: {} malformed record{} skipped{}\n", counts.bad_lines,
               counts.bad_lines == 1 ? "" : "s",
               counts.bad_lines > static_cast<long long>(counts.first_bad_lines.size())
                   ? fmt::format(" ({} shown)", counts.first_bad_lines.size())
                   : "");
  }
  std::string dropped;
  for (const auto& [reason, count] : counts.dropped) {
    dropped += fmt::format("{}{} {}", dropped.empty() ? ", dropped: " : ", ", count, reason);
  }
  fmt::print("{} ({}): {} records read, {} kept{}{}\n", workload.file, workload.format,
             counts.records, counts.kept, dropped,
             counts.bad_lines > 0 ? fmt::format(", {} malformed skipped", counts.bad_lines) : "");
}

output::WorkloadReadCounts manifest_read_counts(const workload::Workload& workload) {
  output::WorkloadReadCounts counts{workload.format,
                                    workload.counts.records,
                                    workload.counts.kept,
                                    workload.counts.bad_lines,
                                    {}};
  for (const auto& [reason, count] : workload.counts.dropped)
    counts.dropped.emplace_back(reason, count);
  return counts;
}

}  // namespace umbra::cli
