#pragma once
// Piecewise-linear interpolation of values measured at scattered 3-D points: the points are
// split into tetrahedra by their Delaunay triangulation and a query takes the barycentric mix of
// the values at the corners of the tetrahedron holding it. This is SciPy's LinearNDInterpolator
// (scipy.interpolate; scipy/spatial/_qhull.pyx), reproduced so that it gives the same numbers:
// - the triangulation is made by the same library with the same options (Qhull, "d Qbb Qc Qz
//   Q12 Qt", SciPy's defaults for scipy.spatial.Delaunay in 3-D), so that points whose Delaunay
//   triangulation is not unique (points on a grid) are split the same way;
// - the tetrahedron holding a query is found by the same walk (towards the query on the lifted
//   paraboloid, then across the faces it lies beyond, then by trying every tetrahedron in order),
//   with the same tolerances. This matters: on a grid, Qhull's triangulated output has flat
//   tetrahedra, and a point on an edge of the grid may lie in two tetrahedra that give it
//   different values; SciPy's answer is the first one its walk meets.
#include <array>
#include <optional>
#include <vector>

namespace umbra::workload {

class DelaunayInterpolation {
 public:
  using Point = std::array<double, 3>;

  // The triangulation of `points`, in their order (the order decides how Qhull splits
  // degenerate cells). Points spanning no volume give an interpolation that covers nothing.
  explicit DelaunayInterpolation(const std::vector<Point>& points);
  DelaunayInterpolation() = default;  // covers nothing

  // The index of each corner and its barycentric weight for `x`, or nothing when `x` is outside
  // the triangulation (SciPy's NaN).
  struct Weights {
    std::array<int, 4> corners{};
    std::array<double, 4> weights{};
  };
  std::optional<Weights> weights(const Point& x) const;

  // The interpolated values at `x` of values given per point, or nothing outside.
  template <std::size_t N>
  std::optional<std::array<double, N>> interpolate(const std::vector<std::array<double, N>>& values,
                                                   const Point& x) const {
    const auto found = weights(x);
    if (!found) return std::nullopt;
    std::array<double, N> out{};
    for (std::size_t k = 0; k < 4; ++k) {
      for (std::size_t i = 0; i < N; ++i) {
        out[i] += found->weights[k] * values[found->corners[k]][i];
      }
    }
    return out;
  }

 private:
  // One tetrahedron as SciPy stores it: corners in Qhull's vertex order, the neighbour across
  // the face opposite each corner (-1: none), the plane of its lifted facet, and the inverse of
  // the matrix of its edges from the last corner (empty when the tetrahedron is degenerate).
  struct Simplex {
    std::array<int, 4> corners{};
    std::array<int, 4> neighbours{};
    std::array<double, 5> plane{};  // normal (4) and offset
    std::optional<std::array<std::array<double, 3>, 3>> inverse;
    Point origin{};  // the last corner
  };

  // The barycentric coordinates of `x` in simplex `s`; the last is 1 minus the others.
  std::array<double, 4> barycentric(const Simplex& s, const Point& x) const;
  bool inside(const std::array<double, 4>& c, double low) const;
  double lifted_distance(const Simplex& s, const Point& x) const;
  std::optional<Weights> walk(const Point& x) const;
  std::optional<Weights> brute_force(const Point& x) const;
  bool fully_outside(const Point& x) const;

  std::vector<Simplex> simplices_;
  double paraboloid_scale_ = 1;
  double paraboloid_shift_ = 0;
  Point min_bound_{};
  Point max_bound_{};
};

}  // namespace umbra::workload
