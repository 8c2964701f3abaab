#include "sim/spec/platform_reader.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace umbra::spec {
namespace {

constexpr const char* kTwoSites = R"(name: two-sites
gpu_models:
  - name: H100
    peak: 989 TFLOPS
    idle_power: 70 W
    busy_power: 700 W
    memory: 80 GB
    pstates:
      - {speed: 0.8, busy_power: 520 W, idle_power: 65 W}
      - {speed: 0.5, busy_power: 300 W}
sites:
  - name: new-york
    location: {latitude: 40.7128, longitude: -74.0060}
    nodes: 16
    gpus_per_node: 8
    gpu_model: H100
    intra_node: {bandwidth: 450 GB/s, latency: 2 us}
    network: {bandwidth: 400 Gbps, latency: 5 us}
    storage: {bandwidth: 200 Gbps}
    power_cap: 2 MW
    pue: 1.2
  - name: london
    location: {latitude: 51.5074, longitude: -0.1278}
    nodes: 4
    gpus_per_node: 4
    gpu_model: H100
    network: {bandwidth: 100 Gbps, latency: 10 us}
    storage: {bandwidth: 1 GB/s}
wan:
  - between: [new-york, london]
    bandwidth: 100 Gbps
)";

TEST(PlatformReader, ConvertsUnitsToSi) {
  const PlatformSpec platform = read_platform_text(kTwoSites, "two.yaml");
  EXPECT_EQ(platform.name, "two-sites");
  ASSERT_EQ(platform.gpu_models.size(), 1u);
  const GpuModelSpec& h100 = platform.gpu_models[0];
  EXPECT_DOUBLE_EQ(h100.peak_flops, 989e12);
  EXPECT_DOUBLE_EQ(h100.idle_watts, 70);
  EXPECT_DOUBLE_EQ(h100.busy_watts, 700);
  EXPECT_DOUBLE_EQ(h100.memory_bytes, 80e9);
  EXPECT_EQ(h100.where.line, 3);

  const SiteSpec& ny = platform.sites.at(0);
  EXPECT_DOUBLE_EQ(ny.latitude_deg, 40.7128);
  EXPECT_DOUBLE_EQ(ny.longitude_deg, -74.0060);
  EXPECT_EQ(ny.nodes, 16);
  EXPECT_EQ(ny.gpus_per_node, 8);
  EXPECT_DOUBLE_EQ(ny.intra_node_bandwidth, 450e9);
  EXPECT_DOUBLE_EQ(ny.intra_node_latency, 2e-6);
  EXPECT_DOUBLE_EQ(ny.node_bandwidth, 50e9);  // 400 Gbps is 50 GB/s
  EXPECT_DOUBLE_EQ(ny.node_latency, 5e-6);
  EXPECT_DOUBLE_EQ(ny.storage_bandwidth, 25e9);
  ASSERT_TRUE(ny.power_cap_watts.has_value());
  EXPECT_DOUBLE_EQ(*ny.power_cap_watts, 2e6);
  EXPECT_DOUBLE_EQ(ny.pue, 1.2);
}

TEST(PlatformReader, PeakStateComesFirstAndPstatesInheritIdlePower) {
  const PlatformSpec platform = read_platform_text(kTwoSites, "two.yaml");
  const GpuModelSpec& h100 = platform.gpu_models.at(0);
  ASSERT_EQ(h100.pstates.size(), 3u);
  EXPECT_DOUBLE_EQ(h100.pstates[0].speed_ratio, 1.0);
  EXPECT_DOUBLE_EQ(h100.pstates[0].busy_watts, 700);
  EXPECT_DOUBLE_EQ(h100.pstates[0].idle_watts, 70);
  EXPECT_DOUBLE_EQ(h100.pstates[1].speed_ratio, 0.8);
  EXPECT_DOUBLE_EQ(h100.pstates[1].busy_watts, 520);
  EXPECT_DOUBLE_EQ(h100.pstates[1].idle_watts, 65);
  EXPECT_DOUBLE_EQ(h100.pstates[2].speed_ratio, 0.5);
  EXPECT_DOUBLE_EQ(h100.pstates[2].idle_watts, 70);  // not given: the model's idle power
}

TEST(PlatformReader, AppliesDocumentedDefaults) {
  const PlatformSpec platform = read_platform_text(kTwoSites, "dir/two-sites-file.yaml");
  const SiteSpec& london = platform.sites.at(1);
  EXPECT_DOUBLE_EQ(london.intra_node_bandwidth, 900e9);
  EXPECT_DOUBLE_EQ(london.intra_node_latency, 1e-6);
  EXPECT_FALSE(london.power_cap_watts.has_value());
  EXPECT_DOUBLE_EQ(london.pue, 1.0);
  EXPECT_DOUBLE_EQ(london.storage_bandwidth, 1e9);

  std::string unnamed = kTwoSites;
  unnamed.erase(0, unnamed.find('\n') + 1);  // drop the `name:` line
  EXPECT_EQ(read_platform_text(unnamed, "dir/two-sites-file.yaml").name, "two-sites-file");
}

