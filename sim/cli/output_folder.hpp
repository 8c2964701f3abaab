#pragma once
#include <filesystem>

namespace umbra::cli {

// Creates `folder` and its parents if need be; InputError naming it when that fails.
std::filesystem::path create_output_folder(const std::filesystem::path& folder);

}  // namespace umbra::cli
