#pragma once
// A training job as Umbra simulates it: data-parallel over its GPUs, advancing in segments
// between checkpoints, exchanging gradients by ring all-reduce every iteration.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/workload/read_counts.hpp"

namespace umbra::workload {

class ApplicationProfile;  // application_profile.hpp

// A job driven by a measured application profile rather than by FLOPs: it trains the
// application at a fixed target batch size until the profile's completion epoch, at the
// profile's speed on whatever placement it gets.
struct ProfiledTraining {
  const ApplicationProfile* profile = nullptr;  // a built-in profile: lives as long as the program
  int batch_size = 0;                           // target (global) batch size
};

// A job whose speed was measured on each GPU model (Gavel's throughput matrix): the iterations
// per second of the whole job on its `gpus` GPUs of that model. Its work is Job::iterations, and
// it runs on the GPU models it has a throughput for (measured_throughput.hpp).
struct GpuModelThroughput {
  std::string gpu_model;  // a name from the platform's GPU models
  double iterations_per_second = 0;
};
struct MeasuredThroughput {
  std::vector<GpuModelThroughput> per_model;  // one per model; a job's in the platform's order
  std::string job_type;  // Gavel's job type it was read from (gavel_throughputs.hpp), or empty
};

// How a job's speed is known: from its FLOPs and the platform, from a measured application
// profile (Job::profiled), or from its measured throughput per GPU model (Job::measured).
enum class SpeedModel { kFlops, kProfile, kMeasuredThroughput };

// What happens to a job still running when its walltime has passed since it started: nothing
// (the estimate is only an estimate), or it is killed, as a batch system does.
enum class AtWalltime { kIgnore, kKill };

// "kill" or "ignore"; nothing for another word.
std::optional<AtWalltime> parse_at_walltime(std::string_view text);

// Which starts of a job pay its restart overhead: each after the first (the first start sets
// up the job anyway), or each one (the Pollux artifact's rescale delay, simulator.py Job.step's
// rescale_time, which its Tiresias sets at every allocation, the first included).
enum class OverheadStarts { kAfterFirst, kEvery };

struct Job {
  std::string id;          // as written in the workload; unique
  double submit_time = 0;  // s since the scenario start
  std::string user;
  int gpus = 0;
  // Set for a profile-driven job; its FLOP fields below then hold the FLOP model's equivalent of
  // the profile's run time on its packed placement (profile_estimate.hpp).
  std::optional<ProfiledTraining> profiled;
  // Set for a job with a measured throughput per GPU model; its FLOP fields likewise hold the
  // FLOP model's equivalent of its run on the reference GPU.
  std::optional<MeasuredThroughput> measured;
  double work_flops = 0;      // total, over all GPUs, at the model-FLOPs utilisation below
  double iterations = 1;      // number of training iterations the work is split into
  double gradient_bytes = 0;  // exchanged per iteration by the all-reduce (whole model gradient)
  double comm_overlap = 0;    // fraction [0, 1] of the gradient all-reduced during the compute
                              // (training_model.hpp: its bytes hide there, not the rest's latency)
  double mfu = 0.4;           // model-FLOPs utilisation: delivered / peak FLOP/s
  double checkpoint_bytes = 0;
  double checkpoint_interval = 0;  // s of progress between checkpoints at full speed; 0 = none
  // Read by the job wherever it runs: staged from that ground site's storage to the job's
  // nodes before its first segment in a cluster (0 bytes: nothing to stage).
  double dataset_bytes = 0;
  std::string dataset_site;
  int priority = 0;
  std::optional<double> walltime;  // user estimate, s
  // With a walltime: killed at it (each start counts afresh), or not; the run's default
  // (--walltime) when not given.
  std::optional<AtWalltime> on_walltime;
  // Paid at every start after the first (process start, framework set-up), GPUs held idle; the
  // run's default (--restart-overhead) when not given.
  std::optional<double> restart_overhead;
  // The first start pays it too with the run's --restart-overhead-first.
  OverheadStarts overhead_starts = OverheadStarts::kAfterFirst;
  SourcePosition where;  // the record this job came from
};

// Which of the three ways the job's speed is known (at most one of `profiled` and `measured` is
// set).
SpeedModel speed_model(const Job& job);

// Whether the job's `start`-th start (1 for the first) pays its restart overhead.
bool pays_restart_overhead(const Job& job, int start);

struct Workload {
  std::string file;
  std::string format;     // "yaml", "csv", "swf", "philly", ...
  std::vector<Job> jobs;  // sorted by (submit time, order in the file)
  // What the file says about itself, in file order: SWF header comments ("MaxProcs", "12"),
  // the time origin of a trace whose times were shifted to start at 0.
  std::vector<std::pair<std::string, std::string>> metadata;
  ReadCounts counts;
  // Said on standard error by `umbra run` and `umbra validate`: job fields written as bare
  // numbers where their quantity has a unit, one line per field (bare_quantities.hpp).
  std::vector<std::string> warnings;
};

}  // namespace umbra::workload
