#pragma once
// Writes a run's results into its output folder:
//   jobs.csv       one row per job (columns documented in README.md, "Outputs")
//   links.csv      one row per physical link
//   gpu_use.csv    GPUs held and computing, means over buckets of time (gpu_timeline.hpp)
//   summary.json   the metrics of output/summary.hpp
//   manifest.json  how the run ended, Umbra version, command line, SHA-256 of every input, seed,
//                  scheduler
// (power.csv, allocations.csv and link_windows.csv are written as the run goes:
// power_csv_stream.hpp, allocation_csv.hpp, link_window_csv.hpp.) Each file is written to a
// temporary name and renamed into place, and manifest.json goes last: a folder without
// manifest.json does not hold a run's results (the folder's earlier manifest is removed before
// the run starts), and its "status" says whether the run was complete, interrupted or failed.
#include <filesystem>
#include <string>

#include "sim/output/run_result.hpp"
#include "sim/output/summary.hpp"

namespace umbra::output {

inline constexpr const char* kManifestFile = "manifest.json";

std::string jobs_csv(const RunResult& result);
// One row per physical link: its windows and time up, the bytes it carried each way, and
// utilisation = bytes both ways / (2 x capacity one way over the time up).
std::string links_csv(const RunResult& result);
std::string gpu_use_csv(const RunResult& result);
std::string summary_json(const Summary& summary, const RunTotals& totals);
std::string manifest_json(const Manifest& manifest);

// Creates the output folder (and its parents) and removes its manifest.json, before the run
// writes anything there; InputError naming the folder when it cannot be created.
std::filesystem::path prepare_run_folder(const std::string& directory);

// Writes jobs.csv, links.csv, summary.json, then manifest.json into the prepared folder, which
// is not created again: a folder removed during the run is an error. Throws InputError naming
// the file that cannot be written.
void write_run(const std::filesystem::path& dir, const RunResult& result, const Summary& summary);

}  // namespace umbra::output
