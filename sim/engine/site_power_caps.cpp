#include "sim/engine/site_power_caps.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/core/error.hpp"
#include "sim/power/power_budget.hpp"

namespace umbra::engine {
namespace {

// A node's GPUs at `pstate`, `held` of them counted busy.
double node_watts(const spec::GpuModelSpec& model, int gpus, int held, int pstate) {
  const double idle = power::gpu_power(model, power::GpuActivity::kIdle, pstate);
  const double busy = power::gpu_power(model, power::GpuActivity::kBusy, pstate);
  return gpus * idle + held * (busy - idle);
}

}  // namespace

SitePowerCaps::SitePowerCaps(const spec::PlatformSpec& platform) {
  for (const spec::SiteSpec& site : platform.sites) {
    pues_.push_back(site.pue);
    if (!site.power_cap_watts) {
      caps_.emplace_back();
      continue;
    }
    caps_.push_back(Cap{power::grid_it_power_limit(site), &platform.gpu_model(site.gpu_model)});
  }
}

double SitePowerCaps::pue(std::size_t site) const {
  return site < pues_.size() ? pues_[site] : 1.0;
}

std::optional<double> SitePowerCaps::limit_watts(std::size_t site) const {
  if (site >= caps_.size() || !caps_[site]) return std::nullopt;
  return caps_[site]->it_limit_watts;
}

double SitePowerCaps::committed_watts(const sched::SiteState& site,
                                      std::span<const sched::NodeState> nodes,
                                      std::span<const int> held) const {
  const spec::GpuModelSpec& model = *caps_.at(site.id)->gpu_model;
  double watts = 0;
  for (const sched::NodeId n : site.nodes) {
    watts += node_watts(model, nodes[n].gpus, held[n], nodes[n].pstate);
  }
  return watts;
}

void SitePowerCaps::limit(std::span<sched::SiteState> sites, std::span<sched::NodeState> nodes,
                          std::span<const int> held) const {
  for (sched::SiteState& site : sites) {
    if (!limit_watts(site.id)) {
      site.power_headroom_watts = std::numeric_limits<double>::infinity();
      continue;
    }
    const spec::GpuModelSpec& model = *caps_[site.id]->gpu_model;
    site.power_headroom_watts = caps_[site.id]->it_limit_watts - committed_watts(site, nodes, held);
    double left = site.power_headroom_watts;
    for (const sched::NodeId n : site.nodes) {
      sched::NodeState& node = nodes[n];
      node.free_gpus = node.up ? node.gpus - held[n] : 0;
      const double per_gpu = node_watts(model, 0, 1, node.pstate);  // busy over idle
      // A relative margin so that a start landing exactly on the cap is not refused for rounding.
      const double affordable =
          per_gpu > 0 ? std::floor((left + 1e-9 * caps_[site.id]->it_limit_watts) / per_gpu)
                      : std::numeric_limits<double>::infinity();
      if (affordable < node.free_gpus) node.free_gpus = std::max(0, static_cast<int>(affordable));
      left -= node.free_gpus * per_gpu;
    }
  }
}

void SitePowerCaps::refuse_jobs_no_site_can_power(std::span<const sched::SiteState> sites,
                                                  const workload::Workload& workload) const {
  int largest = 0;
  // The capped site that feeds the most GPUs below its own, to name in the message.
  const sched::SiteState* limiting = nullptr;
  int limiting_busy = 0;
  for (const sched::SiteState& site : sites) {
    int busy = site.gpus;
    if (const auto limit = limit_watts(site.id)) {
      const spec::GpuModelSpec& model = *caps_[site.id]->gpu_model;
      const int slowest = static_cast<int>(model.pstates.size()) - 1;
      const double per_gpu = node_watts(model, 0, 1, slowest);
      const double left = *limit * (1 + 1e-9) - node_watts(model, site.gpus, 0, slowest);
      if (per_gpu > 0) busy = std::min(busy, static_cast<int>(std::floor(left / per_gpu)));
      if (busy < site.gpus && (limiting == nullptr || busy > limiting_busy)) {
        limiting = &site;
        limiting_busy = busy;
      }
    }
    largest = std::max(largest, busy);
  }
  if (limiting == nullptr) return;  // no cap limits a site below its GPUs
  for (const workload::Job& job : workload.jobs) {
    if (job.gpus <= largest) continue;
    throw InputError(job.where,
                     fmt::format("job \"{}\" asks for {} GPUs but no site can power that many "
                                 "busy at once: site \"{}\" feeds at most {} under its power_cap "
                                 "/ pue of {:g} W, at its slowest pstate",
                                 job.id, job.gpus, limiting->name, std::max(0, limiting_busy),
                                 *limit_watts(limiting->id)));
  }
}

bool SitePowerCaps::allows_pstate(const sched::SiteState& site,
                                  std::span<const sched::NodeState> nodes,
                                  std::span<const int> held, std::size_t node, int pstate) const {
  const auto limit = limit_watts(site.id);
  if (!limit) return true;
  const spec::GpuModelSpec& model = *caps_[site.id]->gpu_model;
  const sched::NodeState& state = nodes[node];
  const double change = node_watts(model, state.gpus, held[node], pstate) -
                        node_watts(model, state.gpus, held[node], state.pstate);
  return committed_watts(site, nodes, held) + change <= *limit * (1 + 1e-9);
}

}  // namespace umbra::engine
