/* SPDX-License-Identifier: MIT */
/* spdx_tag.c -- SPDX-License-Identifier / SPDX-FileCopyrightText tags.
 * See spdx_tag.h.
 *
 * find_spdx finds "SPDX-" (files without it cost one pass of a vectorised
 * search); only at a hit do we look at the keyword, at what precedes it on
 * its line (white space and comment markers only), and at where the value
 * ends.  Everything else is done lazily and once: the line start is looked
 * for back to the previous hit only, a line's marker prefix is scanned
 * once however many hits it holds, and line numbers are counted from the
 * previous tag.  So the work stays linear even for one huge line. */
#include "spdx_tag.h"

#include "text.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct keyword {
	const char *rest; /* after "SPDX-", with the colon */
	size_t len;
	enum spdx_tag_kind kind;
};

static const struct keyword keywords[] = {
	{ "License-Identifier:", 19, SPDX_TAG_LICENSE },
	{ "FileCopyrightText:", 18, SPDX_TAG_COPYRIGHT },
};

/* Comment closers, one bit each; a value stops at the first one that the
 * line's openers allow. */
enum {
	CL_C = 1 << 0,	   /* star-slash: always allowed */
	CL_HTML = 1 << 1,  /* --> */
	CL_HS = 1 << 2,	   /* -} */
	CL_ML = 1 << 3,	   /* *) */
	CL_DQ3 = 1 << 4,   /* """ */
	CL_SQ3 = 1 << 5,   /* ''' */
	CL_LUA = 1 << 6,   /* ]] */
	CL_PAS = 1 << 7,   /* } */
	CL_ALL = (1 << 8) - 1,
	M_WORD = 1 << 8,   /* a word: any case, white space must follow */
	M_QUOTE = 1 << 9,  /* a lone ': a VB comment, unless the line has another ' */
	M_ANY = 1 << 10,   /* the line has some marker */
};

static const struct {
	const char *s;
	size_t len;
} closers[] = {
	{ "*/", 2 }, { "-->", 3 }, { "-}", 2 }, { "*)", 2 },
	{ "\"\"\"", 3 }, { "'''", 3 }, { "]]", 2 }, { "}", 1 },
};

struct marker {
	const char *s;
	size_t len;
	unsigned flags; /* the closers it opens, M_WORD, M_QUOTE */
};

/* What may stand before a tag on its line; where one is a prefix of
 * another, the longer comes first.  To support a comment style, add its
 * opener here and, if it has one, its closer to closers[]. */
