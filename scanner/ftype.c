/* SPDX-License-Identifier: MIT */
/* ftype.c -- cheap typing first, libmagic for labels.  See ftype.h. */
#include "ftype.h"

#include <magic.h>
#include <stdint.h>
#include <stdlib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <string.h>

struct ftype_magic {
	magic_t cookie; /* owned */
};

struct sig {
	size_t off;
	const char *bytes;
	size_t len;
	enum ftype_arc kind;
};

/* Signatures as the formats define them; cheap ones first.  To add a
 * format libarchive reads, add its magic here (and a test in test_ftype). */
static const struct sig sigs[] = {
	{ 0, "PK\x03\x04", 4, FTYPE_ARCHIVE },            /* zip, jar, whl */
	{ 0, "PK\x05\x06", 4, FTYPE_ARCHIVE },            /* empty zip */
	{ 257, "ustar", 5, FTYPE_ARCHIVE },               /* POSIX and GNU tar */
	{ 0, "7z\xbc\xaf\x27\x1c", 6, FTYPE_ARCHIVE },    /* 7-Zip */
	{ 0, "!<arch>\n", 8, FTYPE_ARCHIVE },             /* ar, deb */
	{ 0, "\xed\xab\xee\xdb", 4, FTYPE_ARCHIVE },      /* rpm */
	{ 0, "070701", 6, FTYPE_ARCHIVE },                /* cpio newc */
	{ 0, "070702", 6, FTYPE_ARCHIVE },                /* cpio crc */
	{ 0, "070707", 6, FTYPE_ARCHIVE },                /* cpio odc */
	{ 0, "\xc7\x71", 2, FTYPE_ARCHIVE },              /* cpio binary LE */
	{ 0, "\x71\xc7", 2, FTYPE_ARCHIVE },              /* cpio binary BE */
	{ 32769, "CD001", 5, FTYPE_ARCHIVE },             /* ISO 9660 */
	{ 0, "xar!", 4, FTYPE_ARCHIVE },                  /* xar */
	{ 0, "MSCF\0\0\0\0", 8, FTYPE_ARCHIVE },          /* cab */
	{ 0, "Rar!\x1a\x07", 6, FTYPE_ARCHIVE },          /* rar */
	{ 0, "\x1f\x8b", 2, FTYPE_COMPRESSED },           /* gzip */
	{ 0, "\xfd" "7zXZ\0", 6, FTYPE_COMPRESSED },      /* xz */
	{ 0, "BZh", 3, FTYPE_COMPRESSED },                /* bzip2 */
	{ 0, "\x28\xb5\x2f\xfd", 4, FTYPE_COMPRESSED },   /* zstd */
	{ 0, "\x04\x22\x4d\x18", 4, FTYPE_COMPRESSED },   /* lz4 */
	{ 0, "\x1f\x9d", 2, FTYPE_COMPRESSED },           /* compress (.Z) */
	{ 0, "\x89LZO\0", 5, FTYPE_COMPRESSED },          /* lzop */
	{ 0, "LZIP", 4, FTYPE_COMPRESSED },               /* lzip */
};

static int bzip2_ok(const unsigned char *b, size_t n)
{
	/* "BZh" alone is too common in text; bzip2 follows with a block size
	 * digit and the block magic 0x314159265359. */
	return n >= 10 && b[3] >= '1' && b[3] <= '9' &&
	       memcmp(b + 4, "\x31\x41\x59\x26\x53\x59", 6) == 0;
}

static int cpio_bin_ok(const unsigned char *b, size_t n)
{
	/* Two bytes are too weak alone: a binary cpio header is 26 bytes and
	 * its name follows; require the name to be NUL-terminated printable. */
	return n >= 32 && b[26] != 0;
}

enum ftype_arc ftype_archive(const unsigned char *b, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		const struct sig *s = &sigs[i];

		if (s->off + s->len > n || memcmp(b + s->off, s->bytes, s->len))
			continue;
		if (s->bytes[0] == 'B' && !bzip2_ok(b, n))
			continue;
		if (s->len == 2 && s->kind == FTYPE_ARCHIVE && !cpio_bin_ok(b, n))
			continue;
		return s->kind;
	}
	return FTYPE_NOT_ARCHIVE;
}

const char *ftype_enc_name(enum text_enc enc)
{
	static const char *const names[] = {
		[ENC_NONE] = NULL,         [ENC_UTF8] = "utf-8",
		[ENC_LATIN1] = "latin-1",  [ENC_UTF16LE] = "utf-16le",
		[ENC_UTF16BE] = "utf-16be",
	};
	return names[enc];
}

