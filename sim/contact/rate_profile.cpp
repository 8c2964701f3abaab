#include "sim/contact/rate_profile.hpp"

#include <algorithm>
#include <cmath>

#include "sim/contact/link_geometry.hpp"

namespace umbra::contact {

void RateProfileBuilder::add(double time, double range) {
  const RateSegment here{time, link_rate(link_class_, range), light_time(range)};
  auto& segments = profile_.segments;
  if (segments.empty() ||
      std::abs(here.rate - segments.back().rate) > options_.rate_tolerance * segments.back().rate ||
      std::abs(here.delay - segments.back().delay) > options_.delay_tolerance) {
    segments.push_back(here);
    profile_.min_range.push_back(range);
    profile_.max_range.push_back(range);
  } else {
    profile_.min_range.back() = std::min(profile_.min_range.back(), range);
    profile_.max_range.back() = std::max(profile_.max_range.back(), range);
  }
}

RateProfile RateProfileBuilder::finish(double range_at_end) {
  profile_.min_range.back() = std::min(profile_.min_range.back(), range_at_end);
  profile_.max_range.back() = std::max(profile_.max_range.back(), range_at_end);
  return std::move(profile_);
}

RateProfile RateProfile::from(double start) const {
  const auto after = std::upper_bound(
      segments.begin(), segments.end(), start,
      [](double time, const RateSegment& segment) { return time < segment.start; });
  const auto first =
      static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, after - segments.begin() - 1));
  RateProfile clipped;
  clipped.segments.assign(segments.begin() + static_cast<std::ptrdiff_t>(first), segments.end());
  clipped.min_range.assign(min_range.begin() + static_cast<std::ptrdiff_t>(first), min_range.end());
  clipped.max_range.assign(max_range.begin() + static_cast<std::ptrdiff_t>(first), max_range.end());
  clipped.segments.front().start = std::max(clipped.segments.front().start, start);
  return clipped;
}

}  // namespace umbra::contact
