#pragma once
// Reads Umbra's own workload formats: YAML (a list of jobs, with optional defaults) and CSV
// (one job per line under a header naming the columns). Both share one set of job fields:
//
//   id, submit, user, gpus, work | iterations + flops_per_iteration | duration + reference_gpu |
//   application + batch_size | iterations + throughput (per GPU model) | iterations + job_type,
//   iterations, gradient, comm_overlap, mfu, checkpoint (size, interval), priority, walltime,
//   dataset, dataset_site
//
// `application` names a built-in measured application profile (pollux_applications.hpp) and
// `batch_size` the batch size the job trains at, within the ones the profile validated; the
// job's work is then the profile's run time alone on its GPUs (profile_estimate.hpp), on the
// reference GPU (`reference_gpu`, default the platform's first GPU model).
//
// `throughput` gives the job's iterations per second on its GPUs of each GPU model it may run
// on (YAML `throughput: {v100: 9.45, k80: 2.41}`, CSV columns throughput_v100, throughput_k80),
// `job_type` takes them from Gavel's table (gavel_throughputs.hpp); the job then needs a
// throughput on the GPU model of every cluster that can hold it (job.hpp MeasuredThroughput).
//
// YAML writes the checkpoint as `checkpoint: {size: 98 GB, interval: 1 h}`; CSV as the columns
// checkpoint_size and checkpoint_interval. `dataset: 2 TB` (optional, a positive size) is the
// data set the job reads, staged from the storage of the ground site `dataset_site` (optional:
// default the platform's first site; it must exist) to the job's nodes before its first segment
// in a cluster (again when it moves to another). A data set needs a platform with a ground site;
// a job writing `dataset_site` without `dataset` is an error (a default `dataset_site` applies to
// the jobs with a data set only). Jobs are validated against the platform (reference GPU models,
// sites, at most the GPUs of the largest cluster: a ground site, a shell, a formation or one
// explicit satellite, spec::PlatformSpec::largest_cluster()) and returned sorted by (submit time,
// order in the file).
#include <string>

#include "sim/spec/platform_spec.hpp"
#include "sim/workload/job.hpp"

namespace umbra::workload {

// Chooses the format by extension: .yaml, .yml or .csv.
Workload read_workload_file(const std::string& path, const spec::PlatformSpec& platform);
// The same from text; `file_name` chooses the format and names the file in error messages.
Workload read_workload_text(const std::string& text, const std::string& file_name,
                            const spec::PlatformSpec& platform);

Workload read_workload_yaml(const std::string& text, const std::string& file_name,
                            const spec::PlatformSpec& platform);
Workload read_workload_csv(const std::string& text, const std::string& file_name,
                           const spec::PlatformSpec& platform);

}  // namespace umbra::workload
