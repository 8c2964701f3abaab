#pragma once
// Where the engine sends the rows of a file it makes as the run goes (power.csv, allocations.csv,
// link_windows.csv): to the file as they come (a ..._csv_stream.hpp), or kept in memory
// (KeptRows: the run's result, for tests and tools that read them). Rows name what they are about
// by index (a node, a job, a link); the names come once, before the first row.
#include <algorithm>
#include <deque>
#include <vector>

namespace umbra::output {

template <class Row, class Names>
class RowSink {
 public:
  virtual ~RowSink() = default;
  // What the rows' indices name; called once, before the first row.
  virtual void set_names(const Names& names) = 0;
  virtual void add(const Row& row) = 0;
};

template <class Row, class Names>
class KeptRows final : public RowSink<Row, Names> {
 public:
  void set_names(const Names& given) override { names = given; }
  void add(const Row& row) override { rows.push_back(row); }

  Names names;
  std::deque<Row> rows;  // no doubling vector: a year's rows are hundreds of MB
};

// Passes every row on to `next` and keeps a copy as well (a trace file drawn after the run).
template <class Row, class Names>
class KeepingRows final : public RowSink<Row, Names> {
 public:
  explicit KeepingRows(RowSink<Row, Names>& next) : next_(next) {}
  void set_names(const Names& names) override {
    next_.set_names(names);
    kept.set_names(names);
  }
  void add(const Row& row) override {
    next_.add(row);
    kept.add(row);
  }

  KeptRows<Row, Names> kept;

 private:
  RowSink<Row, Names>& next_;
};

// Rows that come in the order of their ends (`Row::end`), those of one end in any order, go on
// to `next` in the order of `Less` within each end: the same bytes whatever order SimGrid handed
// out simultaneous events in. Only the rows of the latest end are held; finish() sends those.
template <class Row, class Names, class Less>
class SortedWithinEachEnd {
 public:
  explicit SortedWithinEachEnd(RowSink<Row, Names>& next) : next_(next) {}

  void set_names(const Names& names) { next_.set_names(names); }
  void add(const Row& row) {
    if (!held_.empty() && held_.back().end != row.end) finish();
    held_.push_back(row);
  }
  void finish() {
    std::sort(held_.begin(), held_.end(), Less{});
    for (const Row& row : held_) next_.add(row);
    held_.clear();
  }

 private:
  RowSink<Row, Names>& next_;
  std::vector<Row> held_;
};

}  // namespace umbra::output
