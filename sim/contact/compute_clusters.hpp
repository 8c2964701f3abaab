#pragma once
// The orbital compute clusters a job can run in, as the scheduler sees them (beside the ground
// sites): each shell, each formation, and each explicit satellite alone (a TLE or OMM file gives
// one cluster per element set). Only satellites with a payload are compute nodes; the others
// still relay traffic. A cluster without any compute node is left out.
#include <cstddef>
#include <string>
#include <vector>

#include "sim/contact/constellation.hpp"
#include "sim/spec/platform_spec.hpp"

namespace umbra::contact {

struct ComputeCluster {
  std::string name;                  // the shell's, the formation's or the satellite's
  std::string gpu_model;             // the payload's: hardware is given once per cluster
  std::vector<std::size_t> members;  // compute satellites, by index in the constellation
};

std::vector<ComputeCluster> compute_clusters(const spec::PlatformSpec& platform,
                                             const Constellation& constellation);

}  // namespace umbra::contact
