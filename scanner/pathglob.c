/* SPDX-License-Identifier: MIT */
/* pathglob.c -- see pathglob.h.  The matcher is the textbook dynamic programme over
 * (pattern token, path prefix), one row at a time. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pathglob.h"

enum tok_kind {
	T_LIT,   /* one byte, c */
	T_ONE,   /* '?' */
	T_CLASS, /* "[...]" at p */
	T_STAR,  /* '*' */
	T_ANY,   /* any bytes, '/' too */
	T_SEGS,  /* "**" and its '/': nothing, or whole segments ending in '/' */
	T_TAIL,  /* a final '/' "**": nothing, or '/' and anything */
};

struct tok {
	enum tok_kind kind;
	char c;
	const char *p; /* T_CLASS: the '[' */
};

static const struct {
	const char *name;
	int (*is)(int);
} named[] = {
    {"alnum", isalnum}, {"alpha", isalpha}, {"blank", isblank}, {"cntrl", iscntrl},
    {"digit", isdigit}, {"graph", isgraph}, {"lower", islower}, {"print", isprint},
    {"punct", ispunct}, {"space", isspace}, {"upper", isupper}, {"xdigit", isxdigit},
};

/* A "[:name:]" (or "[.c.]", "[=c=]") at q (before pe): its length, *hit
 * set for c; 0 if none. */
static size_t named_class(const char *q, const char *pe, unsigned char c, int *hit)
{
	const char *e;
	size_t i, n;

	if (pe - q >= 5 && q[0] == '[' && (q[1] == '.' || q[1] == '=') && q[3] == q[1] &&
	    q[4] == ']') { /* "[.c.]", "[=c=]": one byte, as fnmatch in the C locale */
		*hit |= c == (unsigned char)q[2];
		return 5;
	}
	if (pe - q < 4 || q[0] != '[' || q[1] != ':')
		return 0;
	for (e = q + 2; e + 1 < pe && !(e[0] == ':' && e[1] == ']'); e++)
		;
	if (e + 1 >= pe)
		return 0;
	n = (size_t)(e - q - 2);
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strlen(named[i].name) == n && !memcmp(named[i].name, q + 2, n))
			*hit |= named[i].is(c) != 0;
	return n + 4;
}

/* The class "[...]" at p against c: 1 or 0; *len gets the class's length,
 * 0 when p starts no complete class (then '[' is an ordinary byte). */
static int class_match(const char *p, const char *pe, unsigned char c, unsigned fl, size_t *len)
{
	const char *q = p + 1;
	int neg = 0, hit = 0;
	size_t n;

	if (q < pe && (*q == '!' || *q == '^'))
		neg = 1, q++;
	if (q < pe && *q == ']') /* a leading ']' is a member */
		hit |= c == ']', q++;
	while (q < pe && *q != ']') {
		unsigned char lo;

		if ((n = named_class(q, pe, c, &hit)) > 0) {
			q += n;
			continue;
		}
		if ((fl & PATHGLOB_ESCAPES) && *q == '\\' && q + 1 < pe)
			q++;
		lo = (unsigned char)*q++;
		if (q + 1 < pe && *q == '-' && q[1] != ']') {
			unsigned char hi = (unsigned char)q[1];

			hit |= c >= lo && c <= hi;
			q += 2;
		} else {
			hit |= c == lo;
		}
	}
	*len = q < pe ? (size_t)(q - p) + 1 : 0;
	return *len && hit != neg;
}

static int whole_dstar(const char *pat, const char *p, const char *pe)
{
	return pe - p >= 2 && p[0] == '*' && p[1] == '*' && (p == pat || p[-1] == '/') &&
	       (p + 2 == pe || p[2] == '/');
}

