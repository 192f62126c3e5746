/* SPDX-License-Identifier: MIT */
/* fuzz_match.c -- the license text matcher on reference texts spliced
 * with arbitrary bytes.  The first two bytes pick an embedded reference
 * text, the third where the rest of the input goes into it, the fourth
 * whether it replaces text or is inserted; so the alignment code sees
 * near-matches of every kind without a license text in the seeds. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fuzz.h"
#include "match.h"

static void ignore(void *ctx, const struct finding *f, const struct match_run *run)
{
	(void)ctx;
	(void)f;
	(void)run;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct idx idx; /* read-only after the first call */
	struct match_opts o = { MATCH_MIN_COVERAGE };
	struct buf b = BUF_INIT;
	struct file_result r;
	struct match_ctx *m;
	struct idx_lic L;
	struct perr e;
	size_t at, cut;

	if (!idx.base && idx_open(&idx, &e) < 0)
		__builtin_trap();
	if (size < 4)
		return 0;
	idx_lic(&idx, ((size_t)data[0] << 8 | data[1]) % idx_count(&idx), &L);
	at = L.text_len * data[2] / 255;
	cut = data[3] & 1 ? size - 4 : 0; /* replace as many bytes as inserted */
	if (at + cut > L.text_len)
		cut = L.text_len - at;
	buf_add(&b, L.text, at);
	buf_add(&b, data + 4, size - 4);
	buf_add(&b, L.text + at + cut, L.text_len - at - cut);
	m = match_ctx_new(&idx);
	result_init(&r);
	match_file(m, b.data, b.len, &o, &r);
	result_release(&r);
	result_init(&r);
	if (data[3] & 2)
		match_explain(m, b.data, b.len, &o, &r, ignore, NULL);
	result_release(&r);
	match_ctx_free(m);
	buf_release(&b);
	return 0;
}
