// The `umbra` command as a user runs it: exit statuses, messages, outputs, determinism.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/umbra_cli.hpp"

namespace {

namespace fs = std::filesystem;
using umbra::testing::Outcome;
using umbra::testing::read_file;
using Cli = umbra::testing::UmbraCliTest;

const std::string kSource = UMBRA_SOURCE_DIR;

TEST_F(Cli, RunWithNoArgumentsRunsTheDefaultScenarioAndWritesItsOutputs) {
  const Outcome outcome = umbra("run");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("40 of 40"), std::string::npos) << outcome.out;
  const fs::path run = dir_ / "results/runs/ground-two-sites-ground-mix-easy-seed0";
  for (const char* file : {"jobs.csv", "summary.json", "manifest.json"}) {
    EXPECT_TRUE(fs::exists(run / file)) << file;
  }
  const std::string jobs = read_file(run / "jobs.csv");
  EXPECT_EQ(std::count(jobs.begin(), jobs.end(), '\n'), 41);  // header + 40 jobs
  const std::string manifest = read_file(run / "manifest.json");
  EXPECT_NE(manifest.find("\"scheduler\": \"easy\""), std::string::npos);
  EXPECT_NE(manifest.find("\"sha256\": \""), std::string::npos);
}

TEST_F(Cli, RunReportsTheFacilityEnergyOfACappedSite) {
  // Two 2-GPU nodes of 100 W idle, 500 W busy under a 1750 W cap at PUE 1.25 (1400 W of IT):
  // one 2-GPU job at a time (1200 W with the idle GPUs), two jobs of 1e6 s each: 2.4 GJ of IT
  // (0.667 MWh) and 3 GJ (0.833 MWh) from the grid, the second job starting at 1e6 s.
  write("capped.yaml",
        "gpu_models:\n"
        "  - {name: G, peak: 1 PFLOPS, idle_power: 100 W, busy_power: 500 W}\n"
        "sites:\n"
        "  - {name: lab, location: {latitude: 0, longitude: 0}, nodes: 2, gpus_per_node: 2,\n"
        "     gpu_model: G, network: {bandwidth: 10 GB/s, latency: 0 s},\n"
        "     storage: {bandwidth: 1 GB/s}, power_cap: 1750 W, pue: 1.25}\n");
  write("jobs.yaml",
        "defaults: {mfu: 1}\n"
        "jobs:\n"
        "  - {id: a, submit: 0 s, gpus: 2, work: 2e21 FLOP}\n"
        "  - {id: b, submit: 0 s, gpus: 2, work: 2e21 FLOP}\n");
  const Outcome outcome = umbra("run capped.yaml jobs.yaml --scheduler fcfs --out out");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("GPU energy             0.667 MWh\n"), std::string::npos)
      << outcome.out;
  EXPECT_NE(outcome.out.find("facility energy        0.833 MWh"), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find("makespan               555.56 h\n"), std::string::npos)
      << outcome.out;
  const std::string summary = read_file(dir_ / "out" / "summary.json");
  EXPECT_NE(summary.find("\"facility_energy_j\": 3000000000,"), std::string::npos) << summary;
}

TEST_F(Cli, SummaryCountsTopologyChangesAndRoutingTrees) {
  // The ring of tests/cli/data/ring-12-lasers.yaml: its 12 laser links come up once, in the
  // first seconds, and never change again. A 16-GPU job submitted at 10 min holds two
  // satellites; its ring sends from each of them, and writes its checkpoints to their own
  // storage (no route): one shortest-path tree per sending satellite, 2, however many
  // exchanges, as the topology no longer changes.
  write("job.yaml",
        "defaults: {reference_gpu: H100, iterations: 1000, gradient: 2 GB,\n"
        "           checkpoint: {size: 20 GB, interval: 1 h}}\n"
        "jobs:\n"
        "  - {id: a, submit: 10 min, gpus: 16, duration: 2 h}\n");
  const Outcome ring =
      umbra("run " + kSource +
            "/tests/cli/data/ring-12-lasers.yaml job.yaml --scheduler fcfs --out ring");
  ASSERT_EQ(ring.status, 0) << ring.err;
  const std::string summary = read_file(dir_ / "ring/summary.json");
  EXPECT_NE(summary.find("\"topology_changes\": 12,"), std::string::npos) << summary;
  EXPECT_NE(summary.find("\"routing_trees_computed\": 2,\n"), std::string::npos) << summary;
  // On the ground the one WAN link comes up at the start, and routes between sites follow the
  // WAN without the router.
  const Outcome ground = umbra("run " + kSource + "/platforms/ground-two-sites.yaml " + kSource +
                               "/workloads/ground-mix.yaml --scheduler fcfs --out ground");
  ASSERT_EQ(ground.status, 0) << ground.err;
  const std::string ground_summary = read_file(dir_ / "ground/summary.json");
  EXPECT_NE(ground_summary.find("\"topology_changes\": 1,"), std::string::npos) << ground_summary;
  EXPECT_NE(ground_summary.find("\"routing_trees_computed\": 0\n"), std::string::npos)
      << ground_summary;
}

