#pragma once
// sim/cli/plot_figures.py, the figures of `umbra plot`, embedded in the binary at build time.
namespace umbra::cli {

const char* plot_script();

}  // namespace umbra::cli
