#pragma once
// A node's energy accounts over a horizon. Every joule of sunlight is either used by the load,
// stored, lost in the battery's conversions or curtailed:
//   solar_in = used + stored_change + losses + curtailed
// (the battery's discharge feeds `used` out of `stored_change`, so it needs no term of its own).
namespace umbra::power {

struct EnergyLedger {
  double solar_in = 0;       // J delivered by the array
  double used = 0;           // J drawn by the node's loads
  double stored_change = 0;  // J, battery energy at the end minus at the start
  double losses = 0;         // J lost charging and discharging
  double curtailed = 0;      // J of sunlight neither used nor stored
  double discharged = 0;     // J the battery gave the bus (part of `used`)

  double off_seconds = 0;        // node dark
  double suspended_seconds = 0;  // GPUs paused
  double throttled_seconds = 0;  // running below pstate 0
  double peak_gpu_seconds = 0;   // busy GPU-seconds weighted by pstate speed: work done
  double min_state_of_charge = 1;
  double max_state_of_charge = 0;

  // solar_in - (used + stored_change + losses + curtailed), J: zero but for rounding.
  double imbalance() const { return solar_in - (used + stored_change + losses + curtailed); }
  // |imbalance| over the largest account, so that a node without sunlight is still measured.
  double relative_imbalance() const;
};

}  // namespace umbra::power
