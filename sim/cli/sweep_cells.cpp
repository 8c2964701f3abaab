#include "sim/cli/sweep_cells.hpp"

#include <fmt/format.h>

#include <charconv>

#include "sim/core/error.hpp"

namespace umbra::cli {
namespace {

namespace fs = std::filesystem;

std::string folder_of(const CellKey& key) {
  fs::path folder = fs::path(key.platform) / key.workload / key.policy;
  if (!key.run_options.empty()) folder /= key.run_options;
  return (folder / fmt::format("seed{}", key.seed)).string();
}

std::vector<std::string> run_command(const SweepPolicy& policy, const SweepRunOptions& options,
                                     const std::string& platform, const std::string& workload,
                                     unsigned long long seed, const fs::path& folder) {
  std::vector<std::string> args{"run", platform, workload, "--scheduler", policy.name};
  for (const auto& [name, value] : policy.options) {
    args.insert(args.end(), {"--policy-option", name + "=" + value});
  }
  args.insert(args.end(), {"--seed", std::to_string(seed), "--out", folder.string()});
  args.insert(args.end(), options.args.begin(), options.args.end());
  return args;
}

}  // namespace

std::vector<SweepCell> expand_cells(const SweepSpec& sweep, const fs::path& out) {
  std::vector<SweepCell> cells;
  for (const SweepPlatform& platform : sweep.platforms) {
    for (const SweepWorkload& workload : sweep.workloads) {
      for (const SweepPolicy& policy : sweep.policies) {
        for (const SweepRunOptions& options : sweep.run_options) {
          for (const unsigned long long seed : sweep.seeds) {
            SweepCell cell;
            cell.key = {platform.label, workload.label, policy.label, options.label, seed, ""};
            cell.key.folder = folder_of(cell.key);
            const fs::path folder = out / cell.key.folder;
            std::string workload_file = workload.file;
            if (workload.source == WorkloadSource::kGenerated) {
              workload_file = (folder / "workload.csv").string();
              std::vector<std::string> generate{"workload",    "generate", "--platform",
                                                platform.file, "--out",    workload_file};
              generate.insert(generate.end(), workload.generator_args.begin(),
                              workload.generator_args.end());
              generate.insert(generate.end(), {"--seed", std::to_string(seed)});
              cell.commands.push_back(std::move(generate));
            }
            cell.commands.push_back(
                run_command(policy, options, platform.file, workload_file, seed, folder));
            cells.push_back(std::move(cell));
          }
        }
      }
    }
  }
  return cells;
}

Shard parse_shard(const std::string& text) {
  const auto bad = [&] {
    return InputError(
        fmt::format("invalid --shard \"{}\": expected I/N, share I of N, with 1 <= I <= N", text));
  };
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) throw bad();
  Shard shard;
  const char* end = text.data() + text.size();
  const auto index = std::from_chars(text.data(), text.data() + slash, shard.index);
  const auto count = std::from_chars(text.data() + slash + 1, end, shard.count);
  if (index.ec != std::errc{} || index.ptr != text.data() + slash || count.ec != std::errc{} ||
      count.ptr != end || shard.index < 1 || shard.index > shard.count) {
    throw bad();
  }
  return shard;
}

std::vector<SweepCell> shard_of(const std::vector<SweepCell>& cells, const Shard& shard) {
  std::vector<SweepCell> share;
  for (std::size_t i = shard.index - 1; i < cells.size(); i += shard.count) {
    share.push_back(cells[i]);
  }
  return share;
}

}  // namespace umbra::cli
