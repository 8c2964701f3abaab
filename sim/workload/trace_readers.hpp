#pragma once
// Readers of published cluster traces. Each maps its records onto Umbra's training jobs by the
// rules of trace_sink.hpp; the top of each reader's file says what it takes from which field.
#include <string>
#include <string_view>
#include <vector>

#include "sim/spec/platform_spec.hpp"
#include "sim/workload/job.hpp"
#include "sim/workload/trace_sink.hpp"

namespace umbra::workload {

// Parallel Workloads Archive, Standard Workload Format v2.2 (swf_reader.cpp).
Workload read_swf(std::string_view text, const std::string& file_name,
                  const spec::PlatformSpec& platform, const TraceOptions& options);
// Microsoft Philly cluster_job_log, JSON (philly_reader.cpp).
Workload read_philly(std::string_view text, const std::string& file_name,
                     const spec::PlatformSpec& platform, const TraceOptions& options);
// SenseTime Helios cluster_log.csv (helios_reader.cpp).
Workload read_helios(std::string_view text, const std::string& file_name,
                     const spec::PlatformSpec& platform, const TraceOptions& options);
// Pollux / AdaptDL simulator workload CSV (pollux_reader.cpp).
Workload read_pollux(std::string_view text, const std::string& file_name,
                     const spec::PlatformSpec& platform, const TraceOptions& options);

// Alibaba PAI cluster-trace-gpu-v2020: the job and task tables, joined on job_name
// (alibaba_pai_reader.cpp). `path` is a folder holding pai_job_table.csv and
// pai_task_table.csv, or the job table itself with the task table beside it.
Workload read_alibaba_pai(const std::string& path, const spec::PlatformSpec& platform,
                          const TraceOptions& options);
// The job and task table paths that `path` names.
std::vector<std::string> alibaba_pai_tables(const std::string& path);
// The same from the two tables' text; each may start with its header line or not.
struct TextFile {
  std::string text;
  std::string name;
};
Workload read_alibaba_pai_tables(const TextFile& job_table, const TextFile& task_table,
                                 const spec::PlatformSpec& platform, const TraceOptions& options);

}  // namespace umbra::workload
