#pragma once
// Where every trace reader puts its records. The sink turns a record into a Job by the one
// mapping documented here, counts what it keeps and drops, and under --skip-bad-lines turns a
// malformed record into a counted warning.
//
// Mapping of a trace record to a Job:
// - id, user and GPUs as the trace records them; submit times are shifted so that the first
//   kept job is submitted at 0 (the origin is kept in the workload's metadata, "time_origin_s"),
//   except in a simulator's workload (TimeOrigin::kTraceZero), whose times already count from
//   the start of the simulation.
// - Work = recorded run time x GPUs x the reference GPU's peak x MFU (the Job default, 0.4):
//   the job does on the reference GPU what it did on the traced cluster. The reference GPU is
//   a GPU model of the platform (--reference-gpu; default the first one listed).
// - A model profile (model_profiles.hpp) gives gradient bytes (bf16), checkpoint bytes (14 per
//   parameter) and the iterations (run time / the profile's iteration time, at least 1); the
//   profile is the trace's model when it names one, else chosen by GPU count. Checkpoints are
//   taken every hour of progress.
// - A profile-driven record (Pollux: a measured application and its batch size) keeps its
//   application profile; its run time is the profile's run time alone on its GPUs packed on
//   full nodes, its iterations the optimiser steps of that run (profile_estimate.hpp).
// - The walltime estimate is the trace's when it has one (SWF field 9), else none.
// - Dropped, always counted by reason: failed, killed or cancelled jobs unless --keep-failed;
//   jobs that never ran or ran for 0 s ("no run time"); jobs with no GPUs; jobs larger than the
//   platform's largest site.
#include <optional>
#include <string>

#include "sim/spec/platform_spec.hpp"
#include "sim/workload/job_fields.hpp"
#include "sim/workload/model_profiles.hpp"

namespace umbra::workload {

struct TraceOptions {
  std::string reference_gpu;  // a GPU model of the platform; empty: the first one
  bool keep_failed = false;
  bool skip_bad_lines = false;
};

// One trace record, as the reader understood it.
struct TraceJob {
  std::string id;
  double submit = 0;  // s, on the trace's own clock
  std::string user;
  int gpus = 0;
  double run_time = 0;                    // s, as recorded
  double iterations = 0;                  // when the trace gives them; 0: from the profile
  std::optional<double> walltime;         // the user's estimate, s
  const ModelProfile* profile = nullptr;  // the trace's model; nullptr: by GPU count
  // A profile-driven job (Pollux): its run time is the profile's estimate on its GPUs
  // (profile_estimate.hpp), and the job keeps the profile.
  std::optional<ProfiledTraining> profiled;
  SourcePosition where;
};

// How a job ended, as far as keeping it goes.
enum class TraceOutcome { kCompleted, kFailed, kKilled, kCancelled };

// Where a trace's clock starts: at its first kept job (a cluster's trace, whose times are
// dates), or at its own 0 (a simulator's workload: the Pollux artifact's simulation starts at 0
// and takes its 60 s scheduling rounds at multiples of 60 s of those times).
enum class TimeOrigin { kFirstJob, kTraceZero };

class TraceSink {
 public:
  TraceSink(const std::string& file, std::string format, const spec::PlatformSpec& platform,
            const TraceOptions& options, TimeOrigin origin = TimeOrigin::kFirstJob);

  // Reads one record through `read` and counts it (unless it is a side record, such as an
  // Alibaba task, that is not a job of its own). With skip_bad_lines a malformed record (an
  // InputError) is counted and remembered instead of ending the read.
  template <class Read>
  void record(Read&& read, bool is_job_record = true) {
    if (is_job_record) ++builder_.counts().records;
    try {
      read();
    } catch (const InputError& error) {
      if (!options_.skip_bad_lines) throw;
      note_bad_line(error);
    }
  }

  // Room for about this many jobs (a count of lines).
  void reserve(std::size_t jobs) { builder_.reserve(jobs); }

  // Whether a job that ended so is kept; counts the drop otherwise.
  bool admit(TraceOutcome outcome);
  void drop(const std::string& reason);
  void keep(TraceJob job);

  std::vector<std::pair<std::string, std::string>>& metadata() { return builder_.metadata(); }
  Workload finish() &&;

 private:
  void note_bad_line(const InputError& error);

  WorkloadBuilder builder_;
  TraceOptions options_;
  TimeOrigin origin_;
  const spec::GpuModelSpec& reference_gpu_;
  int largest_site_gpus_ = 0;
};

// The platform's GPU model named `name` (the first one when empty); InputError otherwise.
const spec::GpuModelSpec& find_reference_gpu(const spec::PlatformSpec& platform,
                                             const std::string& name);

}  // namespace umbra::workload
