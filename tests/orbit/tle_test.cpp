#include "sim/orbit/tle.hpp"

#include <gtest/gtest.h>

#include <string>

#include "sim/orbit/time_system.hpp"

namespace umbra::orbit {
namespace {

// Vanguard 1 as CelesTrak published it (python-sgp4's tests use the same set).
const std::string kName = "VANGUARD 1";
const std::string kLine1 = "1 00005U 58002B   20287.20333880 -.00000016  00000-0 -22483-4 0  9998";
const std::string kLine2 = "2 00005  34.2443 225.5254 1845686 162.2516 205.2356 10.84869164218149";

// `line` with columns [column, column + text) replaced and its checksum made right again.
std::string edited(std::string line, int column, const std::string& text) {
  line.replace(static_cast<std::size_t>(column - 1), text.size(), text);
  line[68] = static_cast<char>('0' + tle_checksum(line));
  return line;
}

InputError parse_error(const std::string& text) {
  try {
    parse_tle(text, "sats.tle");
  } catch (const InputError& error) {
    return error;
  }
  ADD_FAILURE() << "no InputError for:\n" << text;
  return InputError("none");
}

TEST(Tle, ChecksumOfPublishedLinesCountsMinusAsOne) {
  // The published check digits; line 1 has two '-' signs that must count 1 each.
  EXPECT_EQ(tle_checksum(kLine1), 8);
  EXPECT_EQ(tle_checksum(kLine2), 9);
}

TEST(Tle, ReadsThreeLineSetByColumns) {
  const auto sets = parse_tle(kName + "\n" + kLine1 + "\n" + kLine2 + "\n", "sats.tle");
  ASSERT_EQ(sets.size(), 1u);
  const ElementSet& s = sets[0];
  EXPECT_EQ(s.name, "VANGUARD 1");
  EXPECT_EQ(s.satnum, 5);
  EXPECT_EQ(format_utc(s.epoch), "2020-10-13T04:52:48.472Z");  // day 287.20333880 of 2020
  EXPECT_DOUBLE_EQ(s.mean_motion_dot, -0.00000016);
  EXPECT_DOUBLE_EQ(s.mean_motion_ddot, 0.0);
  EXPECT_DOUBLE_EQ(s.bstar, -0.22483e-4);
  EXPECT_DOUBLE_EQ(s.inclination, 34.2443 * kRadiansPerDegree);
  EXPECT_DOUBLE_EQ(s.raan, 225.5254 * kRadiansPerDegree);
  EXPECT_DOUBLE_EQ(s.eccentricity, 0.1845686);
  EXPECT_DOUBLE_EQ(s.argument_of_perigee, 162.2516 * kRadiansPerDegree);
  EXPECT_DOUBLE_EQ(s.mean_anomaly, 205.2356 * kRadiansPerDegree);
  EXPECT_DOUBLE_EQ(s.mean_motion, 10.84869164);
}

TEST(Tle, ReadsTwoLineSetsWithCrlfAndBlankLines) {
  const std::string other1 =
      "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927";
  const std::string other2 =
      "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537";
  const auto sets = parse_tle(kLine1 + "\r\n" + kLine2 + "\r\n\r\n" + other1 + "\n" + other2, "x");
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_EQ(sets[0].name, "");
  EXPECT_EQ(sets[1].satnum, 25544);
  EXPECT_DOUBLE_EQ(sets[1].mean_motion_ddot, 0.0);
  EXPECT_DOUBLE_EQ(sets[1].bstar, -0.11606e-4);
}

TEST(Tle, NameLineMayCarryTheZeroPrefix) {
  EXPECT_EQ(parse_tle("0 VANGUARD 1\n" + kLine1 + "\n" + kLine2, "x").at(0).name, "VANGUARD 1");
}

TEST(Tle, AlphaFiveCatalogueNumbers) {
  const auto set = parse_tle(edited(kLine1, 3, "B2345") + "\n" + edited(kLine2, 3, "B2345"), "x");
  EXPECT_EQ(set.at(0).satnum, 112345);  // B = 11 (A = 10)
}

TEST(Tle, BadChecksumNamesExpectedAndFoundDigits) {
  std::string line2 = kLine2;
  line2[68] = '3';
  const InputError error = parse_error(kName + "\n" + kLine1 + "\n" + line2);
  EXPECT_EQ(error.where().file, "sats.tle");
  EXPECT_EQ(error.where().line, 3);
  EXPECT_EQ(error.where().column, 69);
  EXPECT_NE(error.message().find("expected digit 9"), std::string::npos) << error.what();
  EXPECT_NE(error.message().find("found '3'"), std::string::npos) << error.what();
  // The same text is accepted when checksums are not verified.
  EXPECT_EQ(parse_tle(kLine1 + "\n" + line2, "x", ChecksumPolicy::kIgnore).size(), 1u);
}

TEST(Tle, WrongLineNumber) {
  const InputError error = parse_error(kLine1 + "\n" + edited(kLine2, 1, "3"));
  EXPECT_EQ(error.where().line, 2);
  EXPECT_EQ(error.where().column, 1);
  EXPECT_NE(error.message().find("expected line 2"), std::string::npos) << error.what();
  EXPECT_NE(parse_error(kLine2 + "\n" + kLine1).message().find("line 2 without a line 1"),
            std::string::npos);
}

TEST(Tle, NonNumericFieldNamesItsColumns) {
  const InputError error = parse_error(kLine1 + "\n" + edited(kLine2, 9, " 34.2a43"));
  EXPECT_EQ(error.where().line, 2);
  EXPECT_EQ(error.where().column, 9);
  EXPECT_NE(error.message().find("columns 9-16 (inclination): expected a decimal number"),
            std::string::npos)
      << error.what();
}

TEST(Tle, FieldsMustBeSeparatedWhereTheLayoutSaysSo) {
  // Shifting the mean motion one column left runs it into the mean anomaly's separator.
  const InputError error = parse_error(kLine1 + "\n" + edited(kLine2, 52, "10.84869164 "));
  EXPECT_EQ(error.where().column, 52);
}

TEST(Tle, ShortAndOverlongLines) {
  EXPECT_EQ(parse_error(kLine1 + "\n" + kLine2.substr(0, 60)).where().column, 61);
  const InputError trailing = parse_error(kLine1 + "\n" + kLine2 + "   1440.0");
  EXPECT_EQ(trailing.where().column, 73);
  // Trailing spaces are harmless.
  EXPECT_EQ(parse_tle(kLine1 + "   \n" + kLine2 + "  ", "x").size(), 1u);
}

TEST(Tle, ImpossibleElementsAreRefused) {
  EXPECT_NE(
      parse_error(kLine1 + "\n" + edited(kLine2, 9, "180.0001")).message().find("inclination"),
      std::string::npos);
  const InputError motion = parse_error(kLine1 + "\n" + edited(kLine2, 53, " 0.00000000"));
  EXPECT_EQ(motion.where().column, 53);
  EXPECT_NE(motion.message().find("mean motion"), std::string::npos);
  EXPECT_NE(parse_error(edited(kLine1, 21, "367") + "\n" + kLine2).message().find("day of year"),
            std::string::npos);
}

TEST(Tle, CatalogueNumbersOfBothLinesMustAgree) {
  const InputError error = parse_error(kLine1 + "\n" + edited(kLine2, 3, "00006"));
  EXPECT_EQ(error.where().line, 2);
  EXPECT_EQ(error.where().column, 3);
}

TEST(Tle, NameWithoutElementsIsAnError) {
  const InputError error = parse_error(kName + "\nsomething else\n");
  EXPECT_EQ(error.where().line, 2);
  EXPECT_NE(error.message().find("VANGUARD 1"), std::string::npos);
}

}  // namespace
}  // namespace umbra::orbit
