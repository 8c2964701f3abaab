#include "sim/cli/cli.hpp"

int main(int argc, char** argv) {
  return umbra::cli::run(argc, argv);
}
