#pragma once
// Which possible link windows get terminals, and when they start carrying data.
//
// Resources: a satellite has as many simultaneous links of a class as it carries terminals of
// that class; a ground station as many links (of any class) as it has antennas. A link to the
// ground takes a terminal of its satellite and an antenna of its station; a link between
// satellites a terminal of the class on each.
//
// Rule (greedy, deterministic): windows are taken in order of the time their terminals would
// start pointing, then the longer remaining window first, then by the names of the first end,
// the second end and the class. A window whose resources are all free is accepted and holds
// them until its end. A window that finds a resource full is deferred to the earliest time
// every resource it needs has a free unit, and queued again from there; it is refused when
// nothing usable would remain.
//
// Acquisition: a window carries data acquisition_time after its terminals start pointing
// (paid again after a deferral), so the terminals are held from the pointing time. A window
// already open at the plan's start is taken as acquired before it. A window not longer than its
// acquisition time is dropped and counted.
#include <cstddef>
#include <vector>

#include "sim/contact/candidate_links.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/contact/link_windows.hpp"
#include "sim/spec/platform_spec.hpp"

namespace umbra::contact {

struct WindowRequest {
  std::size_t link = 0;  // index in the candidate links
  VisibleInterval visible;
};

struct AssignedWindow {
  std::size_t request = 0;
  std::size_t link = 0;
  double pointed_from = 0;  // terminals held from here
  double start = 0;         // carries data from here: pointed_from + acquisition
  double end = 0;
};

struct Assignment {
  std::vector<AssignedWindow> windows;  // in acceptance order
  std::size_t shorter_than_acquisition = 0;
  std::size_t refused_for_terminals = 0;
};

Assignment assign_terminals(const std::vector<WindowRequest>& requests,
                            const std::vector<CandidateLink>& links,
                            const spec::PlatformSpec& platform, const Constellation& constellation,
                            double plan_start);

}  // namespace umbra::contact
