#pragma once
// Ground sites' grid caps (spec::SiteSpec power_cap and pue): a capped site's IT power, its
// GPUs' draw, idle and busy, at their pstates, stays at or under power_cap / PUE
// (power::grid_it_power_limit). The engine holds starts back rather than slowing running work:
//
//   committed IT power = sum over the site's nodes of  gpus x idle(p) + held x (busy(p) - idle(p))
//
// counts every GPU a job holds as busy at its node's pstate p, whatever it is doing, so the cap
// holds at every instant. The headroom is the limit minus the committed power; the policy sees
// it (sched::SiteState::power_headroom_watts) and sees each node's free GPUs trimmed to it, handed
// out in node order: a node offers only the GPUs the headroom left by the nodes before it can
// still feed busy. Any placement on free GPUs therefore keeps the site under its cap, so a
// policy that ignores the headroom cannot break it; a cap a policy lifts (sched::SetPowerCap
// to a faster pstate) that would break it is refused as an error of the policy.
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "schedulers/scheduler.hpp"
#include "sim/spec/platform_spec.hpp"
#include "sim/workload/job.hpp"

namespace umbra::engine {

class SitePowerCaps {
 public:
  // `sites` in the order of sched::SiteState ids (ground sites first, in file order).
  explicit SitePowerCaps(const spec::PlatformSpec& platform);

  // Committed IT power of `site` (above), with `held` GPUs held per platform node.
  double committed_watts(const sched::SiteState& site, std::span<const sched::NodeState> nodes,
                         std::span<const int> held) const;
  // Sets the free GPUs of every capped site's nodes (those up and not held, trimmed to the
  // headroom) and the sites' power_headroom_watts (infinity without a cap).
  void limit(std::span<sched::SiteState> sites, std::span<sched::NodeState> nodes,
             std::span<const int> held) const;
  // Whether node `node` of `site` at `pstate` keeps its site under its cap.
  bool allows_pstate(const sched::SiteState& site, std::span<const sched::NodeState> nodes,
                     std::span<const int> held, std::size_t node, int pstate) const;
  // The IT power limit of ground site `site`, if capped.
  std::optional<double> limit_watts(std::size_t site) const;
  // Facility power over IT power of site `site` (1 for an orbital cluster).
  double pue(std::size_t site) const;
  // Throws an InputError at the first job larger than what any site can feed busy at once
  // (all its GPUs, or for a capped site as many as its cap feeds at its slowest pstate): it
  // could never start.
  void refuse_jobs_no_site_can_power(std::span<const sched::SiteState> sites,
                                     const workload::Workload& workload) const;

 private:
  struct Cap {
    double it_limit_watts = 0;
    const spec::GpuModelSpec* gpu_model = nullptr;
  };
  std::vector<std::optional<Cap>> caps_;  // per ground site
  std::vector<double> pues_;              // per ground site
};

}  // namespace umbra::engine
