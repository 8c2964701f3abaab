#include "sim/cli/local_sweep_runner.hpp"

#include <fmt/format.h>

#include <chrono>

#include "sim/cli/child_processes.hpp"
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
  // For the terminal only (never in a file): the wall-clock time left, at the pace so far.
  const auto started = std::chrono::steady_clock::now();
  const auto progress = [&](const ChainProgress& p) {
    const std::size_t ended = p.done + p.failed;
    std::string left;
    if (ended > 0 && ended < p.total) {
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
      left = fmt::format(", about {:.0f} s left", elapsed.count() / static_cast<double>(ended) *
                                                      static_cast<double>(p.total - ended));
    }
    fmt::print(stderr, "\rsweep: {} of {} cells done, {} failed, {} running, {} skipped{}\033[K",
               p.done, p.total, p.failed, p.running, counts.skipped, left);
  };
  run_chains(chains, parallel,
             show_progress ? progress : std::function<void(const ChainProgress&)>{});
  if (show_progress) fmt::print(stderr, "\n");
  for (const ChildChain& chain : chains) ++(succeeded(chain) ? counts.succeeded : counts.failed);
  return counts;
}

}  // namespace umbra::cli
