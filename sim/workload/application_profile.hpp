#pragma once
// A measured application profile: how fast a training application runs on a placement and how
// much each step advances it, as the Pollux artifact measures and simulates its applications
// (Qiao et al., "Pollux: Co-adaptive Cluster Scheduling for Goodput-Optimized Deep Learning",
// OSDI 2021; petuum/adaptdl, branch osdi21-artifact, simulator/applications.py and the Job class
// of simulator/simulator.py). The tables are those of workloads/profiles/pollux/<application>/:
// - placements.csv: per placement (GPUs per node as digits, "224" is 2+2+4 GPUs on 3 nodes) and
//   local batch size, the measured time of one step and the synchronisation part of it;
// - scalability.csv: the same per (nodes, replicas, local batch size) for larger placements;
// - validation-<batch size>.csv: per epoch of a run at that batch size, the progress (in
//   iterations at the initial batch size's statistical efficiency) after it, the iterations, the
//   validation metric and the gradient's squared norm and variance measured during it.
//
// A job trains at a fixed target batch size. Its progress grows at its goodput: the gain of its
// batch size over the initial one (the statistical efficiency of Pollux, section 3.1: with the
// gradient's variance var and squared norm sqr, gain = (var + sqr) / (var / scale + sqr), scale
// = batch size / initial batch size) divided by the time of one step (with gradient
// accumulation, the steps that only compute add their compute time). Epoch e ends when the
// progress reaches progress_at_epoch(e); the job is complete after its completion epoch.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/workload/delaunay_interpolation.hpp"

namespace umbra::workload {

// The GPUs a job uses on each of its nodes, e.g. {4, 4, 2}; nodes with none are ignored.
using Placement = std::vector<int>;

// Asked for a placement, local batch size, batch size or epoch that the profile's measurements do
// not cover (the artifact stops on an assertion there).
class OutsideProfile : public std::out_of_range {
 public:
  using std::out_of_range::out_of_range;
};

struct StepTime {
  double step = 0;  // s, one optimiser step (compute and synchronisation)
  double sync = 0;  // s, the synchronisation part of it
};

struct PlacementMeasurement {
  Placement placement;  // as written in the table, not normalised
  double local_bsz = 0;
  StepTime time;
};

struct ScalabilityMeasurement {
  int nodes = 0;
  int replicas = 0;
  double local_bsz = 0;
  StepTime time;
};

struct EpochMeasurement {
  double progress = 0;   // after the epoch
  double iteration = 0;  // after the epoch
  double metric = 0;
  double grad_sqr = 0;  // during the epoch
  double grad_var = 0;
};

struct ValidationRun {
  int batch_size = 0;
  std::vector<EpochMeasurement> epochs;
};

// What the artifact's Application constructor is given beside the tables (applications.py,
// APPLICATIONS): 0 takes the default from the tables.
struct ApplicationSettings {
  int max_epochs = 0;     // default: the shortest validation run
  int max_local_bsz = 0;  // default: the largest measured local batch size
};

// How a target batch size is split on a number of replicas (simulator.py update_local_bsz):
// each replica runs accum_steps + 1 micro-steps of atomic_bsz samples per optimiser step.
struct BatchConfiguration {
  int atomic_bsz = 0;
  int accum_steps = 0;
  int batch_size = 0;  // replicas x atomic_bsz x (accum_steps + 1), what the job really trains at
};

struct GradientStatistics {
  double sqr = 0;
  double var = 0;
};

class ApplicationProfile {
 public:
  ApplicationProfile(std::string name, std::vector<PlacementMeasurement> placements,
                     std::vector<ScalabilityMeasurement> scalability,
                     std::vector<ValidationRun> validation, ApplicationSettings settings);

  const std::string& name() const { return name_; }
  int init_batch_size() const { return validation_.front().batch_size; }
  int max_batch_size() const { return validation_.back().batch_size; }
  double min_local_bsz() const { return min_local_bsz_; }
  int max_local_bsz() const { return max_local_bsz_; }
  int max_epochs() const { return max_epochs_; }
  const std::vector<ValidationRun>& validation() const { return validation_; }
  // The most GPUs of one node in placements.csv (4 for every Pollux application).
  int max_gpus_per_node() const { return max_gpus_per_node_; }

