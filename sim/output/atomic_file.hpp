#pragma once
// A file written under a temporary name (path + ".partial") and renamed into place once
// complete, so that a reader never sees half of it. InputError naming the file if it cannot be
// written.
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/core/error.hpp"

namespace umbra::output {

// `write(out)` fills the file.
template <class Write>
void write_file_atomically(const std::filesystem::path& path, Write write) {
  const std::filesystem::path temporary = path.string() + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    write(out);
    out.flush();
    if (!out) throw InputError(SourcePosition{path.string(), 0, 0}, "cannot write the file");
  }
  std::filesystem::rename(temporary, path);
}

void write_file_atomically(const std::filesystem::path& path, const std::string& content);

}  // namespace umbra::output
