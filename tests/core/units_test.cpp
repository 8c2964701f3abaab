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

}  // namespace
}  // namespace umbra
