/* SPDX-License-Identifier: MIT */
/* fuzz_sbom_check.c -- `petal sbom --check FILE`: any bytes as an SPDX JSON
 * document.  The count returned must match the lines written. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ntia.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT;
	struct perr e;
	int n = ntia_check((const char *)data, size, &out, &e);
	size_t i, lines = 0;

	for (i = 0; i < out.len; i++)
		lines += out.data[i] == '\n';
	if (n < 0 ? out.len != 0 || !e.msg[0] : (size_t)n != lines)
		abort();
	buf_release(&out);
	return 0;
}