TEST_F(Cli, SameInputsAndSeedGiveByteIdenticalOutputs) {
  const std::string args = "run " + kSource + "/platforms/ground-two-sites.yaml " + kSource +
                           "/workloads/ground-mix.yaml --scheduler conservative --seed 3 --out run";
  ASSERT_EQ(umbra(args).status, 0);
  const std::string jobs = read_file(dir_ / "run/jobs.csv");
  const std::string summary = read_file(dir_ / "run/summary.json");
  const std::string manifest = read_file(dir_ / "run/manifest.json");
  ASSERT_EQ(umbra(args).status, 0);
  EXPECT_EQ(read_file(dir_ / "run/jobs.csv"), jobs);
  EXPECT_EQ(read_file(dir_ / "run/summary.json"), summary);
  EXPECT_EQ(read_file(dir_ / "run/manifest.json"), manifest);
  // The policy matters: another one gives another schedule.
  ASSERT_EQ(umbra("run " + kSource + "/platforms/ground-two-sites.yaml " + kSource +
                  "/workloads/ground-mix.yaml --scheduler fcfs --seed 3 --out other")
                .status,
            0);
  EXPECT_NE(read_file(dir_ / "other/jobs.csv"), jobs);
}

TEST_F(Cli, BadInputExitsWithTwoNamesTheLineAndWritesNothing) {
  write("bad.yaml", "jobs:\n  - {id: a, submit: 0 s, gpus: 8, work: 12 parsecs}\n");
  const Outcome outcome =
      umbra("run " + kSource + "/platforms/ground-two-sites.yaml bad.yaml --out run");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("bad.yaml:2:"), std::string::npos) << outcome.err;
  EXPECT_FALSE(fs::exists(dir_ / "run"));
}

TEST_F(Cli, UnknownSchedulerAndOptionGetADidYouMean) {
  Outcome outcome = umbra("run --scheduler esay");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("did you mean \"easy\""), std::string::npos) << outcome.err;
  outcome = umbra("run --sched easy");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("did you mean \"scheduler\""), std::string::npos) << outcome.err;
  outcome = umbra("runn");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("did you mean \"run\""), std::string::npos) << outcome.err;
}

TEST_F(Cli, ValidateChecksFilesWithoutSimulating) {
  Outcome outcome = umbra("validate " + kSource + "/platforms/ground-two-sites.yaml " + kSource +
                          "/workloads/ground-mix.yaml");
  EXPECT_EQ(outcome.status, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("valid workload (40 jobs)"), std::string::npos) << outcome.out;
  write("typo.yaml", "sites:\n  - name: x\n    nodse: 3\n");
  outcome = umbra("validate typo.yaml");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("typo.yaml:"), std::string::npos) << outcome.err;
}

