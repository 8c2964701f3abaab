#pragma once
// Umbra's one time system.
// - Epochs are UTC, held as two-part Julian dates (whole day + fraction) so that adding seconds
//   over a year keeps sub-microsecond precision.
// - UT1 is taken equal to UTC (|UT1 - UTC| < 0.9 s by definition of leap seconds); leap
//   seconds inside a horizon are not applied. Simulation time is seconds since the scenario
//   epoch, on a uniform scale.
// - Earth rotation: GMST by the IAU-82 model (as SGP4 and TEME assume).
#include <string>
#include <string_view>

namespace umbra::orbit {

struct JulianDate {
  double whole = 0;     // a day boundary at noon (x.0) or midnight (x.5)
  double fraction = 0;  // day fraction added to whole, in [0, 1)

  double value() const { return whole + fraction; }
  JulianDate plus_seconds(double seconds) const;
  double seconds_since(const JulianDate& earlier) const;
};

inline constexpr double kJ2000 = 2451545.0;  // 2000-01-01T12:00:00 TT taken as UTC here
inline constexpr double kSecondsPerDay = 86400.0;

// Gregorian calendar date and UTC time of day to a Julian date (valid 1900-2100).
JulianDate julian_date(int year, int month, int day, int hour, int minute, double second);

// Parses ISO 8601 UTC: "2026-03-20T12:00:00Z", "2026-03-20T12:00:00.250Z", "2026-03-20 12:00",
// or a date alone. A zone other than Z or +00:00 is refused. Throws InputError on bad text.
JulianDate parse_utc(std::string_view text);

// "2026-03-20T12:00:00.000Z", rounded to the millisecond.
std::string format_utc(const JulianDate& date);

// Greenwich mean sidereal time, IAU-82, in radians in [0, 2 pi).
double gmst_iau82(const JulianDate& ut1);

}  // namespace umbra::orbit
