// Statistics over seeds: Student's t quantiles against a published table, and the mean, standard
// deviation and 95 % confidence interval of small samples worked by hand.
#include "sim/output/seed_statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace umbra::output {
namespace {

// t(0.975, df), the two-sided 95 % critical values of the NIST/SEMATECH e-Handbook of
// Statistical Methods, table 1.3.6.7.2 (three decimals, so a tolerance of half a unit in the
// last place).
TEST(StudentT, QuantilesMatchThePublishedTable) {
  const std::vector<std::pair<double, double>> table = {
      {1, 12.706}, {2, 4.303},  {3, 3.182},  {4, 2.776},  {5, 2.571},
      {9, 2.262},  {10, 2.228}, {29, 2.045}, {30, 2.042}, {100, 1.984}};
  for (const auto& [df, t] : table) {
    EXPECT_NEAR(student_t_quantile(0.975, df), t, 5e-4) << "df " << df;
  }
}

TEST(StudentT, IsSymmetricAboutTheMedian) {
  EXPECT_NEAR(student_t_quantile(0.5, 4), 0.0, 1e-12);
  EXPECT_NEAR(student_t_quantile(0.025, 4), -student_t_quantile(0.975, 4), 1e-9);
}

// 1, 2, 3: mean 2, squares about the mean 1 + 0 + 1 = 2, s = sqrt(2 / 2) = 1; half-width
// t(0.975, 2) x 1 / sqrt(3) = 4.303 / 1.7320508 = 2.4843.
TEST(SeedStatistics, ThreeSeedsWorkedByHand) {
  const SeedStatistics s = seed_statistics({1, 2, 3});
  EXPECT_EQ(s.count, 3u);
  EXPECT_DOUBLE_EQ(s.mean, 2.0);
  ASSERT_TRUE(s.standard_deviation && s.ci95_half_width);
  EXPECT_DOUBLE_EQ(*s.standard_deviation, 1.0);
  EXPECT_NEAR(*s.ci95_half_width, 2.4843, 5e-4);
}

// 2, 4, 4, 4, 5, 5, 7, 9: mean 40 / 8 = 5, squares 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32,
// s = sqrt(32 / 7) = 2.13809; half-width t(0.975, 7) = 2.365 x 2.13809 / sqrt(8) = 1.7878.
TEST(SeedStatistics, EightSeedsWorkedByHand) {
  const SeedStatistics s = seed_statistics({2, 4, 4, 4, 5, 5, 7, 9});
  EXPECT_DOUBLE_EQ(s.mean, 5.0);
  ASSERT_TRUE(s.standard_deviation && s.ci95_half_width);
  EXPECT_NEAR(*s.standard_deviation, 2.13809, 1e-5);
  EXPECT_NEAR(*s.ci95_half_width, 1.7878, 1e-3);
}

TEST(SeedStatistics, OneSeedHasNoSpread) {
  const SeedStatistics s = seed_statistics({7.5});
  EXPECT_EQ(s.count, 1u);
  EXPECT_DOUBLE_EQ(s.mean, 7.5);
  EXPECT_FALSE(s.standard_deviation);
  EXPECT_FALSE(s.ci95_half_width);
}

TEST(SeedStatistics, EqualValuesHaveAZeroInterval) {
  const SeedStatistics s = seed_statistics({3, 3, 3, 3});
  EXPECT_DOUBLE_EQ(*s.standard_deviation, 0.0);
  EXPECT_DOUBLE_EQ(*s.ci95_half_width, 0.0);
}

}  // namespace
}  // namespace umbra::output
