#include "sim/workload/application_profile_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <set>
#include <utility>

#include "sim/spec/yaml_fields.hpp"
#include "sim/workload/trace_fields.hpp"

namespace umbra::workload {
namespace {

constexpr std::string_view kValidationPrefix = "validation-";

// A cell read as a number of the given sign; `field` is the column's name.
class RowReader {
 public:
  RowReader(const ColumnIndex& columns, const std::vector<Cell>& cells, const SourcePosition& where)
      : columns_(columns), cells_(cells), where_(where) {
    check_cell_count(cells, columns.size(), where);
  }

  double number(std::string_view name) const {
    return number_field(columns_.cell(cells_, name), where_, ColumnIndex::label(name));
  }
  double positive(std::string_view name) const {
    const double value = number(name);
    if (value <= 0) fail(name, "a positive number");
    return value;
  }
  double non_negative(std::string_view name) const {
    const double value = number(name);
    if (value < 0) fail(name, "a number at least 0");
    return value;
  }
  int positive_integer(std::string_view name) const {
    const long long value =
        integer_field(columns_.cell(cells_, name), where_, ColumnIndex::label(name));
    if (value <= 0 || value > 1'000'000) fail(name, "a positive integer");
    return static_cast<int>(value);
  }
  [[noreturn]] void fail(std::string_view name, std::string_view expected) const {
    const Cell& cell = columns_.cell(cells_, name);
    fail_field(cell_position(where_, cell), ColumnIndex::label(name), expected, cell.text);
  }
  const Cell& cell(std::string_view name) const { return columns_.cell(cells_, name); }

