/* SPDX-License-Identifier: MIT */
/* fuzz_copyright.c -- copyright statements in a file's bytes as the
 * pipeline hands them over: typed (ftype_sniff), decoded to UTF-8
 * (text_decode), then copy_find; and the first line alone through
 * copy_parse, as an SPDX-FileCopyrightText value would be.  Every
 * finding must hold together: lines within the text, start <= end,
 * text no longer than COPY_TEXT_MAX, every string valid UTF-8. */
#include <string.h>

#include "copyright.h"
#include "ftype.h"
#include "fuzz.h"
#include "text.h"

static void check_str(const char *s, size_t max)
{
	size_t n;

	if (!s)
		__builtin_trap();
	n = strlen(s);
	if (n > max || text_utf8_len((const unsigned char *)s, n) != n)
		__builtin_trap();
}

static void check(const struct file_result *r, const char *t, size_t tn)
{
	unsigned lines = text_count_lines(t, t + tn, t + tn) + 1;
	size_t i, j;

	for (i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];

		if (f->kind != FK_COPYRIGHT || !f->start_line || f->end_line < f->start_line ||
		    f->end_line > lines || (!f->nholders && !f->years))
			__builtin_trap();
		check_str(f->text, COPY_TEXT_MAX);
		for (j = 0; j < f->nholders; j++)
			check_str(f->holders[j], COPY_TEXT_MAX);
		if (f->years)
			check_str(f->years, COPY_TEXT_MAX);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf dec = BUF_INIT;
	struct file_result r;
	enum text_enc enc;
	const char *t;
	size_t tn, n;

	if (ftype_sniff(data, size, &enc) != FT_TEXT)
		enc = ENC_UTF8; /* decode anyway: the detector must take any text */
	text_decode(data, size, enc, &dec, &t, &tn);
	result_init(&r);
	copy_find(t, tn, &r);
	check(&r, t, tn);
	result_release(&r);
	n = (size_t)(text_line_end(t, t + tn) - t);
	result_init(&r);
	if (copy_parse(t, n, result_add(&r)) > n)
		__builtin_trap();
	result_release(&r);
	buf_release(&dec);
	return 0;
}
