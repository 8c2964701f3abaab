#pragma once
// Vallado's SGP4 verification set as python3-sgp4 ships it (SGP4-VER.TLE, with each case's run of
// start, stop and step minutes after column 69 of line 2), read for the tests that propagate it.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/orbit/element_set.hpp"
#include "sim/orbit/tle.hpp"

namespace umbra::testing {

using orbit::ChecksumPolicy;
using orbit::ElementSet;
using orbit::parse_tle;

inline std::filesystem::path verification_directory() {
  if (const char* from_environment = std::getenv("UMBRA_SGP4_VERIFICATION_DIR")) {
    return from_environment;
  }
  const std::filesystem::path debian = "/usr/lib/python3/dist-packages/sgp4";
  if (std::filesystem::exists(debian / "tcppver.out")) return debian;
  // Elsewhere (a pip install), ask Python where the sgp4 package lives.
  std::string found;
  if (FILE* pipe = popen(
          "python3 -c 'import sgp4,os;print(os.path.dirname(sgp4.__file__))' 2>/dev/null", "r")) {
    std::array<char, 4096> buffer{};
    if (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe)) found = buffer.data();
    pclose(pipe);
  }
  while (!found.empty() && (found.back() == '\n' || found.back() == '\r')) found.pop_back();
  return found;
}

inline std::vector<std::string> read_lines(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

struct VerificationCase {
  ElementSet elements;
  double start = 0, stop = 0, step = 0;  // minutes, from columns 70 on of line 2
  bool checksum_refused = false;
};

// Splits each line 2 at column 69: the TLE proper goes to the parser, the run's start, stop and
// step to the case. Hand-edited error cases carry wrong checksums: they are refused by the strict
// parser (which the count below checks) and read again without checksum verification.
inline std::vector<VerificationCase> read_cases(const std::filesystem::path& file) {
  const std::vector<std::string> lines = read_lines(file);
  std::vector<VerificationCase> cases;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (!lines[i].starts_with("1 ")) continue;
    const std::string& line2 = lines[i + 1];
    const std::string tle = lines[i] + "\n" + line2.substr(0, 69);
    VerificationCase c;
    try {
      c.elements = parse_tle(tle, file.string()).at(0);
    } catch (const InputError& error) {
      EXPECT_NE(std::string(error.what()).find("bad checksum"), std::string::npos) << error.what();
      c.checksum_refused = true;
      c.elements = parse_tle(tle, file.string(), ChecksumPolicy::kIgnore).at(0);
    }
    std::istringstream run(line2.substr(69));
    run >> c.start >> c.stop >> c.step;
    EXPECT_FALSE(run.fail()) << "no start/stop/step after column 69 on line " << i + 2;
    cases.push_back(c);
    ++i;
  }
  return cases;
}

// The times testcpp runs a case at: epoch, then start to stop by step, and stop itself when the
// steps miss it (the same rule python-sgp4 uses to regenerate tcppver.out line for line).
inline std::vector<double> run_times(const VerificationCase& c) {
  std::vector<double> times = {0.0};
  double t = c.start;
  for (; t <= c.stop; t += c.step) {
    if (!(t == c.start && c.start == 0.0)) times.push_back(t);
  }
  if (t - c.stop < c.step - 1e-6) times.push_back(c.stop);
  return times;
}

}  // namespace umbra::testing