/* Text is what has no NUL and few control bytes other than the usual
 * white space, form feed and escape.  Git and ripgrep stop at NUL alone;
 * the control-byte share also catches binaries without NULs.  Eight bytes
 * at a time: a word with no byte below 0x20 needs no closer look. */
static int is_ctl(unsigned char c)
{
	return c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' &&
	       c != 0x1b && c != 0x08;
}

#ifdef __SSE2__
/* The control bytes (is_ctl) of the 16 at b: below 0x20 and neither
 * 0x08-0x0d (BS, TAB, LF, VT, FF, CR) nor ESC, as unsigned minimums. */
static __m128i ctl16(const unsigned char *b)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)b);
	__m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
	__m128i d = _mm_sub_epi8(v, _mm_set1_epi8(0x08));
	__m128i ws = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(5)), d);
	__m128i esc = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x1b));

	return _mm_andnot_si128(_mm_or_si128(ws, esc), low);
}

static size_t count_bits(__m128i m)
{
	unsigned bits = (unsigned)_mm_movemask_epi8(m);

	/* rare in text; a popcount is a library call without -mpopcnt */
	return bits ? (size_t)__builtin_popcount(bits) : 0;
}
#endif

static int looks_text(const unsigned char *b, size_t n)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	size_t i = 0, ctl = 0;

	if (memchr(b, 0, n))
		return 0;
#ifdef __SSE2__
	/* sixty-four bytes at a time, counted only where there is one */
	for (; i + 64 <= n; i += 64) {
		__m128i c0 = ctl16(b + i), c1 = ctl16(b + i + 16);
		__m128i c2 = ctl16(b + i + 32), c3 = ctl16(b + i + 48);

		if (!_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(c0, c1), _mm_or_si128(c2, c3))))
			continue;
		ctl += count_bits(c0) + count_bits(c1) + count_bits(c2) + count_bits(c3);
	}
	for (; i + 16 <= n; i += 16)
		ctl += count_bits(ctl16(b + i));
#endif
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		size_t k;

		memcpy(&w, b + i, 8);
		if (!((w - ones * 0x20) & ~w & highs))
			continue; /* no byte below 0x20 */
		for (k = 0; k < 8; k++)
			ctl += is_ctl(b[i + k]);
	}
	for (; i < n; i++)
		ctl += is_ctl(b[i]);
	return ctl * 100 <= n; /* at most 1% */
}

enum file_type ftype_sniff(const unsigned char *b, size_t n, enum text_enc *enc)
{
	*enc = ENC_NONE;
	if (n >= 2 && b[0] == 0xff && b[1] == 0xfe) {
		*enc = ENC_UTF16LE;
		return FT_TEXT;
	}
	if (n >= 2 && b[0] == 0xfe && b[1] == 0xff) {
		*enc = ENC_UTF16BE;
		return FT_TEXT;
	}
	if (ftype_archive(b, n) != FTYPE_NOT_ARCHIVE)
		return FT_ARCHIVE;
	if (!looks_text(b, n < 8192 ? n : 8192))
		return FT_BINARY;
	*enc = ENC_UTF8;
	return FT_TEXT;
}

struct ftype_magic *ftype_magic_new(struct perr *e)
{
	struct ftype_magic *m = calloc(1, sizeof(*m));
	int flags = MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_TAR |
		    MAGIC_NO_CHECK_ENCODING | MAGIC_NO_CHECK_TEXT | MAGIC_NO_CHECK_TOKENS |
		    MAGIC_NO_CHECK_CDF | MAGIC_NO_CHECK_JSON | MAGIC_NO_CHECK_CSV;

	if (!m) {
		perr_set(e, PERR_FATAL, "out of memory");
		return NULL;
	}
	m->cookie = magic_open(flags);
	if (!m->cookie || magic_load(m->cookie, NULL) != 0) {
		perr_set(e, PERR_FATAL, "cannot load the libmagic database: %s",
			 m->cookie ? magic_error(m->cookie) : "magic_open failed");
		ftype_magic_free(m);
		return NULL;
	}
	return m;
}

const char *ftype_magic_label(struct ftype_magic *m, const unsigned char *b, size_t n)
{
	const char *s = magic_buffer(m->cookie, b, n);

	return s ? s : "application/octet-stream";
}

void ftype_magic_free(struct ftype_magic *m)
{
	if (!m)
		return;
	if (m->cookie)
		magic_close(m->cookie);
	free(m);
}
