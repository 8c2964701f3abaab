#include "sim/cli/sweep_collect.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <stdexcept>

namespace umbra::cli {
namespace {

namespace fs = std::filesystem;

// A cell's numbers, "jct.mean_s" -> value, in summary.json's order (lists, such as the sites,
// are left out: their entries differ between platforms).
using Metrics = std::vector<std::pair<std::string, double>>;

void flatten(const YAML::Node& node, const std::string& prefix, Metrics& metrics) {
  for (const auto& item : node) {
    const std::string key = prefix + item.first.Scalar();
    if (item.second.IsMap()) {
      flatten(item.second, key + ".", metrics);
    } else if (item.second.IsScalar()) {
      const std::string& text = item.second.Scalar();
      double value = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (error == std::errc{} && end == text.data() + text.size())
        metrics.emplace_back(key, value);
    }
  }
}

Metrics read_metrics(const fs::path& summary) {
  try {
    Metrics metrics;
    flatten(YAML::LoadFile(summary.string()), "", metrics);
    return metrics;
  } catch (const YAML::Exception& error) {
    throw std::runtime_error(fmt::format("{}: cannot read: {}", summary.string(), error.what()));
  }
}

std::string last_line(const fs::path& log) {
  std::ifstream in(log, std::ios::binary);
  std::string line, last;
  while (std::getline(in, line)) {
    if (!line.empty()) last = line;
  }
  return last;
}

bool same_group(const CellKey& a, const CellKey& b) {
  return a.platform == b.platform && a.workload == b.workload && a.policy == b.policy &&
         a.run_options == b.run_options;
}

struct Headline {
  const char* header;
  const char* metric;
  double scale;  // from the summary's unit to the column's
  int decimals;
};

const std::vector<Headline> kHeadlines = {
    {"jobs finished", "jobs_finished", 1, 1},
    {"mean JCT (h)", "jct.mean_s", 1 / 3600.0, 2},
    {"p99 JCT (h)", "jct.p99_s", 1 / 3600.0, 2},
    {"makespan (h)", "makespan_s", 1 / 3600.0, 2},
    {"GPU util. (%)", "gpu_utilisation", 100, 1},
    {"energy (kWh)", "energy_j", 1 / 3.6e6, 1},
    {"kWh/useful GPU-h", "energy_kwh_per_useful_gpu_hour", 1, 3},
    {"max rho", "finish_time_fairness.max", 1, 2},
    {"preemptions", "preemptions", 1, 1},
    {"power failures", "power_failures", 1, 1},
    {"migrations", "migrations", 1, 1},
    {"GPU-h lost", "lost_gpu_hours", 1, 2},
    {"jobs lost", "jobs_lost", 1, 1}};

std::string headline_cell(const GroupStatistics& group, const Headline& headline) {
  for (const MetricStatistics& metric : group.metrics) {
    if (metric.metric != headline.metric) continue;
    const output::SeedStatistics& s = metric.statistics;
    const std::string mean = fmt::format("{:.{}f}", s.mean * headline.scale, headline.decimals);
    if (!s.ci95_half_width) return mean;
    return fmt::format("{} ± {:.{}f}", mean, *s.ci95_half_width * headline.scale,
                       headline.decimals);
  }
  return "-";
}

std::string label(const CellKey& key, KeyColumn column) {
  switch (column) {
    case KeyColumn::kPlatform:
      return key.platform;
    case KeyColumn::kWorkload:
      return key.workload;
    case KeyColumn::kPolicy:
      return key.policy;
    case KeyColumn::kRunOptions:
      return key.run_options;
  }
  return {};
}

std::string header(KeyColumn column) {
  switch (column) {
    case KeyColumn::kPlatform:
      return "platform";
    case KeyColumn::kWorkload:
      return "workload";
    case KeyColumn::kPolicy:
      return "policy";
    case KeyColumn::kRunOptions:
      return "run options";
  }
  return {};
}

}  // namespace

bool cell_is_complete(const fs::path& folder) {
  const fs::path manifest = folder / "manifest.json";
  if (!fs::is_regular_file(manifest)) return false;
  try {
    // Written by an Umbra that marked no status only when the run was complete.
    const YAML::Node status = YAML::LoadFile(manifest.string())["status"];
    return !status || status.Scalar() == "complete";
  } catch (const YAML::Exception&) {
    return false;  // not a manifest umbra run wrote whole
  }
}

SweepCollection collect_sweep(const fs::path& out, const std::vector<CellKey>& cells) {
  SweepCollection collection;
  // Per group, per metric, the values of its complete cells in cell order.
  std::vector<std::vector<std::pair<std::string, std::vector<double>>>> values;
  for (const CellKey& cell : cells) {
    const fs::path folder = out / cell.folder;
    if (!cell_is_complete(folder)) {
      const fs::path log = folder / "stderr.txt";
      const bool ran = fs::exists(log);
      collection.unfinished.push_back(
          {cell, ran ? CellState::kFailed : CellState::kNotRun, log, ran ? last_line(log) : ""});
      continue;
    }
    std::size_t group = 0;
    while (group < collection.groups.size() && !same_group(collection.groups[group].key, cell)) {
      ++group;
    }
    if (group == collection.groups.size()) {
      collection.groups.push_back({cell, 0, {}});
      values.emplace_back();
    }
    ++collection.groups[group].seeds;
    for (const auto& [metric, value] : read_metrics(folder / "summary.json")) {
      auto& metrics = values[group];
      auto found = std::find_if(metrics.begin(), metrics.end(),
                                [&](const auto& entry) { return entry.first == metric; });
      if (found == metrics.end()) found = metrics.insert(metrics.end(), {metric, {}});
      found->second.push_back(value);
    }
  }
  for (std::size_t group = 0; group < collection.groups.size(); ++group) {
    for (const auto& [metric, samples] : values[group]) {
      collection.groups[group].metrics.push_back({metric, output::seed_statistics(samples)});
    }
  }
  return collection;
}

std::string collection_csv(const SweepCollection& collection) {
  std::string text =
      "platform,workload,policy,run_options,metric,seeds,mean,sd,ci95_low,ci95_high\n";
  for (const GroupStatistics& group : collection.groups) {
    const CellKey& key = group.key;
    for (const MetricStatistics& metric : group.metrics) {
      const output::SeedStatistics& s = metric.statistics;
      const auto optional = [](const std::optional<double>& value) {
        return value ? fmt::format("{}", *value) : std::string();
      };
      const auto bound = [&](double sign) {
        return s.ci95_half_width ? fmt::format("{}", s.mean + sign * *s.ci95_half_width)
                                 : std::string();
      };
      text += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", key.platform, key.workload, key.policy,
                          key.run_options, metric.metric, s.count, s.mean,
                          optional(s.standard_deviation), bound(-1), bound(1));
    }
  }
  return text;
}

output::TextTable headline_table(const SweepCollection& collection,
                                 const std::vector<KeyColumn>& key_columns) {
  output::TextTable table;
  for (const KeyColumn column : key_columns) table.headers.push_back(header(column));
  table.label_columns = key_columns.size();
  table.headers.push_back("seeds");
  for (const Headline& headline : kHeadlines) table.headers.push_back(headline.header);
  for (const GroupStatistics& group : collection.groups) {
    std::vector<std::string> row;
    for (const KeyColumn column : key_columns) row.push_back(label(group.key, column));
    row.push_back(std::to_string(group.seeds));
    for (const Headline& headline : kHeadlines) row.push_back(headline_cell(group, headline));
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace umbra::cli
