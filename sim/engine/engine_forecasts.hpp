#pragma once
// What a policy may ask of the future (sched::Forecasts): the power forecasts come from the
// power driver, the network's from the contact driver's plan and the zone's routes of the
// moment.
#include "schedulers/scheduler.hpp"
#include "sim/engine/contact_driver.hpp"
#include "sim/engine/power_driver.hpp"
#include "sim/engine/simulated_platform.hpp"

namespace umbra::engine {

class EngineForecasts final : public sched::Forecasts {
 public:
  EngineForecasts(const spec::PlatformSpec& platform, const SimulatedPlatform& simulated,
                  PowerDriver& power, const ContactDriver& contacts);

  std::optional<sched::ShadowWindow> shadow_at_or_after(sched::NodeId node,
                                                        double time) const override;
  double state_of_charge_at(sched::NodeId node, double time, int busy_gpus) const override;
  std::optional<double> power_lost_at(sched::NodeId node, int busy_gpus,
                                      double until) const override;
  double bandwidth_now(sched::NodeId from, sched::NodeId to) const override;
  std::vector<sched::GroundContact> ground_contacts(sched::NodeId node, double from,
                                                    double until) const override;

 private:
  const SimulatedPlatform& simulated_;
  PowerDriver& power_;  // a forecast may load solar input further ahead
  const ContactDriver& contacts_;
  std::vector<sched::SiteId> station_site_;  // the ground site each station's backhaul reaches
};

}  // namespace umbra::engine
