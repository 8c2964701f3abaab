#pragma once
// A file written under a temporary name (path + ".partial") and renamed into place once
// complete, so that a reader never sees half of it; the temporary is removed when writing fails.
// InputError naming the file, with the system's reason, if it cannot be written (a full disk, a
// folder that is gone).
#include <cerrno>
#include <concepts>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "sim/core/error.hpp"

namespace umbra::output {

// The temporary name of `path` while it is written.
std::filesystem::path partial_path(const std::filesystem::path& path);

// "cannot write the file: REASON" at `path`; `error_number` is errno (0: no reason known).
InputError write_error(const std::filesystem::path& path, int error_number);

// Renames the complete `partial` to `path`; InputError naming `path` if that fails.
void rename_into_place(const std::filesystem::path& partial, const std::filesystem::path& path);

// `write(out)` fills the file.
template <class Write>
  requires std::invocable<Write, std::ostream&>
void write_file_atomically(const std::filesystem::path& path, Write write) {
  const std::filesystem::path temporary = partial_path(path);
  {
    errno = 0;
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (out) write(out);
    out.flush();
    if (!out) {
      const int error_number = errno;
      out.close();
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw write_error(path, error_number);
    }
  }
  rename_into_place(temporary, path);
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace umbra::output
