#pragma once
// Runs body(i) for i in [0, count) on `threads` threads (0: all hardware threads), each thread
// taking the next index as it becomes free. Results written by index do not depend on the
// thread count. The first exception, by index, is rethrown once every thread has finished.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace umbra {

template <typename Body>
void parallel_for(std::size_t count, unsigned threads, Body body) {
  std::vector<std::exception_ptr> errors(count);
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        body(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  const auto thread_count = static_cast<unsigned>(
      std::min<std::size_t>(threads == 0 ? hardware : threads, std::max<std::size_t>(1, count)));
  {
    std::vector<std::jthread> helpers;
    for (unsigned t = 1; t < thread_count; ++t) helpers.emplace_back(worker);
    worker();
  }  // joins
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace umbra
