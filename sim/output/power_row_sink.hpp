#pragma once
// Where the engine sends power.csv's rows as the run makes them: to a file as they come
// (power_csv_stream.hpp) or kept in memory (KeptPowerRows, for tests and tools that read them).
#include <deque>
#include <span>
#include <string>
#include <vector>

#include "sim/output/power_csv.hpp"

namespace umbra::output {

class PowerRowSink {
 public:
  virtual ~PowerRowSink() = default;
  // The platform's node names, by the index rows give; called once, before the first row.
  virtual void set_node_names(std::span<const std::string> names) = 0;
  // In the order the rows are made: time order per node.
  virtual void add(const PowerRow& row) = 0;
};

class KeptPowerRows final : public PowerRowSink {
 public:
  void set_node_names(std::span<const std::string> names) override {
    node_names.assign(names.begin(), names.end());
  }
  void add(const PowerRow& row) override { rows.push_back(row); }

  std::vector<std::string> node_names;
  std::deque<PowerRow> rows;
};

// Passes every row on to `next` and keeps a copy as well (a trace file drawn after the run).
class KeepingPowerRows final : public PowerRowSink {
 public:
  explicit KeepingPowerRows(PowerRowSink& next) : next_(next) {}
  void set_node_names(std::span<const std::string> names) override {
    next_.set_node_names(names);
    kept.set_node_names(names);
  }
  void add(const PowerRow& row) override {
    next_.add(row);
    kept.add(row);
  }

  KeptPowerRows kept;

 private:
  PowerRowSink& next_;
};

}  // namespace umbra::output
