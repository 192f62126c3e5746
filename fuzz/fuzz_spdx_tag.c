/* SPDX-License-Identifier: MIT */
/* fuzz_spdx_tag.c -- a file's bytes as the pipeline sees them: typed
 * (ftype_sniff), decoded (text_decode: UTF-8, Latin-1, UTF-16 with
 * unpaired surrogates ...), then tag finding and every detector. */
#include <string.h>

#include "detect.h"
#include "fuzz.h"
#include "ftype.h"
#include "spdx_tag.h"
#include "text.h"

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
	struct buf dec = BUF_INIT;
	struct file_result r;
	enum text_enc enc;
	struct detect *d;
	struct perr e;
	const char *t;
	size_t tn;

	if (!idx.base && idx_open(&idx, &e) < 0)
		__builtin_trap();
	spdx_find_tags((const char *)data, size, check, &size);
	if (ftype_sniff(data, size, &enc) != FT_TEXT)
		enc = ENC_UTF8; /* decode anyway: the decoder must take any bytes */
	text_decode(data, size, enc, &dec, &t, &tn);
	if (text_utf8_len((const unsigned char *)t, tn) != tn)
		__builtin_trap(); /* detectors and JSON need valid UTF-8 */
	result_init(&r);
	d = detect_new(&o);
	detect_text(d, t, tn, &r);
	detect_free(d);
	result_release(&r);
	buf_release(&dec);
	return 0;
}
