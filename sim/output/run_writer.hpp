#pragma once
// Writes a run's results into its output folder:
//   jobs.csv       one row per job (columns documented in README.md, "Outputs")
//   allocations.csv   one row per job per node per stretch it held GPUs there
//   link_windows.csv  one row per window a contact link was up
//   gpu_use.csv       GPUs held and computing, means over buckets of time (gpu_timeline.hpp)
//   summary.json   the metrics of output/summary.hpp
//   manifest.json  Umbra version, command line, SHA-256 of every input, seed, scheduler
// Each file is written to a temporary name and renamed into place, and manifest.json goes
// last: a folder without manifest.json does not hold a complete run (an earlier manifest is
// removed before anything else is written).
#include <string>

#include "sim/output/run_result.hpp"
#include "sim/output/summary.hpp"

namespace umbra::output {

std::string jobs_csv(const RunResult& result);
// One row per physical link: its windows and time up, the bytes it carried each way, and
// utilisation = bytes both ways / (2 x capacity one way over the time up).
std::string links_csv(const RunResult& result);
std::string allocations_csv(const RunResult& result);
std::string link_windows_csv(const RunResult& result);
std::string gpu_use_csv(const RunResult& result);
std::string summary_json(const Summary& summary, const RunTotals& totals);
std::string manifest_json(const Manifest& manifest);

// Throws InputError (naming the folder) when it cannot be created or written.
void write_run(const std::string& directory, const RunResult& result, const Summary& summary);

}  // namespace umbra::output
