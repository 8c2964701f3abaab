#pragma once
// One parser for every human-written quantity ("400 Gbps", "700 W", "2 h", "989 TFLOPS").
// Values come back in SI base units: seconds, metres, bytes, bytes per second, watts, joules,
// floating-point operations, FLOP per second, degrees (angles), square metres, plain ratios.
#include <string>
#include <string_view>

namespace umbra {

enum class Quantity {
  kTime,      // s
  kLength,    // m
  kDataSize,  // bytes
  kDataRate,  // bytes per second (network figures are usually written in bits: "100 Gbps")
  kPower,     // W
  kEnergy,    // J
  kWork,      // FLOP
  kFlopRate,  // FLOP/s
  kAngle,     // degrees
  kArea,      // m^2
  kRatio,     // dimensionless; "40 %" -> 0.4
};

// Name used in messages ("a duration", "a data rate", ...).
std::string_view quantity_name(Quantity kind);

// Units accepted for a kind, for error messages ("s, ms, min, h, d").
std::string_view accepted_units(Quantity kind);

// The unit a bare number of the kind is read in ("m", "B/s", "deg"; "" for ratios).
std::string_view base_unit(Quantity kind);

// Whether a unit follows the number in `text` ("550 km" yes, "550" no).
bool has_unit(std::string_view text);

// Parses "<number> [unit]". Units may be written with the signs "²" (m², cm²) and "µ" or "μ"
// (µs, µm). A bare number is taken in the SI unit listed above (degrees for
// angles). Throws InputError without a file position on a malformed number or an unknown unit
// (naming any character outside ASCII that is not one of those signs); callers that know the
// position rethrow with it.
double parse_quantity(std::string_view text, Quantity kind);

// Formats a duration for people: "95.65 min", "2 h", "35 s".
std::string format_duration(double seconds);

}  // namespace umbra
