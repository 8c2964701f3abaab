#pragma once
// The cell index of a sweep's output folder, cells.csv: every cell of the sweep in order, with
// its labels, seed and folder, written when the sweep starts, so that `umbra sweep collect`
// knows every cell, including those that failed or have not run yet.
#include <filesystem>
#include <vector>

#include "sim/cli/sweep_cells.hpp"

namespace umbra::cli {

inline constexpr const char* kCellIndexFile = "cells.csv";

void write_cell_index(const std::filesystem::path& out, const std::vector<SweepCell>& cells);

// InputError naming the file and line when it is missing or malformed.
std::vector<CellKey> read_cell_index(const std::filesystem::path& out);

}  // namespace umbra::cli
