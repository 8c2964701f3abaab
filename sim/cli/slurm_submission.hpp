#pragma once
// A sweep as a Slurm job array: an sbatch script whose task I of N runs share I/N of the cells
// (`umbra sweep SWEEP --shard I/N -j 1`), submitted with `sbatch --parsable`.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace umbra::cli {

struct SlurmArray {
  std::filesystem::path umbra;  // this binary
  std::filesystem::path sweep;  // the sweep file
  std::filesystem::path out;    // the sweep's output folder
  std::string name;             // the sweep's
  std::size_t tasks = 1;
  std::optional<std::string> partition, time;  // --partition, --time
  std::optional<std::size_t> array_limit;      // tasks at once (--array=1-N%K)
  bool check = false;                          // every run with --check
};

// The sbatch script; every path absolute, so that it runs from any folder.
std::string sbatch_script(const SlurmArray& array);

// Runs `sbatch --parsable SCRIPT` and returns the job id it prints; std::runtime_error with
// sbatch's message when it fails.
std::string submit_sbatch(const std::filesystem::path& script);

}  // namespace umbra::cli
