// The floor Umbra's engine is measured against: plain SimGrid with the same models and
// configuration as Umbra's engine (default host model, CM02 network, hosts of 8 cores behind
// a star of links), executing the same number of activities, of which the same number are
// transfers (two-host executions, as Umbra carries them), with a given number of actors, each
// running its activities one after another (start, wait) as Umbra's job actors do; with no
// scheduling, no bookkeeping and no output.
#include <simgrid/s4u.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace s4u = simgrid::s4u;

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: bench_raw_simgrid ACTIVITIES TRANSFERS ACTORS HOSTS\n");
    return 2;
  }
  const long activities = std::atol(argv[1]);
  const long transfers = std::atol(argv[2]);
  const long actors = std::atol(argv[3]);
  const int hosts_count = std::atoi(argv[4]);
  const auto wall_start = std::chrono::steady_clock::now();

  std::vector<std::string> args = {"baseline",
                                   "--log=root.thres:critical",
                                   "--log=xbt_cfg.thres:critical",
                                   "--cfg=network/model:CM02",
                                   "--cfg=contexts/stack-size:96",
                                   "--cfg=contexts/guard-size:0"};
  std::vector<char*> raw;
  for (auto& a : args) raw.push_back(a.data());
  int raw_argc = static_cast<int>(raw.size());
  s4u::Engine engine(&raw_argc, raw.data());
  auto* zone = s4u::create_star_zone("root");
  std::vector<s4u::Host*> hosts;
  for (int i = 0; i < hosts_count; ++i) {
    auto* host = zone->create_host("h" + std::to_string(i), 1e15)->set_core_count(8);
    auto* link = zone->create_link("l" + std::to_string(i), 50e9)->set_latency(2.5e-6)->seal();
    zone->add_route(host->get_netpoint(), nullptr, nullptr, nullptr, {s4u::LinkInRoute(link)},
                    true);
    hosts.push_back(host);
  }
  zone->seal();

  long started = 0;
  long finished = 0;
  for (long a = 0; a < actors; ++a) {
    s4u::Host* host = hosts[static_cast<std::size_t>(a) % hosts.size()];
    s4u::Host* peer = hosts[static_cast<std::size_t>(a + 1) % hosts.size()];
    s4u::Actor::create("worker", host, [&, host, peer] {
      while (started < activities) {
        // Durations vary so that completions spread over time, as jobs' do; transfers are
        // spread evenly among the activities.
        const double scale = 1.0 + static_cast<double>((started * 7919) % 3600);
        const bool transfer =
            (started + 1) * transfers / activities > started * transfers / activities;
        ++started;
        s4u::ExecPtr activity =
            transfer ? s4u::Exec::init()
                           ->set_flops_amounts({0.0, 0.0})
                           ->set_bytes_amounts({0.0, 50e9 * scale, 0.0, 0.0})
                           ->set_hosts({host, peer})
                     : s4u::Exec::init()->set_flops_amount(1e15 * scale)->set_host(host);
        activity->start();
        activity->wait();
        ++finished;
      }
    });
  }
  engine.run();
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  std::printf(
      "raw SimGrid: %ld activities (%ld transfers), %ld actors, %d hosts: %.3f s wall, %.0f "
      "activities/s\n",
      finished, transfers, actors, hosts_count, wall, static_cast<double>(finished) / wall);
  return finished == activities ? 0 : 1;
}
