#include "sim/workload/workload_format.hpp"

#include <fmt/format.h>

#include <array>
#include <filesystem>

#include "sim/spec/yaml_fields.hpp"
#include "sim/workload/native_reader.hpp"
#include "sim/workload/text_cells.hpp"
#include "sim/workload/trace_readers.hpp"

namespace umbra::workload {
namespace {

using TextReader = Workload (*)(const std::string& text, const std::string& file_name,
                                const spec::PlatformSpec& platform, const TraceOptions& options);

struct FormatEntry {
  WorkloadFormat format;
  std::string_view name;
  TextReader read_text;  // nullptr for Alibaba PAI, read from its folder
};

const std::array<FormatEntry, 7> kFormats{{
    {WorkloadFormat::kYaml, "yaml",
     [](const std::string& text, const std::string& file, const spec::PlatformSpec& platform,
        const TraceOptions&) { return read_workload_yaml(text, file, platform); }},
    {WorkloadFormat::kCsv, "csv",
     [](const std::string& text, const std::string& file, const spec::PlatformSpec& platform,
        const TraceOptions&) { return read_workload_csv(text, file, platform); }},
    {WorkloadFormat::kSwf, "swf",
     [](const std::string& text, const std::string& file, const spec::PlatformSpec& platform,
        const TraceOptions& options) { return read_swf(text, file, platform, options); }},
    {WorkloadFormat::kPhilly, "philly",
     [](const std::string& text, const std::string& file, const spec::PlatformSpec& platform,
        const TraceOptions& options) { return read_philly(text, file, platform, options); }},
    {WorkloadFormat::kHelios, "helios",
     [](const std::string& text, const std::string& file, const spec::PlatformSpec& platform,
        const TraceOptions& options) { return read_helios(text, file, platform, options); }},
    {WorkloadFormat::kAlibabaPai, "alibaba-pai", nullptr},
    {WorkloadFormat::kPollux, "pollux",
     [](const std::string& text, const std::string& file, const spec::PlatformSpec& platform,
        const TraceOptions& options) { return read_pollux(text, file, platform, options); }},
}};

const FormatEntry& entry_of(WorkloadFormat format) {
  for (const FormatEntry& entry : kFormats) {
    if (entry.format == format) return entry;
  }
  return kFormats.front();
}

// The first line that is neither blank nor a comment, for header checks.
std::string_view first_data_line(std::string_view text) {
  LineCursor lines(text);
  for (std::string_view line; lines.next(line);) {
    if (!is_blank_line(line) && line.front() != '#') return line;
  }
  return {};
}

bool is_swf_record(std::string_view line) {
  std::vector<Cell> cells;
  split_blank_cells(line, cells);
  if (cells.size() != 18) return false;
  for (const Cell& cell : cells) {
    if (cell.text.find_first_not_of("0123456789.-+eE") != std::string::npos) return false;
  }
  return true;
}

std::string_view extension_of(const std::string& file_name) {
  const std::size_t dot = file_name.rfind('.');
  return dot == std::string::npos ? std::string_view{} : std::string_view(file_name).substr(dot);
}

std::string unknown_format_message() {
  return fmt::format("cannot tell the workload format: give --workload-format ({})",
                     fmt::join(workload_format_names(), ", "));
}

}  // namespace

std::string_view to_string(WorkloadFormat format) {
  return entry_of(format).name;
}

std::vector<std::string> workload_format_names() {
  std::vector<std::string> names;
  for (const FormatEntry& entry : kFormats) names.emplace_back(entry.name);
  return names;
}

WorkloadFormat parse_workload_format(std::string_view name) {
  for (const FormatEntry& entry : kFormats) {
    if (entry.name == name) return entry.format;
  }
  throw InputError(fmt::format("unknown workload format \"{}\" (--workload-format){}", name,
                               spec::name_suggestion(std::string(name), workload_format_names())));
}

std::optional<WorkloadFormat> detect_workload_format_of_text(std::string_view text,
                                                             const std::string& file_name) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == ';') return WorkloadFormat::kSwf;
  if (first != std::string_view::npos && text[first] == '[' &&
      text.find("\"jobid\"") != std::string_view::npos &&
      text.find("\"attempts\"") != std::string_view::npos) {
    return WorkloadFormat::kPhilly;
  }
  const std::string_view line = first_data_line(text);
  if (line.starts_with("job_id,user,vc,gpu_num")) return WorkloadFormat::kHelios;
  if (line.starts_with("name,time,application,num_replicas,batch_size")) {
    return WorkloadFormat::kPollux;
  }
  if (is_swf_record(line)) return WorkloadFormat::kSwf;
  const std::string_view extension = extension_of(file_name);
  if (extension == ".yaml" || extension == ".yml") return WorkloadFormat::kYaml;
  if (extension == ".csv") return WorkloadFormat::kCsv;
  if (extension == ".swf") return WorkloadFormat::kSwf;
  if (extension == ".json") return WorkloadFormat::kPhilly;
  return std::nullopt;
}

namespace {

bool is_alibaba_pai_path(const std::string& path) {
  namespace fs = std::filesystem;
  return fs::is_directory(path) || fs::path(path).filename().string().starts_with("pai_job_table");
}

bool reads_alibaba_pai(const std::string& path, const ReadOptions& options) {
  return options.format == WorkloadFormat::kAlibabaPai ||
         (!options.format && is_alibaba_pai_path(path));
}

}  // namespace

std::optional<WorkloadFormat> detect_workload_format(const std::string& path) {
  if (is_alibaba_pai_path(path)) return WorkloadFormat::kAlibabaPai;
  return detect_workload_format_of_text(spec::read_input_file(path), path);
}

std::vector<std::string> workload_files(const std::string& path, const ReadOptions& options) {
  return reads_alibaba_pai(path, options) ? alibaba_pai_tables(path)
                                          : std::vector<std::string>{path};
}

namespace {

Workload with_run_defaults(Workload workload, const ReadOptions& options) {
  for (Job& job : workload.jobs) {
    if (!job.restart_overhead) job.restart_overhead = options.restart_overhead;
    if (!job.on_walltime) job.on_walltime = options.on_walltime;
    job.overhead_starts = options.overhead_starts;
  }
  return workload;
}

}  // namespace

Workload read_workload(const std::string& path, const spec::PlatformSpec& platform,
                       const ReadOptions& options) {
  if (reads_alibaba_pai(path, options)) {
    return with_run_defaults(read_alibaba_pai(path, platform, options.trace), options);
  }
  return read_workload_text(spec::read_input_file(path), path, platform, options);
}

Workload read_workload_text(const std::string& text, const std::string& file_name,
                            const spec::PlatformSpec& platform, const ReadOptions& options) {
  const std::optional<WorkloadFormat> format =
      options.format ? options.format : detect_workload_format_of_text(text, file_name);
  if (!format) throw InputError(SourcePosition{file_name, 0, 0}, unknown_format_message());
  if (*format == WorkloadFormat::kAlibabaPai) {
    throw InputError(SourcePosition{file_name, 0, 0},
                     "an Alibaba PAI trace is two tables: give the folder that holds them");
  }
  return with_run_defaults(entry_of(*format).read_text(text, file_name, platform, options.trace),
                           options);
}

}  // namespace umbra::workload
