/* SPDX-License-Identifier: MIT */
/* fuzz_arc.c -- archives from untrusted bytes, nested, with hashes. */
#include <stdlib.h>

#include "arc.h"
#include "fuzz.h"

static int take_some(void *ctx, struct arc_entry *ent)
{
	size_t *n = ctx;

	if (ent->kind == ARC_FILE && ++*n % 2) { /* the pipeline takes data; so do we */
		free(ent->data);
		ent->data = NULL;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arc_src src = { -1, data, size };
	struct arc_opts o = { .loc = NULL };
	struct arc_stats st;
	struct perr e;
	size_t n = 0;

	arc_limits_default(&o.lim);
	o.lim.max_total_bytes = 64u << 20; /* keep one input cheap */
	o.lim.max_entry_bytes = 1u << 20;
	o.hash = 1;
	o.defer_hash = 0;
	arc_walk(&src, "fuzz", &o, take_some, &n, &st, &e);
	return 0;
}
