#pragma once
// Which vertices of the router's graph (space_router.hpp) the network joins: the connected
// components of a set of its edges. Pure: no SimGrid.
#include <cstddef>
#include <span>
#include <utility>
#include <vector>

namespace umbra::network {

// An undirected edge between two vertices.
using VertexPair = std::pair<std::size_t, std::size_t>;

// A label per vertex: the lowest vertex index of its component, so two vertices are joined
// exactly when their labels are equal, whatever the order of the edges.
std::vector<std::size_t> component_labels(std::size_t vertex_count,
                                          std::span<const VertexPair> edges);

}  // namespace umbra::network
