#include "sim/workload/delaunay_interpolation.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <memory>

extern "C" {
#include <libqhull_r/qhull_ra.h>
}

namespace umbra::workload {
namespace {

// SciPy's tolerances (LinearNDInterpolator and _get_barycentric_transforms): a barycentric
// coordinate down to -eps counts as inside (-eps_broad next to a degenerate tetrahedron); a
// tetrahedron whose edge matrix has a reciprocal condition number below 1000 machine epsilons is
// degenerate.
constexpr double kEps = 100 * DBL_EPSILON;
const double kEpsBroad = std::sqrt(DBL_EPSILON);
constexpr double kDegenerateCondition = 1000 * DBL_EPSILON;

using Matrix = std::array<std::array<double, 3>, 3>;

double one_norm(const Matrix& m) {
  double norm = 0;
  for (int j = 0; j < 3; ++j) {
    norm = std::max(norm, std::abs(m[0][j]) + std::abs(m[1][j]) + std::abs(m[2][j]));
  }
  return norm;
}

// The inverse of `m`, or nothing when `m` is singular or nearly so.
std::optional<Matrix> inverse(const Matrix& m) {
  const double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
                     m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
                     m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  if (det == 0 || !std::isfinite(det)) return std::nullopt;
  Matrix inv;
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) {
      // Cofactor of m[j][i] over the determinant.
      const int r0 = (j + 1) % 3, r1 = (j + 2) % 3, c0 = (i + 1) % 3, c1 = (i + 2) % 3;
      inv[i][j] = (m[r0][c0] * m[r1][c1] - m[r0][c1] * m[r1][c0]) / det;
    }
  }
  if (1 / (one_norm(m) * one_norm(inv)) < kDegenerateCondition) return std::nullopt;
  return inv;
}

struct QhullDeleter {
  void operator()(qhT* qh) const {
    qh_freeqhull(qh, !qh_ALL);
    int current_long = 0, total_long = 0;
    qh_memfreeshort(qh, &current_long, &total_long);
    delete qh;
  }
};

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

bool is_lower(const facetT* facet) {
  return !facet->upperdelaunay;
}

}  // namespace

DelaunayInterpolation::DelaunayInterpolation(const std::vector<Point>& points) {
  if (points.size() < 4) return;
  std::vector<coordT> coordinates;
  coordinates.reserve(points.size() * 3);
  min_bound_ = max_bound_ = points.front();
  for (const Point& point : points) {
    coordinates.insert(coordinates.end(), point.begin(), point.end());
    for (int i = 0; i < 3; ++i) {
      min_bound_[i] = std::min(min_bound_[i], point[i]);
      max_bound_[i] = std::max(max_bound_[i], point[i]);
    }
  }
  // Qhull reports why a point set is degenerate on its error stream; that case is "covers
  // nothing" here, so the report goes nowhere.
  const std::unique_ptr<std::FILE, FileCloser> quiet(std::fopen("/dev/null", "w"));
  const std::unique_ptr<qhT, QhullDeleter> qh(new qhT);
  qh_zero(qh.get(), quiet.get());
  char options[] = "qhull d Qbb Qc Qz Q12 Qt";
  const int status = qh_new_qhull(qh.get(), 3, static_cast<int>(points.size()), coordinates.data(),
                                  False, options, nullptr, quiet.get());
  if (status != 0) return;
  if (qh->SCALElast) {
    paraboloid_scale_ = qh->last_newhigh / (qh->last_high - qh->last_low);
    paraboloid_shift_ = -qh->last_low * paraboloid_scale_;
  }
  // The lower facets of the lifted hull are the tetrahedra, numbered in Qhull's facet order.
  unsigned number = 0;
  for (facetT* facet = qh->facet_list; facet != nullptr && facet->next != nullptr;
       facet = facet->next) {
    facet->visitid = is_lower(facet) ? ++number : 0;
  }
  for (facetT* facet = qh->facet_list; facet != nullptr && facet->next != nullptr;
       facet = facet->next) {
    if (!is_lower(facet)) continue;
    Simplex simplex;
    for (int i = 0; i < 4; ++i) {
      const auto* vertex = static_cast<const vertexT*>(facet->vertices->e[i].p);
      simplex.corners[i] = qh_pointid(qh.get(), vertex->point);
      const auto* neighbour = static_cast<const facetT*>(facet->neighbors->e[i].p);
      simplex.neighbours[i] = static_cast<int>(neighbour->visitid) - 1;
      simplex.plane[i] = facet->normal[i];
    }
    simplex.plane[4] = facet->offset;
    simplex.origin = points[simplex.corners[3]];
    Matrix edges;
    for (int i = 0; i < 3; ++i) {
      for (int j = 0; j < 3; ++j) edges[i][j] = points[simplex.corners[j]][i] - simplex.origin[i];
    }
    simplex.inverse = inverse(edges);
    simplices_.push_back(simplex);
  }
}

