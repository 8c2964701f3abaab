#include "sim/core/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace umbra {
namespace {

TEST(Rng, SameSeedGivesTheSameSequenceAndAnotherSeedDoesNot) {
  Rng rng(0);
  Rng again(0);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(rng.next_u64(), again.next_u64());
  Rng other(1);
  EXPECT_NE(Rng(0).next_u64(), other.next_u64());
}

TEST(Rng, UniformMeanAndRangeMatchTheory) {
  Rng rng(42);
  double sum = 0;
  constexpr int kDraws = 200000;
  for (int i = 0; i < kDraws; ++i) {
    const double u = rng.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  // Standard error of the mean is sqrt(1/12/N) = 6.5e-4: 5 sigma.
  EXPECT_NEAR(sum / kDraws, 0.5, 3.3e-3);
}

TEST(Rng, ExponentialAndNormalMomentsMatchTheory) {
  Rng rng(7);
  constexpr int kDraws = 200000;
  double exp_sum = 0, normal_sum = 0, normal_sq = 0;
  for (int i = 0; i < kDraws; ++i) {
    exp_sum += rng.exponential(3.0);
    const double x = rng.normal(1.0, 2.0);
    normal_sum += x;
    normal_sq += x * x;
  }
  EXPECT_NEAR(exp_sum / kDraws, 3.0, 5 * 3.0 / std::sqrt(kDraws));
  const double mean = normal_sum / kDraws;
  EXPECT_NEAR(mean, 1.0, 5 * 2.0 / std::sqrt(kDraws));
  EXPECT_NEAR(normal_sq / kDraws - mean * mean, 4.0, 0.05);
}

TEST(Rng, UniformIntCoversTheRangeEvenly) {
  Rng rng(3);
  int counts[6] = {};
  for (int i = 0; i < 60000; ++i) ++counts[rng.uniform_int(6)];
  for (int c : counts) EXPECT_NEAR(c, 10000, 500);
}

TEST(Rng, ForkedStreamsDifferFromEachOtherAndAreStable) {
  const Rng base(11);
  Rng a = base.fork(1), b = base.fork(2), a_again = base.fork(1);
  const auto first_a = a.next_u64();
  EXPECT_NE(first_a, b.next_u64());
  EXPECT_EQ(first_a, a_again.next_u64());
}

}  // namespace
}  // namespace umbra
