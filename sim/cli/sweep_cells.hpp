#pragma once
// The cells of a sweep: one `umbra run` per platform x workload x policy x run option set x
// seed, in that order (seeds vary fastest), each in its own folder named after its labels:
// PLATFORM/WORKLOAD/POLICY[/RUN_OPTIONS]/seedN under the sweep's output folder.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/cli/sweep_spec.hpp"

namespace umbra::cli {

// What a cell is, as the cell index (cell_index.hpp) records it.
struct CellKey {
  std::string platform, workload, policy, run_options;  // labels; run_options may be empty
  unsigned long long seed = 0;
  std::string folder;  // relative to the sweep's output folder
};

struct SweepCell {
  CellKey key;
  // The `umbra` commands of the cell, in order (arguments after `umbra`): the workload's
  // generation when it is generated, then the run.
  std::vector<std::vector<std::string>> commands;
};

// Every cell of `sweep`, writing under `out`.
std::vector<SweepCell> expand_cells(const SweepSpec& sweep, const std::filesystem::path& out);

// Share `index` (1 to count) of `cells` for --shard INDEX/COUNT: the cells whose position,
// counted from 0, is index - 1 modulo count. Every cell is in exactly one share, and the shares
// mix the axes, so they take about the same time.
struct Shard {
  std::size_t index = 1, count = 1;
};
Shard parse_shard(const std::string& text);  // "I/N"; InputError otherwise
std::vector<SweepCell> shard_of(const std::vector<SweepCell>& cells, const Shard& shard);

}  // namespace umbra::cli