/* The token at p (pat is the whole pattern): its length, *t filled. */
static size_t next_tok(const char *pat, const char *p, const char *pe, unsigned fl, struct tok *t)
{
	size_t n = 0;

	t->kind = T_LIT, t->c = *p, t->p = p;
	if ((fl & PATHGLOB_SEGSTAR) && *p == '/' && (pe - p == 3 || pe - p == 1) &&
	    (pe - p == 1 ? (fl & PATHGLOB_DIRPREFIX) != 0 : whole_dstar(pat, p + 1, pe))) {
		t->kind = T_TAIL; /* a final '/' "**", or a final '/' of a directory */
		return (size_t)(pe - p);
	}
	if ((fl & PATHGLOB_SEGSTAR) && whole_dstar(pat, p, pe)) {
		if (p + 2 == pe || (p + 3 == pe && (fl & PATHGLOB_DIRPREFIX))) {
			t->kind = T_ANY;
			return (size_t)(pe - p);
		}
		t->kind = T_SEGS;
		return 3;
	}
	if (*p == '*') {
		while (p + n < pe && p[n] == '*')
			n++;
		if ((fl & PATHGLOB_DSTAR) && n >= 2) { /* "***": "**" then '*' */
			t->kind = T_ANY;
			return 2;
		}
		t->kind = T_STAR;
		return n;
	}
	if (*p == '?') {
		t->kind = T_ONE;
		return 1;
	}
	if (*p == '[' && (fl & PATHGLOB_CLASSES) && (class_match(p, pe, 0, fl, &n), n > 0) &&
	    !((fl & PATHGLOB_PATHNAME) && memchr(p, '/', n))) { /* '/' ends a segment first */
		t->kind = T_CLASS;
		return n;
	}
	if (*p == '\\' && (fl & PATHGLOB_ESCAPES) && p + 1 < pe) {
		t->c = p[1];
		return 2;
	}
	return 1;
}

/* cur from prev for one token over path s (n bytes).  Nothing below lo is
 * set in prev, so nothing below it can be in cur: the row starts there.
 * Returns the first index set in cur, n + 1 when none is. */
static size_t step(const struct tok *t, const char *pe, unsigned fl, const char *s, size_t n,
		   const unsigned char *prev, unsigned char *cur, size_t lo)
{
	int reach = 0, slash_ok;
	size_t j, len, first, start = lo ? lo : 1;

	cur[0] = t->kind == T_STAR || t->kind == T_ANY || t->kind == T_SEGS || t->kind == T_TAIL
	             ? prev[0]
	             : 0;
	first = cur[0] ? 0 : n + 1;
	if (start > 1)
		memset(cur + 1, 0, start - 1);
	for (j = start; j <= n; j++) {
		unsigned char c = (unsigned char)s[j - 1];

		slash_ok = !(fl & PATHGLOB_PATHNAME) || c != '/';
		switch (t->kind) {
		case T_LIT:
			cur[j] = prev[j - 1] && c == (unsigned char)t->c;
			break;
		case T_ONE:
			cur[j] = prev[j - 1] && slash_ok;
			break;
		case T_CLASS:
			cur[j] = prev[j - 1] && slash_ok && class_match(t->p, pe, c, fl, &len);
			break;
		case T_STAR:
			cur[j] = prev[j] || (cur[j - 1] && slash_ok);
			break;
		case T_ANY:
			cur[j] = prev[j] || cur[j - 1];
			break;
		case T_SEGS:
			reach |= prev[j - 1];
			cur[j] = prev[j] || (c == '/' && reach);
			break;
		case T_TAIL:
			reach |= prev[j - 1] && c == '/';
			cur[j] = prev[j] || reach;
			break;
		}
		if (first > n && cur[j])
			first = j;
	}
	return first;
}

/* Stops at the first token that leaves no prefix matched: a literal
 * pattern ("tools/testing/") is rejected at its first differing byte. */
static int run(const char *p, const char *pe, unsigned fl, const char *s, size_t n)
{
	unsigned char small[2][256], *prev = small[0], *cur = small[1], *tmp;
	const char *pat = p;
	struct tok t;
	size_t lo = 0;

	if (n >= sizeof(small[0])) {
		prev = xcalloc(n + 1, 1);
		cur = xcalloc(n + 1, 1);
	}
	memset(prev, 0, n + 1);
	prev[0] = 1;
	while (p < pe && lo <= n) {
		p += next_tok(pat, p, pe, fl, &t);
		lo = step(&t, pe, fl, s, n, prev, cur, lo);
		tmp = prev, prev = cur, cur = tmp;
	}
	lo = lo <= n && prev[n];
	if (n >= sizeof(small[0]))
		free(prev), free(cur);
	return (int)lo;
}

int pathglob_match(const char *pattern, const char *path, unsigned flags)
{
	int slash = strchr(pattern, '/') != NULL;

	if (flags & PATHGLOB_ROOTED) {
		while (pattern[0] == '.' && pattern[1] == '/')
			pattern += 2;
		while (pattern[0] == '/')
			pattern++;
		if (!*pattern)
			return 0;
	}
	if ((flags & PATHGLOB_BASENAME) && !slash) {
		const char *base = strrchr(path, '/');

		path = base ? base + 1 : path;
	}
	return run(pattern, pattern + strlen(pattern), flags, path, strlen(path));
}