TEST(PlatformReader, DerivesWanLatencyFromTheGreatCircleOverFibre) {
  const PlatformSpec platform = read_platform_text(kTwoSites, "two.yaml");
  ASSERT_EQ(platform.wan_links.size(), 1u);
  const WanLinkSpec& derived = platform.wan_links[0];
  EXPECT_EQ(derived.a, "new-york");
  EXPECT_EQ(derived.b, "london");
  EXPECT_DOUBLE_EQ(derived.bandwidth, 12.5e9);
  EXPECT_TRUE(derived.latency_derived);
  // By hand: haversine New York (40.7128 N, 74.0060 W) - London (51.5074 N, 0.1278 W) on a
  // 6371.0088 km sphere is 5570.2299 km (published great-circle figures: ~5570 km); at
  // c / 1.468 = 204,218,296 m/s that is 27.2759 ms. 1 ns is ~0.2 m of fibre.
  EXPECT_NEAR(great_circle_distance(40.7128, -74.0060, 51.5074, -0.1278), 5570229.87, 1.0);
  EXPECT_NEAR(derived.latency, 0.0272758611, 1e-9);
}

TEST(PlatformReader, GivenWanLatencyIsKept) {
  // The WAN link is the file's last entry: this line becomes its latency.
  const std::string text = std::string(kTwoSites) + "    latency: 40 ms\n";
  const PlatformSpec platform = read_platform_text(text, "two.yaml");
  const WanLinkSpec& given = platform.wan_links.at(0);
  EXPECT_FALSE(given.latency_derived);
  EXPECT_DOUBLE_EQ(given.latency, 0.040);
}

TEST(PlatformReader, GreatCircleHandlesAntipodesAndZeroDistance) {
  EXPECT_DOUBLE_EQ(great_circle_distance(10, 20, 10, 20), 0);
  // Half the circumference of the mean sphere.
  EXPECT_NEAR(great_circle_distance(0, 0, 0, 180), 3.14159265358979 * 6371008.8, 1e-3);
}

TEST(PlatformSpecQueries, CountGpusAndFindModels) {
  const PlatformSpec platform = read_platform_text(kTwoSites, "two.yaml");
  EXPECT_EQ(platform.total_gpus(), 16 * 8 + 4 * 4);
  EXPECT_EQ(platform.largest_site_gpus(), 128);
  EXPECT_DOUBLE_EQ(platform.gpu_model("H100").peak_flops, 989e12);
  EXPECT_THROW(platform.gpu_model("B200"), std::logic_error);
}

TEST(PlatformReader, MissingFileIsAnInputErrorNamingIt) {
  try {
    read_platform_file("/nonexistent/platform.yaml");
    FAIL() << "a missing file was read";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().file, "/nonexistent/platform.yaml");
  }
}

// The sites of kTwoSites with `replace` put in place of `original` (which must be there).
std::string two_sites_with(const std::string& original, const std::string& replacement) {
  std::string text = kTwoSites;
  const std::size_t at = text.find(original);
  EXPECT_NE(at, std::string::npos) << original;
  return text.replace(at, original.size(), replacement);
}

TEST(PlatformReader, BareNumbersWhereAUnitBelongsAreWarnedWithTheUnitTheyWereReadIn) {
  // Line 27 is london's network; the value of "bandwidth" starts at column 26. Angles, ratios
  // and zeros carry no warning.
  const PlatformSpec platform = read_platform_text(
      two_sites_with("{bandwidth: 100 Gbps, latency: 10 us}", "{bandwidth: 12.5e9, latency: 0}"),
      "two.yaml");
  ASSERT_EQ(platform.warnings.size(), 1u);
  EXPECT_EQ(platform.warnings[0], "two.yaml:27:26: bandwidth 12.5e9 read as 12.5e9 B/s (no unit)");
  EXPECT_DOUBLE_EQ(platform.sites.at(1).node_bandwidth, 12.5e9);
  EXPECT_TRUE(read_platform_text(kTwoSites, "two.yaml").warnings.empty());
}

TEST(PlatformReader, ReportsOneErrorPerEntryInFileOrder) {
  // Three independent mistakes: new-york's latitude (line 13), london's node count (line 24)
  // and the routing (line 32, read before the sites but reported after them).
  std::string text = two_sites_with("latitude: 40.7128", "latitude: 140") + "routing: fastest\n";
  text.replace(text.find("nodes: 4"), 8, "nodes: -4");
  try {
    read_platform_text(text, "two.yaml");
    FAIL() << "three errors went unnoticed";
  } catch (const InputErrors& e) {
    ASSERT_EQ(e.errors().size(), 3u) << e.what();
    EXPECT_EQ(e.errors()[0].what(),
              std::string("two.yaml:13:26: latitude 140 in the location of site \"new-york\" is "
                          "outside [-90, 90] degrees"));
    EXPECT_EQ(e.errors()[1].where().line, 24);
    EXPECT_EQ(e.errors()[2].where().line, 32);
    EXPECT_EQ(std::string(e.what()).find(e.errors()[0].what()), 0u);  // the first line
  }
}

TEST(PlatformReader, EntriesNamingAnEntryWithAnErrorAreNotChecked) {
  // The GPU model's error hides the sites (they name it) and so the WAN link (it names them):
  // one error, not three.
  try {
    read_platform_text(two_sites_with("peak: 989 TFLOPS", "peak: fast"), "two.yaml");
    FAIL() << "a GPU model without a peak was read";
  } catch (const InputErrors& e) {
    FAIL() << "errors that follow from the first were reported: " << e.what();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 4);
  }
}

TEST(PlatformReader, SitesCutOffFromEachOtherByTheWanAreRefused) {
  try {
    read_platform_text(two_sites_with("wan:\n  - between: [new-york, london]\n    bandwidth: 100 "
                                      "Gbps\n",
                                      ""),
                       "two.yaml");
    FAIL() << "two sites without a WAN link were accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 22);  // london's entry
    EXPECT_NE(std::string(e.what()).find("site \"london\" has no WAN path to site \"new-york\""),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace umbra::spec
