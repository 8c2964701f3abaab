#include "sim/network/reachability.hpp"

#include <numeric>
#include <stdexcept>

namespace umbra::network {

std::vector<std::size_t> component_labels(std::size_t vertex_count,
                                          std::span<const VertexPair> edges) {
  // Union-find whose roots are the lowest index of their set: joining two sets keeps the
  // lower root, so a root is already the label.
  std::vector<std::size_t> parent(vertex_count);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  const auto root = [&](std::size_t v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];  // path halving
    return v;
  };
  for (const auto& [a, b] : edges) {
    if (a >= vertex_count || b >= vertex_count) {
      throw std::logic_error("an edge names a vertex the graph does not have");
    }
    const std::size_t ra = root(a);
    const std::size_t rb = root(b);
    if (ra < rb) parent[rb] = ra;
    if (rb < ra) parent[ra] = rb;
  }
  std::vector<std::size_t> labels(vertex_count);
  for (std::size_t v = 0; v < vertex_count; ++v) labels[v] = root(v);
  return labels;
}

}  // namespace umbra::network
