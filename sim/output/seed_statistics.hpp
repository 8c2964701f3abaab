#pragma once
// Statistics of one metric over the seeds of a sweep: the mean, the sample standard deviation
// and the half-width of the 95 % confidence interval of the mean, t(0.975, n-1) x s / sqrt(n),
// with Student's t since the seeds are few and the variance is estimated from them.
#include <optional>
#include <vector>

namespace umbra::output {

struct SeedStatistics {
  std::size_t count = 0;
  double mean = 0;
  // Both need two values or more.
  std::optional<double> standard_deviation;  // with n - 1 in the denominator
  std::optional<double> ci95_half_width;
};

// The values in seed order (the sums run in that order, so the same values give the same bits).
SeedStatistics seed_statistics(const std::vector<double>& values);

// The quantile of Student's t distribution: the t with P(T <= t) = probability.
double student_t_quantile(double probability, double degrees_of_freedom);

}  // namespace umbra::output
