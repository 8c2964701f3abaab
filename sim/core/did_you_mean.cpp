#include "sim/core/did_you_mean.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace umbra {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  // An abbreviation of one candidate ("sched" for "scheduler") is the likeliest intent, and so
  // is the shortest of several when it begins all the others ("scheduler" of
  // "scheduler-python").
  std::vector<std::string_view> extensions;
  for (const auto& candidate : candidates) {
    if (word.size() >= 3 && candidate.size() > word.size() && candidate.starts_with(word)) {
      extensions.push_back(candidate);
    }
  }
  if (!extensions.empty()) {
    const std::string_view shortest = *std::min_element(
        extensions.begin(), extensions.end(),
        [](std::string_view a, std::string_view b) { return a.size() < b.size(); });
    if (std::all_of(extensions.begin(), extensions.end(),
                    [&](std::string_view other) { return other.starts_with(shortest); })) {
      return std::string(shortest);
    }
  }

  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(word, candidate);
    if (!best || d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  // A third of the longer word's letters may differ, at least two: catches typos, not guesses.
  const std::size_t longest = best ? std::max(word.size(), best->size()) : 0;
  if (!best || best_distance > std::max<std::size_t>(2, longest / 3)) return std::nullopt;
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const auto match = closest_match(word, candidates);
  return match ? fmt::format(" (did you mean \"{}\"?)", *match) : std::string{};
}

}  // namespace umbra
