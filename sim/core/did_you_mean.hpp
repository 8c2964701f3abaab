#pragma once
// Suggests the closest known word for a misspelt one ("shedulre" -> "scheduler").
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace umbra {

// The candidate nearest by edit distance, if it is close enough to be a likely typo.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// " (did you mean \"x\"?)" or an empty string.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace umbra
