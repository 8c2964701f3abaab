#include "sim/output/fixed_decimal.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <stdexcept>

namespace umbra::output {
namespace {

constexpr std::array<double, 7> kScale = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
constexpr std::array<std::uint64_t, 7> kPower = {1, 10, 100, 1000, 10000, 100000, 1000000};
// Above this the scaled value's rounding error nears a unit: fmt decides.
constexpr double kLargest = 1e15;

}  // namespace

void append_fixed(std::string& out, double value, int decimals) {
  if (decimals < 0 || decimals >= static_cast<int>(kScale.size())) {
    throw std::logic_error("append_fixed: decimals out of range");
  }
  const auto d = static_cast<std::size_t>(decimals);
  // value x 10^d rounded to the nearest double is within 2^-53 of the exact product relative to
  // itself (10^d is exact): unless it lies that close to half-way between two integers, rounding
  // it to the nearest integer rounds the exact product the same way. Near a tie, and for huge or
  // non-finite values, fmt's exact algorithm decides.
  const double scaled = std::abs(value) * kScale[d];
  const double whole = std::floor(scaled);
  const double fraction = scaled - whole;  // exact
  if (!(scaled < kLargest) || std::abs(fraction - 0.5) <= scaled * 0x1p-52 + 0x1p-1074) {
    fmt::format_to(std::back_inserter(out), "{:.{}f}", value, decimals);
    return;
  }
  const auto units = static_cast<std::uint64_t>(whole) + (fraction > 0.5 ? 1 : 0);
  if (std::signbit(value)) out.push_back('-');
  std::array<char, 24> digits{};
  const auto integer =
      std::to_chars(digits.data(), digits.data() + digits.size(), units / kPower[d]);
  out.append(digits.data(), integer.ptr);
  if (d == 0) return;
  out.push_back('.');
  std::uint64_t rest = units % kPower[d];
  char* end = digits.data() + d;
  for (char* at = end; at != digits.data();) {
    *--at = static_cast<char>('0' + rest % 10);
    rest /= 10;
  }
  out.append(digits.data(), end);
}

}  // namespace umbra::output
