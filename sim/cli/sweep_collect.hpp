#pragma once
// `umbra sweep collect`: every cell of a sweep's output folder read back and grouped by
// (platform, workload, policy, run options); per group and per metric of summary.json (every
// number, nested keys joined by '.', as "jct.mean_s"), the statistics over its seeds.
#include <filesystem>
#include <string>
#include <vector>

#include "sim/cli/sweep_cells.hpp"
#include "sim/output/seed_statistics.hpp"
#include "sim/output/text_table.hpp"

namespace umbra::cli {

// A cell's run is complete when its folder holds manifest.json, which `umbra run` writes last,
// with the status "complete" (an interrupted or failed run's is not).
bool cell_is_complete(const std::filesystem::path& folder);

struct MetricStatistics {
  std::string metric;
  output::SeedStatistics statistics;
};

struct GroupStatistics {
  CellKey key;  // the group's labels; seed and folder are the first cell's
  std::size_t seeds = 0;
  std::vector<MetricStatistics> metrics;  // in summary.json's order
};

// A cell without a complete run: it failed (its commands left a log) or has not run.
enum class CellState { kFailed, kNotRun };

struct UnfinishedCell {
  CellKey key;
  CellState state = CellState::kNotRun;
  std::filesystem::path log;  // its stderr.txt
  std::string last_log_line;  // the last line of it that is not empty
};

struct SweepCollection {
  std::vector<GroupStatistics> groups;  // in the order of their first cell
  std::vector<UnfinishedCell> unfinished;
};

SweepCollection collect_sweep(const std::filesystem::path& out, const std::vector<CellKey>& cells);

// One row per group and metric: labels, metric, seeds, mean, sd, ci95_low, ci95_high (empty
// for one seed), numbers in their shortest exact form.
std::string collection_csv(const SweepCollection& collection);

// The headline metrics of `umbra compare`, as "mean ± half-width" (the mean alone for one
// seed), one row per group; `key_columns` are the labels the rows start with.
enum class KeyColumn { kPlatform, kWorkload, kPolicy, kRunOptions };
output::TextTable headline_table(const SweepCollection& collection,
                                 const std::vector<KeyColumn>& key_columns);

}  // namespace umbra::cli
