#include "sim/core/units.hpp"

#include <gtest/gtest.h>

#include "sim/core/error.hpp"

namespace umbra {
namespace {

TEST(Units, NetworkRatesInBitsBecomeBytesPerSecond) {
  EXPECT_DOUBLE_EQ(parse_quantity("400 Gbps", Quantity::kDataRate), 50e9);
  EXPECT_DOUBLE_EQ(parse_quantity("100Gbps", Quantity::kDataRate), 12.5e9);
  EXPECT_DOUBLE_EQ(parse_quantity("25 GB/s", Quantity::kDataRate), 25e9);
  EXPECT_DOUBLE_EQ(parse_quantity("1 GiB/s", Quantity::kDataRate), 1073741824.0);
}

TEST(Units, CaseSeparatesBitsFromBytesAndMilliFromMega) {
  EXPECT_DOUBLE_EQ(parse_quantity("8 Gb", Quantity::kDataSize), 1e9);
  EXPECT_DOUBLE_EQ(parse_quantity("8 GB", Quantity::kDataSize), 8e9);
  EXPECT_DOUBLE_EQ(parse_quantity("2 mW", Quantity::kPower), 2e-3);
  EXPECT_DOUBLE_EQ(parse_quantity("2 MW", Quantity::kPower), 2e6);
}

TEST(Units, EveryKindHasItsUnits) {
  EXPECT_DOUBLE_EQ(parse_quantity("2 h", Quantity::kTime), 7200);
  EXPECT_DOUBLE_EQ(parse_quantity("90min", Quantity::kTime), 5400);
  EXPECT_DOUBLE_EQ(parse_quantity("700 W", Quantity::kPower), 700);
  EXPECT_DOUBLE_EQ(parse_quantity("40 kWh", Quantity::kEnergy), 1.44e8);
  EXPECT_DOUBLE_EQ(parse_quantity("989 TFLOPS", Quantity::kFlopRate), 989e12);
  EXPECT_DOUBLE_EQ(parse_quantity("3.6 ZFLOP", Quantity::kWork), 3.6e21);
  EXPECT_DOUBLE_EQ(parse_quantity("550 km", Quantity::kLength), 550e3);
  EXPECT_DOUBLE_EQ(parse_quantity("105 m2", Quantity::kArea), 105);
  EXPECT_DOUBLE_EQ(parse_quantity("40 %", Quantity::kRatio), 0.4);
  EXPECT_NEAR(parse_quantity("1 rad", Quantity::kAngle), 57.29577951, 1e-8);
}

TEST(Units, BareNumbersAreSiBaseUnits) {
  EXPECT_DOUBLE_EQ(parse_quantity("3600", Quantity::kTime), 3600);
  EXPECT_DOUBLE_EQ(parse_quantity("1e9", Quantity::kDataSize), 1e9);
  EXPECT_DOUBLE_EQ(parse_quantity("0.4", Quantity::kRatio), 0.4);
}

TEST(Units, WrongUnitNamesTheKindAndTheAcceptedUnits) {
  try {
    parse_quantity("700 Gbps", Quantity::kPower);
    FAIL() << "a data rate was accepted as a power";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("expected a power"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("kW"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("\"700 Gbps\""), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_quantity("", Quantity::kTime), InputError);
  EXPECT_THROW(parse_quantity("fast", Quantity::kTime), InputError);
  EXPECT_THROW(parse_quantity("inf s", Quantity::kTime), InputError);
  EXPECT_THROW(parse_quantity("2 hh", Quantity::kTime), InputError);
}

// The signs written outside ASCII: "²" (U+00B2), the micro sign "µ" (U+00B5) and the Greek small
// letter mu "μ" (U+03BC), spelt here by their UTF-8 bytes.
TEST(Units, SuperscriptTwoAndBothMicroSignsAreRead) {
  EXPECT_DOUBLE_EQ(parse_quantity("40 m\xc2\xb2", Quantity::kArea), 40);
  EXPECT_DOUBLE_EQ(parse_quantity("250 cm\xc2\xb2", Quantity::kArea), 0.025);
  EXPECT_DOUBLE_EQ(parse_quantity("5 \xc2\xb5s", Quantity::kTime), 5e-6);
  EXPECT_DOUBLE_EQ(parse_quantity("5 \xce\xbcs", Quantity::kTime), 5e-6);
  EXPECT_DOUBLE_EQ(parse_quantity("3 \xce\xbcm", Quantity::kLength), 3e-6);
}

TEST(Units, AnotherCharacterOutsideAsciiIsNamedWithItsCodePoint) {
  try {
    parse_quantity("40 m\xc2\xb3", Quantity::kArea);  // "m³"
    FAIL() << "m\xc2\xb3 was accepted as an area unit";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "expected an area such as \"105 m2\" (units: m2, cm2), got \"40 m\\xc2\\xb3\": the "
              "character \"\xc2\xb3\" (U+00B3) is not read in units (outside ASCII, only "
              "\"\xc2\xb2\" and \"\xc2\xb5\" are)");
  }
  try {
    parse_quantity("1 \xe2\x84\xa6", Quantity::kPower);  // the ohm sign, three bytes
    FAIL() << "the ohm sign was accepted as a power unit";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("the character \"\xe2\x84\xa6\" (U+2126)"),
              std::string::npos)
        << e.what();
  }
  try {
    parse_quantity("1 W\xff", Quantity::kPower);  // not UTF-8
    FAIL() << "a stray byte was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("the byte 0xff"), std::string::npos) << e.what();
  }
}

TEST(Units, HasUnitTellsANumberWithAUnitFromABareOne) {
  EXPECT_TRUE(has_unit("550 km"));
  EXPECT_TRUE(has_unit("550km"));
  EXPECT_FALSE(has_unit("550"));
  EXPECT_FALSE(has_unit(" 5.5e2 "));
  EXPECT_EQ(base_unit(Quantity::kLength), "m");
  EXPECT_EQ(base_unit(Quantity::kDataRate), "B/s");
}

}  // namespace
}  // namespace umbra