static const struct marker markers[] = {
	{ "<!--", 4, CL_HTML },		/* XML, HTML, Markdown */
	{ "--[[", 4, CL_LUA },		/* Lua block */
	{ "---", 3, 0 },		/* Lua, SQL doc comments */
	{ "--", 2, 0 },			/* SQL, Haskell, Lua, Ada */
	{ "{-", 2, CL_HS },		/* Haskell block */
	{ "{", 1, CL_PAS },		/* Pascal */
	{ "(*", 2, CL_ML },		/* ML, Pascal, Mathematica */
	{ "/**", 3, CL_C },
	{ "/*!", 3, CL_C },
	{ "/*", 2, CL_C },
	{ "///", 3, 0 },
	{ "//!", 3, 0 },
	{ "//", 2, 0 },
	{ "#", 1, 0 },
	{ "*", 1, CL_C | CL_ML },	/* inside a block comment */
	{ ";", 1, 0 },			/* Lisp, assembler, ini */
	{ "%", 1, 0 },			/* TeX, Erlang, Matlab */
	{ "..", 2, 0 },			/* reStructuredText */
	{ ".\\\"", 3, 0 },		/* troff */
	{ ".", 1, 0 },			/* the kernel's w1 docs */
	{ "\\\"", 2, 0 },		/* troff */
	{ "@REM", 4, M_WORD },		/* batch */
	{ "@c", 2, M_WORD },		/* texinfo */
	{ "@", 1, 0 },			/* ARM assembler */
	{ "REM", 3, M_WORD },		/* batch, BASIC */
	{ "dnl", 3, M_WORD },		/* m4, autoconf */
	{ "::", 2, 0 },			/* batch */
	{ "\"\"\"", 3, CL_DQ3 },	/* Python docstrings */
	{ "'''", 3, CL_SQ3 },		/* and the other docstrings */
	{ "'", 1, M_QUOTE },		/* Visual Basic, roxygen (#') */
	{ "!", 1, 0 },			/* Fortran, SuperH assembler */
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

static char lower(char c)
{
	return (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

/* ASCII only: strncasecmp would depend on the locale and stop at NUL. */
static int same_ci(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++)
		if (lower(*a) != lower(*b))
			return 0;
	return 1;
}

static const struct marker *marker_at(const char *s, const char *lim)
{
	size_t i, left = (size_t)(lim - s);

	for (i = 0; i < ARRAY_SIZE(markers); i++) {
		const struct marker *m = &markers[i];

		if (left < m->len)
			continue;
		if (!(m->flags & M_WORD) && !memcmp(s, m->s, m->len))
			return m;
		if ((m->flags & M_WORD) && left > m->len && is_space(s[m->len]) &&
		    same_ci(s, m->s, m->len))
			return m;
	}
	return NULL;
}

/* The end of the white space and comment markers that start the line at
 * s, not looking at lim or beyond; the markers' flags go to *flags. */
static const char *skip_markers(const char *text, const char *s, const char *lim,
				unsigned *flags)
{
	if (s == text && lim - s >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		s += 3;
	if (lim - s >= 2 && s[0] == '#' && s[1] == '!')
		return s; /* a shebang (or a Rust #![attribute]), not a comment */
	while (s < lim) {
		const struct marker *m;

		if (is_space(*s)) {
			s++;
			continue;
		}
		m = marker_at(s, lim);
		if (!m)
			break;
		*flags |= m->flags | M_ANY;
		s += m->len;
	}
	return s;
}

struct scan {
	const char *text, *end;
	const char *seen;	/* line starts are known up to here */
	const char *line;	/* start of the line of the last hit */
	const char *prefix_end; /* end of that line's markers */
	unsigned flags;		/* and their flags */
	const char *counted;	/* line numbers are known up to here */
	unsigned lineno;	/* the line number there */
};

/* Finds the line of the hit at p and its marker prefix, looking back only
 * as far as the previous hit.  Lines end at \n, \r\n or \r. */
static void locate(struct scan *sc, const char *p)
{
	const char *from = sc->seen, *nl, *cr;

	nl = memrchr(from, '\n', (size_t)(p - from));
	if (nl)
		from = nl + 1;
	cr = memrchr(from, '\r', (size_t)(p - from));
	sc->seen = p;
	if (!nl && !cr && sc->line)
		return; /* on the line of the previous hit */
	sc->line = cr ? cr + 1 : nl ? nl + 1 : sc->text;
	sc->flags = 0;
	sc->prefix_end = skip_markers(sc->text, sc->line, p, &sc->flags);
}

/* The value, from v: to the end of the line or the first closer that the
 * line's markers allow ("*" + "/" always; any closer when the line has no
 * marker, as inside a block comment opened above), trimmed.  0 when the
 * line turns out to be code, not a comment. */
static int value_span(const char *v, const char *end, unsigned flags, struct spdx_tag *t,
		      const char *text)
{
	const char *e = text_line_end(v, end), *start = v;
	unsigned allow = CL_C | (flags & M_ANY ? flags & CL_ALL : CL_ALL);
	size_t i;

	if ((flags & M_QUOTE) && memchr(v, '\'', (size_t)(e - v)))
		return 0; /* 'SPDX-License-Identifier: MIT' is a string */
	for (i = 0; i < ARRAY_SIZE(closers); i++) {
		const char *c;

		if (!(allow & (1u << i)))
			continue;
		c = memmem(v, (size_t)(e - v), closers[i].s, closers[i].len);
		if (c)
			e = c;
	}
	while (v < e && is_space(*v))
		v++;
	while (e > v && is_space(e[-1]))
		e--;
	if (v == e)
		v = e = start; /* empty: the tag ends at the colon */
	t->value_off = (size_t)(v - text);
	t->value_len = (size_t)(e - v);
	return 1;
}

/* The next "SPDX-" at or after p.  Vectorised: a candidate needs 'S' at
 * i, 'P' at i + 1 and '-' at i + 4, which real text rarely has, then
 * memcmp confirms.  32 positions at a time with AVX2 (chosen at run
 * time), else 16 with SSE2 (every x86-64).  This is the hot loop of a
 * scan. */
#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_AVX2_PATH 1
/* 'S', 'P' at the next byte and '-' four bytes on, at the 32 positions
 * from p: one byte of 0xff each. */
__attribute__((target("avx2"))) static inline __m256i spdx_cand32(const char *p)
{
	__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)p);
	__m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(p + 1));
	__m256i c = _mm256_loadu_si256((const __m256i *)(const void *)(p + 4));

	return _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(a, _mm256_set1_epi8('S')),
						  _mm256_cmpeq_epi8(b, _mm256_set1_epi8('P'))),
				_mm256_cmpeq_epi8(c, _mm256_set1_epi8('-')));
}

