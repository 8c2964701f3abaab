#include "sim/orbit/tle.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace umbra::orbit {
namespace {

constexpr int kLineColumns = 69;
constexpr int kChecksumColumn = 69;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// One line of an element set, read by the 1-based inclusive columns of the TLE layout.
class TleLine {
 public:
  TleLine(std::string_view text, const std::string& file, int line_number)
      : text_(text), file_(file), line_number_(line_number) {}

  std::string_view text() const { return text_; }
  SourcePosition at(int column) const { return {file_, line_number_, column}; }

  [[noreturn]] void fail(int column, const std::string& message) const {
    throw InputError(at(column), message);
  }

  std::string_view columns(int first, int last) const {
    return text_.substr(static_cast<std::size_t>(first - 1),
                        static_cast<std::size_t>(last - first + 1));
  }

  char column(int number) const { return text_[static_cast<std::size_t>(number - 1)]; }

  void expect_blank(int number) const {
    if (column(number) != ' ') {
      fail(number, fmt::format("expected a space between fields in column {}, found '{}'", number,
                               column(number)));
    }
  }

  // Unsigned integer, right-aligned in its columns (leading spaces allowed).
  int integer(int first, int last, const char* what) const {
    const std::string_view field = trim(columns(first, last));
    int value = 0;
    const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (field.empty() || error != std::errc{} || end != field.data() + field.size() ||
        !is_digit(field.front())) {
      fail_field(first, last, what, "digits");
    }
    return value;
  }

  // Decimal number with an optional sign and point: "  34.2682", " .00000023", "-.00000084".
  double decimal(int first, int last, const char* what) const {
    std::string_view field = trim(columns(first, last));
    double sign = 1;
    if (!field.empty() && (field.front() == '-' || field.front() == '+')) {
      sign = field.front() == '-' ? -1 : 1;
      field.remove_prefix(1);
    }
    const bool plain =
        !field.empty() &&
        std::all_of(field.begin(), field.end(), [](char c) { return is_digit(c) || c == '.'; }) &&
        std::count(field.begin(), field.end(), '.') <= 1 && field != ".";
    double value = 0;
    if (!plain) fail_field(first, last, what, "a decimal number");
    std::from_chars(field.data(), field.data() + field.size(), value);
    return sign * value;
  }

  // Digits after an implied leading decimal point: eccentricity "1859667" is 0.1859667.
  double implied_fraction(int first, int last, const char* what) const {
    const std::string_view field = columns(first, last);
    if (!std::all_of(field.begin(), field.end(), is_digit)) fail_field(first, last, what, "digits");
    const std::string text = "0." + std::string(field);
    double value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }

  // Implied-point mantissa with a power-of-ten exponent: " 28098-4" is 0.28098e-4.
  double implied_exponent(int first, int last, const char* what) const {
    const char sign = column(first);
    const char exponent_sign = column(last - 1);
    const char exponent = column(last);
    if ((sign != ' ' && sign != '+' && sign != '-') ||
        (exponent_sign != '-' && exponent_sign != '+') || !is_digit(exponent)) {
      fail_field(first, last, what, "a signed mantissa and exponent such as \"-12345-4\"");
    }
    const double mantissa = implied_fraction(first + 1, last - 2, what);
    const int power = (exponent_sign == '-' ? -1 : 1) * (exponent - '0');
    return (sign == '-' ? -1 : 1) * mantissa * std::pow(10.0, power);
  }

 private:
  [[noreturn]] void fail_field(int first, int last, const char* what, const char* expected) const {
    fail(first, fmt::format("columns {}-{} ({}): expected {}, found \"{}\"", first, last, what,
                            expected, columns(first, last)));
  }

