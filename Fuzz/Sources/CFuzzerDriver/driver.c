#include "CFuzzerDriver.h"

// Provided by libFuzzer (linked with -sanitize=fuzzer). SwiftPM renames an executable's `main`
// on Linux, so libFuzzer's own `main` cannot be used; its driver entry point can.
extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

int tapedeck_fuzz_run(int argc, char **argv, tapedeck_fuzz_callback callback) {
  return LLVMFuzzerRunDriver(&argc, &argv, callback);
}
