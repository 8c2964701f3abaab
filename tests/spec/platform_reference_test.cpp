// docs/platform-reference.md documents every key and word the orbital reader accepts. The
// reader has no key table: each key is a string literal passed to a YamlFields accessor or a
// helper, and each allowed word a literal of a choice list. So every identifier-like literal
// of sim/spec/orbital_reader.cpp must appear on the page as `literal`; a new key that the page
// does not name fails here.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

const std::filesystem::path kSource = UMBRA_SOURCE_DIR;

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// "payload", "max_charge_power", "sun-tracking": lower-case words, as keys and choices are.
std::set<std::string> identifier_literals(const std::string& code) {
  static const std::regex literal(R"re("([a-z][a-z0-9_-]*)")re");
  std::set<std::string> words;
  for (auto it = std::sregex_iterator(code.begin(), code.end(), literal);
       it != std::sregex_iterator(); ++it) {
    words.insert((*it)[1].str());
  }
  return words;
}

TEST(PlatformReference, NamesEveryKeyAndWordTheOrbitalReaderAccepts) {
  const std::string reader = read_text(kSource / "sim/spec/orbital_reader.cpp");
  const std::string page = read_text(kSource / "docs/platform-reference.md");
  ASSERT_FALSE(page.empty()) << "docs/platform-reference.md is missing";
  const std::set<std::string> words = identifier_literals(reader);
  // The extraction reads the reader: keys of each hardware block and a choice word are there.
  for (const char* sample : {"payload", "max_discharge_power", "packing_factor", "bus_power",
                             "power_policy", "shutdown", "isl", "nearest-k"}) {
    EXPECT_EQ(words.count(sample), 1u) << sample;
  }
  std::vector<std::string> undocumented;
  for (const std::string& word : words) {
    if (page.find("`" + word + "`") == std::string::npos) undocumented.push_back(word);
  }
  EXPECT_TRUE(undocumented.empty()) << "accepted by sim/spec/orbital_reader.cpp but not named in "
                                       "docs/platform-reference.md: "
                                    << ::testing::PrintToString(undocumented);
}

}  // namespace
