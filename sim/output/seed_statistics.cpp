#include "sim/output/seed_statistics.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace umbra::output {

double student_t_quantile(double probability, double degrees_of_freedom) {
  return boost::math::quantile(boost::math::students_t(degrees_of_freedom), probability);
}

SeedStatistics seed_statistics(const std::vector<double>& values) {
  SeedStatistics statistics;
  statistics.count = values.size();
  if (values.empty()) return statistics;
  double sum = 0;
  for (const double value : values) sum += value;
  const double n = static_cast<double>(values.size());
  statistics.mean = sum / n;
  if (values.size() < 2) return statistics;
  double squares = 0;
  for (const double value : values)
    squares += (value - statistics.mean) * (value - statistics.mean);
  const double deviation = std::sqrt(squares / (n - 1));
  statistics.standard_deviation = deviation;
  statistics.ci95_half_width = student_t_quantile(0.975, n - 1) * deviation / std::sqrt(n);
  return statistics;
}

}  // namespace umbra::output
