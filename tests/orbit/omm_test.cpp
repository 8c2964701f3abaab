#include "sim/orbit/omm.hpp"

#include <gtest/gtest.h>

#include <string>

#include "sim/orbit/sgp4.hpp"
#include "sim/orbit/tle.hpp"

namespace umbra::orbit {
namespace {

// Vanguard 1 in three forms as CelesTrak serves them (python-sgp4's tests use the same data).
const std::string kTle =
    "VANGUARD 1\n"
    "1 00005U 58002B   20287.20333880 -.00000016  00000-0 -22483-4 0  9998\n"
    "2 00005  34.2443 225.5254 1845686 162.2516 205.2356 10.84869164218149\n";

const std::string kJson = R"([{
  "OBJECT_NAME": "VANGUARD 1",
  "OBJECT_ID": "1958-002B",
  "EPOCH": "2020-10-13T04:52:48.472320",
  "MEAN_MOTION": 10.84869164,
  "ECCENTRICITY": 0.1845686,
  "INCLINATION": 34.2443,
  "RA_OF_ASC_NODE": 225.5254,
  "ARG_OF_PERICENTER": 162.2516,
  "MEAN_ANOMALY": 205.2356,
  "EPHEMERIS_TYPE": 0,
  "CLASSIFICATION_TYPE": "U",
  "NORAD_CAT_ID": 5,
  "ELEMENT_SET_NO": 999,
  "REV_AT_EPOCH": 21814,
  "BSTAR": -2.2483e-5,
  "MEAN_MOTION_DOT": -1.6e-7,
  "MEAN_MOTION_DDOT": 0
}])";

const std::string kKvn = R"(CCSDS_OMM_VERS = 2.0
COMMENT from CelesTrak
CREATION_DATE = 2020-10-13T12:00:00
ORIGINATOR = 18 SPCS
OBJECT_NAME = VANGUARD 1
OBJECT_ID = 1958-002B
CENTER_NAME = EARTH
REF_FRAME = TEME
TIME_SYSTEM = UTC
MEAN_ELEMENT_THEORY = SGP4
EPOCH = 2020-10-13T04:52:48.472320
MEAN_MOTION = 10.84869164 [rev/day]
ECCENTRICITY = .1845686
INCLINATION = 34.2443 [deg]
RA_OF_ASC_NODE = 225.5254 [deg]
ARG_OF_PERICENTER = 162.2516 [deg]
MEAN_ANOMALY = 205.2356 [deg]
EPHEMERIS_TYPE = 0
CLASSIFICATION_TYPE = U
NORAD_CAT_ID = 5
ELEMENT_SET_NO = 999
REV_AT_EPOCH = 21814
BSTAR = -.22483E-4 [1/ER]
MEAN_MOTION_DOT = -1.6E-7 [rev/day**2]
MEAN_MOTION_DDOT = 0 [rev/day**3]
)";

void expect_same_elements(const ElementSet& omm, const ElementSet& tle) {
  EXPECT_EQ(omm.name, tle.name);
  EXPECT_EQ(omm.satnum, tle.satnum);
  EXPECT_NEAR(omm.epoch.seconds_since(tle.epoch), 0.0, 1e-6);
  EXPECT_DOUBLE_EQ(omm.mean_motion_dot, tle.mean_motion_dot);
  EXPECT_DOUBLE_EQ(omm.mean_motion_ddot, tle.mean_motion_ddot);
  EXPECT_DOUBLE_EQ(omm.bstar, tle.bstar);
  EXPECT_DOUBLE_EQ(omm.inclination, tle.inclination);
  EXPECT_DOUBLE_EQ(omm.raan, tle.raan);
  EXPECT_DOUBLE_EQ(omm.eccentricity, tle.eccentricity);
  EXPECT_DOUBLE_EQ(omm.argument_of_perigee, tle.argument_of_perigee);
  EXPECT_DOUBLE_EQ(omm.mean_anomaly, tle.mean_anomaly);
  EXPECT_DOUBLE_EQ(omm.mean_motion, tle.mean_motion);
  // And SGP4 flies them to the same place a day later (to a millimetre).
  const StateVector a = Sgp4Propagator(omm).propagate_minutes(1440.0);
  const StateVector b = Sgp4Propagator(tle).propagate_minutes(1440.0);
  EXPECT_LT(norm(a.position - b.position), 1e-3);
}

