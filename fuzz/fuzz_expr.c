/* SPDX-License-Identifier: MIT */
/* fuzz_expr.c -- SPDX license expressions from untrusted files. */
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct perr e;
	char *s = expr_canonical((const char *)data, size, &e);

	if (s) { /* canonical output must parse to itself */
		char *t = expr_canonical(s, strlen(s), &e);

		if (!t || strcmp(s, t))
			abort();
		free(t);
	}
	free(s);
	return 0;
}
