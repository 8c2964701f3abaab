#include "sim/output/chrome_trace.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "sim/output/atomic_file.hpp"
#include "sim/output/json_writer.hpp"

namespace umbra::output {
namespace {

double microseconds(double seconds) {
  return std::round(seconds * 1e9) / 1e3;
}

// The trace's events, written to the file a part at a time: a long run's trace is hundreds of MB.
class TraceEvents {
 public:
  explicit TraceEvents(std::ostream& out) : out_(out), json_(JsonLayout::kOneLine) {
    json_.begin_object().key("displayTimeUnit").value("ms").key("traceEvents").begin_array();
  }

  void name_process(int pid, std::string_view name) {
    metadata("process_name", pid, std::nullopt).key("name").value(name);
    end_metadata();
    metadata("process_sort_index", pid, std::nullopt).key("sort_index").value(pid);
    end_metadata();
  }

  void name_thread(int pid, int tid, std::string_view name) {
    metadata("thread_name", pid, tid).key("name").value(name);
    end_metadata();
    metadata("thread_sort_index", pid, tid).key("sort_index").value(tid);
    end_metadata();
  }

  // A complete event ("X"); the caller adds its args, if any, then calls end_event().
  JsonWriter& slice(int pid, int tid, std::string_view category, std::string_view name,
                    double start, double end) {
    begin_event("X", pid, tid, category, name, start);
    // Rounded again: the difference of two rounded values carries binary noise.
    const double duration = microseconds(end) - microseconds(start);
    return json_.key("dur").value(std::round(duration * 1e3) / 1e3);
  }

  // An instant event on its thread ("i", scope "t"); args as for a slice.
  JsonWriter& instant(int pid, int tid, std::string_view category, std::string_view name,
                      double time) {
    return begin_event("i", pid, tid, category, name, time).key("s").value("t");
  }

  // A counter's value from `time` on ("C"): a track per process and name.
  void counter(int pid, std::string_view name, double time, double value) {
    begin_event("C", pid, std::nullopt, "", name, time);
    json_.key("args").begin_object().key("value").value(value).end_object();
    end_event();
  }

  void end_event() {
    json_.end_object();
    constexpr std::size_t kBatchBytes = 1 << 20;
    if (json_.text().size() >= kBatchBytes) json_.move_text_to(out_);
  }

  void finish() {
    json_.end_array().end_object();
    json_.move_text_to(out_);
  }

 private:
  JsonWriter& begin_event(std::string_view phase, int pid, std::optional<int> tid,
                          std::string_view category, std::string_view name, double time) {
    json_.begin_object().key("name").value(name);
    if (!category.empty()) json_.key("cat").value(category);
    json_.key("ph").value(phase).key("ts").value(microseconds(time)).key("pid").value(pid);
    if (tid) json_.key("tid").value(*tid);
    return json_;
  }

  // A metadata event ("M") with its args object open, for the caller to fill.
  JsonWriter& metadata(std::string_view name, int pid, std::optional<int> tid) {
    json_.begin_object().key("name").value(name).key("ph").value("M").key("pid").value(pid);
    if (tid) json_.key("tid").value(*tid);
    return json_.key("args").begin_object();
  }

  void end_metadata() {
    json_.end_object();
    end_event();
  }

