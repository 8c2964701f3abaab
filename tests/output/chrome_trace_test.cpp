// The trace file of a run built by hand, every event worked out by hand: two jobs sharing a node
// (two lanes, an instant where the policy preempted one), a satellite's power rows through a
// penumbra and an umbra, two links of one class whose windows touch.
#include "sim/output/chrome_trace.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using namespace umbra::output;

PowerRow row(double time, double illumination, double state_of_charge, double load, PowerMode mode,
             int pstate) {
  PowerRow power;
  power.time = time;
  power.illumination = illumination;
  power.state_of_charge = state_of_charge;
  power.load = load;
  power.mode = mode;
  power.pstate = static_cast<std::int16_t>(pstate);
  return power;
}

RunResult small_run() {
  RunResult run;
  run.node_names = {"n0"};
  run.node_sites = {"s"};
  run.jobs.resize(2);
  run.jobs[0].id = "a";
  run.jobs[0].gpus = 4;
  run.jobs[1].id = "b";
  run.jobs[1].gpus = 2;
  run.allocations = {{1, 0, 2, 5, 8, AllocationEnd::kPreempted},
                     {0, 0, 4, 0, 10, AllocationEnd::kFinished}};
  run.power_rows = {
      row(0, 1, 1, 100, PowerMode::kRunning, 0), row(2, 0.5, 1, 100, PowerMode::kRunning, 0),
      row(3, 0, 0.9, 100, PowerMode::kSuspended, -1), row(6, 1, 0.8, 50, PowerMode::kRunning, 0)};
  run.links = {{"x", "y", "laser"}, {"y", "z", "laser"}};
  run.link_windows = {{0, 1, 4}, {1, 4, 9}};
  run.totals.end_time = 10;
  return run;
}

TEST(ChromeTrace, EveryEventOfASmallRun) {
  const fs::path path =
      fs::temp_directory_path() / ("umbra-chrome-trace-" + std::to_string(getpid()) + ".json");
  write_chrome_trace(path, small_run());
  std::stringstream text;
  text << std::ifstream(path).rdbuf();
  fs::remove(path);
  // Seconds x 1e6: microseconds. Job "a" holds the first lane from 0 to 10 s; "b" starts at 5 s
  // while "a" runs, so it goes to lane "n0 #2". The power rows hold until the next one, the
  // last until the end (10 s): running p0 [0, 3), suspended [3, 6), running p0 [6, 10); sunlit
  // [0, 2), penumbra [2, 3) (half the disc), umbra [3, 6), sunlit [6, 10); the state of charge
  // changes at 3 and 6 s, the load at 6 s. Links: x-y up [1, 4), y-z [4, 9): 1 up from 1 s, still
  // 1 at 4 s (one down, one up), none from 9 s.
  // clang-format off
  EXPECT_EQ(text.str(),
            R"trace({
"displayTimeUnit":"ms",
"traceEvents":[
{"name":"process_name","ph":"M","pid":1,"args":{"name":"s"}},
{"name":"process_sort_index","ph":"M","pid":1,"args":{"sort_index":1}},
{"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"n0"}},
{"name":"thread_sort_index","ph":"M","pid":1,"tid":1,"args":{"sort_index":1}},
{"name":"a","cat":"job","ph":"X","ts":0,"pid":1,"tid":1,"dur":10000000,"args":{"gpus":4,"job_gpus":4,"ended":"finished"}},
{"name":"thread_name","ph":"M","pid":1,"tid":2,"args":{"name":"n0 #2"}},
{"name":"thread_sort_index","ph":"M","pid":1,"tid":2,"args":{"sort_index":2}},
{"name":"b","cat":"job","ph":"X","ts":5000000,"pid":1,"tid":2,"dur":3000000,"args":{"gpus":2,"job_gpus":2,"ended":"preempted"}},
{"name":"preempted","cat":"job-event","ph":"i","ts":8000000,"pid":1,"tid":2,"s":"t","args":{"job":"b"}},
{"name":"thread_name","ph":"M","pid":1,"tid":3,"args":{"name":"n0 power"}},
{"name":"thread_sort_index","ph":"M","pid":1,"tid":3,"args":{"sort_index":3}},
{"name":"running p0","cat":"power","ph":"X","ts":0,"pid":1,"tid":3,"dur":3000000},
{"name":"suspended","cat":"power","ph":"X","ts":3000000,"pid":1,"tid":3,"dur":3000000},
{"name":"running p0","cat":"power","ph":"X","ts":6000000,"pid":1,"tid":3,"dur":4000000},
{"name":"thread_name","ph":"M","pid":1,"tid":4,"args":{"name":"n0 shadow"}},
{"name":"thread_sort_index","ph":"M","pid":1,"tid":4,"args":{"sort_index":4}},
{"name":"sunlit","cat":"shadow","ph":"X","ts":0,"pid":1,"tid":4,"dur":2000000},
{"name":"penumbra","cat":"shadow","ph":"X","ts":2000000,"pid":1,"tid":4,"dur":1000000},
{"name":"umbra","cat":"shadow","ph":"X","ts":3000000,"pid":1,"tid":4,"dur":3000000},
{"name":"sunlit","cat":"shadow","ph":"X","ts":6000000,"pid":1,"tid":4,"dur":4000000},
{"name":"n0 state of charge","ph":"C","ts":0,"pid":1,"args":{"value":1}},
{"name":"n0 state of charge","ph":"C","ts":3000000,"pid":1,"args":{"value":0.9}},
{"name":"n0 state of charge","ph":"C","ts":6000000,"pid":1,"args":{"value":0.8}},
{"name":"n0 load (W)","ph":"C","ts":0,"pid":1,"args":{"value":100}},
{"name":"n0 load (W)","ph":"C","ts":6000000,"pid":1,"args":{"value":50}},
{"name":"process_name","ph":"M","pid":2,"args":{"name":"links"}},
{"name":"process_sort_index","ph":"M","pid":2,"args":{"sort_index":2}},
{"name":"laser links up","ph":"C","ts":0,"pid":2,"args":{"value":0}},
{"name":"laser links up","ph":"C","ts":1000000,"pid":2,"args":{"value":1}},
{"name":"laser links up","ph":"C","ts":4000000,"pid":2,"args":{"value":1}},
{"name":"laser links up","ph":"C","ts":9000000,"pid":2,"args":{"value":0}},
{"name":"thread_name","ph":"M","pid":2,"tid":1,"args":{"name":"x - y (laser)"}},
{"name":"thread_sort_index","ph":"M","pid":2,"tid":1,"args":{"sort_index":1}},
{"name":"up","cat":"link","ph":"X","ts":1000000,"pid":2,"tid":1,"dur":3000000},
{"name":"thread_name","ph":"M","pid":2,"tid":2,"args":{"name":"y - z (laser)"}},
{"name":"thread_sort_index","ph":"M","pid":2,"tid":2,"args":{"sort_index":2}},
{"name":"up","cat":"link","ph":"X","ts":4000000,"pid":2,"tid":2,"dur":5000000}
]
}
)trace");
  // clang-format on
}

}  // namespace
