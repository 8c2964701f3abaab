#include "sim/orbit/time_system.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <numbers>

#include "sim/core/error.hpp"

namespace umbra::orbit {
namespace {

JulianDate normalised(double whole, double fraction) {
  const double carry = std::floor(fraction);
  return {whole + carry, fraction - carry};
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

JulianDate JulianDate::plus_seconds(double seconds) const {
  return normalised(whole, fraction + seconds / kSecondsPerDay);
}

double JulianDate::seconds_since(const JulianDate& earlier) const {
  return ((whole - earlier.whole) + (fraction - earlier.fraction)) * kSecondsPerDay;
}

JulianDate julian_date(int year, int month, int day, int hour, int minute, double second) {
  // Vallado, "Fundamentals of Astrodynamics", algorithm 14 (valid 1900-2100).
  const double whole = 367.0 * year -
                       std::floor(7.0 * (year + std::floor((month + 9) / 12.0)) * 0.25) +
                       std::floor(275.0 * month / 9.0) + day + 1721013.5;
  const double fraction = (second + minute * 60.0 + hour * 3600.0) / kSecondsPerDay;
  return normalised(whole, fraction);
}

JulianDate parse_utc(std::string_view text) {
  const std::string original(text);
  const auto fail = [&] {
    return InputError(
        fmt::format("expected a UTC time such as \"2026-03-20T12:00:00Z\", got \"{}\"", original));
  };
  std::size_t pos = 0;
  const auto read_int = [&](std::size_t digits) {
    int value = 0;
    if (pos + digits > text.size()) throw fail();
    auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + digits, value);
    if (ec != std::errc{} || ptr != text.data() + pos + digits) throw fail();
    pos += digits;
    return value;
  };
  const auto expect = [&](char c) {
    if (pos >= text.size() || text[pos] != c) throw fail();
    ++pos;
  };
  const int year = read_int(4);
  expect('-');
  const int month = read_int(2);
  expect('-');
  const int day = read_int(2);
  int hour = 0, minute = 0;
  double second = 0;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == ' ')) {
    ++pos;
    hour = read_int(2);
    expect(':');
    minute = read_int(2);
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      const char* begin = text.data() + pos;
      std::size_t end = pos;
      while (end < text.size() &&
             (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.'))
        ++end;
      auto [ptr, ec] = std::from_chars(begin, text.data() + end, second);
      if (ec != std::errc{} || ptr != text.data() + end) throw fail();
      pos = end;
    }
  }
  const std::string_view zone = text.substr(pos);
  if (!(zone.empty() || zone == "Z" || zone == "+00:00" || zone == "UTC")) throw fail();
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 ||
      minute > 59 || second < 0 || second >= 61 || year < 1900 || year > 2100) {
    throw fail();
  }
  return julian_date(year, month, day, hour, minute, second);
}

std::string format_utc(const JulianDate& date) {
  // Inverse of julian_date (Vallado algorithm 22), from the civil-day start at midnight.
  const double day_start = std::floor(date.whole + date.fraction + 0.5) - 0.5;
  double millis_of_day =
      std::round((date.whole - day_start + date.fraction) * kSecondsPerDay * 1e3);
  double civil = day_start;
  if (millis_of_day >= kSecondsPerDay * 1e3) {
    millis_of_day -= kSecondsPerDay * 1e3;
    civil += 1;
  }
  const double t1900 = (civil + 0.5 - 2415019.5) / 365.25;
  int year = 1900 + static_cast<int>(std::floor(t1900));
  int leap_years = static_cast<int>(std::floor((year - 1900 - 1) * 0.25));
  double days = (civil + 0.5 - 2415019.5) - ((year - 1900) * 365.0 + leap_years);
  if (days < 1.0) {
    year -= 1;
    leap_years = static_cast<int>(std::floor((year - 1900 - 1) * 0.25));
    days = (civil + 0.5 - 2415019.5) - ((year - 1900) * 365.0 + leap_years);
  }
  int day_of_year = static_cast<int>(std::floor(days + 1e-9));
  int month = 1;
  while (day_of_year > days_in_month(year, month)) {
    day_of_year -= days_in_month(year, month);
    ++month;
  }
  const auto ms = static_cast<long long>(millis_of_day);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:03d}Z", year, month, day_of_year,
                     ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

double gmst_iau82(const JulianDate& ut1) {
  // Vallado algorithm 15, as used by SGP4 (gstime).
  const double tut1 = ((ut1.whole - kJ2000) + ut1.fraction) / 36525.0;
  double seconds = -6.2e-6 * tut1 * tut1 * tut1 + 0.093104 * tut1 * tut1 +
                   (876600.0 * 3600.0 + 8640184.812866) * tut1 + 67310.54841;
  double radians = std::fmod(seconds * (std::numbers::pi / 180.0) / 240.0, 2.0 * std::numbers::pi);
  if (radians < 0) radians += 2.0 * std::numbers::pi;
  return radians;
}

}  // namespace umbra::orbit
