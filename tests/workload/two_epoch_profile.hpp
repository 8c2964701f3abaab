#pragma once
// A profile small enough to work by hand, for the tests of the profile model and of the
// segments a profile-driven job runs in.
#include "sim/workload/application_profile_reader.hpp"

namespace umbra::test {

// A profile of one GPU measured at local batch sizes 10 (1 s a step) and 20 (2 s), validated at
// batch sizes 10 and 20 over two epochs.
inline workload::ApplicationProfile two_epoch_profile() {
  return workload::parse_application_profile(
      "toy", "toy",
      {{"placements.csv", "placement,local_bsz,step_time,sync_time\n1,10,1.0,0\n1,20,2.0,0\n"},
       {"scalability.csv", "num_nodes,num_replicas,local_bsz,step_time,sync_time\n"},
       {"validation-10.csv",
        "progress,iteration,metric,grad_sqr,grad_var\n100,100,0.5,1,1\n300,300,0.6,1,0\n"},
       {"validation-20.csv",
        "progress,iteration,metric,grad_sqr,grad_var\n90,45,0.5,1,1\n280,140,0.6,1,0\n"}},
      {});
}

}  // namespace umbra::test
