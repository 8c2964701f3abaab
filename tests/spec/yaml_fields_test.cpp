#include "sim/spec/yaml_fields.hpp"

#include <gtest/gtest.h>

#include <string>

namespace umbra::spec {
namespace {

// The message of the InputError `action` throws, or "no error".
template <typename Action>
std::string error_of(Action action) {
  try {
    action();
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(YamlFields, ReadsTypedValuesInSiUnits) {
  YamlFields fields(load_yaml("n: 3\nx: 0.25\nrate: 400 Gbps\nlabel: iowa\n", "f.yaml"), "f.yaml",
                    "the test");
  EXPECT_EQ(fields.required_integer("n", Bound::kPositive), 3);
  EXPECT_DOUBLE_EQ(fields.required_number("x", Bound::kPositive), 0.25);
  EXPECT_DOUBLE_EQ(fields.required_quantity("rate", Quantity::kDataRate, Bound::kPositive), 50e9);
  EXPECT_EQ(fields.required_string("label"), "iowa");
  EXPECT_FALSE(fields.optional_quantity("absent", Quantity::kTime, Bound::kAny).has_value());
  EXPECT_NO_THROW(fields.finish());
}

TEST(YamlFields, PositionsAreOneBasedAndPointAtTheValue) {
  YamlFields fields(load_yaml("a: 1\nsite:\n  nodes: -4\n", "f.yaml"), "f.yaml", "the test");
  YamlFields site = fields.required_mapping("site", "site \"iowa\"");
  EXPECT_EQ(error_of([&] { site.required_integer("nodes", Bound::kPositive); }),
            "f.yaml:3:10: invalid \"nodes\" in site \"iowa\": expected a positive integer, got "
            "\"-4\"");
}

TEST(YamlFields, UnknownKeySuggestsTheNearestKnownOne) {
  YamlFields fields(load_yaml("nodes: 2\ngpus_per_nod: 8\n", "f.yaml"), "f.yaml", "site \"iowa\"");
  fields.required_integer("nodes", Bound::kPositive);
  fields.optional_integer("gpus_per_node", Bound::kPositive);
  EXPECT_EQ(error_of([&] { fields.finish(); }),
            "f.yaml:2:1: unknown key \"gpus_per_nod\" in site \"iowa\" (did you mean "
            "\"gpus_per_node\"?)");
}

TEST(YamlFields, MissingKeyPointsAtTheMapping) {
  YamlFields fields(load_yaml("a: 1\nsite:\n  name: x\n  gpus: 2\n", "f.yaml"), "f.yaml", "x");
  YamlFields site = fields.required_mapping("site", "site \"x\"");
  EXPECT_EQ(error_of([&] { site.required_integer("nodes", Bound::kPositive); }),
            "f.yaml:3:3: missing key \"nodes\" in site \"x\"");
}

TEST(YamlFields, MisspeltRequiredKeyIsReportedAsTheTypo) {
  YamlFields fields(load_yaml("name: x\nnods: 2\n", "f.yaml"), "f.yaml", "site \"x\"");
  fields.required_string("name");
  EXPECT_EQ(error_of([&] { fields.required_integer("nodes", Bound::kPositive); }),
            "f.yaml:2:1: unknown key \"nods\" in site \"x\" (did you mean \"nodes\"?)");
}

TEST(YamlFields, DuplicateKeyIsRefused) {
  EXPECT_EQ(error_of([] { YamlFields(load_yaml("a: 1\nb: 2\na: 3\n", "f.yaml"), "f.yaml", "x"); }),
            "f.yaml:3:1: duplicate key \"a\" in x (first at line 1)");
}

TEST(YamlFields, WrongNodeKindIsNamed) {
  YamlFields fields(load_yaml("nodes: [1, 2]\nempty:\n", "f.yaml"), "f.yaml", "site");
  EXPECT_EQ(error_of([&] { fields.required_integer("nodes", Bound::kPositive); }),
            "f.yaml:1:8: invalid \"nodes\" in site: expected a positive integer, got a list");
  EXPECT_EQ(error_of([&] { fields.required_string("empty"); }),
            "f.yaml:2:1: invalid \"empty\" in site: expected a non-empty string, got nothing");
}

TEST(YamlFields, SyntaxErrorsKeepTheirPosition) {
  EXPECT_EQ(error_of([] { load_yaml("a: 1\nb: [1, 2\n", "f.yaml"); }).substr(0, 24),
            "f.yaml:3:1: invalid YAML");
}

TEST(ValueParsing, IntegersRefuseFractionsAndBoundsAreChecked) {
  const SourcePosition where{"f.csv", 2, 5};
  EXPECT_EQ(parse_integer_at("12", Bound::kPositive, where, "x"), 12);
  EXPECT_EQ(parse_integer_at("-3", Bound::kAny, where, "x"), -3);
  EXPECT_THROW(parse_integer_at("7.5", Bound::kAny, where, "x"), InputError);
  EXPECT_THROW(parse_integer_at("0", Bound::kPositive, where, "x"), InputError);
  EXPECT_DOUBLE_EQ(parse_quantity_at("0 s", Quantity::kTime, Bound::kNonNegative, where, "x"), 0);
  EXPECT_EQ(error_of([&] {
              parse_quantity_at("-2 h", Quantity::kTime, Bound::kNonNegative, where, "\"submit\"");
            }),
            "f.csv:2:5: invalid \"submit\": expected a non-negative duration, got \"-2 h\"");
}

TEST(NameSuggestion, SuggestsOrListsTheKnownNames) {
  EXPECT_EQ(name_suggestion("H10", {"H100", "B200"}), " (did you mean \"H100\"?)");
  EXPECT_EQ(name_suggestion("TPUv5", {"H100", "B200"}), " (known: H100, B200)");
  EXPECT_EQ(name_suggestion("H100", {}), " (none defined)");
}

}  // namespace
}  // namespace umbra::spec