  // Step and synchronisation time of one step of `local_bsz` samples per replica on
  // `placement` (applications.py get_throughput). A placement measured as such (up to a
  // rotation of its nodes) is interpolated linearly between its measured local batch sizes;
  // any other is interpolated in (nodes, replicas, local batch size) over the Delaunay
  // triangulation of the per-(nodes, replicas, local batch size) means of placements.csv
  // followed by scalability.csv, with the node count capped at the largest measured one (16
  // for every Pollux application). Nothing is extrapolated: OutsideProfile beyond the data.
  StepTime step_time(const Placement& placement, double local_bsz) const;

  // The gradient statistics during `epoch` (0-based) at `batch_size`, interpolated linearly
  // between the two validated batch sizes around it (get_grad_stats).
  GradientStatistics gradient_statistics(double batch_size, int epoch) const;

  // The progress at which `epoch` (0-based) starts: 0 for the first, else the least progress
  // any validation run had after epoch - 1 (get_progress).
  double progress_at_epoch(int epoch) const;

  // The epoch a job with `progress` is in (get_epoch): the most epochs any validation run had
  // completed at that progress.
  int epoch_at_progress(double progress) const;

  // The last epoch a job trains (get_completion_epoch): max_epochs - 1 at every batch size.
  // The artifact compares a target validation metric only when one is set, and no application
  // sets one; its loop also never updates the best metric it compares, so with a target too it
  // answers max_epochs - 1. A job is complete when its progress reaches completion_progress().
  int completion_epoch() const { return max_epochs_ - 1; }
  double completion_progress() const { return progress_at_epoch(max_epochs_); }

  // How `target_batch_size` runs on `replicas` replicas (update_local_bsz with a target batch
  // size: the local batch size rounded up, split into micro-steps of at most max_local_bsz,
  // at least two micro-steps on one replica beyond the initial batch size, and the atomic
  // batch capped so that the whole batch stays within max_batch_size).
  BatchConfiguration batch_configuration(int target_batch_size, int replicas) const;

  // Seconds of one optimiser step of a job at `target_batch_size` on `placement`: the step
  // time plus the compute time of each accumulation micro-step.
  double seconds_per_step(const Placement& placement, int target_batch_size) const;

  // The statistical efficiency gain of training at `batch_size` (as configured) rather than at
  // the initial batch size during `epoch`.
  double gain(int batch_size, int epoch) const;

  // Progress per second of a job at `target_batch_size` on `placement` during `epoch`
  // (Job.step without interference): its gain over its seconds per step.
  double goodput(const Placement& placement, int target_batch_size, int epoch) const;

 private:
  std::string name_;
  // Measured placements, normalised to their table spelling, each with its rows sorted by
  // local batch size.
  std::map<Placement, std::vector<PlacementMeasurement>> by_placement_;
  std::vector<std::array<double, 2>> scatter_times_;  // step, sync at each scattered point
  DelaunayInterpolation scatter_;
  // The interpolations over scatter_ made so far, by (nodes, replicas, local batch size): a
  // simulation asks for the same few at every epoch of every job, and each walks the
  // triangulation.
  mutable std::map<std::array<double, 3>, StepTime> scattered_;
  int max_nodes_ = 0;
  int max_gpus_per_node_ = 0;
  std::vector<ValidationRun> validation_;  // by batch size
  double min_local_bsz_ = 0;
  int max_local_bsz_ = 0;
  int max_epochs_ = 0;
};

// `placement` without its empty nodes, rotated to its lexicographically smallest rotation: the
// spelling under which the artifact looks a placement up ({2, 1, 1} is "112").
Placement normalised_placement(const Placement& placement);

// The GPUs of a placement.
int gpu_count(const Placement& placement);

// "(4, 4, 2)", for messages.
std::string placement_text(const Placement& placement);

}  // namespace umbra::workload
