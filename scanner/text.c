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
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
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

#ifdef __SSE2__
/* Nonzero when one of the 64 bytes at b is 0x80 or above (not ASCII). */
static int high64(const unsigned char *b)
{
	const __m128i *v = (const __m128i *)(const void *)b;
	__m128i o = _mm_or_si128(_mm_or_si128(_mm_loadu_si128(v), _mm_loadu_si128(v + 1)),
				 _mm_or_si128(_mm_loadu_si128(v + 2), _mm_loadu_si128(v + 3)));

	return _mm_movemask_epi8(o);
}
#endif

size_t text_utf8_len(const unsigned char *b, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint64_t w;
		size_t k;

#ifdef __SSE2__
		if (n - i >= 64 && !high64(b + i)) {
			i += 64; /* sixty-four ASCII bytes: the usual case */
			continue;
		}
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

size_t text_high_bytes(const char *s, size_t n)
{
	size_t i = 0, high = 0;

#ifdef __SSE2__
	while (n - i >= 16) { /* up to 255 blocks counted per byte lane, then summed */
		const __m128i zero = _mm_setzero_si128();
		__m128i acc = zero;
		size_t k;

		for (k = 0; k < 255 && n - i >= 16; k++, i += 16)
			acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(
				_mm_loadu_si128((const __m128i *)(const void *)(s + i)), zero));
		acc = _mm_sad_epu8(acc, zero);
		high += (size_t)_mm_cvtsi128_si32(acc) +
			(size_t)_mm_cvtsi128_si32(_mm_srli_si128(acc, 8));
	}
#endif
	for (; i < n; i++)
		high += (unsigned char)s[i] >= 0x80;
	return high;
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
		size_t k = i;

		while (k < n && b[k] >= 0x20 && b[k] < 0x7f)
			k++; /* printable ASCII, the whole of most paths: one append */
		if (k > i) {
			buf_add(dst, b + i, k - i);
			i = k;
			continue;
		}
		k = utf8_seq(b + i, n - i);
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

/* The first \n or \r, sixteen bytes at a time: one pass, where two
 * memchr calls per line cost more than the short lines they read. */
const char *text_line_end(const char *p, const char *end)
{
#ifdef __SSE2__
	const __m128i nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');

	for (; end - p >= 16; p += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned m = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, cr)));

		if (m)
			return p + __builtin_ctz(m);
	}
#endif
	for (; p < end; p++)
		if (*p == '\n' || *p == '\r')
			return p;
	return end;
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

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_AVX2_PATH 1
/* text_count_lines() 32 bytes at a time while 33 can be read (a \r looks
 * at its next byte); where it stopped goes to *stop.  Per-byte counts
 * add up in 8-bit lanes, summed before they could overflow. */
__attribute__((target("avx2"))) static size_t count_lines32(const char *p, const char *lim,
							     const char *end, const char **stop)
{
	const __m256i nl = _mm256_set1_epi8('\n'), cr = _mm256_set1_epi8('\r');
	const __m256i zero = _mm256_setzero_si256();
	size_t n = 0;

	while (lim - p >= 32 && end - p >= 33) {
		__m256i acc = zero;
		__m128i sum;
		int k;

		for (k = 0; k < 255 && lim - p >= 32 && end - p >= 33; k++, p += 32) {
			__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)p);
			__m256i v1 = _mm256_loadu_si256((const __m256i *)(const void *)(p + 1));
			__m256i lone_cr = _mm256_andnot_si256(_mm256_cmpeq_epi8(v1, nl),
							      _mm256_cmpeq_epi8(v, cr));

			acc = _mm256_sub_epi8(_mm256_sub_epi8(acc, _mm256_cmpeq_epi8(v, nl)), lone_cr);
		}
		acc = _mm256_sad_epu8(acc, zero);
		sum = _mm_add_epi64(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
		n += (size_t)_mm_cvtsi128_si64(sum) + (size_t)_mm_extract_epi64(sum, 1);
	}
	*stop = p;
	return n;
}
#endif

unsigned text_count_lines(const char *p, const char *lim, const char *end)
{
	unsigned n = 0;
	const char *q;

#ifdef HAVE_AVX2_PATH
	if (lim - p >= 256 && __builtin_cpu_supports("avx2"))
		n = (unsigned)count_lines32(p, lim, end, &p); /* the rest below */
#endif
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
