#pragma once
// What reading a workload did with its records: how many were read, kept and dropped (by
// reason), and the bad lines skipped under --skip-bad-lines. Nothing is dropped silently.
#include <map>
#include <string>
#include <vector>

namespace umbra::workload {

struct ReadCounts {
  long long records = 0;                     // records met in the file, good or bad
  long long kept = 0;                        // became jobs
  std::map<std::string, long long> dropped;  // by reason: "failed", "no GPUs", ...
  long long bad_lines = 0;                   // malformed records skipped
  std::vector<std::string> first_bad_lines;  // their messages, the first few only

  static constexpr std::size_t kBadLinesShown = 5;
};

}  // namespace umbra::workload
