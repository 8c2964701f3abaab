// The cells of a sweep file: the cartesian product in its order, their labels, folders and
// commands; and the split of the cells into shares.
#include "sim/cli/sweep_cells.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "sim/cli/sweep_spec.hpp"
#include "sim/core/error.hpp"

namespace umbra::cli {
namespace {

const std::string kSource = UMBRA_SOURCE_DIR;

// 2 platforms x 3 workloads (a file, a generator at two loads) x 2 policies x 2 run option
// sets x 3 seeds = 72 cells.
const std::string kSweep =
    "name: product\n"
    "platforms:\n"
    "  - platforms/ground-two-sites.yaml\n"
    "  - {file: platforms/hybrid-ground-leo.yaml, name: hybrid}\n"
    "workloads:\n"
    "  - workloads/ground-mix.yaml\n"
    "  - generate: {jobs: 50, load: [0.5, 1.5], sizes: \"constant:8\"}\n"
    "policies:\n"
    "  - easy\n"
    "  - {policy: tiresias, options: {preemption: kill, queues: \"3250,7200\"}}\n"
    "run_options:\n"
    "  - {restart_overhead: 30 s}\n"
    "  - {name: kill-at-walltime, walltime: kill}\n"
    "seeds: [4, 5, 6]\n";

SweepSpec sweep() {
  return read_sweep_text(kSweep, "product.yaml", kSource);
}

TEST(SweepCells, ProductOfEveryAxisInOrderSeedsFastest) {
  const std::vector<SweepCell> cells = expand_cells(sweep(), "out");
  ASSERT_EQ(cells.size(), 2u * 3u * 2u * 2u * 3u);
  const std::vector<std::string> platforms = {"ground-two-sites", "hybrid"};
  const std::vector<std::string> workloads = {"ground-mix", "load0.5", "load1.5"};
  const std::vector<std::string> policies = {"easy", "tiresias+preemption=kill+queues=3250_7200"};
  const std::vector<std::string> options = {"restart_overhead=30_s", "kill-at-walltime"};
  std::size_t i = 0;
  for (const auto& platform : platforms) {
    for (const auto& workload : workloads) {
      for (const auto& policy : policies) {
        for (const auto& option : options) {
          for (const unsigned long long seed : {4ull, 5ull, 6ull}) {
            const CellKey& key = cells[i++].key;
            EXPECT_EQ(key.platform, platform);
            EXPECT_EQ(key.workload, workload);
            EXPECT_EQ(key.policy, policy);
            EXPECT_EQ(key.run_options, option);
            EXPECT_EQ(key.seed, seed);
            EXPECT_EQ(key.folder, platform + "/" + workload + "/" + policy + "/" + option +
                                      "/seed" + std::to_string(seed));
          }
        }
      }
    }
  }
}

TEST(SweepCells, FileWorkloadCellRunsOnce) {
  const std::vector<SweepCell> cells = expand_cells(sweep(), "out");
  const SweepCell& cell = cells[0];  // ground-two-sites, ground-mix, easy, 30 s, seed 4
  ASSERT_EQ(cell.commands.size(), 1u);
  const std::vector<std::string> expected = {
      "run",
      kSource + "/platforms/ground-two-sites.yaml",
      kSource + "/workloads/ground-mix.yaml",
      "--scheduler",
      "easy",
      "--seed",
      "4",
      "--out",
      "out/ground-two-sites/ground-mix/easy/restart_overhead=30_s/seed4",
      "--restart-overhead",
      "30 s"};
  EXPECT_EQ(cell.commands[0], expected);
}

TEST(SweepCells, GeneratedWorkloadCellGeneratesOnItsPlatformWithItsSeedThenRuns) {
  const std::vector<SweepCell> cells = expand_cells(sweep(), "out");
  // hybrid (second platform: 36 cells in), load1.5 (third workload: 24 more), tiresias (6
  // more), kill-at-walltime (3 more), seed 5 (1 more).
  const SweepCell& cell = cells[36 + 24 + 6 + 3 + 1];
  ASSERT_EQ(cell.key.folder,
            "hybrid/load1.5/tiresias+preemption=kill+queues=3250_7200/kill-at-walltime/seed5");
  const std::string folder = "out/" + cell.key.folder;
  const std::string platform = kSource + "/platforms/hybrid-ground-leo.yaml";
  ASSERT_EQ(cell.commands.size(), 2u);
  const std::vector<std::string> generate = {
      "workload", "generate",   "--platform", platform, "--out",  folder + "/workload.csv",
      "--sizes",  "constant:8", "--jobs",     "50",     "--load", "1.5",
      "--seed",   "5"};
  EXPECT_EQ(cell.commands[0].size(), generate.size());
  // The generator's options in any order, the load and the seed last.
  std::vector<std::string> got = cell.commands[0];
  EXPECT_EQ(std::vector<std::string>(got.begin(), got.begin() + 6),
            std::vector<std::string>(generate.begin(), generate.begin() + 6));
  EXPECT_EQ(std::vector<std::string>(got.end() - 4, got.end()),
            std::vector<std::string>(generate.end() - 4, generate.end()));
  const std::vector<std::string> run = {"run",
                                        platform,
                                        folder + "/workload.csv",
                                        "--scheduler",
                                        "tiresias",
                                        "--policy-option",
                                        "preemption=kill",
                                        "--policy-option",
                                        "queues=3250,7200",
                                        "--seed",
                                        "5",
                                        "--out",
                                        folder,
                                        "--walltime",
                                        "kill"};
  EXPECT_EQ(cell.commands[1], run);
}

TEST(SweepCells, WithoutRunOptionsTheFolderHasNoLevelForThem) {
  const SweepSpec spec = read_sweep_text(
      "platforms: [platforms/ground-two-sites.yaml]\nworkloads: [workloads/ground-mix.yaml]\n"
      "policies: [fcfs]\n",
      "plain.yaml", kSource);
  EXPECT_EQ(spec.name, "plain");
  EXPECT_EQ(spec.seeds, std::vector<unsigned long long>{0});
  const std::vector<SweepCell> cells = expand_cells(spec, "o");
  ASSERT_EQ(cells.size(), 1u);
  EXPECT_EQ(cells[0].key.folder, "ground-two-sites/ground-mix/fcfs/seed0");
}

// 72 cells in 5 shares: share I holds cells I-1, I-1+5, ...: each cell in exactly one share,
// 15, 15, 14, 14, 14 cells, the same for the same input.
TEST(SweepShards, EveryCellInExactlyOneShareRoundRobin) {
  const std::vector<SweepCell> cells = expand_cells(sweep(), "out");
  std::multiset<std::string> seen;
  const std::vector<std::size_t> sizes = {15, 15, 14, 14, 14};
  for (std::size_t index = 1; index <= 5; ++index) {
    const std::vector<SweepCell> share = shard_of(cells, {index, 5});
    EXPECT_EQ(share.size(), sizes[index - 1]);
    for (std::size_t j = 0; j < share.size(); ++j) {
      EXPECT_EQ(share[j].key.folder, cells[index - 1 + 5 * j].key.folder);
      seen.insert(share[j].key.folder);
    }
  }
  EXPECT_EQ(seen.size(), cells.size());
  for (const SweepCell& cell : cells) EXPECT_EQ(seen.count(cell.key.folder), 1u);
}

TEST(SweepShards, MoreSharesThanCellsLeaveSomeEmpty) {
  const std::vector<SweepCell> cells = expand_cells(sweep(), "out");
  EXPECT_EQ(shard_of(cells, {72, 100}).size(), 1u);
  EXPECT_TRUE(shard_of(cells, {73, 100}).empty());
}

TEST(SweepShards, ParsesIOfNAndRefusesTheRest) {
  const Shard shard = parse_shard("3/8");
  EXPECT_EQ(shard.index, 3u);
  EXPECT_EQ(shard.count, 8u);
  for (const char* bad : {"0/4", "5/4", "1", "1/", "/4", "a/4", "1/4x", "-1/4"}) {
    EXPECT_THROW(parse_shard(bad), InputError) << bad;
  }
}

}  // namespace
}  // namespace umbra::cli
