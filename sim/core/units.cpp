#include "sim/core/units.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>

#include "sim/core/error.hpp"
#include "sim/core/quote_input.hpp"

namespace umbra {
namespace {

struct UnitFactor {
  std::string_view symbol;
  double factor;  // multiply by this to get the SI value
};

constexpr double kBit = 1.0 / 8.0;

// Case matters: "Gb" is gigabits, "GB" gigabytes, "mW" milliwatts, "MW" megawatts.
constexpr std::array kTimeUnits{
    UnitFactor{"s", 1},
    UnitFactor{"sec", 1},
    UnitFactor{"second", 1},
    UnitFactor{"seconds", 1},
    UnitFactor{"ms", 1e-3},
    UnitFactor{"us", 1e-6},
    UnitFactor{"µs", 1e-6},
    UnitFactor{"ns", 1e-9},
    UnitFactor{"min", 60},
    UnitFactor{"mins", 60},
    UnitFactor{"minute", 60},
    UnitFactor{"minutes", 60},
    UnitFactor{"h", 3600},
    UnitFactor{"hr", 3600},
    UnitFactor{"hour", 3600},
    UnitFactor{"hours", 3600},
    UnitFactor{"d", 86400},
    UnitFactor{"day", 86400},
    UnitFactor{"days", 86400},
    UnitFactor{"w", 604800},
    UnitFactor{"week", 604800},
    UnitFactor{"weeks", 604800},
    UnitFactor{"y", 31557600},
    UnitFactor{"year", 31557600},
    UnitFactor{"years", 31557600},
};
constexpr std::array kLengthUnits{
    UnitFactor{"m", 1},     UnitFactor{"km", 1e3},  UnitFactor{"cm", 1e-2}, UnitFactor{"mm", 1e-3},
    UnitFactor{"um", 1e-6}, UnitFactor{"µm", 1e-6}, UnitFactor{"nm", 1e-9},
};
constexpr std::array kDataSizeUnits{
    UnitFactor{"B", 1},
    UnitFactor{"kB", 1e3},
    UnitFactor{"KB", 1e3},
    UnitFactor{"MB", 1e6},
    UnitFactor{"GB", 1e9},
    UnitFactor{"TB", 1e12},
    UnitFactor{"PB", 1e15},
    UnitFactor{"KiB", 1024.0},
    UnitFactor{"MiB", 1048576.0},
    UnitFactor{"GiB", 1073741824.0},
    UnitFactor{"TiB", 1099511627776.0},
    UnitFactor{"PiB", 1125899906842624.0},
    UnitFactor{"b", kBit},
    UnitFactor{"kb", 1e3 * kBit},
    UnitFactor{"Kb", 1e3 * kBit},
    UnitFactor{"Mb", 1e6 * kBit},
    UnitFactor{"Gb", 1e9 * kBit},
    UnitFactor{"Tb", 1e12 * kBit},
};
constexpr std::array kDataRateUnits{
    UnitFactor{"bps", kBit},
    UnitFactor{"kbps", 1e3 * kBit},
    UnitFactor{"Kbps", 1e3 * kBit},
    UnitFactor{"Mbps", 1e6 * kBit},
    UnitFactor{"Gbps", 1e9 * kBit},
    UnitFactor{"Tbps", 1e12 * kBit},
    UnitFactor{"b/s", kBit},
    UnitFactor{"kb/s", 1e3 * kBit},
    UnitFactor{"Mb/s", 1e6 * kBit},
    UnitFactor{"Gb/s", 1e9 * kBit},
    UnitFactor{"Tb/s", 1e12 * kBit},
    UnitFactor{"B/s", 1},
    UnitFactor{"kB/s", 1e3},
    UnitFactor{"KB/s", 1e3},
    UnitFactor{"MB/s", 1e6},
    UnitFactor{"GB/s", 1e9},
    UnitFactor{"TB/s", 1e12},
    UnitFactor{"KiB/s", 1024.0},
    UnitFactor{"MiB/s", 1048576.0},
    UnitFactor{"GiB/s", 1073741824.0},
    UnitFactor{"Bps", 1},
    UnitFactor{"MBps", 1e6},
    UnitFactor{"GBps", 1e9},
};
constexpr std::array kPowerUnits{
    UnitFactor{"W", 1},    UnitFactor{"mW", 1e-3}, UnitFactor{"kW", 1e3},
    UnitFactor{"MW", 1e6}, UnitFactor{"GW", 1e9},
};
constexpr std::array kEnergyUnits{
    UnitFactor{"J", 1},       UnitFactor{"kJ", 1e3},     UnitFactor{"MJ", 1e6},
    UnitFactor{"GJ", 1e9},    UnitFactor{"Wh", 3600},    UnitFactor{"kWh", 3.6e6},
    UnitFactor{"MWh", 3.6e9}, UnitFactor{"GWh", 3.6e12},
};
constexpr std::array kWorkUnits{
    UnitFactor{"FLOP", 1},     UnitFactor{"kFLOP", 1e3},  UnitFactor{"MFLOP", 1e6},
    UnitFactor{"GFLOP", 1e9},  UnitFactor{"TFLOP", 1e12}, UnitFactor{"PFLOP", 1e15},
    UnitFactor{"EFLOP", 1e18}, UnitFactor{"ZFLOP", 1e21}, UnitFactor{"YFLOP", 1e24},
};
constexpr std::array kFlopRateUnits{
    UnitFactor{"FLOPS", 1},      UnitFactor{"kFLOPS", 1e3},   UnitFactor{"MFLOPS", 1e6},
    UnitFactor{"GFLOPS", 1e9},   UnitFactor{"TFLOPS", 1e12},  UnitFactor{"PFLOPS", 1e15},
    UnitFactor{"EFLOPS", 1e18},  UnitFactor{"FLOP/s", 1},     UnitFactor{"GFLOP/s", 1e9},
    UnitFactor{"TFLOP/s", 1e12}, UnitFactor{"PFLOP/s", 1e15}, UnitFactor{"EFLOP/s", 1e18},
};
constexpr std::array kAngleUnits{
    UnitFactor{"deg", 1},
    UnitFactor{"rad", 180.0 / 3.14159265358979323846},
    UnitFactor{"arcmin", 1.0 / 60},
    UnitFactor{"arcsec", 1.0 / 3600},
};
constexpr std::array kAreaUnits{
    UnitFactor{"m2", 1},     UnitFactor{"m^2", 1},     UnitFactor{"m²", 1},
    UnitFactor{"cm2", 1e-4}, UnitFactor{"cm^2", 1e-4}, UnitFactor{"cm²", 1e-4},
};
constexpr std::array kRatioUnits{UnitFactor{"%", 0.01}};

template <std::size_t N>
std::pair<const UnitFactor*, std::size_t> view(const std::array<UnitFactor, N>& units) {
  return {units.data(), N};
}

std::pair<const UnitFactor*, std::size_t> units_of(Quantity kind) {
  switch (kind) {
    case Quantity::kTime:
      return view(kTimeUnits);
    case Quantity::kLength:
      return view(kLengthUnits);
    case Quantity::kDataSize:
      return view(kDataSizeUnits);
    case Quantity::kDataRate:
      return view(kDataRateUnits);
    case Quantity::kPower:
      return view(kPowerUnits);
    case Quantity::kEnergy:
      return view(kEnergyUnits);
    case Quantity::kWork:
      return view(kWorkUnits);
    case Quantity::kFlopRate:
      return view(kFlopRateUnits);
    case Quantity::kAngle:
      return view(kAngleUnits);
    case Quantity::kArea:
      return view(kAreaUnits);
    case Quantity::kRatio:
      return view(kRatioUnits);
  }
  return {nullptr, 0};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view quantity_name(Quantity kind) {
  switch (kind) {
    case Quantity::kTime:
      return "a duration";
    case Quantity::kLength:
      return "a length";
    case Quantity::kDataSize:
      return "a data size";
    case Quantity::kDataRate:
      return "a data rate";
    case Quantity::kPower:
      return "a power";
    case Quantity::kEnergy:
      return "an energy";
    case Quantity::kWork:
      return "an amount of work";
    case Quantity::kFlopRate:
      return "a compute rate";
    case Quantity::kAngle:
      return "an angle";
    case Quantity::kArea:
      return "an area";
    case Quantity::kRatio:
      return "a ratio";
  }
  return "a quantity";
}

// A value of the kind, to show in messages.
std::string_view example_of(Quantity kind) {
  switch (kind) {
    case Quantity::kTime:
      return "2 h";
    case Quantity::kLength:
      return "550 km";
    case Quantity::kDataSize:
      return "14 GB";
    case Quantity::kDataRate:
      return "100 Gbps";
    case Quantity::kPower:
      return "700 W";
    case Quantity::kEnergy:
      return "40 kWh";
    case Quantity::kWork:
      return "4.2e22 FLOP";
    case Quantity::kFlopRate:
      return "989 TFLOPS";
    case Quantity::kAngle:
      return "53 deg";
    case Quantity::kArea:
      return "105 m2";
    case Quantity::kRatio:
      return "40 %";
  }
  return "";
}

std::string_view accepted_units(Quantity kind) {
  switch (kind) {
    case Quantity::kTime:
      return "s, ms, us, min, h, d, w, y";
    case Quantity::kLength:
      return "m, km, cm, mm";
    case Quantity::kDataSize:
      return "B, kB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, b, Mb, Gb";
    case Quantity::kDataRate:
      return "bps, kbps, Mbps, Gbps, Tbps, B/s, MB/s, GB/s, GiB/s";
    case Quantity::kPower:
      return "W, kW, MW, mW";
    case Quantity::kEnergy:
      return "J, kJ, MJ, Wh, kWh, MWh";
    case Quantity::kWork:
      return "FLOP, GFLOP, TFLOP, PFLOP, EFLOP, ZFLOP";
    case Quantity::kFlopRate:
      return "FLOPS, GFLOPS, TFLOPS, PFLOPS (or FLOP/s forms)";
    case Quantity::kAngle:
      return "deg, rad, arcmin, arcsec";
    case Quantity::kArea:
      return "m2, cm2";
    case Quantity::kRatio:
      return "a plain number or %";
  }
  return "";
}

std::string_view base_unit(Quantity kind) {
  switch (kind) {
    case Quantity::kTime:
      return "s";
    case Quantity::kLength:
      return "m";
    case Quantity::kDataSize:
      return "B";
    case Quantity::kDataRate:
      return "B/s";
    case Quantity::kPower:
      return "W";
    case Quantity::kEnergy:
      return "J";
    case Quantity::kWork:
      return "FLOP";
    case Quantity::kFlopRate:
      return "FLOP/s";
    case Quantity::kAngle:
      return "deg";
    case Quantity::kArea:
      return "m2";
    case Quantity::kRatio:
      return "";
  }
  return "";
}

namespace {

// The number at the start of `text` and what follows it, trimmed; nullopt if there is none.
std::optional<std::pair<double, std::string_view>> split_number(std::string_view text) {
  const std::string_view trimmed = trim(text);
  double number = 0;
  const char* end = trimmed.data() + trimmed.size();
  const auto [ptr, ec] = std::from_chars(trimmed.data(), end, number);
  if (trimmed.empty() || ec != std::errc{} || !std::isfinite(number)) return std::nullopt;
  return std::pair{number, trim(std::string_view(ptr, static_cast<std::size_t>(end - ptr)))};
}

// The Greek small letter mu (U+03BC) is typed as often as the micro sign (U+00B5): one symbol.
std::string with_micro_sign(std::string_view unit) {
  constexpr std::string_view kGreekMu = "\xce\xbc";
  constexpr std::string_view kMicroSign = "\xc2\xb5";
  std::string out(unit);
  for (std::size_t at = out.find(kGreekMu); at != std::string::npos;
       at = out.find(kGreekMu, at + kMicroSign.size())) {
    out.replace(at, kGreekMu.size(), kMicroSign);
  }
  return out;
}

// The first character of `text` outside ASCII, named plainly: "\"³\" (U+00B3)", or the byte
// when it does not start a UTF-8 character; empty if all of `text` is ASCII.
std::string first_non_ascii(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) continue;
    const std::size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
    if (length == 0 || i + length > text.size()) return fmt::format("the byte 0x{:02x}", lead);
    char32_t code = lead & (0x7f >> length);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) return fmt::format("the byte 0x{:02x}", lead);
      code = (code << 6) | (next & 0x3f);
    }
    return fmt::format("the character \"{}\" (U+{:04X})", text.substr(i, length),
                       static_cast<std::uint32_t>(code));
  }
  return "";
}

}  // namespace

