#pragma once
// Rate and one-way delay of one link window as they change with range: piecewise-constant
// segments built from range samples in time order. link_windows.cpp gives the samples: the
// window's edges, the link search's grid times between them (~30 s apart in LEO), each closest
// or farthest approach, and interpolated samples wherever neighbouring ones differ by more than
// a tolerance (halving the interval). A new segment starts at the first sample whose rate differs
// from the current segment's by more than rate_tolerance (relative), or whose delay differs by more
// than delay_tolerance; it takes that sample's values. Between a segment's last sample and the next
// segment the values may stray up to twice the tolerances. With the defaults (1 %, 0.25 ms = 75 km
// of range) a fixed-rate link between satellites of one plane is one segment for the whole window
// and a 25 deg pass over a ground station about eight.
#include <vector>

#include "sim/spec/orbital_spec.hpp"

namespace umbra::contact {

struct RateSegment {
  double start = 0;  // holds until the next segment's start, or the window's end
  double rate = 0;   // bytes/s
  double delay = 0;  // s, one-way light time

  friend bool operator==(const RateSegment&, const RateSegment&) = default;
};

struct RateProfileOptions {
  double rate_tolerance = 0.01;     // relative
  double delay_tolerance = 2.5e-4;  // s
};

struct RateProfile {
  std::vector<RateSegment> segments;  // the first at the window's start
  // Lowest and highest sampled range (m) while each segment holds.
  std::vector<double> min_range, max_range;

  // The profile from `start` on (inside the window): earlier segments dropped, the one holding
  // at `start` moved to it.
  RateProfile from(double start) const;
};

class RateProfileBuilder {
 public:
  RateProfileBuilder(const spec::LinkClassSpec& link_class, const RateProfileOptions& options)
      : link_class_(link_class), options_(options) {}

  void add(double time, double range);  // times increasing, the first at the window's start
  RateProfile finish(double range_at_end);

 private:
  const spec::LinkClassSpec& link_class_;
  const RateProfileOptions& options_;
  RateProfile profile_;
};

}  // namespace umbra::contact