 private:
  const ColumnIndex& columns_;
  const std::vector<Cell>& cells_;
  const SourcePosition& where_;
};

// The GPUs per node of a placement written as digits ("224").
Placement placement_digits(const RowReader& row) {
  Placement placement;
  for (const char digit : row.cell("placement").text) {
    if (digit < '1' || digit > '9') {
      row.fail("placement", "the GPUs of each node as digits 1 to 9, e.g. 224");
    }
    placement.push_back(digit - '0');
  }
  if (placement.empty()) row.fail("placement", "the GPUs of each node as digits 1 to 9, e.g. 224");
  return placement;
}

StepTime step_time(const RowReader& row) {
  StepTime time{row.positive("step_time"), row.non_negative("sync_time")};
  if (time.sync > time.step) row.fail("sync_time", "at most the step time");
  return time;
}

std::vector<PlacementMeasurement> read_placements(const std::string& text,
                                                  const std::string& file) {
  std::vector<PlacementMeasurement> rows;
  std::set<std::pair<Placement, double>> measured_once;
  for_each_csv_record(
      text, file, {"placement", "local_bsz", "step_time", "sync_time"}, {},
      [&](const ColumnIndex& columns, const std::vector<Cell>& cells, const SourcePosition& where) {
        const RowReader row(columns, cells, where);
        PlacementMeasurement measured{placement_digits(row), row.positive("local_bsz"),
                                      step_time(row)};
        // Interpolating between two rows of one placement needs distinct local batch sizes.
        if (!measured_once.emplace(measured.placement, measured.local_bsz).second) {
          row.fail("local_bsz", "one row per placement and local batch size");
        }
        rows.push_back(std::move(measured));
      });
  if (rows.empty()) throw InputError(SourcePosition{file, 1, 1}, "no measured placement");
  return rows;
}

std::vector<ScalabilityMeasurement> read_scalability(const std::string& text,
                                                     const std::string& file) {
  std::vector<ScalabilityMeasurement> rows;
  for_each_csv_record(
      text, file, {"num_nodes", "num_replicas", "local_bsz", "step_time", "sync_time"}, {},
      [&](const ColumnIndex& columns, const std::vector<Cell>& cells, const SourcePosition& where) {
        const RowReader row(columns, cells, where);
        const int nodes = row.positive_integer("num_nodes");
        const int replicas = row.positive_integer("num_replicas");
        if (replicas < nodes) row.fail("num_replicas", "at least one replica per node");
        rows.push_back({nodes, replicas, row.positive("local_bsz"), step_time(row)});
      });
  return rows;
}

ValidationRun read_validation(int batch_size, const std::string& text, const std::string& file) {
  ValidationRun run{batch_size, {}};
  for_each_csv_record(
      text, file, {"progress", "iteration", "metric", "grad_sqr", "grad_var"}, {},
      [&](const ColumnIndex& columns, const std::vector<Cell>& cells, const SourcePosition& where) {
        const RowReader row(columns, cells, where);
        EpochMeasurement epoch{row.positive("progress"), row.positive("iteration"),
                               row.number("metric"), row.non_negative("grad_sqr"),
                               row.non_negative("grad_var")};
        if (epoch.grad_sqr + epoch.grad_var <= 0) {
          row.fail("grad_var", "a gradient variance or squared norm above 0");
        }
        // Epochs end at growing progress: the time to the next epoch must be positive.
        if (!run.epochs.empty() && epoch.progress <= run.epochs.back().progress) {
          row.fail("progress",
                   fmt::format("more than the previous epoch's {}", run.epochs.back().progress));
        }
        run.epochs.push_back(epoch);
      });
  return run;
}

// The batch size in "validation-128.csv", or 0 for a file that is not a validation run.
int validation_batch_size(std::string_view file_name) {
  if (!file_name.starts_with(kValidationPrefix) || !file_name.ends_with(".csv")) return 0;
  const std::string_view digits =
      file_name.substr(kValidationPrefix.size(), file_name.size() - kValidationPrefix.size() - 4);
  int value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return error == std::errc{} && end == digits.data() + digits.size() && value > 0 ? value : 0;
}

}  // namespace

ApplicationProfile parse_application_profile(const std::string& name, const std::string& folder,
                                             const std::vector<ProfileTable>& tables,
                                             const ApplicationSettings& settings) {
  const auto path = [&](const std::string& file) { return folder + "/" + file; };
  const auto table = [&](const std::string& file) -> const std::string& {
    for (const ProfileTable& each : tables) {
      if (each.file_name == file) return each.text;
    }
    throw InputError(SourcePosition{folder, 0, 0},
                     fmt::format("application profile \"{}\" has no {}", name, file));
  };
  std::vector<PlacementMeasurement> placements =
      read_placements(table("placements.csv"), path("placements.csv"));
  std::vector<ScalabilityMeasurement> scalability =
      read_scalability(table("scalability.csv"), path("scalability.csv"));
  std::vector<ValidationRun> validation;
  std::vector<const ProfileTable*> runs;
  for (const ProfileTable& each : tables) {
    if (validation_batch_size(each.file_name) > 0) runs.push_back(&each);
  }
  // By batch size, so that a message about the runs does not depend on the listing order.
  std::sort(runs.begin(), runs.end(), [](const ProfileTable* a, const ProfileTable* b) {
    return validation_batch_size(a->file_name) < validation_batch_size(b->file_name);
  });
  for (const ProfileTable* each : runs) {
    validation.push_back(
        read_validation(validation_batch_size(each->file_name), each->text, path(each->file_name)));
    const std::size_t epochs = validation.back().epochs.size();
    if (epochs == 0 || (settings.max_epochs > 0 && epochs < std::size_t(settings.max_epochs))) {
      throw InputError(SourcePosition{path(each->file_name), 0, 0},
                       fmt::format("{} epochs, but application \"{}\" trains {}", epochs, name,
                                   std::max(settings.max_epochs, 1)));
    }
  }
  if (validation.empty()) {
    throw InputError(
        SourcePosition{folder, 0, 0},
        fmt::format("application profile \"{}\" has no validation-<batch size>.csv", name));
  }
  return ApplicationProfile(name, std::move(placements), std::move(scalability),
                            std::move(validation), settings);
}

ApplicationProfile read_application_profile(const std::string& folder,
                                            const ApplicationSettings& settings) {
  if (!std::filesystem::is_directory(folder)) {
    throw InputError(SourcePosition{folder, 0, 0}, "no such application profile folder");
  }
  std::vector<ProfileTable> tables;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const std::string file_name = entry.path().filename().string();
    if (entry.path().extension() == ".csv") {
      tables.push_back({file_name, spec::read_input_file(entry.path().string())});
    }
  }
  // "traces/cifar10/" names the profile "cifar10" too.
  const std::filesystem::path path = std::filesystem::path(folder).lexically_normal();
  const std::string name = (path.has_filename() ? path : path.parent_path()).filename().string();
  return parse_application_profile(name, folder, tables, settings);
}

}  // namespace umbra::workload
