#include "sim/output/atomic_file.hpp"

#include <fmt/format.h>

#include <system_error>

namespace umbra::output {

std::filesystem::path partial_path(const std::filesystem::path& path) {
  return path.string() + ".partial";
}

InputError write_error(const std::filesystem::path& path, int error_number) {
  const std::string reason =
      error_number == 0 ? std::string{} : ": " + std::generic_category().message(error_number);
  return InputError(SourcePosition{path.string(), 0, 0}, "cannot write the file" + reason);
}

void rename_into_place(const std::filesystem::path& partial, const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::rename(partial, path, error);
  if (error) throw write_error(path, error.value());
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  write_file_atomically(path, [&](std::ostream& out) { out << content; });
}

}  // namespace umbra::output