/* The first "SPDX-" among the candidate bits m of the block at p, or NULL. */
static const char *spdx_in(const char *p, unsigned m)
{
	for (; m; m &= m - 1)
		if (!memcmp(p + __builtin_ctz(m) + 2, "DX", 2))
			return p + __builtin_ctz(m);
	return NULL;
}

/* The "SPDX-" from p (*found 1), or where the blocks end (*found 0):
 * 64 positions a step (one test for two blocks), then 32. */
__attribute__((target("avx2"))) static const char *find_spdx32(const char *p, const char *end,
								int *found)
{
	const char *q;

	for (*found = 0; end - p >= 68; p += 64) {
		__m256i m0 = spdx_cand32(p), m1 = spdx_cand32(p + 32);

		if (!_mm256_movemask_epi8(_mm256_or_si256(m0, m1)))
			continue;
		if ((q = spdx_in(p, (unsigned)_mm256_movemask_epi8(m0))) != NULL ||
		    (q = spdx_in(p + 32, (unsigned)_mm256_movemask_epi8(m1))) != NULL) {
			*found = 1;
			return q;
		}
	}
	for (; end - p >= 36; p += 32)
		if ((q = spdx_in(p, (unsigned)_mm256_movemask_epi8(spdx_cand32(p)))) != NULL) {
			*found = 1;
			return q;
		}
	return p;
}
#endif

static const char *find_spdx(const char *p, const char *end)
{
#ifdef __SSE2__
	const __m128i s = _mm_set1_epi8('S'), dash = _mm_set1_epi8('-');
#endif
#ifdef HAVE_AVX2_PATH
	int found;

	if (__builtin_cpu_supports("avx2")) {
		p = find_spdx32(p, end, &found);
		if (found)
			return p;
	}
#endif
#ifdef __SSE2__
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

static const struct keyword *keyword_at(const char *after, const char *end)
{
	size_t k;

	for (k = 0; k < ARRAY_SIZE(keywords); k++)
		if ((size_t)(end - after) >= keywords[k].len &&
		    same_ci(after, keywords[k].rest, keywords[k].len))
			return &keywords[k];
	return NULL;
}

/* Fills t when the keyword at p (after "SPDX-") is a tag. */
static int tag_at(struct scan *sc, const char *p, const struct keyword *kw, struct spdx_tag *t)
{
	locate(sc, p);
	if (sc->prefix_end != p)
		return 0;
	if (!value_span(p + 5 + kw->len, sc->end, sc->flags, t, sc->text))
		return 0;
	sc->lineno += text_count_lines(sc->counted, sc->line, sc->end);
	sc->counted = sc->line;
	t->kind = kw->kind;
	t->line = sc->lineno;
	t->tag_off = (size_t)(p - sc->text);
	t->tag_len = t->value_off + t->value_len - t->tag_off;
	return 1;
}

static int find_tags(const char *text, size_t len, spdx_tag_fn fn, void *ctx)
{
	struct scan sc = {
		.text = text, .end = text + len, .seen = text, .counted = text, .lineno = 1,
	};
	const char *p = text;

	while ((p = find_spdx(p, sc.end)) != NULL) {
		const struct keyword *kw = keyword_at(p + 5, sc.end);
		struct spdx_tag t;
		int rc;

		if (kw && tag_at(&sc, p, kw, &t)) {
			rc = fn(ctx, &t);
			if (rc)
				return rc;
		}
		p += 5;
	}
	return 0;
}

int spdx_find_tags(const char *text, size_t len, spdx_tag_fn fn, void *ctx)
{
	if (len < 5)
		return 0; /* and text may be NULL */
	return find_tags(text, len, fn, ctx);
}
