#pragma once
// A sweep file (README.md, "Sweeps"): the axes whose cartesian product `umbra sweep` runs,
// platforms x workloads x policies x run options x seeds. Paths are relative to the sweep
// file's folder and are stored joined to it. Each entry of an axis has a label, unique on its
// axis, that names it in folders and tables.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace umbra::cli {

// Characters a label may hold: it becomes a folder name and a CSV cell.
inline constexpr const char* kLabelCharacters = "letters, digits and . _ + = -";

struct SweepPlatform {
  std::string label;
  std::string file;
};

// A workload is a file, or the settings of `umbra workload generate` (generated per cell, on
// the cell's platform with the cell's seed).
enum class WorkloadSource { kFile, kGenerated };

struct SweepWorkload {
  std::string label;
  WorkloadSource source = WorkloadSource::kFile;
  std::string file;  // kFile
  // kGenerated: `umbra workload generate` options ("--jobs", "200", "--load", "0.8", ...).
  std::vector<std::string> generator_args;
};

struct SweepPolicy {
  std::string label;
  std::string name;                                          // in the scheduler registry
  std::vector<std::pair<std::string, std::string>> options;  // NAME, VALUE, as given
};

// Options of `umbra run` for every cell of the set ("--restart-overhead", "30 s", ...).
struct SweepRunOptions {
  std::string label;  // empty for the one set of a sweep that gives none
  std::vector<std::string> args;
};

struct SweepSpec {
  std::string name;  // the sweep's, default the file's stem
  std::string out;   // "" when the file gives none
  std::vector<SweepPlatform> platforms;
  std::vector<SweepWorkload> workloads;
  std::vector<SweepPolicy> policies;
  std::vector<SweepRunOptions> run_options;  // at least one
  std::vector<unsigned long long> seeds;
};

// Reads a sweep file; InputError (file:line:column) for anything malformed, a policy or option
// the registry does not know, a label used twice on an axis, or a file that does not exist.
SweepSpec read_sweep_file(const std::string& path);
// `file` names the text in messages; its relative paths start at `folder`.
SweepSpec read_sweep_text(const std::string& text, const std::string& file,
                          const std::filesystem::path& folder);

}  // namespace umbra::cli
