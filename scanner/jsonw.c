/* SPDX-License-Identifier: MIT */
/* jsonw.c -- JSON into a buffer, as json-c prints it.  See jsonw.h. */
#include "jsonw.h"

#include <inttypes.h>
#include <string.h>

void jw_escape(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s;

	buf_addc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *e = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b"
			      : c == '\f' ? "\\f" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
			      : c == '\t' ? "\\t" : NULL;

		if (!e && c >= 0x20)
			continue;
		buf_add(b, run, (size_t)(s - run));
		if (e) {
			buf_adds(b, e);
		} else {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };

			buf_add(b, u, sizeof(u));
		}
		run = s + 1;
	}
	buf_add(b, run, (size_t)(s - run));
	buf_addc(b, '"');
}

/* The comma before a value and its key. */
static void key(struct jw *w, const char *k)
{
	if (!w->first)
		buf_addc(w->b, ',');
	w->first = 0;
	if (k) {
		jw_escape(w->b, k);
		buf_addc(w->b, ':');
	}
}

void jw_open(struct jw *w, const char *k, char c)
{
	key(w, k);
	buf_addc(w->b, c);
	w->first = 1;
}

void jw_close(struct jw *w, char c)
{
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
	char d[24], *p = d + sizeof(d);
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	key(w, k);
	do /* digits by hand: printf cost a tenth of a scan's output */
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	buf_add(w->b, p, (size_t)(d + sizeof(d) - p));
}

void jw_bool(struct jw *w, const char *k, int v)
{
	key(w, k);
	buf_adds(w->b, v ? "true" : "false");
}