template <typename Parse>
InputError parse_error(Parse parse, const std::string& text) {
  try {
    parse(text, "gp.omm");
  } catch (const InputError& error) {
    return error;
  }
  ADD_FAILURE() << "no InputError for:\n" << text;
  return InputError("none");
}

TEST(Omm, JsonGivesTheElementsOfTheEquivalentTle) {
  const auto sets = parse_omm_json(kJson, "gp.json");
  ASSERT_EQ(sets.size(), 1u);
  expect_same_elements(sets[0], parse_tle(kTle, "gp.tle").at(0));
}

TEST(Omm, KvnGivesTheElementsOfTheEquivalentTle) {
  const auto sets = parse_omm_kvn(kKvn, "gp.kvn");
  ASSERT_EQ(sets.size(), 1u);
  expect_same_elements(sets[0], parse_tle(kTle, "gp.tle").at(0));
}

TEST(Omm, KvnWithTwoMessagesGivesTwoSets) {
  EXPECT_EQ(parse_omm_kvn(kKvn + "\n" + kKvn, "gp.kvn").size(), 2u);
}

TEST(Omm, JsonNumbersMayBeStringsAsSpaceTrackWritesThem) {
  std::string text = kJson;
  text.replace(text.find("10.84869164"), 11, "\"10.84869164\"");
  text.replace(text.find("\"EPHEMERIS_TYPE\": 0"), 19, "\"DECAY_DATE\": null");
  EXPECT_DOUBLE_EQ(parse_omm_json(text, "x").at(0).mean_motion, 10.84869164);
}

TEST(Omm, JsonErrorsPointAtTheValue) {
  std::string text = kJson;
  text.replace(text.find("0.1845686"), 9, "\"0.18x\"");
  const InputError error = parse_error(parse_omm_json, text);
  EXPECT_EQ(error.where().file, "gp.omm");
  EXPECT_EQ(error.where().line, 6);
  EXPECT_EQ(error.where().column, 19);
  EXPECT_NE(error.message().find("ECCENTRICITY: expected a number"), std::string::npos)
      << error.what();
}

TEST(Omm, JsonMissingKeyNamesIt) {
  std::string text = kJson;
  text.erase(text.find("\"EPOCH\""), text.find("\"MEAN_MOTION\"") - text.find("\"EPOCH\""));
  const InputError error = parse_error(parse_omm_json, text);
  EXPECT_EQ(error.where().line, 1);
  EXPECT_NE(error.message().find("no EPOCH"), std::string::npos) << error.what();
}

TEST(Omm, MalformedJsonGivesTheParserPosition) {
  const InputError error = parse_error(parse_omm_json, "[{\"EPOCH\": \"2020-01-01\",,}");
  EXPECT_EQ(error.where().line, 1);
  EXPECT_GT(error.where().column, 0);
}

TEST(Omm, KvnImpossibleEccentricityPointsAtTheValue) {
  std::string text = kKvn;
  text.replace(text.find(".1845686"), 8, "1.2");
  const InputError error = parse_error(parse_omm_kvn, text);
  EXPECT_EQ(error.where().line, 13);
  EXPECT_EQ(error.where().column, 16);
  EXPECT_NE(error.message().find("eccentricity 1.2 is impossible"), std::string::npos)
      << error.what();
}

TEST(Omm, KvnRefusesOtherMeanElementTheories) {
  std::string text = kKvn;
  text.replace(text.find("= SGP4"), 6, "= SGP4-XP");
  const InputError error = parse_error(parse_omm_kvn, text);
  EXPECT_EQ(error.where().line, 10);
  EXPECT_NE(error.message().find("MEAN_ELEMENT_THEORY"), std::string::npos);
}

TEST(Omm, KvnNeedsTheVersionLineFirst) {
  const InputError error = parse_error(parse_omm_kvn, "OBJECT_NAME = X\n");
  EXPECT_EQ(error.where().line, 1);
  EXPECT_NE(error.message().find("CCSDS_OMM_VERS"), std::string::npos);
}

TEST(Omm, KvnDuplicateKey) {
  const InputError error = parse_error(parse_omm_kvn, kKvn + "BSTAR = 0\n");
  EXPECT_EQ(error.where().line, 26);
}

}  // namespace
}  // namespace umbra::orbit
