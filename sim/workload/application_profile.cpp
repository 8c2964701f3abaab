#include "sim/workload/application_profile.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace umbra::workload {
namespace {

// Python's math.ceil(x - 1e-8), as update_local_bsz rounds: a quotient that is an integer but
// for rounding is not rounded up.
int ceil_tolerant(double x) {
  return static_cast<int>(std::ceil(x - 1e-8));
}

// Linear interpolation between two validated batch sizes, written as the artifact writes it.
double between(double batch_size, int lower, int upper, double at_lower, double at_upper) {
  return ((batch_size - lower) * at_upper + (upper - batch_size) * at_lower) / (upper - lower);
}

// scipy.interpolate.interp1d(kind="linear") at x over rows sorted by local batch size: the
// segment is found with searchsorted (side "left") and clipped to the table, so a measured x
// is reached from the segment ending at it.
StepTime along_local_bsz(const std::vector<PlacementMeasurement>& rows, double x) {
  std::size_t hi = std::lower_bound(rows.begin(), rows.end(), x,
                                    [](const PlacementMeasurement& row, double value) {
                                      return row.local_bsz < value;
                                    }) -
                   rows.begin();
  hi = std::clamp<std::size_t>(hi, 1, rows.size() - 1);
  const PlacementMeasurement& a = rows[hi - 1];
  const PlacementMeasurement& b = rows[hi];
  const double dx = b.local_bsz - a.local_bsz;
  return {(b.time.step - a.time.step) / dx * (x - a.local_bsz) + a.time.step,
          (b.time.sync - a.time.sync) / dx * (x - a.local_bsz) + a.time.sync};
}

}  // namespace

Placement normalised_placement(const Placement& placement) {
  Placement used;
  for (const int gpus : placement) {
    if (gpus != 0) used.push_back(gpus);
  }
  Placement best = used;
  for (std::size_t i = 1; i < used.size(); ++i) {
    Placement rotation(used.begin() + static_cast<std::ptrdiff_t>(i), used.end());
    rotation.insert(rotation.end(), used.begin(), used.begin() + static_cast<std::ptrdiff_t>(i));
    best = std::min(best, rotation);
  }
  return best;
}

int gpu_count(const Placement& placement) {
  int gpus = 0;
  for (const int each : placement) gpus += each;
  return gpus;
}

std::string placement_text(const Placement& placement) {
  return fmt::format("({})", fmt::join(placement, ", "));
}

ApplicationProfile::ApplicationProfile(std::string name,
                                       std::vector<PlacementMeasurement> placements,
                                       std::vector<ScalabilityMeasurement> scalability,
                                       std::vector<ValidationRun> validation,
                                       ApplicationSettings settings)
    : name_(std::move(name)), validation_(std::move(validation)) {
  if (placements.empty() || validation_.empty()) {
    throw std::invalid_argument("an application profile needs placements and validation runs");
  }
  std::sort(
      validation_.begin(), validation_.end(),
      [](const ValidationRun& a, const ValidationRun& b) { return a.batch_size < b.batch_size; });
  // The scattered points: the mean of every (nodes, replicas, local batch size) of the
  // placement table in that order (pandas groupby sorts its keys), then the scalability rows
  // in file order.
  std::map<std::tuple<int, int, double>, std::array<double, 3>> sums;  // step, sync, count
  min_local_bsz_ = placements.front().local_bsz;
  double largest_local_bsz = 0;
  for (const PlacementMeasurement& row : placements) {
    const int replicas = gpu_count(row.placement);
    const int nodes = static_cast<int>(row.placement.size());
    std::array<double, 3>& sum = sums[{nodes, replicas, row.local_bsz}];
    sum[0] += row.time.step;
    sum[1] += row.time.sync;
    sum[2] += 1;
    max_nodes_ = std::max(max_nodes_, nodes);
    max_gpus_per_node_ =
        std::max(max_gpus_per_node_, *std::max_element(row.placement.begin(), row.placement.end()));
    min_local_bsz_ = std::min(min_local_bsz_, row.local_bsz);
    largest_local_bsz = std::max(largest_local_bsz, row.local_bsz);
  }
  std::vector<DelaunayInterpolation::Point> points;
  for (const auto& [key, sum] : sums) {
    const auto& [nodes, replicas, local_bsz] = key;
    points.push_back({double(nodes), double(replicas), local_bsz});
    scatter_times_.push_back({sum[0] / sum[2], sum[1] / sum[2]});
  }
  for (const ScalabilityMeasurement& row : scalability) {
    points.push_back({double(row.nodes), double(row.replicas), row.local_bsz});
    scatter_times_.push_back({row.time.step, row.time.sync});
    max_nodes_ = std::max(max_nodes_, row.nodes);
  }
  scatter_ = DelaunayInterpolation(points);

  for (PlacementMeasurement& row : placements) {
    by_placement_[row.placement].push_back(std::move(row));
  }
  for (auto& [placement, rows] : by_placement_) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const PlacementMeasurement& a, const PlacementMeasurement& b) {
                       return a.local_bsz < b.local_bsz;
                     });
  }
  max_local_bsz_ =
      settings.max_local_bsz > 0 ? settings.max_local_bsz : static_cast<int>(largest_local_bsz);
  max_epochs_ = settings.max_epochs;
  if (max_epochs_ <= 0) {
    max_epochs_ = static_cast<int>(validation_.front().epochs.size());
    for (const ValidationRun& run : validation_) {
      max_epochs_ = std::min(max_epochs_, static_cast<int>(run.epochs.size()));
    }
  }
}

