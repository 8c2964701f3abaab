#pragma once
// What a run's results hold that its user should not miss: said on standard error and kept in
// manifest.json (Manifest::warnings).
#include <string>
#include <vector>

#include "sim/output/run_result.hpp"

namespace umbra::output {

// One line if the engine gave up on jobs its policy never started (RunTotals::gave_up_at); then
// one line per job that waited for routes (JobRecord::route_wait_seconds) longer than its ideal
// duration (JobRecord::isolated_seconds), in workload order: its time went to a network that did
// not join its nodes, their storage or its data set's site.
std::vector<std::string> run_warnings(const RunResult& result);

}  // namespace umbra::output
