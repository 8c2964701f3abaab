#include "sim/cli/output_folder.hpp"

#include <fmt/format.h>

#include "sim/core/error.hpp"

namespace umbra::cli {

std::filesystem::path create_output_folder(const std::filesystem::path& folder) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error || !std::filesystem::is_directory(folder)) {
    throw InputError(SourcePosition{folder.string(), 0, 0},
                     fmt::format("cannot create the output folder: {}", error.message()));
  }
  return folder;
}

}  // namespace umbra::cli
