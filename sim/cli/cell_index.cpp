#include "sim/cli/cell_index.hpp"

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <string_view>

#include "sim/core/error.hpp"
#include "sim/core/split.hpp"
#include "sim/output/atomic_file.hpp"

namespace umbra::cli {
namespace {

constexpr const char* kHeader = "platform,workload,policy,run_options,seed,folder";

}  // namespace

void write_cell_index(const std::filesystem::path& out, const std::vector<SweepCell>& cells) {
  std::string text = std::string(kHeader) + "\n";
  for (const SweepCell& cell : cells) {
    const CellKey& key = cell.key;
    text += fmt::format("{},{},{},{},{},{}\n", key.platform, key.workload, key.policy,
                        key.run_options, key.seed, key.folder);
  }
  output::write_file_atomically(out / kCellIndexFile, text);
}

std::vector<CellKey> read_cell_index(const std::filesystem::path& out) {
  const std::filesystem::path path = out / kCellIndexFile;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(SourcePosition{path.string(), 0, 0},
                     "cannot read the cell index: is this the output folder of 'umbra sweep'?");
  }
  std::vector<CellKey> cells;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const auto bad = [&](const std::string& why) {
      return InputError(SourcePosition{path.string(), number, 0}, why);
    };
    if (number == 1) {
      if (line != kHeader) throw bad(fmt::format("expected the header \"{}\"", kHeader));
      continue;
    }
    const std::vector<std::string_view> fields = split(line, ',');
    if (fields.size() != 6) throw bad("expected 6 comma-separated fields");
    CellKey key{std::string(fields[0]),
                std::string(fields[1]),
                std::string(fields[2]),
                std::string(fields[3]),
                0,
                std::string(fields[5])};
    const std::string_view seed = fields[4];
    const auto [end, error] = std::from_chars(seed.data(), seed.data() + seed.size(), key.seed);
    if (error != std::errc{} || end != seed.data() + seed.size()) {
      throw bad(fmt::format("invalid seed \"{}\": expected a non-negative integer", seed));
    }
    cells.push_back(std::move(key));
  }
  return cells;
}

}  // namespace umbra::cli
