#pragma once
// Gavel's throughput matrix (Narayanan et al., OSDI 2020), built into Umbra from
// workloads/profiles/gavel/isolated_throughputs.csv (see its NOTICE): for each job type
// ("ResNet-50 (batch size 64)") and scale factor (the job's GPUs: 1, 2, 4 or 8), the iterations
// per second of the job running alone on each of Gavel's worker types, k80, p100 and v100. A
// workload names a job type with `job_type`; its throughputs come from the row of its GPU count.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/workload/job.hpp"

namespace umbra::workload {

// The throughputs of `job_type` on `gpus` GPUs, per worker type, leaving out those where Gavel's
// table gives 0 (the job type does not run there); nothing when the table has no such row.
std::optional<MeasuredThroughput> gavel_throughputs(std::string_view job_type, int gpus);

// The job types of the table, sorted, and the GPU counts it has for one of them: for messages.
std::vector<std::string> gavel_job_types();
std::vector<int> gavel_scale_factors(std::string_view job_type);

// The table's text as shipped (generated from workloads/profiles/gavel/ by CMake).
std::string_view gavel_throughput_table();
inline constexpr std::string_view kGavelThroughputFile =
    "workloads/profiles/gavel/isolated_throughputs.csv";

}  // namespace umbra::workload
