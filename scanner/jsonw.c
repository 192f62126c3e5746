/* SPDX-License-Identifier: MIT */
/* jsonw.c -- JSON into a buffer, as json-c prints it.  See jsonw.h. */
#include "jsonw.h"

#include <inttypes.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* The first byte in [s, end) that JSON must escape (a quote, a backslash,
 * a control byte), or end; sixteen at a time with SSE2.  Output is mostly
 * paths and evidence lines with nothing to escape. */
static const char *plain_end(const char *s, const char *end)
{
#ifdef __SSE2__
	const __m128i q = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\');
	const __m128i ctl = _mm_set1_epi8(0x1f), zero = _mm_setzero_si128();

	for (; end - s >= 16; s += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, bs)),
					 _mm_cmpeq_epi8(_mm_subs_epu8(v, ctl), zero));
		unsigned bits = (unsigned)_mm_movemask_epi8(m);

		if (bits)
			return s + __builtin_ctz(bits);
	}
#endif
	for (; s < end; s++)
		if ((unsigned char)*s < 0x20 || *s == '"' || *s == '\\')
			break;
	return s;
}

void jw_escape(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *end = s + strlen(s);

	buf_addc(b, '"');
	while (s < end) {
		const char *p = plain_end(s, end);
		unsigned char c;
		const char *e;

		buf_add(b, s, (size_t)(p - s));
		if (p == end)
			break;
		c = (unsigned char)*p;
		e = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b" : c == '\f' ? "\\f"
		  : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;
		if (e) {
			buf_adds(b, e);
		} else {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };

			buf_add(b, u, sizeof(u));
		}
		s = p + 1;
	}
	buf_addc(b, '"');
}

static void indent(struct jw *w)
{
	int i;

	for (i = 0; i < w->depth; i++)
		buf_adds(w->b, "  ");
}

/* The comma before a value and its key; pretty: each on a line of its own. */
static void key(struct jw *w, const char *k)
{
	if (w->pretty && w->depth) {
		buf_adds(w->b, w->first ? "\n" : ",\n");
		indent(w);
	} else if (!w->first) {
		buf_addc(w->b, ',');
	}
	w->first = 0;
	if (k) {
		jw_escape(w->b, k);
		buf_adds(w->b, w->pretty ? ": " : ":");
	}
}

void jw_open(struct jw *w, const char *k, char c)
{
	key(w, k);
	buf_addc(w->b, c);
	w->first = 1;
	w->depth++;
}

void jw_close(struct jw *w, char c)
{
	w->depth--;
	if (w->pretty) {
		buf_addc(w->b, '\n');
		indent(w);
	}
	buf_addc(w->b, c);
	w->first = 0;
}

void jw_str(struct jw *w, const char *k, const char *v)
{
	key(w, k);
	if (v)
		jw_escape(w->b, v);
	else
		buf_adds(w->b, "null");
}

void jw_int(struct jw *w, const char *k, int64_t v)
{
	key(w, k);
	if (v < 0)
		buf_addc(w->b, '-');
	buf_add_u64(w->b, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);
}

void jw_uint(struct jw *w, const char *k, uint64_t v)
{
	key(w, k);
	buf_add_u64(w->b, v);
}

void jw_bool(struct jw *w, const char *k, int v)
{
	key(w, k);
	buf_adds(w->b, v ? "true" : "false");
}
