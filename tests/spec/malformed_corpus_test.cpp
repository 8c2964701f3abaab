// Every file in tests/spec/malformed/ is one mistake; its sibling <file>.expected holds the
// first line of the error it must produce. Files are read with their name relative to the
// corpus folder, so the expected positions do not depend on where the repository lives.
// platform-* files are read as platforms, and their constellation built (which parses epochs and
// element sets); workload-* files are read against reference-platform.yaml; profile-* folders
// are read as application profiles (sim/workload/application_profile_reader.hpp); sweep-* files
// are read as sweep files, their paths relative to the corpus folder.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/cli/sweep_spec.hpp"
#include "sim/contact/constellation.hpp"
#include "sim/core/error.hpp"
#include "sim/spec/platform_reader.hpp"
#include "sim/spec/yaml_fields.hpp"
#include "sim/workload/application_profile_reader.hpp"
#include "sim/workload/native_reader.hpp"
#include "sim/workload/workload_format.hpp"

namespace umbra {
namespace {

const std::filesystem::path kCorpus =
    std::filesystem::path(UMBRA_SOURCE_DIR) / "tests/spec/malformed";
constexpr std::string_view kReferencePlatform = "reference-platform.yaml";

std::vector<std::string> corpus_files() {
  std::vector<std::string> names;
  if (!std::filesystem::is_directory(kCorpus)) return names;
  for (const auto& entry : std::filesystem::directory_iterator(kCorpus)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".expected" && name != kReferencePlatform) {
      names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

// The tables of the application profile folder `name`, in file-name order.
std::vector<workload::ProfileTable> profile_tables(const std::string& name) {
  std::vector<workload::ProfileTable> tables;
  for (const auto& entry : std::filesystem::directory_iterator(kCorpus / name)) {
    tables.push_back(
        {entry.path().filename().string(), spec::read_input_file(entry.path().string())});
  }
  std::sort(tables.begin(), tables.end(),
            [](const auto& a, const auto& b) { return a.file_name < b.file_name; });
  return tables;
}

// The first line of the error reading `name` raises, or a note that it raised none.
std::string first_error_line(const std::string& name) {
  try {
    if (name.starts_with("profile-")) {
      workload::parse_application_profile(name, name, profile_tables(name), {});
      return "no error";
    }
    const std::string text = spec::read_input_file((kCorpus / name).string());
    if (name.starts_with("platform-")) {
      contact::build_constellation(spec::read_platform_text(text, name));
    } else if (name.starts_with("workload-") || name.starts_with("trace-")) {
      const spec::PlatformSpec platform =
          spec::read_platform_text(spec::read_input_file((kCorpus / kReferencePlatform).string()),
                                   std::string(kReferencePlatform));
      if (name.starts_with("trace-")) {
        workload::read_workload_text(text, name, platform, workload::ReadOptions{});
      } else {
        workload::read_workload_text(text, name, platform);
      }
    } else if (name.starts_with("sweep-")) {
      cli::read_sweep_text(text, name, kCorpus);
    } else {
      return "corpus file names start with platform-, workload-, trace-, profile- or sweep-";
    }
  } catch (const InputError& e) {
    return first_line(e.what());
  }
  return "no error";
}

class MalformedInput : public testing::TestWithParam<std::string> {};

TEST_P(MalformedInput, GivesTheExpectedFirstErrorLine) {
  const std::filesystem::path expected_path = kCorpus / (GetParam() + ".expected");
  ASSERT_TRUE(std::filesystem::exists(expected_path)) << "missing " << expected_path;
  EXPECT_EQ(first_error_line(GetParam()),
            first_line(spec::read_input_file(expected_path.string())));
}

INSTANTIATE_TEST_SUITE_P(Corpus, MalformedInput, testing::ValuesIn(corpus_files()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace_if(
                               name.begin(), name.end(),
                               [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
                               '_');
                           return name;
                         });

TEST(MalformedCorpus, HoldsAtLeastTwentyCases) {
  EXPECT_GE(corpus_files().size(), 20u);
}

TEST(MalformedCorpus, ReferencePlatformIsValid) {
  EXPECT_NO_THROW(spec::read_platform_file((kCorpus / kReferencePlatform).string()));
}

}  // namespace
}  // namespace umbra
