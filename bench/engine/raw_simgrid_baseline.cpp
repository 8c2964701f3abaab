// The floor Umbra's engine is measured against: plain SimGrid, same host model (ptask_L07),
// the same number of hosts, executing a given number of activities with a given number in
// flight at once, started from maestro and followed through Activity::on_completion, with
// no scheduling, no bookkeeping and no output.
#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace s4u = simgrid::s4u;

int main(int argc, char** argv) {
  const long activities = argc > 1 ? std::atol(argv[1]) : 100000;
  const long in_flight = argc > 2 ? std::atol(argv[2]) : 1000;
  const int hosts_count = argc > 3 ? std::atoi(argv[3]) : 10000;
  const auto wall_start = std::chrono::steady_clock::now();

  std::vector<std::string> args = {"baseline", "--log=root.thres:critical",
                                   "--log=xbt_cfg.thres:critical", "--cfg=host/model:ptask_L07"};
  std::vector<char*> raw;
  for (auto& a : args) raw.push_back(a.data());
  int raw_argc = static_cast<int>(raw.size());
  s4u::Engine engine(&raw_argc, raw.data());
  auto* zone = s4u::create_star_zone("root");
  std::vector<s4u::Host*> hosts;
  for (int i = 0; i < hosts_count; ++i)
    hosts.push_back(zone->create_host("h" + std::to_string(i), 1e15));
  zone->seal();

  long started = 0;
  std::vector<s4u::ExecPtr> live(hosts_count);
  const auto start_one = [&](long slot) {
    // Durations vary so completions spread over time, as jobs' do.
    const double flops = 1e15 * (1.0 + static_cast<double>((started * 7919) % 3600));
    auto exec =
        s4u::Exec::init()->set_flops_amounts({flops})->set_hosts({hosts[slot % hosts_count]});
    exec->start();
    live[slot % hosts_count] = exec;
    ++started;
  };
  long finished = 0;
  s4u::Activity::on_completion_cb([&](const s4u::Activity&) {
    ++finished;
    if (started < activities) start_one(started);
  });
  simgrid::kernel::timer::Timer::set(0.0, [&] {
    for (long i = 0; i < in_flight && started < activities; ++i) start_one(i);
  });
  engine.run();
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  std::printf(
      "raw SimGrid: %ld activities on %d hosts (%ld in flight) in %.3f s wall: %.0f activities/s\n",
      finished, hosts_count, in_flight, wall, static_cast<double>(finished) / wall);
  return finished == activities ? 0 : 1;
}
