#pragma once
// power.csv written as the run goes (a long run makes millions of rows: kept in memory they
// took ~1 GB for a year of the dawn-dusk formation). The rows go to "power.csv.partial" in the
// output folder, a batch at a time, and finish() renames it power.csv; a stream destroyed
// unfinished (the run failed) removes it, so a power.csv is always a whole file. No file when
// the run makes no rows (no satellite with a power model).
#include <filesystem>
#include <optional>

#include "sim/output/power_csv.hpp"
#include "sim/output/streamed_file.hpp"

namespace umbra::output {

// Which rows go to the file: every row, or all but the sun's steps (rows whose only events are
// solar-step or penumbra-step: the flux drifting in sunlight and the partial sun of a penumbra
// transit: 90 % of the rows of a year of platforms/dawn-dusk-formation.yaml). Thinned, the file
// still has every change of shadow, load, battery bound and operating point; the steps between are
// left out, so the energy between two rows can no longer be integrated from them.
enum class PowerRowSelection { kAll, kEvents };

class PowerCsvStream final : public PowerRowSink {
 public:
  PowerCsvStream(std::filesystem::path path, PowerRowSelection selection);

  void set_names(const NodeNames& names) override;
  // Throws InputError naming the file when it cannot be written (a full disk, a folder gone).
  void add(const PowerRow& row) override;
  // Writes what is left and renames the file into place; InputError naming it if that fails.
  void finish() { file_.finish(); }

 private:
  StreamedFile file_;
  PowerRowSelection selection_;
  std::optional<PowerCsvFormatter> formatter_;
};

}  // namespace umbra::output
