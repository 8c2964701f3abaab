#include "sim/workload/native_reader.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "sim/spec/yaml_fields.hpp"

namespace umbra::workload {
namespace {

enum class Format { kYaml, kCsv };

Format format_of(const std::string& file_name) {
  const std::string extension = std::filesystem::path(file_name).extension().string();
  if (extension == ".yaml" || extension == ".yml") return Format::kYaml;
  if (extension == ".csv") return Format::kCsv;
  throw InputError(
      SourcePosition{file_name, 0, 0},
      fmt::format("unknown workload format \"{}\": expected a .yaml, .yml or .csv file",
                  extension));
}

Workload read_as(Format format, const std::string& text, const std::string& file_name,
                 const spec::PlatformSpec& platform) {
  return format == Format::kYaml ? read_workload_yaml(text, file_name, platform)
                                 : read_workload_csv(text, file_name, platform);
}

}  // namespace

Workload read_workload_file(const std::string& path, const spec::PlatformSpec& platform) {
  // The format is checked first so a wrong file is refused for its kind, not read.
  const Format format = format_of(path);
  return read_as(format, spec::read_input_file(path), path, platform);
}

Workload read_workload_text(const std::string& text, const std::string& file_name,
                            const spec::PlatformSpec& platform) {
  return read_as(format_of(file_name), text, file_name, platform);
}

}  // namespace umbra::workload
