#pragma once
// Job fields written as bare numbers where their quantity has a unit ("walltime: 3600", read as
// 3600 s). A workload may write a million of them: they are counted per field and said once,
// at the first such value, with how many jobs wrote the field so.
#include <string>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/core/units.hpp"

namespace umbra::workload {

class BareQuantities {
 public:
  // Counts a field whose text `text` (a quantity of `kind` worth `value`) has no unit where it
  // needs one. A value from the YAML `defaults` is written once: it counts once, whatever the
  // number of jobs it fills.
  void note(const std::string& label, const std::string& text, const SourcePosition& where,
            bool from_defaults, Quantity kind, double value);

  // One line per field, in file order of their first bare value: "jobs.csv:2:18: walltime 3600 read
  // as 3600 s (no unit)", followed by ", and in 999 more jobs" when more jobs wrote it so.
  std::vector<std::string> warnings() const;

 private:
  struct Tally {
    std::string label;
    bool from_defaults = false;
    std::string first_text;
    SourcePosition first_where;
    Quantity kind = Quantity::kRatio;
    long long jobs = 0;
  };
  std::vector<Tally> tallies_;  // a few: one per field and origin
};

}  // namespace umbra::workload
