// The piecewise-linear interpolation over a Delaunay triangulation
// (sim/workload/delaunay_interpolation.hpp) on point sets made for the test; its agreement with
// SciPy on the Pollux profiles is checked in application_profile_test.cpp.
#include "sim/workload/delaunay_interpolation.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace umbra::workload {
namespace {

using Point = DelaunayInterpolation::Point;

// A linear function is reproduced exactly by any triangulation: on each tetrahedron the
// barycentric mix of its corner values is the function itself.
double linear(const Point& p) {
  return 2 * p[0] - 3 * p[1] + 0.5 * p[2] + 7;
}

// A 3 x 3 x 3 grid (the degenerate case: every cube's 8 corners lie on one sphere, so Qhull's
// triangulation is one of many) and a point off it.
std::vector<Point> grid_points() {
  std::vector<Point> points;
  for (int x = 0; x < 3; ++x) {
    for (int y = 0; y < 3; ++y) {
      for (int z = 0; z < 3; ++z) points.push_back({double(x), double(y), double(z)});
    }
  }
  points.push_back({0.5, 1.25, 1.75});
  return points;
}

TEST(DelaunayInterpolation, ReproducesALinearFunctionInsideTheHull) {
  const std::vector<Point> points = grid_points();
  std::vector<std::array<double, 1>> values;
  for (const Point& p : points) values.push_back({linear(p)});
  const DelaunayInterpolation interpolation(points);
  for (const Point& query : {Point{0.3, 0.7, 1.9}, Point{1, 1, 1}, Point{2, 2, 2},
                             Point{1.5, 0.5, 0}, Point{0.5, 1.25, 1.75}, Point{1.99, 0.01, 1}}) {
    const auto value = interpolation.interpolate(values, query);
    ASSERT_TRUE(value.has_value()) << query[0] << " " << query[1] << " " << query[2];
    EXPECT_NEAR((*value)[0], linear(query), 1e-12);
  }
}

TEST(DelaunayInterpolation, WeightsAreBarycentricAtACorner) {
  const DelaunayInterpolation interpolation(grid_points());
  // At a grid point the weight is all on that point (index 13 is (1, 1, 1)).
  const auto weights = interpolation.weights({1, 1, 1});
  ASSERT_TRUE(weights.has_value());
  double at_corner = 0;
  double sum = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    if (weights->corners[k] == 13) at_corner += weights->weights[k];
    sum += weights->weights[k];
  }
  EXPECT_NEAR(at_corner, 1, 1e-12);
  EXPECT_NEAR(sum, 1, 1e-12);
}

TEST(DelaunayInterpolation, OutsideTheHullOrOfAFlatSetIsNothing) {
  const DelaunayInterpolation interpolation(grid_points());
  EXPECT_FALSE(interpolation.weights({2.5, 1, 1}).has_value());
  EXPECT_FALSE(interpolation.weights({-0.001, 0, 0}).has_value());
  // Points in one plane span no volume: nothing is covered.
  const DelaunayInterpolation flat({{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {1, 1, 0}, {2, 1, 0}});
  EXPECT_FALSE(flat.weights({0.5, 0.5, 0}).has_value());
}

}  // namespace
}  // namespace umbra::workload
