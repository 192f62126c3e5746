/* SPDX-License-Identifier: MIT */
/* text.c -- UTF-8 validation, Latin-1 and UTF-16 decoding, escaping.
 *
 * Validation follows RFC 3629 (no overlongs, no surrogates, nothing past
 * U+10FFFF).  Source trees are mostly ASCII, so the loop skips eight ASCII
 * bytes at a time before it looks at multi-byte sequences. */
#include "text.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Length of the valid UTF-8 sequence at b (n > 0 bytes left), 0 if none. */
static size_t utf8_seq(const unsigned char *b, size_t n)
{
	unsigned c = b[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return n >= 2 && (b[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		unsigned lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;

		return n >= 3 && b[1] >= lo && b[1] <= hi && (b[2] & 0xc0) == 0x80 ? 3 : 0;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		unsigned lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;

		return n >= 4 && b[1] >= lo && b[1] <= hi && (b[2] & 0xc0) == 0x80 &&
		       (b[3] & 0xc0) == 0x80 ? 4 : 0;
	}
	return 0;
}

size_t text_utf8_len(const unsigned char *b, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint64_t w;
		size_t k;

#ifdef __SSE2__
		if (n - i >= 16 &&
		    !_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(b + i)))) {
			i += 16; /* sixteen ASCII bytes */
			continue;
		}
#endif
		if (n - i >= 8) {
			memcpy(&w, b + i, 8);
			if (!(w & 0x8080808080808080ull)) {
				i += 8;
				continue;
			}
		}
		k = utf8_seq(b + i, n - i);
		if (!k)
			break;
		i += k;
	}
	return i;
}

void text_put_utf8(struct buf *dst, unsigned cp)
{
	unsigned char s[4];
	size_t n;

	if (cp < 0x80) {
		s[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		s[0] = (unsigned char)(0xc0 | cp >> 6);
		s[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		s[0] = (unsigned char)(0xe0 | cp >> 12);
		s[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		s[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		s[0] = (unsigned char)(0xf0 | cp >> 18);
		s[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
		s[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		s[3] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	buf_add(dst, s, n);
}

static void decode_latin1(const unsigned char *b, size_t n, struct buf *out)
{
	size_t i;

	buf_grow(out, n + n / 8);
	for (i = 0; i < n; i++)
		text_put_utf8(out, b[i]);
}

static unsigned u16_at(const unsigned char *b, int be)
{
	return be ? (unsigned)b[0] << 8 | b[1] : (unsigned)b[1] << 8 | b[0];
}

static void decode_utf16(const unsigned char *b, size_t n, int be, struct buf *out)
{
	size_t i = 2; /* past the BOM */

	buf_grow(out, n);
	for (; i + 1 < n; i += 2) {
		unsigned u = u16_at(b + i, be);

		if (u >= 0xd800 && u <= 0xdbff && i + 3 < n) {
			unsigned lo = u16_at(b + i + 2, be);

			if (lo >= 0xdc00 && lo <= 0xdfff) {
				text_put_utf8(out, 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00));
				i += 2;
				continue;
			}
		}
		text_put_utf8(out, u >= 0xd800 && u <= 0xdfff ? 0xfffd : u);
	}
}

/* A file cut at --max-file-size may end inside a sequence: a lead byte
 * followed by fewer continuation bytes than it needs is not Latin-1. */
static int cut_sequence(const unsigned char *b, size_t n)
{
	size_t need, i;

	if (n == 0 || n > 3 || b[0] < 0xc2 || b[0] > 0xf4)
		return 0;
	need = b[0] >= 0xf0 ? 4 : b[0] >= 0xe0 ? 3 : 2;
	for (i = 1; i < n; i++)
		if ((b[i] & 0xc0) != 0x80)
			return 0;
	return n < need;
}

enum text_enc text_decode(const unsigned char *b, size_t n, enum text_enc hint,
			  struct buf *out, const char **t, size_t *tn)
{
	size_t v;

	buf_reset(out);
	if (hint == ENC_UTF16LE || hint == ENC_UTF16BE) {
		decode_utf16(b, n, hint == ENC_UTF16BE, out);
	} else if ((v = text_utf8_len(b, n)) == n || cut_sequence(b + v, n - v)) {
		*t = (const char *)b;
		*tn = v;
		return ENC_UTF8;
	} else {
		decode_latin1(b, n, out);
		hint = ENC_LATIN1;
	}
	*t = out->data ? out->data : "";
	*tn = out->len;
	return hint;
}

void text_escape(struct buf *dst, const unsigned char *b, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;

	while (i < n) {
		size_t k = utf8_seq(b + i, n - i);

		if (k == 1 && (b[i] < 0x20 || b[i] == 0x7f))
			k = 0;
		if (k) {
			buf_add(dst, b + i, k);
			i += k;
			continue;
		}
		buf_adds(dst, "\\x");
		buf_addc(dst, hex[b[i] >> 4]);
		buf_addc(dst, hex[b[i] & 15]);
		i++;
	}
}

void text_pct_encode(struct buf *dst, const char *s, const char *keep)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("-._~", c) || (keep && strchr(keep, c))) {
			buf_addc(dst, (char)c);
			continue;
		}
		buf_addc(dst, '%');
		buf_addc(dst, hex[c >> 4]);
		buf_addc(dst, hex[c & 15]);
	}
}

const char *text_line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	const char *lim = nl ? nl : end;
	const char *cr = memchr(p, '\r', (size_t)(lim - p));

	return cr ? cr : lim;
}

const char *text_next_line(const char *eol, const char *end)
{
	if (eol >= end)
		return end;
	return eol[0] == '\r' && eol + 1 < end && eol[1] == '\n' ? eol + 2 : eol + 1;
}

const char *text_line_start(const char *text, const char *p)
{
	while (p > text && p[-1] != '\n' && p[-1] != '\r')
		p--;
	return p;
}

unsigned text_count_lines(const char *p, const char *lim, const char *end)
{
	unsigned n = 0;
	const char *q;

	for (q = p; (q = memchr(q, '\n', (size_t)(lim - q))) != NULL; q++)
		n++;
	for (q = p; (q = memchr(q, '\r', (size_t)(lim - q))) != NULL; q++)
		if (q + 1 == end || q[1] != '\n')
			n++;
	return n;
}

size_t text_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	for (n = max; n && ((unsigned char)s[n] & 0xc0) == 0x80; n--)
		;
	return n;
}
