#pragma once
// The ids of a workload's jobs, to refuse a duplicate: an open-addressing table of indices into
// the job list. A node-based map spent a fifth of the time of reading a million-job trace on
// cache misses; this table holds 16 bytes per slot and compares ids only on a hash match.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "sim/workload/job.hpp"

namespace umbra::workload {

class JobIdIndex {
 public:
  void reserve(std::size_t jobs);
  // The index of the job in `jobs` that has `id`, if any.
  std::optional<std::size_t> find(const std::vector<Job>& jobs, std::string_view id) const;
  // The index of the job in `jobs` that already has `id`; otherwise records that `id` is the
  // job at `index` (which the caller then appends) and returns nothing.
  std::optional<std::size_t> insert(const std::vector<Job>& jobs, std::string_view id,
                                    std::size_t index);

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint64_t index_plus_one = 0;  // 0: empty
  };

  void grow_to(std::size_t slots);  // a power of two

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace umbra::workload