bool has_unit(std::string_view text) {
  const auto split = split_number(text);
  return split && !split->second.empty();
}

double parse_quantity(std::string_view text, Quantity kind) {
  const std::string_view trimmed = trim(text);
  const auto expected = [&] {
    return fmt::format("expected {} such as \"{}\" (units: {}), got {}", quantity_name(kind),
                       example_of(kind), accepted_units(kind), quote_input(trimmed));
  };
  const auto split = split_number(trimmed);
  if (!split) throw InputError(expected());
  const auto [number, written_unit] = *split;
  if (written_unit.empty()) return number;
  const std::string unit = with_micro_sign(written_unit);
  const auto [units, count] = units_of(kind);
  for (std::size_t i = 0; i < count; ++i) {
    if (units[i].symbol == unit) return number * units[i].factor;
  }
  const std::string foreign = first_non_ascii(written_unit);
  if (!foreign.empty()) {
    throw InputError(
        fmt::format("{}: {} is not read in units (outside ASCII, only \"²\" and "
                    "\"µ\" are)",
                    expected(), foreign));
  }
  throw InputError(expected());
}

std::string format_duration(double seconds) {
  const double magnitude = std::fabs(seconds);
  if (magnitude >= 86400) return fmt::format("{:.4g} d", seconds / 86400);
  if (magnitude >= 3600) return fmt::format("{:.4g} h", seconds / 3600);
  if (magnitude >= 60) return fmt::format("{:.4g} min", seconds / 60);
  return fmt::format("{:.4g} s", seconds);
}

}  // namespace umbra
