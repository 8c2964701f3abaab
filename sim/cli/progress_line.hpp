#pragma once
// A line of progress on standard error, redrawn in place ("\r", then the rest of the line
// erased), with the wall-clock time left at the pace so far. For a terminal only: a line that
// rewrites itself has no place in a log file or a test's captured output, and the time it
// shows would make them differ from run to run.
#include <chrono>
#include <string>
#include <string_view>

namespace umbra::cli {

bool stderr_is_terminal();

// "about 40 s left", "about 12 min left", "about 3 h 05 min left" at the pace so far: `done`
// of `total` units of work in `elapsed` seconds; empty before any work is done or after all.
std::string time_left(double elapsed, double done, double total);

class ProgressLine {
 public:
  // Nothing is drawn unless `shown` (stderr_is_terminal(), as a rule).
  explicit ProgressLine(bool shown);

  // The line becomes `text` followed by the time left, `done` of `total` units being done;
  // it is redrawn at most kRedrawsPerSecond times a second, the latest text winning.
  void update(std::string_view text, double done, double total);
  // Draws the latest text if it was not drawn yet, and ends the line.
  void finish();

  static constexpr int kRedrawsPerSecond = 4;

 private:
  void draw();

  bool shown_;
  std::chrono::steady_clock::time_point started_, drawn_at_;
  std::string latest_;
  bool latest_drawn_ = true;
  bool ever_drawn_ = false;
};

}  // namespace umbra::cli
