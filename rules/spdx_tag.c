/* SPDX-License-Identifier: MIT */
/* spdx_tag.c -- SPDX-License-Identifier / SPDX-FileCopyrightText tags.
 * See spdx_tag.h.
 *
 * find_spdx finds "SPDX-" (files without it cost one pass of a vectorised
 * search); only at a hit do we look at the keyword, at what precedes it on
 * its line (white space and comment markers only), and at where the value
 * ends.  Line numbers are counted lazily, from the previous hit. */
#include "spdx_tag.h"

#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

struct keyword {
	const char *rest; /* after "SPDX-", with the colon */
	size_t len;
	enum spdx_tag_kind kind;
};

static const struct keyword keywords[] = {
	{ "License-Identifier:", 19, SPDX_TAG_LICENSE },
	{ "FileCopyrightText:", 18, SPDX_TAG_COPYRIGHT },
};

/* What may stand before a tag on its line, longest first where one is a
 * prefix of another.  To support a comment style, add its opener here and,
 * if it has one, its closer to closers[]. */
static const char *const markers[] = {
	"\xef\xbb\xbf", /* UTF-8 BOM */
	"<!--", "--[[", "{-", "(*", "/**", "/*!", "/*", "///", "//!", "//", "#", "*", "--",
	";", "%", "..", ".", "@REM", "@rem", "REM", "rem", "::", "dnl", "@c", ".\\\"", "\\\"",
	"\"\"\"", "'''", "'", "!", "{",
};

static const char *const closers[] = { "*/", "-->", "-}", "*)", "\"\"\"", "'''", "]]" };

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/* 1 when s..end holds only white space and comment markers. */
static int only_markers(const char *s, const char *end)
{
	while (s < end) {
		size_t i, n = 0;

		if (is_space(*s)) {
			s++;
			continue;
		}
		for (i = 0; i < sizeof(markers) / sizeof(markers[0]); i++) {
			n = strlen(markers[i]);
			if ((size_t)(end - s) >= n && !memcmp(s, markers[i], n))
				break;
		}
		if (i == sizeof(markers) / sizeof(markers[0]))
			return 0;
		s += n;
	}
	return 1;
}

static const char *line_start(const char *text, const char *p)
{
	while (p > text && p[-1] != '\n' && p[-1] != '\r')
		p--;
	return p;
}

/* The value: to the end of the line or the first comment closer, trimmed. */
static void value_span(const char *v, const char *end, struct spdx_tag *t, const char *text)
{
	const char *e = v;
	size_t i;

	while (e < end && *e != '\n' && *e != '\r')
		e++;
	for (i = 0; i < sizeof(closers) / sizeof(closers[0]); i++) {
		const char *c = memmem(v, (size_t)(e - v), closers[i], strlen(closers[i]));

		if (c)
			e = c;
	}
	while (v < e && is_space(*v))
		v++;
	while (e > v && is_space(e[-1]))
		e--;
	t->value_off = (size_t)(v - text);
	t->value_len = (size_t)(e - v);
}

/* The next "SPDX-" at or after p.  With SSE2 (every x86-64), 16 positions
 * at a time: a candidate needs 'S' at i and '-' at i + 4, which real text
 * rarely has, then memcmp confirms.  This is the hot loop of a scan. */
static const char *find_spdx(const char *p, const char *end)
{
#ifdef __SSE2__
	const __m128i s = _mm_set1_epi8('S'), dash = _mm_set1_epi8('-');

	while (end - p >= 20) {
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + 4));
		unsigned m = (unsigned)_mm_movemask_epi8(
			_mm_and_si128(_mm_cmpeq_epi8(a, s), _mm_cmpeq_epi8(b, dash)));

		while (m) {
			int i = __builtin_ctz(m);

			if (!memcmp(p + i + 1, "PDX", 3))
				return p + i;
			m &= m - 1;
		}
		p += 16;
	}
#endif
	return memmem(p, (size_t)(end - p), "SPDX-", 5);
}

static unsigned count_lines(const char *p, const char *end)
{
	unsigned n = 0;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

int spdx_find_tags(const char *text, size_t len, spdx_tag_fn fn, void *ctx)
{
	const char *end = text + len, *p = text, *counted = text;
	unsigned line = 1;

	while ((p = find_spdx(p, end)) != NULL) {
		const char *after = p + 5;
		struct spdx_tag t;
		size_t k;
		int rc;

		for (k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++)
			if ((size_t)(end - after) >= keywords[k].len &&
			    !strncasecmp(after, keywords[k].rest, keywords[k].len))
				break;
		if (k == sizeof(keywords) / sizeof(keywords[0]) || !only_markers(line_start(text, p), p)) {
			p = after;
			continue;
		}
		line += count_lines(counted, p);
		counted = p;
		t.kind = keywords[k].kind;
		t.line = line;
		t.tag_off = (size_t)(p - text);
		value_span(after + keywords[k].len, end, &t, text);
		t.tag_len = t.value_off + t.value_len - t.tag_off;
		rc = fn(ctx, &t);
		if (rc)
			return rc;
		p = after;
	}
	return 0;
}
