/* SPDX-License-Identifier: MIT */
/* fuzz.h -- the libFuzzer entry point every harness defines.
 *
 * A harness is fuzz/fuzz_<name>.c: it feeds one untrusted-input parser
 * with arbitrary bytes and must not crash, leak or trip a sanitizer.
 * With clang it links against libFuzzer (make fuzz); with any compiler it
 * links against replay.c, which runs it over the seeds in fuzz/seeds/<name>
 * (make fuzz-smoke, part of make test), as zstd's regression driver does. */
#ifndef PETAL_FUZZ_H
#define PETAL_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