TEST_F(Cli, ValidateReportsTheLaserLinksUnlessToldNotTo) {
  const std::string platform = kSource + "/platforms/hybrid-power-limited.yaml";
  Outcome outcome = umbra("validate " + platform);
  EXPECT_EQ(outcome.status, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("valid platform (2 sites, 72 satellites, 672 GPUs)"),
            std::string::npos)
      << outcome.out;
  EXPECT_NE(outcome.out.find("shell leo: 6 planes of 12; all 144 laser links come up over 1 d"),
            std::string::npos)
      << outcome.out;
  outcome = umbra("validate --no-links " + platform);
  EXPECT_EQ(outcome.status, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("valid platform (2 sites, 72 satellites, 672 GPUs)"),
            std::string::npos)
      << outcome.out;
  EXPECT_EQ(outcome.out.find("laser links"), std::string::npos) << outcome.out;
}

TEST_F(Cli, ValidatePrintsEveryErrorOfAPlatformOnALineOfItsOwn) {
  write("three.yaml",
        "gpu_models:\n"
        "  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700 W}\n"
        "sites:\n"
        "  - name: iowa\n"
        "    location: {latitude: 41.26, longitude: -95.86}\n"
        "    nodes: 0\n"
        "    gpus_per_node: 8\n"
        "    gpu_model: H100\n"
        "    network: {bandwidth: 400 Gbps, latency: 5 us}\n"
        "    storage: {bandwidth: 200 Gbps}\n"
        "epoch: 2026-03-20T12:00:00Z\n"
        "shells:\n"
        "  - {name: mini, altitude: 550, inclination: 53, satellites_per_plane: 6}\n"
        "colour: blue\n");
  const Outcome outcome = umbra("validate three.yaml");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_EQ(outcome.out, "");
  EXPECT_EQ(outcome.err,
            "umbra: error: three.yaml:6:12: invalid \"nodes\" in site \"iowa\": expected a "
            "positive integer, got \"0\"\n"
            "umbra: error: three.yaml:13:28: invalid \"altitude\" in shell \"mini\": expected at "
            "least 150 km (lower orbits decay within days), got \"550\" (no unit: read as 550 m)\n"
            "umbra: error: three.yaml:14:1: unknown key \"colour\" in the platform\n");
}

TEST_F(Cli, ValidateWarnsOfQuantitiesWithoutAUnit) {
  write("bare.yaml",
        "gpu_models:\n"
        "  - {name: H100, peak: 989 TFLOPS, idle_power: 70 W, busy_power: 700}\n"
        "sites:\n"
        "  - name: iowa\n"
        "    location: {latitude: 41.26, longitude: -95.86}\n"
        "    nodes: 2\n"
        "    gpus_per_node: 8\n"
        "    gpu_model: H100\n"
        "    network: {bandwidth: 400 Gbps, latency: 5 us}\n"
        "    storage: {bandwidth: 200 Gbps}\n");
  const Outcome outcome = umbra("validate bare.yaml");
  EXPECT_EQ(outcome.status, 0) << outcome.err;
  EXPECT_EQ(outcome.err,
            "umbra: warning: bare.yaml:2:66: busy_power 700 read as 700 W (no unit)\n");
}

TEST_F(Cli, ValidateAndRunWarnOfJobFieldsWithoutAUnitOncePerField) {
  std::string csv = "id,submit,gpus,work,walltime\n";
  for (int i = 0; i < 3; ++i) csv += "j" + std::to_string(i) + ",0,8,1 EFLOP,7200\n";
  write("bare.csv", csv);
  const std::string platform = std::string(UMBRA_SOURCE_DIR) + "/platforms/ground-two-sites.yaml";
  const std::string warning =
      "umbra: warning: bare.csv:2:16: walltime 7200 read as 7200 s (no unit), and in 2 more "
      "jobs\n";
  const Outcome validate = umbra("validate " + platform + " bare.csv");
  EXPECT_EQ(validate.status, 0) << validate.err;
  EXPECT_EQ(validate.err, warning);
  const Outcome run = umbra("run " + platform + " bare.csv --out r");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, warning);
}

// The submit time of the last job of a generated CSV (its second column).
double last_submit(const std::string& csv) {
  const std::size_t line = csv.rfind('\n', csv.size() - 2) + 1;
  const std::size_t comma = csv.find(',', line);
  return std::stod(csv.substr(comma + 1, csv.find(',', comma + 1) - comma - 1));
}