StepTime ApplicationProfile::step_time(const Placement& placement, double local_bsz) const {
  const Placement normal = normalised_placement(placement);
  if (normal.empty()) throw OutsideProfile(fmt::format("{}: a placement with no GPU", name_));
  const auto measured = by_placement_.find(normal);
  if (measured != by_placement_.end()) {
    const std::vector<PlacementMeasurement>& rows = measured->second;
    if (local_bsz < rows.front().local_bsz || local_bsz > rows.back().local_bsz) {
      throw OutsideProfile(fmt::format(
          "{}: local batch size {} is outside the measured {} to {} on placement {}", name_,
          local_bsz, rows.front().local_bsz, rows.back().local_bsz, placement_text(normal)));
    }
    if (rows.size() == 1) return rows.front().time;
    return along_local_bsz(rows, local_bsz);
  }
  const int replicas = gpu_count(normal);
  const int nodes = std::min(static_cast<int>(normal.size()), max_nodes_);
  const std::array<double, 3> point{double(nodes), double(replicas), local_bsz};
  if (const auto known = scattered_.find(point); known != scattered_.end()) return known->second;
  const auto times = scatter_.interpolate(scatter_times_, point);
  if (!times) {
    throw OutsideProfile(
        fmt::format("{}: no measurement covers {} nodes, {} replicas at local batch size {}", name_,
                    nodes, replicas, local_bsz));
  }
  return scattered_[point] = {(*times)[0], (*times)[1]};
}

GradientStatistics ApplicationProfile::gradient_statistics(double batch_size, int epoch) const {
  if (batch_size < init_batch_size() || batch_size > max_batch_size()) {
    throw OutsideProfile(fmt::format("{}: batch size {} is outside the validated {} to {}", name_,
                                     batch_size, init_batch_size(), max_batch_size()));
  }
  if (epoch < 0 || epoch >= max_epochs_) {
    throw OutsideProfile(fmt::format("{}: epoch {} is outside the {} epochs of the profile", name_,
                                     epoch, max_epochs_));
  }
  // The first run at or above the batch size, and the last at or below it.
  const auto upper = std::lower_bound(
      validation_.begin(), validation_.end(), batch_size,
      [](const ValidationRun& run, double value) { return run.batch_size < value; });
  const auto lower = upper->batch_size == batch_size ? upper : upper - 1;
  const EpochMeasurement& lo = lower->epochs[epoch];
  const EpochMeasurement& up = upper->epochs[epoch];
  if (lower == upper) return {lo.grad_sqr, lo.grad_var};
  return {between(batch_size, lower->batch_size, upper->batch_size, lo.grad_sqr, up.grad_sqr),
          between(batch_size, lower->batch_size, upper->batch_size, lo.grad_var, up.grad_var)};
}

double ApplicationProfile::progress_at_epoch(int epoch) const {
  if (epoch < 0 || epoch > max_epochs_) {
    throw OutsideProfile(fmt::format("{}: epoch {} is outside the {} epochs of the profile", name_,
                                     epoch, max_epochs_));
  }
  if (epoch == 0) return 0;
  double least = validation_.front().epochs[epoch - 1].progress;
  for (const ValidationRun& run : validation_)
    least = std::min(least, run.epochs[epoch - 1].progress);
  return least;
}

int ApplicationProfile::epoch_at_progress(double progress) const {
  std::ptrdiff_t most = 0;
  for (const ValidationRun& run : validation_) {
    // numpy searchsorted(side="right"): the epochs whose progress is at most `progress`.
    const auto after = std::upper_bound(
        run.epochs.begin(), run.epochs.end(), progress,
        [](double value, const EpochMeasurement& epoch) { return value < epoch.progress; });
    most = std::max(most, after - run.epochs.begin());
  }
  return static_cast<int>(most);
}

BatchConfiguration ApplicationProfile::batch_configuration(int target_batch_size,
                                                           int replicas) const {
  BatchConfiguration config;
  const int local_bsz = ceil_tolerant(double(target_batch_size) / replicas);
  config.accum_steps = ceil_tolerant(double(local_bsz) / max_local_bsz_) - 1;
  if (replicas == 1 && target_batch_size > init_batch_size()) {
    config.accum_steps = std::max(1, config.accum_steps);
  }
  config.atomic_bsz = ceil_tolerant(double(local_bsz) / (config.accum_steps + 1));
  const int count = replicas * (config.accum_steps + 1);
  // Python's int() of a positive quotient truncates.
  config.atomic_bsz =
      std::min(config.atomic_bsz, static_cast<int>(double(max_batch_size()) / count));
  config.batch_size = replicas * config.atomic_bsz * (config.accum_steps + 1);
  return config;
}

double ApplicationProfile::seconds_per_step(const Placement& placement,
                                            int target_batch_size) const {
  const BatchConfiguration config = batch_configuration(target_batch_size, gpu_count(placement));
  const StepTime time = step_time(placement, config.atomic_bsz);
  return time.step + (time.step - time.sync) * config.accum_steps;
}

double ApplicationProfile::gain(int batch_size, int epoch) const {
  const double scale = double(batch_size) / init_batch_size();
  const GradientStatistics grad = gradient_statistics(batch_size, epoch);
  return (grad.var + grad.sqr) / (grad.var / scale + grad.sqr);
}

double ApplicationProfile::goodput(const Placement& placement, int target_batch_size,
                                   int epoch) const {
  const BatchConfiguration config = batch_configuration(target_batch_size, gpu_count(placement));
  return gain(config.batch_size, epoch) / seconds_per_step(placement, target_batch_size);
}

}  // namespace umbra::workload
