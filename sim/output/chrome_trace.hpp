#pragma once
// `umbra run --trace FILE.json`: the run as a Chrome trace-event file (the JSON object format,
// {"traceEvents": [...]}, which Perfetto's UI and chrome://tracing open). Timestamps are
// microseconds of simulated time since the scenario's epoch, rounded to the nanosecond.
//
// Tracks ("pid" a process, "tid" a thread of it):
//   a process per site; in it
//     a thread per node and lane: job slices (name: the job's id; args: its GPUs on the node,
//       its GPUs in all, and how the stretch ended, allocations.csv's "ended"). Jobs sharing a
//       node go to lanes "NODE", "NODE #2", ..., so that the slices of a thread never overlap;
//       a stretch that ended otherwise than finished or running also has an instant event
//       (preempted, migrated, power-failed, power-suspended, walltime) at its end;
//     per powered satellite (power.csv): "NODE power", slices of its mode and pstate
//       ("running p0", "suspended", "off"), and "NODE shadow", slices "sunlit", "penumbra"
//       (some of the Sun's disc hidden) and "umbra" (none of it seen); counters "NODE state of
//       charge" (fraction) and "NODE load (W)" (power.csv has the rest);
//   a process "links": a counter per link class of its links up, and, when at most
//     kMostLinkTracks links have windows, a thread per link with a slice per window (beyond,
//     thousands of tracks would bury the rest: link_windows.csv still holds every window).
// Every track's events are in time order; the same run gives the same bytes.
#include <cstddef>
#include <filesystem>

#include "sim/output/run_result.hpp"

namespace umbra::output {

inline constexpr std::size_t kMostLinkTracks = 256;

// Throws InputError naming the file if it cannot be written.
void write_chrome_trace(const std::filesystem::path& path, const RunResult& result);

}  // namespace umbra::output
