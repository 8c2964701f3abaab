// The energy ledger by hand: one node of 4 GPUs, pstate 0 at 100 W idle / 500 W busy, pstate 1
// at 50 W idle / 300 W busy.
#include "sim/engine/gpu_energy_ledger.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace umbra::engine {
namespace {

GpuEnergyLedger one_node(std::size_t jobs) {
  return GpuEnergyLedger({{4, {{100, 500}, {50, 300}}}}, jobs);
}

TEST(GpuEnergyLedger, HeldGpusDrawIdleAndComputingOnesTheBusyIncrementAtThePstateOfTheMoment) {
  GpuEnergyLedger ledger = one_node(2);
  ledger.hold(0, 0, 2, 0);           // job 0 holds 2 GPUs from 0
  ledger.set_computing(0, 0, 2, 10);  // computes on them from 10
  ledger.hold(0, 1, 1, 20);          // job 1 holds 1 GPU from 20, never computes
  ledger.set_pstate(0, 1, 30);       // pstate 1 from 30
  ledger.set_computing(0, 0, 0, 40);  // job 0 stops computing at 40
  ledger.hold(0, 0, -2, 50);         // and leaves at 50
  ledger.set_pstate(0, std::nullopt, 60);  // dark from 60
  ledger.settle_all(100);
  // Job 0: 0-10 2 x 100; 10-30 2 x 500; 30-40 2 x 300; 40-50 2 x 50.
  EXPECT_DOUBLE_EQ(ledger.job_joules(0), 2000 + 20000 + 6000 + 1000);
  // Job 1: 20-30 100; 30-60 50; then dark.
  EXPECT_DOUBLE_EQ(ledger.job_joules(1), 1000 + 1500);
  // Unallocated: 0-20 2 GPUs x 100; 20-30 1 x 100; 30-50 1 x 50; 50-60 3 x 50.
  EXPECT_DOUBLE_EQ(ledger.unallocated_joules(), 4000 + 1000 + 1000 + 1500);
  EXPECT_EQ(ledger.computing_gpus(0), 0);
}

TEST(GpuEnergyLedger, ComputingCountsEveryJobOfTheNode) {
  GpuEnergyLedger ledger = one_node(2);
  ledger.hold(0, 0, 2, 0);
  ledger.hold(0, 1, 2, 0);
  ledger.set_computing(0, 0, 2, 0);
  ledger.set_computing(0, 1, 1, 0);
  EXPECT_EQ(ledger.computing_gpus(0), 3);
}

TEST(GpuEnergyLedger, ComputingOnGpusNotHeldOrGoingBackInTimeIsAnError) {
  GpuEnergyLedger ledger = one_node(1);
  ledger.hold(0, 0, 1, 10);
  EXPECT_THROW(ledger.set_computing(0, 0, 2, 10), std::logic_error);
  EXPECT_THROW(ledger.hold(0, 0, 1, 5), std::logic_error);
}

}  // namespace
}  // namespace umbra::engine