  std::string_view text_;
  const std::string& file_;
  int line_number_;
};

// Catalogue number in columns 3-7: up to five digits, or "Alpha-5" (a letter, I and O skipped,
// standing for 10-33, then four digits) for numbers from 100000.
int catalogue_number(const TleLine& line) {
  const char lead = line.column(3);
  if (lead < 'A' || lead > 'Z') return line.integer(3, 7, "catalogue number");
  if (lead == 'I' || lead == 'O') {
    line.fail(3, "column 3 (catalogue number): the letters I and O are not used in Alpha-5");
  }
  const int letter_value = 10 + (lead - 'A') - (lead > 'I') - (lead > 'O');
  const std::string_view digits = line.columns(4, 7);
  if (!std::all_of(digits.begin(), digits.end(), is_digit)) {
    line.fail(
        4, fmt::format("columns 4-7 (Alpha-5 catalogue number): expected four digits, found \"{}\"",
                       digits));
  }
  return letter_value * 10000 + line.integer(4, 7, "catalogue number");
}

void check_layout(const TleLine& line, char line_digit, ChecksumPolicy checksums) {
  const std::string_view text = line.text();
  if (text.empty() || text.front() != line_digit || (text.size() > 1 && text[1] != ' ')) {
    line.fail(
        1, fmt::format("expected line {} of an element set: \"{} \" in columns 1-2, found \"{}\"",
                       line_digit, line_digit, text.substr(0, 2)));
  }
  if (text.size() < kLineColumns) {
    line.fail(
        static_cast<int>(text.size()) + 1,
        fmt::format("line {} has {} columns; expected {}", line_digit, text.size(), kLineColumns));
  }
  const std::string_view rest = text.substr(kLineColumns);
  if (rest.find_first_not_of(' ') != std::string_view::npos) {
    line.fail(kLineColumns + 1 + static_cast<int>(rest.find_first_not_of(' ')),
              fmt::format("expected the line to end at column {}", kLineColumns));
  }
  const char found = line.column(kChecksumColumn);
  const int expected = tle_checksum(text);
  if (checksums == ChecksumPolicy::kVerify && found != static_cast<char>('0' + expected)) {
    line.fail(kChecksumColumn,
              fmt::format("bad checksum: expected digit {} (columns 1-68 summed, '-' counting 1, "
                          "mod 10), found '{}'",
                          expected, found));
  }
}

// Degrees in columns [first, last], checked against the element's range, in radians.
double angle(const TleLine& line, int first, int last, const char* what, Element element) {
  const double degrees = line.decimal(first, last, what);
  check_element_range(element, degrees, line.at(first));
  return degrees * kRadiansPerDegree;
}

void read_line1(const TleLine& line, ElementSet& set) {
  for (const int column : {9, 18, 33, 44, 53, 62, 64}) line.expect_blank(column);
  set.satnum = catalogue_number(line);
  // Epoch: two-digit year (57-99 is 19xx, as NORAD defines it), day of year with its fraction.
  const int two_digit_year = line.integer(19, 20, "epoch year");
  const int year = two_digit_year < 57 ? 2000 + two_digit_year : 1900 + two_digit_year;
  const int day_of_year = line.integer(21, 23, "epoch day of year");
  if (line.column(24) != '.') line.fail(24, "expected '.' in column 24 (epoch day of year)");
  const double day_fraction = line.implied_fraction(25, 32, "epoch day fraction");
  const bool leap_year = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days_in_year = leap_year ? 366 : 365;
  if (day_of_year < 1 || day_of_year > days_in_year) {
    line.fail(21,
              fmt::format("columns 21-23 (epoch day of year): expected 1 to {} for {}, found {}",
                          days_in_year, year, day_of_year));
  }
  const JulianDate new_year = julian_date(year, 1, 1, 0, 0, 0);
  set.epoch = {new_year.whole + (day_of_year - 1), day_fraction};
  set.mean_motion_dot = line.decimal(34, 43, "first derivative of mean motion / 2");
  set.mean_motion_ddot = line.implied_exponent(45, 52, "second derivative of mean motion / 6");
  set.bstar = line.implied_exponent(54, 61, "BSTAR drag term");
  const char ephemeris_type = line.column(63);
  if (ephemeris_type != ' ' && !is_digit(ephemeris_type)) {
    line.fail(63, fmt::format("column 63 (ephemeris type): expected a digit, found '{}'",
                              ephemeris_type));
  }
  if (!trim(line.columns(65, 68)).empty()) line.integer(65, 68, "element set number");
}

void read_line2(const TleLine& line, ElementSet& set) {
  for (const int column : {8, 17, 26, 34, 43, 52}) line.expect_blank(column);
  const int satnum = catalogue_number(line);
  if (satnum != set.satnum) {
    line.fail(3, fmt::format("catalogue number {} differs from {} on line 1", satnum, set.satnum));
  }
  set.inclination = angle(line, 9, 16, "inclination", Element::kInclination);
  set.raan = angle(line, 18, 25, "right ascension of the node", Element::kRaan);
  set.eccentricity = line.implied_fraction(27, 33, "eccentricity");
  check_element_range(Element::kEccentricity, set.eccentricity, line.at(27));
  set.argument_of_perigee = angle(line, 35, 42, "argument of perigee", Element::kArgumentOfPerigee);
  set.mean_anomaly = angle(line, 44, 51, "mean anomaly", Element::kMeanAnomaly);
  set.mean_motion = line.decimal(53, 63, "mean motion");
  check_element_range(Element::kMeanMotion, set.mean_motion, line.at(53));
  if (!trim(line.columns(64, 68)).empty()) line.integer(64, 68, "revolution number");
}

bool is_tle_line(std::string_view text, char digit) {
  return !text.empty() && text.front() == digit && (text.size() == 1 || text[1] == ' ');
}

}  // namespace

