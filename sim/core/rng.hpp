#pragma once
// The run's one random-number generator. Our own algorithm (xoshiro256**, seeded through
// SplitMix64) and our own distributions, so a seed gives the same numbers with every standard
// library, compiler and platform: std::*_distribution are not specified bit for bit.
#include <cstdint>

namespace umbra {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  std::uint64_t next_u64();
  double uniform();                                // [0, 1), 53 random bits
  double uniform(double low, double high);         // [low, high)
  std::uint64_t uniform_int(std::uint64_t bound);  // [0, bound), unbiased; bound > 0
  double exponential(double mean);
  double normal(double mean, double stddev);  // Box-Muller, no cached second value
  double lognormal(double mu, double sigma);  // exp(normal(mu, sigma))

  // An independent stream for a named purpose (arrivals, sizes, ...), so adding draws to one
  // purpose does not shift the numbers of another.
  Rng fork(std::uint64_t stream) const;

 private:
  std::uint64_t state_[4];
  std::uint64_t seed_;
};

}  // namespace umbra
