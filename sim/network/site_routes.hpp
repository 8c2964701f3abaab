#pragma once
// Routes between ground sites over the WAN: shortest paths by latency on the site graph
// (Boost.Graph). Pure: no SimGrid. The netzone turns these into SimGrid link lists.
#include <cstddef>
#include <vector>

#include "sim/spec/platform_spec.hpp"

namespace umbra::network {

// One WAN hop: the index of the WAN link in PlatformSpec::wan_links and its direction.
struct WanHop {
  std::size_t link = 0;
  bool forward = true;  // from spec.a to spec.b
  friend bool operator==(const WanHop&, const WanHop&) = default;
};

class SiteRoutes {
 public:
  explicit SiteRoutes(const spec::PlatformSpec& platform);

  // The hops from site `from` to site `to` (empty for the same site). Throws std::out_of_range
  // if the sites are not connected (see connected()).
  const std::vector<WanHop>& route(std::size_t from, std::size_t to) const;
  bool connected(std::size_t from, std::size_t to) const;
  double latency(std::size_t from, std::size_t to) const;  // sum of the hops' latencies, s

 private:
  std::size_t site_count_;
  std::vector<std::vector<WanHop>> routes_;  // site_count_ x site_count_
  std::vector<double> latency_;
  std::vector<bool> connected_;
};

}  // namespace umbra::network
