#pragma once
// Reads an application profile from its folder of CSV tables, as the Pollux artifact publishes
// them (workloads/profiles/pollux/<application>/; application_profile.hpp says what each table
// holds):
//   placements.csv    placement,local_bsz,step_time,sync_time
//   scalability.csv   num_nodes,num_replicas,local_bsz,step_time,sync_time
//   validation-<batch size>.csv   progress,iteration,metric,grad_sqr,grad_var (one row per epoch)
// Other files of the folder are ignored. A malformed table is an InputError at its file, line
// and column.
#include <string>
#include <vector>

#include "sim/workload/application_profile.hpp"

namespace umbra::workload {

// One table of a profile: its file name within the folder and its text.
struct ProfileTable {
  std::string file_name;  // "placements.csv", "validation-128.csv"
  std::string text;
};

// The profile `name` from its tables; `folder` prefixes the file names in messages.
ApplicationProfile parse_application_profile(const std::string& name, const std::string& folder,
                                             const std::vector<ProfileTable>& tables,
                                             const ApplicationSettings& settings);

// The profile in `folder`, named after the folder.
ApplicationProfile read_application_profile(const std::string& folder,
                                            const ApplicationSettings& settings);

}  // namespace umbra::workload