  std::ostream& out_;
  JsonWriter json_;
};

// The stretches of one node, each on the lowest lane free at its start.
struct NodeLanes {
  std::vector<std::vector<const Allocation*>> lanes;
};

std::vector<NodeLanes> lanes_of_nodes(const RunResult& result) {
  std::vector<std::vector<const Allocation*>> by_node(result.node_names.size());
  for (const Allocation& allocation : result.allocations) {
    by_node[allocation.node].push_back(&allocation);
  }
  std::vector<NodeLanes> nodes(by_node.size());
  for (std::size_t n = 0; n < by_node.size(); ++n) {
    auto& stretches = by_node[n];
    std::sort(stretches.begin(), stretches.end(), [](const Allocation* a, const Allocation* b) {
      return std::tie(a->start, a->end, a->job) < std::tie(b->start, b->end, b->job);
    });
    auto& lanes = nodes[n].lanes;
    for (const Allocation* stretch : stretches) {
      const auto free = std::find_if(lanes.begin(), lanes.end(), [&](const auto& lane) {
        return lane.back()->end <= stretch->start;
      });
      if (free == lanes.end()) {
        lanes.push_back({stretch});
      } else {
        free->push_back(stretch);
      }
    }
  }
  return nodes;
}

std::string power_state_name(const PowerRow& row) {
  switch (row.mode) {
    case PowerMode::kRunning:
      return row.pstate >= 0 ? fmt::format("running p{}", row.pstate) : "running";
    case PowerMode::kSuspended:
      return "suspended";
    case PowerMode::kOff:
      return "off";
  }
  return "unknown";
}

std::string shadow_name(const PowerRow& row) {
  if (row.illumination <= 0) return "umbra";
  return row.illumination < 1 ? "penumbra" : "sunlit";
}

// Slices of what `name_of` gives each row, a row holding until the node's next one (the last
// until the run's end), equal neighbours merged.
template <class NameOf>
void state_slices(TraceEvents& trace, int pid, int tid, std::string_view category,
                  const std::vector<const PowerRow*>& rows, double end, NameOf name_of) {
  std::size_t from = 0;
  for (std::size_t i = 1; i <= rows.size(); ++i) {
    if (i < rows.size() && name_of(*rows[i]) == name_of(*rows[from])) continue;
    const double until = i < rows.size() ? rows[i]->time : end;
    if (until > rows[from]->time) {
      trace.slice(pid, tid, category, name_of(*rows[from]), rows[from]->time, until);
      trace.end_event();
    }
    from = i;
  }
}

// A counter's value at each row where it changes.
template <class ValueOf>
void counter_track(TraceEvents& trace, int pid, const std::string& name,
                   const std::vector<const PowerRow*>& rows, ValueOf value_of) {
  std::optional<double> last;
  for (const PowerRow* row : rows) {
    const double value = value_of(*row);
    if (last == value) continue;
    trace.counter(pid, name, row->time, value);
    last = value;
  }
}

void write_site(TraceEvents& trace, const RunResult& result, int pid, const std::string& site,
                const std::vector<NodeLanes>& lanes,
                const std::vector<std::vector<const PowerRow*>>& power_rows) {
  trace.name_process(pid, site);
  int tid = 0;
  for (std::size_t n = 0; n < result.node_names.size(); ++n) {
    if (result.node_sites[n] != site) continue;
    const std::string& node = result.node_names[n];
    for (std::size_t l = 0; l < lanes[n].lanes.size(); ++l) {
      trace.name_thread(pid, ++tid, l == 0 ? node : fmt::format("{} #{}", node, l + 1));
      for (const Allocation* stretch : lanes[n].lanes[l]) {
        const JobRecord& job = result.jobs[stretch->job];
        trace.slice(pid, tid, "job", job.id, stretch->start, stretch->end)
            .key("args")
            .begin_object()
            .key("gpus")
            .value(stretch->gpus)
            .key("job_gpus")
            .value(job.gpus)
            .key("ended")
            .value(to_string(stretch->ended))
            .end_object();
        trace.end_event();
        if (stretch->ended == AllocationEnd::kFinished ||
            stretch->ended == AllocationEnd::kRunning) {
          continue;
        }
        trace.instant(pid, tid, "job-event", to_string(stretch->ended), stretch->end)
            .key("args")
            .begin_object()
            .key("job")
            .value(job.id)
            .end_object();
        trace.end_event();
      }
    }
    const auto& rows = power_rows[n];
    if (rows.empty()) continue;
    const double end = result.totals.end_time;
    trace.name_thread(pid, ++tid, node + " power");
    state_slices(trace, pid, tid, "power", rows, end, power_state_name);
    trace.name_thread(pid, ++tid, node + " shadow");
    state_slices(trace, pid, tid, "shadow", rows, end, shadow_name);
    counter_track(trace, pid, node + " state of charge", rows,
                  [](const PowerRow& row) { return row.state_of_charge; });
    counter_track(trace, pid, node + " load (W)", rows,
                  [](const PowerRow& row) { return row.load; });
  }
}

// A counter per link class of its links up, and a thread per link while they are few.
void write_links(TraceEvents& trace, const RunResult& result, int pid) {
  trace.name_process(pid, "links");
  std::map<std::string, std::vector<std::pair<double, int>>> changes;  // by class: time, +-1
  std::vector<std::vector<const LinkWindow*>> by_link(result.links.size());
  for (const LinkWindow& window : result.link_windows) {
    auto& of_class = changes[result.links[window.link].link_class];
    of_class.emplace_back(window.start, 1);
    of_class.emplace_back(window.end, -1);
    by_link[window.link].push_back(&window);
  }
  for (auto& [link_class, steps] : changes) {
    std::sort(steps.begin(), steps.end());  // at one instant, links going down first
    const std::string name = link_class + " links up";
    trace.counter(pid, name, 0, 0);
    int up = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      up += steps[i].second;
      if (i + 1 == steps.size() || steps[i + 1].first != steps[i].first) {
        trace.counter(pid, name, steps[i].first, up);
      }
    }
  }
  const auto with_windows =
      std::count_if(by_link.begin(), by_link.end(), [](const auto& w) { return !w.empty(); });
  if (static_cast<std::size_t>(with_windows) > kMostLinkTracks) return;
  int tid = 0;
  for (std::size_t l = 0; l < by_link.size(); ++l) {
    if (by_link[l].empty()) continue;
    const LinkRecord& link = result.links[l];
    trace.name_thread(pid, ++tid, fmt::format("{} - {} ({})", link.a, link.b, link.link_class));
    for (const LinkWindow* window : by_link[l]) {
      trace.slice(pid, tid, "link", "up", window->start, window->end);
      trace.end_event();
    }
  }
}

}  // namespace

void write_chrome_trace(const std::filesystem::path& path, const RunResult& result) {
  std::vector<std::vector<const PowerRow*>> power_rows(result.node_names.size());
  for (const PowerRow& row : result.power_rows) power_rows[row.node].push_back(&row);
  const std::vector<NodeLanes> lanes = lanes_of_nodes(result);
  std::vector<std::string> sites;  // in the order of their first node
  for (const std::string& site : result.node_sites) {
    if (std::find(sites.begin(), sites.end(), site) == sites.end()) sites.push_back(site);
  }
  write_file_atomically(path, [&](std::ostream& out) {
    TraceEvents trace(out);
    for (std::size_t s = 0; s < sites.size(); ++s) {
      write_site(trace, result, static_cast<int>(s) + 1, sites[s], lanes, power_rows);
    }
    write_links(trace, result, static_cast<int>(sites.size()) + 1);
    trace.finish();
  });
}

}  // namespace umbra::output
