#include "sim/output/atomic_file.hpp"

namespace umbra::output {

void write_file_atomically(const std::filesystem::path& path, const std::string& content) {
  write_file_atomically(path, [&](std::ostream& out) { out << content; });
}

}  // namespace umbra::output
