#ifndef TAPEDECK_FUZZER_DRIVER_H
#define TAPEDECK_FUZZER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// One fuzz input: libFuzzer's callback type.
typedef int (*tapedeck_fuzz_callback)(const uint8_t *data, size_t size);

/// Hands the process's arguments to libFuzzer's driver, which parses its flags and calls
/// `callback` once per input. Returns libFuzzer's exit code.
int tapedeck_fuzz_run(int argc, char **argv, tapedeck_fuzz_callback callback);

#endif
