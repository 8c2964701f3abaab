#pragma once
// Named distributions for the workload generator, written as "<kind>:<parameters>":
//   constant:V               always V
//   uniform:LOW,HIGH         uniform in [LOW, HIGH)
//   exponential:MEAN         exponential of that mean
//   lognormal:MU,SIGMA       exp(normal(MU, SIGMA)); MU, SIGMA of the natural log of the
//                            value in SI units (seconds for durations)
//   choice:V1,V2,..@W1,W2,.. one of the values, with those weights (equal weights when no @)
// and the empirical distribution of a list of values (a trace's job sizes or run times).
// Values may carry units when the distribution is of a quantity ("exponential:2 h").
// Sampled with umbra::Rng only, so a seed gives the same values everywhere.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/rng.hpp"
#include "sim/core/units.hpp"

namespace umbra::workload {

class Distribution {
 public:
  // `option` names the source in messages ("--sizes"); `kind` is the quantity of the values,
  // nothing for plain numbers (counts).
  static Distribution parse(std::string_view text, std::optional<Quantity> kind,
                            const std::string& option);
  static Distribution empirical(std::vector<double> values, std::string description);

  double sample(Rng& rng) const;
  const std::string& description() const { return description_; }

 private:
  enum class Kind { kConstant, kUniform, kExponential, kLognormal, kChoice };

  Kind kind_ = Kind::kConstant;
  std::vector<double> parameters_;          // as the kind needs them
  std::vector<double> values_;              // choice and empirical values
  std::vector<double> cumulative_weights_;  // choice, normalised to end at 1
  std::string description_;
};

}  // namespace umbra::workload
