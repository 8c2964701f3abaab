#pragma once
// The workload formats Umbra reads, chosen by name (--workload-format) or recognised from the
// content, and the one entry point that reads any of them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/spec/platform_spec.hpp"
#include "sim/workload/job.hpp"
#include "sim/workload/trace_sink.hpp"

namespace umbra::workload {

enum class WorkloadFormat { kYaml, kCsv, kSwf, kPhilly, kHelios, kAlibabaPai, kPollux };

std::string_view to_string(WorkloadFormat format);  // "swf", "alibaba-pai", ...
std::vector<std::string> workload_format_names();
// InputError naming --workload-format, with a did-you-mean, for an unknown name.
WorkloadFormat parse_workload_format(std::string_view name);

// The format of a file or folder from its content: a folder (or a pai_job_table file) is
// Alibaba PAI; then SWF (';' header comments, or 18 numeric fields), Philly (a JSON list with
// "jobid" and "attempts"), Helios and Pollux (their header lines); else by extension: .yaml,
// .yml and .csv native, .swf SWF, .json Philly. Nothing when none fits.
std::optional<WorkloadFormat> detect_workload_format(const std::string& path);
std::optional<WorkloadFormat> detect_workload_format_of_text(std::string_view text,
                                                             const std::string& file_name);

struct ReadOptions {
  std::optional<WorkloadFormat> format;  // nothing: detected
  TraceOptions trace;
  std::optional<double> restart_overhead;  // s, for the jobs that do not give their own
  std::optional<AtWalltime> on_walltime;   // for the jobs that do not give their own
  OverheadStarts overhead_starts = OverheadStarts::kAfterFirst;  // for every job
};

// Reads a workload of any format; InputError saying how to choose one when it is not known.
Workload read_workload(const std::string& path, const spec::PlatformSpec& platform,
                       const ReadOptions& options);
// The files reading `path` reads: the two tables of an Alibaba PAI trace, else `path` itself.
std::vector<std::string> workload_files(const std::string& path, const ReadOptions& options);

// The same from text (every format but Alibaba PAI, which is two files).
Workload read_workload_text(const std::string& text, const std::string& file_name,
                            const spec::PlatformSpec& platform, const ReadOptions& options);

}  // namespace umbra::workload
