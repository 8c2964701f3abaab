#include "sim/workload/distribution.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "sim/core/error.hpp"
#include "sim/core/split.hpp"

namespace umbra::workload {
namespace {

constexpr std::string_view kForms =
    "constant:V, uniform:LOW,HIGH, exponential:MEAN, lognormal:MU,SIGMA or "
    "choice:V1,V2,..@W1,W2,..";

}  // namespace

Distribution Distribution::parse(std::string_view text, std::optional<Quantity> kind,
                                 const std::string& option) {
  const auto fail = [&](const std::string& why) -> Distribution {
    throw InputError(fmt::format("invalid {} \"{}\": {}", option, text, why));
  };
  const auto number = [&](std::string_view part, std::optional<Quantity> of) {
    try {
      if (of) return parse_quantity(part, *of);
    } catch (const InputError& error) {
      fail(error.message());
    }
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    double value = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || error != std::errc{} || end != part.data() + part.size() ||
        !std::isfinite(value)) {
      fail(fmt::format("expected a number, got \"{}\"", part));
    }
    return value;
  };
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) fail(fmt::format("expected {}", kForms));
  const std::string_view name = text.substr(0, colon);
  const std::string_view arguments = text.substr(colon + 1);

  Distribution d;
  d.description_ = std::string(text);
  const auto numbers = [&](std::string_view list, std::size_t count, std::optional<Quantity> of) {
    const std::vector<std::string_view> parts = split(list, ',');
    if (parts.size() != count) {
      fail(fmt::format("\"{}\" takes {} parameter{}", name, count, count == 1 ? "" : "s"));
    }
    for (const std::string_view part : parts) d.parameters_.push_back(number(part, of));
  };
  if (name == "constant") {
    numbers(arguments, 1, kind);
  } else if (name == "uniform") {
    d.kind_ = Kind::kUniform;
    numbers(arguments, 2, kind);
    if (d.parameters_[1] <= d.parameters_[0]) fail("expected LOW < HIGH");
  } else if (name == "exponential") {
    d.kind_ = Kind::kExponential;
    numbers(arguments, 1, kind);
    if (d.parameters_[0] <= 0) fail("expected a positive mean");
  } else if (name == "lognormal") {
    d.kind_ = Kind::kLognormal;
    numbers(arguments, 2, std::nullopt);  // parameters of the log: plain numbers
    if (d.parameters_[1] < 0) fail("expected SIGMA >= 0");
  } else if (name == "choice") {
    d.kind_ = Kind::kChoice;
    const std::size_t at = arguments.find('@');
    for (const std::string_view part : split(arguments.substr(0, at), ',')) {
      d.values_.push_back(number(part, kind));
    }
    std::vector<double> weights(d.values_.size(), 1.0);
    if (at != std::string_view::npos) {
      weights.clear();
      for (const std::string_view part : split(arguments.substr(at + 1), ',')) {
        weights.push_back(number(part, std::nullopt));
      }
      if (weights.size() != d.values_.size()) {
        fail(fmt::format("{} values but {} weights", d.values_.size(), weights.size()));
      }
    }
    double total = 0;
    for (const double weight : weights) {
      if (weight < 0) fail("expected weights >= 0");
      total += weight;
      d.cumulative_weights_.push_back(total);
    }
    if (total <= 0) fail("expected a positive total weight");
    for (double& weight : d.cumulative_weights_) weight /= total;
  } else {
    fail(fmt::format("unknown distribution \"{}\": expected {}", name, kForms));
  }
  return d;
}

Distribution Distribution::empirical(std::vector<double> values, std::string description) {
  if (values.empty()) throw InputError(fmt::format("{}: no values to draw from", description));
  Distribution d;
  d.kind_ = Kind::kChoice;
  d.values_ = std::move(values);
  d.description_ = std::move(description);
  return d;  // no weights: each value equally likely
}

double Distribution::sample(Rng& rng) const {
  switch (kind_) {
    case Kind::kConstant:
      return parameters_[0];
    case Kind::kUniform:
      return rng.uniform(parameters_[0], parameters_[1]);
    case Kind::kExponential:
      return rng.exponential(parameters_[0]);
    case Kind::kLognormal:
      return rng.lognormal(parameters_[0], parameters_[1]);
    case Kind::kChoice:
      if (cumulative_weights_.empty()) return values_[rng.uniform_int(values_.size())];
      const double u = rng.uniform();
      const auto chosen =
          std::upper_bound(cumulative_weights_.begin(), cumulative_weights_.end(), u);
      return values_[std::min(static_cast<std::size_t>(chosen - cumulative_weights_.begin()),
                              values_.size() - 1)];
  }
  return 0;
}

}  // namespace umbra::workload
