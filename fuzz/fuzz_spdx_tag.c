/* SPDX-License-Identifier: MIT */
/* fuzz_spdx_tag.c -- tag finding and the per-file detectors on any text. */
#include <string.h>

#include "detect.h"
#include "fuzz.h"
#include "spdx_tag.h"

static int check(void *ctx, const struct spdx_tag *t)
{
	size_t len = *(const size_t *)ctx;

	if (t->tag_off + t->tag_len > len || t->value_off + t->value_len > len || !t->line)
		__builtin_trap();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct idx idx; /* read-only after the first call */
	struct detect_opts o = { &idx, 90 };
	struct file_result r;
	struct detect *d;
	struct perr e;

	if (!idx.base && idx_open(&idx, &e) < 0)
		__builtin_trap();
	spdx_find_tags((const char *)data, size, check, &size);
	result_init(&r);
	d = detect_new(&o);
	detect_text(d, (const char *)data, size, &r);
	detect_free(d);
	result_release(&r);
	return 0;
}