std::array<double, 4> DelaunayInterpolation::barycentric(const Simplex& s, const Point& x) const {
  std::array<double, 4> c{};
  c[3] = 1;
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) c[i] += (*s.inverse)[i][j] * (x[j] - s.origin[j]);
    c[3] -= c[i];
  }
  return c;
}

bool DelaunayInterpolation::inside(const std::array<double, 4>& c, double low) const {
  return std::all_of(c.begin(), c.end(), [&](double v) { return v >= low && v <= 1 + kEps; });
}

double DelaunayInterpolation::lifted_distance(const Simplex& s, const Point& x) const {
  const double lifted =
      (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]) * paraboloid_scale_ + paraboloid_shift_;
  return s.plane[4] + s.plane[0] * x[0] + s.plane[1] * x[1] + s.plane[2] * x[2] +
         s.plane[3] * lifted;
}

bool DelaunayInterpolation::fully_outside(const Point& x) const {
  for (int i = 0; i < 3; ++i) {
    if (x[i] < min_bound_[i] - kEps || x[i] > max_bound_[i] + kEps) return true;
  }
  return false;
}

std::optional<DelaunayInterpolation::Weights> DelaunayInterpolation::weights(const Point& x) const {
  if (simplices_.empty() || fully_outside(x)) return std::nullopt;
  return walk(x);
}

// SciPy's _find_simplex from tetrahedron 0: first uphill on the lifted paraboloid, towards the
// facet the lifted query is above, then (_find_simplex_directed) across the face of the first
// negative barycentric coordinate until every coordinate is within [-eps, 1 + eps]; a degenerate
// tetrahedron on the way, or a walk longer than a quarter of the tetrahedra, falls back to
// trying every one.
std::optional<DelaunayInterpolation::Weights> DelaunayInterpolation::walk(const Point& x) const {
  int current = 0;
  double best = lifted_distance(simplices_[current], x);
  for (bool changed = true; changed && best <= 0;) {
    changed = false;
    // As SciPy: once the walk moves, the remaining faces are those of the new tetrahedron.
    for (int k = 0; k < 4; ++k) {
      const int neighbour = simplices_[current].neighbours[k];
      if (neighbour == -1) continue;
      const double distance = lifted_distance(simplices_[neighbour], x);
      if (distance > best + kEps * (1 + std::abs(best))) {
        current = neighbour;
        best = distance;
        changed = true;
      }
    }
  }
  const std::size_t longest = 1 + simplices_.size() / 4;
  for (std::size_t step = 0; step < longest; ++step) {
    const Simplex& s = simplices_[current];
    if (!s.inverse) return brute_force(x);
    const std::array<double, 4> c = barycentric(s, x);
    int beyond = -1;
    bool within = true;
    for (int k = 0; k < 4; ++k) {
      if (c[k] < -kEps) {
        beyond = k;
        break;
      }
      if (c[k] > 1 + kEps) within = false;
    }
    if (beyond >= 0) {
      current = s.neighbours[beyond];
      if (current == -1) return std::nullopt;
      continue;
    }
    if (!within) return brute_force(x);
    return Weights{s.corners, c};
  }
  return brute_force(x);
}

// SciPy's _find_simplex_bruteforce: the first tetrahedron holding the query; next to a
// degenerate one, a neighbour is allowed the broader tolerance towards it.
std::optional<DelaunayInterpolation::Weights> DelaunayInterpolation::brute_force(
    const Point& x) const {
  for (std::size_t index = 0; index < simplices_.size(); ++index) {
    const Simplex& s = simplices_[index];
    if (s.inverse) {
      const std::array<double, 4> c = barycentric(s, x);
      if (inside(c, -kEps)) return Weights{s.corners, c};
      continue;
    }
    for (const int neighbour : s.neighbours) {
      if (neighbour == -1 || !simplices_[neighbour].inverse) continue;
      const Simplex& n = simplices_[neighbour];
      const std::array<double, 4> c = barycentric(n, x);
      bool holds = true;
      for (int m = 0; m < 4 && holds; ++m) {
        const double low = n.neighbours[m] == static_cast<int>(index) ? -kEpsBroad : -kEps;
        holds = c[m] >= low && c[m] <= 1 + kEps;
      }
      if (holds) return Weights{n.corners, c};
    }
  }
  return std::nullopt;
}

}  // namespace umbra::workload
