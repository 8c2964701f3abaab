#pragma once
// Two-line element sets (TLE), read strictly by the NORAD column layout
// (https://celestrak.org/columns/v04n03/): two lines, optionally preceded by a name line
// ("three-line" form, the name may start with "0 "). Blank lines between sets are skipped.
// Each line must hold exactly 69 columns; only spaces (and a CR of a CRLF file) may follow
// column 69. Every error is an InputError naming the file, line and column and what was expected.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sim/orbit/element_set.hpp"

namespace umbra::orbit {

enum class ChecksumPolicy {
  kVerify,  // column 69 must be the checksum of columns 1-68 (the default, for real data)
  kIgnore,  // for hand-edited sets such as the error cases of the SGP4 verification file
};

// Parses every element set in `text`; `file` names the source in error messages.
std::vector<ElementSet> parse_tle(std::string_view text, const std::string& file,
                                  ChecksumPolicy checksums = ChecksumPolicy::kVerify);

// Reads and parses a TLE file. Throws InputError when it cannot be read.
std::vector<ElementSet> read_tle_file(const std::filesystem::path& path,
                                      ChecksumPolicy checksums = ChecksumPolicy::kVerify);

// The TLE checksum of a line: the sum of its digits in columns 1-68, each '-' counting 1, mod 10.
int tle_checksum(std::string_view line);

}  // namespace umbra::orbit
