// A test shared library that is not a scheduler plugin: it has no entry points.
extern "C" __attribute__((visibility("default"))) int answer() {
  return 42;
}
