#include "sim/contact/contact_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "sim/contact/candidate_links.hpp"
#include "sim/contact/link_windows.hpp"
#include "sim/contact/terminal_assignment.hpp"
#include "sim/core/error.hpp"
#include "sim/orbit/propagator.hpp"

namespace umbra::contact {
double LinkWindow::mean_rate() const {
  double bytes = 0;
  for (std::size_t k = 0; k < segments.size(); ++k) {
    const double until = k + 1 < segments.size() ? segments[k + 1].start : end;
    bytes += segments[k].rate * (until - segments[k].start);
  }
  return end > start ? bytes / (end - start) : segments.front().rate;
}

const RateSegment& LinkWindow::segment_at(double t) const {
  const auto after =
      std::upper_bound(segments.begin(), segments.end(), t,
                       [](double time, const RateSegment& s) { return time < s.start; });
  return after == segments.begin() ? segments.front() : *(after - 1);
}

ContactPlan build_contact_plan(const spec::PlatformSpec& platform,
                               const Constellation& constellation,
                               const ContactPlanOptions& options) {
  if (!(options.horizon > 0 && std::isfinite(options.horizon))) {
    throw InputError(fmt::format("the contact plan horizon must be a positive duration, got {} s",
                                 options.horizon));
  }
  ContactPlan plan;
  plan.from = options.from;
  plan.to = options.from + options.horizon;
  for (const Satellite& satellite : constellation.satellites) plan.nodes.push_back(satellite.name);
  plan.satellite_count = constellation.satellites.size();
  for (const spec::GroundStationSpec& station : platform.ground_stations) {
    plan.nodes.push_back(station.name);
  }
  plan.link_classes = platform.link_classes;

  const std::vector<CandidateLink> links = candidate_links(platform, constellation);
  plan.candidate_links = links.size();
  std::vector<std::vector<VisibleInterval>> visible;
  try {
    visible = visible_intervals(links, platform, constellation,
                                {plan.from, plan.to, options.time_tolerance, options.profile,
                                 options.threads, options.cancel});
  } catch (const orbit::PropagationError& error) {
    throw InputError(fmt::format("a satellite has no state inside the horizon: {}", error.what()));
  }
  std::vector<WindowRequest> requests;
  for (std::size_t l = 0; l < links.size(); ++l) {
    for (VisibleInterval& interval : visible[l]) requests.push_back({l, std::move(interval)});
  }
  Assignment assignment = assign_terminals(requests, links, platform, constellation, plan.from);
  plan.shorter_than_acquisition = assignment.shorter_than_acquisition;
  plan.refused_for_terminals = assignment.refused_for_terminals;

  const auto node_of = [&](const CandidateLink& link) {
    return link.to_ground ? plan.satellite_count + link.b : link.b;
  };
  std::sort(assignment.windows.begin(), assignment.windows.end(),
            [&](const AssignedWindow& x, const AssignedWindow& y) {
              const CandidateLink& p = links[x.link];
              const CandidateLink& q = links[y.link];
              return std::tuple(x.start, x.end, p.a, node_of(p), p.link_class) <
                     std::tuple(y.start, y.end, q.a, node_of(q), q.link_class);
            });
  for (const AssignedWindow& assigned : assignment.windows) {
    const CandidateLink& link = links[assigned.link];
    RateProfile profile = requests[assigned.request].visible.profile.from(assigned.start);
    plan.windows.push_back({link.a, node_of(link), link.link_class, assigned.pointed_from,
                            assigned.start, assigned.end,
                            *std::min_element(profile.min_range.begin(), profile.min_range.end()),
                            *std::max_element(profile.max_range.begin(), profile.max_range.end()),
                            std::move(profile.segments)});
  }
  return plan;
}

}  // namespace umbra::contact