int tle_checksum(std::string_view line) {
  int sum = 0;
  for (const char c : line.substr(0, kLineColumns - 1)) {
    if (is_digit(c)) sum += c - '0';
    if (c == '-') sum += 1;
  }
  return sum % 10;
}

std::vector<ElementSet> parse_tle(std::string_view text, const std::string& file,
                                  ChecksumPolicy checksums) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  std::vector<ElementSet> sets;
  for (std::size_t index = 0; index < lines.size(); ++index) {
    if (trim(lines[index]).empty()) continue;
    ElementSet set;
    if (!is_tle_line(lines[index], '1')) {
      if (is_tle_line(lines[index], '2')) {
        TleLine(lines[index], file, static_cast<int>(index) + 1)
            .fail(1, "found line 2 without a line 1 before it");
      }
      std::string_view name = trim(lines[index]);
      if (name.starts_with("0 ")) name.remove_prefix(2);
      set.name = std::string(trim(name));
      ++index;
      if (index == lines.size() || !is_tle_line(lines[index], '1')) {
        const int line_number = static_cast<int>(std::min(index, lines.size() - 1)) + 1;
        throw InputError({file, line_number, 1},
                         fmt::format("expected line 1 of the element set named \"{}\"", set.name));
      }
    }
    const TleLine line1(lines[index], file, static_cast<int>(index) + 1);
    check_layout(line1, '1', checksums);
    read_line1(line1, set);
    ++index;
    if (index == lines.size()) {
      throw InputError(
          {file, static_cast<int>(index), kLineColumns},
          "expected line 2 of the element set after line 1, found the end of the text");
    }
    const TleLine line2(lines[index], file, static_cast<int>(index) + 1);
    check_layout(line2, '2', checksums);
    read_line2(line2, set);
    sets.push_back(std::move(set));
  }
  return sets;
}

std::vector<ElementSet> read_tle_file(const std::filesystem::path& path, ChecksumPolicy checksums) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError({path.string(), 0, 0}, "cannot open the TLE file");
  std::ostringstream content;
  content << in.rdbuf();
  return parse_tle(content.str(), path.string(), checksums);
}

}  // namespace umbra::orbit
