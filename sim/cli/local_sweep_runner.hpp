#pragma once
// Runs the cells of a sweep on this machine, N at a time, each as child processes of this
// binary (child_processes.hpp). A cell whose run is complete (manifest.json) is skipped, so an
// interrupted sweep goes on where it stopped; any other cell's folder is emptied and run again.
#include <cstddef>
#include <filesystem>
#include <vector>

#include "sim/cli/sweep_cells.hpp"

namespace umbra::cli {

struct LocalSweepCounts {
  std::size_t skipped = 0, succeeded = 0, failed = 0;
};

// `show_progress`: a progress line on standard error (cells done, failed, running, skipped,
// and the wall-clock time left at the pace so far), rewritten in place; for a terminal only.
LocalSweepCounts run_cells_locally(const std::vector<SweepCell>& cells,
                                   const std::filesystem::path& out, std::size_t parallel,
                                   bool show_progress);

}  // namespace umbra::cli
