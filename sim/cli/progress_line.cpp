#include "sim/cli/progress_line.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace umbra::cli {

bool stderr_is_terminal() {
  return isatty(STDERR_FILENO) == 1;
}

std::string time_left(double elapsed, double done, double total) {
  if (done <= 0 || done >= total) return {};
  const double seconds = elapsed / done * (total - done);
  if (seconds < 120) return fmt::format("about {:.0f} s left", seconds);
  const long minutes = std::lround(seconds / 60);
  if (minutes < 120) return fmt::format("about {} min left", minutes);
  return fmt::format("about {} h {:02} min left", minutes / 60, minutes % 60);
}

ProgressLine::ProgressLine(bool shown)
    : shown_(shown), started_(std::chrono::steady_clock::now()) {}

void ProgressLine::update(std::string_view text, double done, double total) {
  if (!shown_) return;
  const auto now = std::chrono::steady_clock::now();
  const std::chrono::duration<double> elapsed = now - started_;
  const std::string left = time_left(elapsed.count(), done, total);
  latest_ = left.empty() ? std::string(text) : fmt::format("{}, {}", text, left);
  latest_drawn_ = false;
  const auto interval = std::chrono::milliseconds(1000 / kRedrawsPerSecond);
  if (!ever_drawn_ || now - drawn_at_ >= interval) {
    drawn_at_ = now;
    draw();
  }
}

void ProgressLine::finish() {
  if (!shown_ || !ever_drawn_) return;
  if (!latest_drawn_) draw();
  fmt::print(stderr, "\n");
}

void ProgressLine::draw() {
  fmt::print(stderr, "\r{}\033[K", latest_);
  std::fflush(stderr);
  latest_drawn_ = true;
  ever_drawn_ = true;
}

}  // namespace umbra::cli
