#include "sim/cli/local_sweep_runner.hpp"

#include <fmt/format.h>

#include "sim/cli/child_processes.hpp"
#include "sim/cli/progress_line.hpp"
#include "sim/cli/sweep_collect.hpp"
#include "sim/core/error.hpp"

namespace umbra::cli {
namespace {

namespace fs = std::filesystem;

// The cell's folder, emptied of an earlier incomplete attempt.
void prepare_cell_folder(const fs::path& folder) {
  std::error_code error;
  fs::remove_all(folder, error);
  fs::create_directories(folder, error);
  if (error || !fs::is_directory(folder)) {
    throw InputError(SourcePosition{folder.string(), 0, 0},
                     fmt::format("cannot create the cell's folder: {}", error.message()));
  }
}

}  // namespace

LocalSweepCounts run_cells_locally(const std::vector<SweepCell>& cells, const fs::path& out,
                                   std::size_t parallel, bool show_progress) {
  LocalSweepCounts counts;
  std::vector<ChildChain> chains;
  for (const SweepCell& cell : cells) {
    const fs::path folder = out / cell.key.folder;
    if (cell_is_complete(folder)) {
      ++counts.skipped;
      continue;
    }
    prepare_cell_folder(folder);
    ChildChain chain;
    for (const std::vector<std::string>& args : cell.commands) {
      chain.commands.push_back({args, folder / "stdout.txt", folder / "stderr.txt"});
    }
    chains.push_back(std::move(chain));
  }
  ProgressLine line(show_progress);
  const auto progress = [&](const ChainProgress& p) {
    line.update(fmt::format("sweep: {} of {} cells done, {} failed, {} running, {} skipped", p.done,
                            p.total, p.failed, p.running, counts.skipped),
                static_cast<double>(p.done + p.failed), static_cast<double>(p.total));
  };
  run_chains(chains, parallel,
             show_progress ? progress : std::function<void(const ChainProgress&)>{});
  line.finish();
  for (const ChildChain& chain : chains) ++(succeeded(chain) ? counts.succeeded : counts.failed);
  return counts;
}

}  // namespace umbra::cli