TEST_F(Cli, WorkloadGenerateOffersTheLoadToTheGpusOfLoadOf) {
  // platforms/hybrid-ground-leo.yaml: sites of 16 x 8 and 8 x 8 GPUs (192) and 12 x 12
  // satellites of 8 GPUs (1,152). The same jobs (same seed) offered to 192 GPUs instead of
  // 1,344 arrive over a span 1,344 / 192 = 7 times as long.
  const std::string generate = "workload generate --platform " + kSource +
                               "/platforms/hybrid-ground-leo.yaml --jobs 200 --seed 1 --out ";
  const Outcome all = umbra(generate + "all.csv");
  ASSERT_EQ(all.status, 0) << all.err;
  EXPECT_NE(all.out.find("of 1344 GPUs (all: 192 on the ground + 1152 in orbit); the target 0.8 "
                         "holds on average over seeds"),
            std::string::npos)
      << all.out;
  const Outcome ground = umbra(generate + "ground.csv --load-of ground");
  ASSERT_EQ(ground.status, 0) << ground.err;
  EXPECT_NE(ground.out.find("of 192 GPUs (on the ground)"), std::string::npos) << ground.out;
  EXPECT_NEAR(
      last_submit(read_file(dir_ / "ground.csv")) / last_submit(read_file(dir_ / "all.csv")), 7.0,
      1e-4);  // submit times are written to the millisecond
  const Outcome wrong = umbra(generate + "x.csv --load-of space");
  EXPECT_EQ(wrong.status, 2);
  EXPECT_EQ(wrong.err,
            "umbra: error: invalid --load-of \"space\": expected ground, orbit or all\n");
}

TEST_F(Cli, SchedulersListsTheBuiltInPolicies) {
  const Outcome outcome = umbra("schedulers");
  EXPECT_EQ(outcome.status, 0);
  for (const char* name : {"fcfs", "fcfs-fit", "sjf", "easy", "conservative"}) {
    EXPECT_NE(outcome.out.find(std::string(name) + " "), std::string::npos) << name;
  }
}

// What a run writes depends on the platform: power.csv only where a computing satellite has a
// solar array or a battery. `umbra run --help` names every file either kind of run writes.
TEST_F(Cli, RunHelpNamesEveryFileARunWrites) {
  const Outcome help = umbra("run --help");
  ASSERT_EQ(help.status, 0);
  const std::string source = UMBRA_SOURCE_DIR;
  const std::vector<std::pair<std::string, bool>> runs = {
      {"run --out ground", false},
      {"run " + source + "/platforms/power-eclipse-550.yaml " + source +
           "/workloads/power-eclipse-jobs.yaml --scheduler fcfs --out powered",
       true}};
  for (const auto& [command, powered] : runs) {
    const Outcome outcome = umbra(command);
    ASSERT_EQ(outcome.status, 0) << outcome.err;
    const fs::path out = dir_ / (powered ? "powered" : "ground");
    std::vector<std::string> written;
    for (const auto& entry : fs::directory_iterator(out)) {
      written.push_back(entry.path().filename().string());
    }
    std::sort(written.begin(), written.end());
    std::vector<std::string> expected = {"allocations.csv",  "gpu_use.csv", "jobs.csv",
                                         "link_windows.csv", "links.csv",   "manifest.json",
                                         "summary.json"};
    if (powered) expected.insert(expected.begin() + 6, "power.csv");  // sorted by name
    EXPECT_EQ(written, expected) << command;
    for (const std::string& file : written) {
      EXPECT_NE(help.out.find("  " + file + " "), std::string::npos)
          << file << " not in run --help";
    }
  }
}

TEST_F(Cli, HelpAndVersion) {
  EXPECT_EQ(umbra("--version").status, 0);
  EXPECT_NE(umbra("--version").out.find("umbra 0."), std::string::npos);
  for (const char* command : {"run", "validate", "schedulers"}) {
    const Outcome outcome = umbra(std::string(command) + " --help");
    EXPECT_EQ(outcome.status, 0) << command;
    EXPECT_NE(outcome.out.find("usage: umbra"), std::string::npos) << command;
  }
  EXPECT_EQ(umbra("").status, 2);
}

}  // namespace
