/* SPDX-License-Identifier: MIT */
/* tok.c -- the word normalizer.  See tok.h.
 *
 * A line is cut into words first (so rules can look at its first words),
 * then its words are folded and handed out. */
#include "tok.h"

#include "text.h"

#include <string.h>

struct word {
	const char *s;
	size_t len;
	char after;  /* the byte right after the word, or 0 */
	char before; /* the byte right before it, or 0 */
};

/* 0: separator; else the byte lower-cased.  A table: this is the hot loop
 * of a scan that matches license texts. */
static const unsigned char lower[256] = {
#define R(a) ['a' + (a)] = 'a' + (a), ['A' + (a)] = 'a' + (a)
	R(0), R(1), R(2), R(3), R(4), R(5), R(6), R(7), R(8), R(9), R(10), R(11), R(12),
	R(13), R(14), R(15), R(16), R(17), R(18), R(19), R(20), R(21), R(22), R(23), R(24), R(25),
#undef R
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
};

static int word_char(unsigned char c)
{
	return lower[c] != 0;
}

static int is_roman(const struct word *w)
{
	size_t i;

	for (i = 0; i < w->len; i++)
		if (!strchr("ivxIVX", w->s[i]))
			return 0;
	return w->len <= 4;
}

/* "2.1." or "2.1)" (digits and dots, closed by a dot or parenthesis and
 * a space): a section number, where "2.0," is a version. */
static int section_number(const struct word *w, const char *end)
{
	const char *p = w->s + w->len;

	while (p < end && ((*p >= '0' && *p <= '9') || *p == '.'))
		p++;
	if (p < end && *p == ')')
		p++;
	else if (p[-1] != '.')
		return 0;
	return p == end || *p == ' ' || *p == '\t';
}

/* "1." "a)" "(iv)" "2.1." at the start of a line: numbering, not words. */
static int is_bullet(const struct word *w, const char *end)
{
	int digits = 1;
	size_t i;

	if (w->after != '.' && w->after != ')')
		return 0;
	if (w->after == '.' && w->s + w->len + 1 < end && w->s[w->len + 1] >= '0' &&
	    w->s[w->len + 1] <= '9' && !section_number(w, end))
		return 0; /* "2.0," wrapped to a line's start is a version, not "2." */
	for (i = 0; i < w->len; i++)
		digits &= w->s[i] >= '0' && w->s[i] <= '9';
	return (digits && w->len <= 3) || w->len == 1 || is_roman(w);
}

static int word_is(const struct word *w, const char *s)
{
	size_t i;

	if (w->len != strlen(s))
		return 0;
	for (i = 0; i < w->len; i++)
		if ((w->s[i] | 0x20) != s[i])
			return 0;
	return 1;
}

/* "Copyright (c) 2020 X", "Copyright 2019 X", "Copyright <year> <holder>",
 * "(c) 2020 X", "© 2020 X", "Portions Copyright (c) ...": a statement, not terms.  A wrapped line that
 * starts with "copyright notice, ..." is terms. */
static int copyright_line(const char *line, const struct word *v, size_t n)
{
	const char *p = line;

	while (p < v[0].s && !word_char((unsigned char)*p)) {
		if ((unsigned char)p[0] == 0xc2 && (unsigned char)p[1] == 0xa9)
			return 1; /* © */
		p++;
	}
	if (word_is(&v[0], "c") && v[0].before == '(' && v[0].after == ')')
		return 1;
	if (n > 2 && word_is(&v[0], "portions")) { /* "Portions Copyright (c) ..." */
		v++;
		n--;
	}
	if (!word_is(&v[0], "copyright") || n < 2)
		return 0;
	return word_is(&v[1], "c") || (v[1].s[0] >= '0' && v[1].s[0] <= '9') ||
	       word_is(&v[1], "year") || word_is(&v[1], "yyyy");
}

/* Finds the next word in [p, end), lower-cased into out as it is read
 * (cut at TOK_MAX_WORD, NUL-terminated): one pass over its bytes.
 * sentinel: the byte at end may be read (the line's terminator, which
 * ends a word), so the word loop need not test for end.  Returns 0 at
 * the end of the line. */
static int next_word(const char **pp, const char *line, const char *end, int sentinel,
		     struct word *w, char *out)
{
	const char *p = *pp;
	size_t i = 0;
	unsigned char c;

	while (p < end && !word_char((unsigned char)*p))
		p++;
	if (p == end)
		return 0;
	w->s = p;
	w->before = (char)(p > line ? p[-1] : 0);
	if (sentinel) {
		for (; (c = lower[(unsigned char)*p]) != 0; p++)
			if (i < TOK_MAX_WORD)
				out[i++] = (char)c;
	} else {
		for (; p < end && (c = lower[(unsigned char)*p]) != 0; p++)
			if (i < TOK_MAX_WORD)
				out[i++] = (char)c;
	}
	out[i] = '\0';
	w->len = (size_t)(p - w->s);
	w->after = (char)(p < end ? *p : 0);
	*pp = p;
	return 1;
}

/* The folded length of w, as next_word() wrote it. */
static size_t folded_len(const struct word *w)
{
	return w->len < TOK_MAX_WORD ? w->len : TOK_MAX_WORD;
}

/* A line [line, end) of a text that ends at lim. */
static int tok_line(const char *line, const char *end, const char *lim, unsigned no, tok_fn fn,
		    void *ctx)
{
	struct word v[8], w;
	char out[8][TOK_MAX_WORD + 1];
	const char *p = line;
	size_t n = 0, i = 0;
	int rc, sentinel = end < lim;

	/* the first words decide: copyright line, numbering */
	while (n < 8 && next_word(&p, line, end, sentinel, &v[n], out[n]))
		n++;
	if (n == 0 || copyright_line(line, v, n))
		return 0;
	while (i < n && is_bullet(&v[i], end))
		i++;
	for (; i < n; i++)
		if ((rc = fn(ctx, out[i], folded_len(&v[i]), no)) != 0)
			return rc;
	while (next_word(&p, line, end, sentinel, &w, out[0]))
		if ((rc = fn(ctx, out[0], folded_len(&w), no)) != 0)
			return rc;
	return 0;
}

int tok_words(const char *text, size_t len, tok_fn fn, void *ctx)
{
	const char *p = text, *end = text + len;
	unsigned line = 1;
	int rc;

	while (p < end) {
		const char *eol = text_line_end(p, end);

		if ((rc = tok_line(p, eol, end, line, fn, ctx)) != 0)
			return rc;
		line++;
		p = text_next_line(eol, end);
	}
	return 0;
}
