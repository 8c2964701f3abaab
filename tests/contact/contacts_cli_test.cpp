// `umbra contacts` as a user runs it: both formats, end to end, and its errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/umbra_cli.hpp"

namespace {

using umbra::testing::Outcome;

const std::string kHybrid = std::string(UMBRA_SOURCE_DIR) + "/platforms/hybrid-ground-leo.yaml";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> fields_of(const std::string& line, char separator) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  for (std::string field; std::getline(stream, field, separator);) fields.push_back(field);
  return fields;
}

class ContactsCli : public umbra::testing::UmbraCliTest {};

TEST_F(ContactsCli, CsvListsEveryWindowWithItsRangesAndRate) {
  const Outcome outcome = umbra("contacts " + kHybrid + " --horizon 3h");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  const auto lines = lines_of(outcome.out);
  ASSERT_GT(lines.size(), 2u);
  EXPECT_EQ(lines[0], "a,b,class,start,end,min_range_km,max_range_km,mean_rate_bps");
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto fields = fields_of(lines[i], ',');
    ASSERT_EQ(fields.size(), 8u) << lines[i];
    EXPECT_LT(fields[3], fields[4]) << lines[i];  // ISO times sort as text
    EXPECT_EQ(fields[3].substr(0, 11), "2026-03-20T");
    const double min_km = std::stod(fields[5]), max_km = std::stod(fields[6]);
    EXPECT_LE(min_km, max_km);
    if (fields[2] == "ka-ground") {
      // 550 km, 25 deg mask: slant range at most sqrt((R + h)^2 - R^2 cos^2 25 deg) -
      // R sin 25 deg = 1,123 km; the stations sit a little off the equatorial radius, so allow
      // 30 km.
      EXPECT_LE(max_km, 1123.4 + 30) << lines[i];
      EXPECT_GE(min_km, 550 - 30) << lines[i];
      EXPECT_EQ(fields[7], "10000000000");
    }
  }
  EXPECT_NE(outcome.err.find("candidate links"), std::string::npos) << outcome.err;
  // The laser links of the shell's 12 x 12 plus grid (2 x 144) each come up at some time of the
  // horizon (in-plane neighbours 30 deg apart, 3,586 km, are in range and sight throughout).
  EXPECT_NE(outcome.err.find("shell leo: 12 planes of 12; all 288 laser links come up over 3 h; "
                             "1 connected group"),
            std::string::npos)
      << outcome.err;
}

TEST_F(ContactsCli, IonPlanNumbersNodesAndGivesContactsBothWaysAndOneRangePerWindow) {
  const Outcome csv = umbra("contacts " + kHybrid + " --horizon 3h --from 1h");
  const Outcome ion = umbra("contacts " + kHybrid + " --horizon 3h --from 1h --format ion");
  ASSERT_EQ(ion.status, 0) << ion.err;
  ASSERT_EQ(csv.status, 0) << csv.err;
  const auto lines = lines_of(ion.out);
  std::set<std::string> nodes;
  std::size_t contacts = 0, ranges = 0;
  std::multiset<std::pair<std::string, std::string>> directions;
  for (const std::string& line : lines) {
    const auto words = fields_of(line, ' ');
    if (line.starts_with("# node ")) {
      nodes.insert(words[2]);
    } else if (line.starts_with("a contact ")) {
      ASSERT_EQ(words.size(), 7u) << line;
      EXPECT_EQ(words[2][0], '+');
      EXPECT_LT(std::stol(words[2].substr(1)), std::stol(words[3].substr(1))) << line;
      EXPECT_LE(std::stol(words[3].substr(1)), 3 * 3600) << line;
      directions.insert({words[4], words[5]});
      ++contacts;
    } else if (line.starts_with("a range ")) {
      ASSERT_EQ(words.size(), 7u) << line;
      EXPECT_EQ(words[6], "1") << line;  // LEO light times round up to one second
      ++ranges;
    } else {
      EXPECT_TRUE(line.starts_with("#")) << line;
    }
  }
  // 144 satellites and two stations, numbered from 1.
  EXPECT_EQ(nodes.size(), 146u);
  EXPECT_TRUE(nodes.count("1") && nodes.count("146"));
  // Every contact is listed in both directions.
  for (const auto& [from, to] : directions) {
    EXPECT_EQ(directions.count({from, to}), directions.count({to, from}));
  }
  EXPECT_GT(contacts, 0u);
  // One range per window (windows rounded inwards to whole seconds never vanish in LEO).
  EXPECT_EQ(ranges, lines_of(csv.out).size() - 1);
  EXPECT_NE(ion.out.find("# Umbra contact plan from 2026-03-20T13:00:00.000Z"), std::string::npos);
}

TEST_F(ContactsCli, RefusesAMissingHorizonAndAnUnknownFormat) {
  const Outcome no_horizon = umbra("contacts " + kHybrid);
  EXPECT_EQ(no_horizon.status, 2);
  EXPECT_NE(no_horizon.err.find("--horizon"), std::string::npos) << no_horizon.err;
  const Outcome bad_format = umbra("contacts " + kHybrid + " --horizon 1h --format json");
  EXPECT_EQ(bad_format.status, 2);
  EXPECT_NE(bad_format.err.find("csv or ion"), std::string::npos) << bad_format.err;
}

}  // namespace
