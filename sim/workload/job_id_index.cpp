#include "sim/workload/job_id_index.hpp"

#include <bit>
#include <functional>

namespace umbra::workload {

void JobIdIndex::reserve(std::size_t jobs) {
  if (2 * jobs > slots_.size()) grow_to(std::bit_ceil(2 * jobs));
}

std::optional<std::size_t> JobIdIndex::find(const std::vector<Job>& jobs,
                                            std::string_view id) const {
  if (slots_.empty()) return std::nullopt;
  const std::uint64_t hash = std::hash<std::string_view>{}(id);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = hash & mask; slots_[at].index_plus_one != 0; at = (at + 1) & mask) {
    const Slot& slot = slots_[at];
    if (slot.hash == hash && jobs[slot.index_plus_one - 1].id == id) {
      return slot.index_plus_one - 1;
    }
  }
  return std::nullopt;
}

std::optional<std::size_t> JobIdIndex::insert(const std::vector<Job>& jobs, std::string_view id,
                                              std::size_t index) {
  if (2 * (size_ + 1) > slots_.size()) grow_to(std::max<std::size_t>(16, 2 * slots_.size()));
  const std::uint64_t hash = std::hash<std::string_view>{}(id);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
    Slot& slot = slots_[at];
    if (slot.index_plus_one == 0) {
      slot = Slot{hash, index + 1};
      ++size_;
      return std::nullopt;
    }
    if (slot.hash == hash && jobs[slot.index_plus_one - 1].id == id) {
      return slot.index_plus_one - 1;
    }
  }
}

void JobIdIndex::grow_to(std::size_t slots) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(slots, Slot{});
  const std::size_t mask = slots - 1;
  for (const Slot& slot : old) {
    if (slot.index_plus_one == 0) continue;
    std::size_t at = slot.hash & mask;
    while (slots_[at].index_plus_one != 0) at = (at + 1) & mask;
    slots_[at] = slot;
  }
}

}  // namespace umbra::workload
