/* SPDX-License-Identifier: MIT */
/* copyright.c -- copyright statements.  See copyright.h.
 *
 * Three parts, cheap first: the prefilter (next_hit: one vectorised pass
 * over the file), the collector (a hit becomes a struct stmt: the bodies of
 * the statement's lines, comment prefixes stripped, joined by \n, with
 * where each came from), and the parser (parse: leads, then groups of
 * years and a holder), which copy_parse() shares.  The parser and the
 * collector work on at most MAX_LINES lines of LINE_CAP bytes, so a hit
 * costs a bounded amount of work however long its line is. */
#include "copyright.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include "buf.h"
#include "text.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define LINE_CAP 320   /* bytes of one line kept in a statement */
#define MAX_LINES 8    /* lines of one statement */
#define MAX_GROUPS 16  /* years + holder groups of one statement */
#define LOOKBACK 256   /* bytes before a hit looked at on its line */
#define LINE_SCAN ((ptrdiff_t)2 * LINE_CAP) /* bytes a line end is looked for in */
#define LIST_BACK 600  /* bytes before "(c)" searched for "(b)" */
#define HOLDER_MAX 200 /* a holder is cut there, between words */

/* --- characters ------------------------------------------------------------ */

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

static int is_ws(int c) /* in a statement, \n joins its lines */
{
	return is_space(c) || c == '\n';
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || is_upper(c);
}

static int is_alnum(int c)
{
	return is_alpha(c) || is_digit(c);
}

static int is_id(int c) /* identifier characters of code */
{
	return is_alnum(c) || c == '_';
}

static int is_letter(unsigned char c) /* a letter, or part of a non-ASCII one */
{
	return is_alpha(c) || c >= 0x80;
}

static int lower(int c)
{
	return is_upper(c) ? c - 'A' + 'a' : c;
}

/* w is lower case.  ASCII only: no locale. */
static int same_ci(const char *a, const char *w, size_t n)
{
	for (; n; n--, a++, w++)
		if (lower((unsigned char)*a) != (unsigned char)*w)
			return 0;
	return 1;
}

/* The length of phrase w (lower case) at s in any case, a space in w
 * standing for any white space; a phrase ending in a letter or digit
 * must end a word.  0 if s does not start with it. */
static size_t phrase_at(const char *s, const char *e, const char *w)
{
	const char *p = s;
	char last = 0;

	for (; *w; w++) {
		if (*w == ' ') {
			if (p >= e || !is_ws(*p))
				return 0;
			while (p < e && is_ws(*p))
				p++;
			continue;
		}
		if (p >= e || lower((unsigned char)*p) != (unsigned char)*w)
			return 0;
		last = *w;
		p++;
	}
	if (is_alnum(last) && p < e && is_id((unsigned char)*p))
		return 0;
	return (size_t)(p - s);
}

static size_t phrase_in(const char *s, const char *e, const char *const *list, size_t n)
{
	size_t i, k;
	int c;

	if (s >= e)
		return 0;
	c = lower((unsigned char)*s);
	for (i = 0; i < n; i++)
		if ((unsigned char)list[i][0] == c && (k = phrase_at(s, e, list[i])) != 0)
			return k;
	return 0;
}

/* --- years ------------------------------------------------------------------- */

/* 19xx or 20xx, not part of a longer number or word. */
static size_t year4(const char *s, const char *e)
{
	if (e - s < 4 || !((s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0')) ||
	    !is_digit(s[2]) || !is_digit(s[3]))
		return 0;
	return e - s > 4 && is_id((unsigned char)s[4]) ? 0 : 4;
}

/* What may end a range after "-": a year, one or two digits ("1998-99",
 * "1998-9"), "present". */
static size_t range_end(const char *s, const char *e)
{
	static const char *const words[] = { /* sorted */
		"current", "date", "now", "present", "today",
	};
	size_t k = year4(s, e);

	if (k)
		return k;
	for (k = 0; k < 2 && s + k < e && is_digit(s[k]); k++)
		;
	if (k && (s + k == e || !is_id((unsigned char)s[k])))
		return k;
	return phrase_in(s, e, words, ARRAY_SIZE(words));
}

/* What may follow a run of years: "2003+", "2017 and later". */
static size_t years_suffix(const char *s, const char *e)
{
	static const char *const words[] = { " and later", " and onwards", " onwards" };

	if (s < e && *s == '+')
		return 1;
	return phrase_in(s, e, words, ARRAY_SIZE(words));
}

/* A run of years at s, "1991, 1992", "2019-2021", "1998-99", "2001,2003 -
 * 2005", "1995--2003", "2019-present", "2003+", without what trails it; 0
 * if s has no year. */
static size_t years_at(const char *s, const char *e)
{
	const char *p = s, *q;
	size_t k = year4(s, e);

	if (!k)
		return 0;
	for (p += k;; p = q + k) {
		int range = 0;

		for (q = p; q < e && is_ws(*q); q++)
			;
		if (q < e && *q == '-') {
			range = 1;
			q += e - q > 1 && q[1] == '-' ? 2 : 1;
		/* cppcheck-suppress knownConditionTrueFalse ; q < e is all the branch above knew */
		} else if (e - q >= 3 && (!memcmp(q, "\xe2\x80\x93", 3) ||
					  !memcmp(q, "\xe2\x80\x94", 3))) { /* en, em dash */
			range = 1;
			q += 3;
		} else if (q < e && (*q == ',' || *q == '/')) {
			q++;
		}
		while (q < e && is_ws(*q))
			q++;
		k = range ? range_end(q, e) : year4(q, e);
		if (!k)
			break;
	}
	return (size_t)(p - s) + years_suffix(p, e);
}

/* --- leads ------------------------------------------------------------------- */

enum {
	L_WORD = 1 << 0,    /* "Copyright", "@copyright" */
	L_SIGN = 1 << 1,    /* "(c)", ©, &copy;, @copyright{} */
	L_TAG = 1 << 2,     /* SPDX-FileCopyrightText: */
	L_PORTION = 1 << 3, /* "Portions" */
};

static const struct lead {
	const char *w;
	unsigned kind;
} leads[] = {
	{ "spdx-filecopyrighttext:", L_TAG },
	{ "copyright", L_WORD },
	{ "(c)", L_SIGN },
	{ "\xc2\xa9", L_SIGN },
	{ "&copy;", L_SIGN },
	{ "&#169;", L_SIGN },
	{ "&#xa9;", L_SIGN },
	{ "@copyright{}", L_SIGN }, /* texinfo's sign */
	{ "\\copyright{}", L_SIGN }, /* LaTeX's */
	{ "\\copyright", L_SIGN },
	{ "@copyright", L_WORD },    /* a doc tag */
	{ "some portions", L_PORTION },
	{ "portions", L_PORTION },
	{ "parts", L_PORTION },
};

/* The lead at s and its kind; "Portions" only before another lead. */
static size_t lead_at(const char *s, const char *e, unsigned *kind)
{
	size_t i, k;

	if (s >= e || !strchr("sc(\xc2&@\\p", lower((unsigned char)*s)) || !*s)
		return 0;
	for (i = 0; i < ARRAY_SIZE(leads); i++) {
		if (!(k = phrase_at(s, e, leads[i].w)))
			continue;
		if (leads[i].kind == L_PORTION) {
			const char *p = s + k;
			unsigned next;

			while (p < e && is_ws(*p))
				p++;
			if (!lead_at(p, e, &next) || next == L_PORTION)
				return 0;
		}
		*kind = leads[i].kind;
		return k;
	}
	return 0;
}

/* Past the leads at p and what separates them (white space, ":", ",",
 * "by" after a lead, "-" after years); their kinds go to *kinds. */
static size_t skip_leads(const char *s, size_t n, size_t p, unsigned *kinds, int after_years)
{
	const char *e = s + n;

	for (;;) {
		unsigned kind;
		size_t k;

		while (p < n && (is_ws(s[p]) || s[p] == ':' || s[p] == ',' ||
				 (after_years && s[p] == '-')))
			p++;
		if ((k = lead_at(s + p, e, &kind)) != 0) {
			*kinds |= kind;
			p += k;
		} else if ((*kinds || after_years) && (k = phrase_at(s + p, e, "by")) != 0) {
			p += k;
		} else {
			return p;
		}
	}
}

/* --- the parser -------------------------------------------------------------- */

struct group {
	size_t yoff, ylen; /* the years, in s */
	size_t hoff, hlen; /* the holder as written, in s */
};

struct parse {
	struct group g[MAX_GROUPS];
	size_t ng;
	size_t end;    /* bytes of s in the statement */
	unsigned lead; /* L_* seen */
};

enum { P_NL_SPLITS = 1 }; /* each line a holder (DEP-5) */

/* The word at s (letters only, at most 23) in lower case into lw; its
 * length, 0 if s is no such word. */
static size_t word_lc(const char *s, const char *e, char lw[24])
{
	size_t n = 0;

	while (s + n < e && is_alpha((unsigned char)s[n])) {
		if (n == 23)
			return 0;
		lw[n] = (char)lower((unsigned char)s[n]);
		n++;
	}
	return n;
}

/* lw (n bytes, lower case) is in list, sorted by strcmp. */
static int in_sorted(const char *lw, size_t n, const char *const *list, size_t cnt)
{
	size_t lo = 0, hi = cnt;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, k = strlen(list[mid]);
		int c = memcmp(lw, list[mid], n < k ? n : k);

		if (!c)
			c = n < k ? -1 : n > k;
		if (!c)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* Words that end a holder: license prose begins.  Lower case as written,
 * so "Will Smith" stays a holder. */
static const char *const stops_lc[] = { /* sorted */
	"all", "are", "can", "has", "have", "is", "it", "may", "must", "provided", "see", "shall",
	"this", "under", "unless", "use", "was", "were", "will", "written",
};

/* And in any case. */
static const char *const stops_any[] = { /* sorted */
	"distributed", "licenced", "licensed", "permission", "redistributed", "redistribution",
	"released", "subject", "they", "you",
};

/* Words that end a holder with what follows them, in any case: "This
 * file", "Author:", "written by", "SPDX-License-Identifier". */
static const char *const stops_phrase[] = {
	"all rights", "author:", "authors:", "contact:", "for more", "in addition", "maintainer:",
	"see also", "see copying", "see license", "see the", "spdx-license-identifier",
	"this code", "this file", "this library", "this program", "this software",
	"use of", "written by",
};

static int stop_word(const char *s, const char *e)
{
	char lw[24];
	size_t n = word_lc(s, e, lw);

	if (!n)
		return 0;
	if (s[0] >= 'a' && s[0] <= 'z' && in_sorted(lw, n, stops_lc, ARRAY_SIZE(stops_lc)))
		return 1;
	if (in_sorted(lw, n, stops_any, ARRAY_SIZE(stops_any)))
		return 1;
	return s + n < e && (s[n] == ':' || s[n] == ' ' || s[n] == '-') &&
	       phrase_in(s, e, stops_phrase, ARRAY_SIZE(stops_phrase));
}

/* Words whose dot is part of them: "Inc.", "et al.". */
static int abbreviation(const char *w, size_t n)
{
	static const char *const abbr[] = {
		"inc", "ltd", "co", "corp", "jr", "sr", "al", "bros", "etc", "intl", "assn", "univ",
		"dept", "pty", "pvt", "ltda", "cia", "mfg", "mr", "mrs", "ms", "dr", "st",
	};
	size_t i;

	if (n <= 1)
		return 1; /* an initial: "J. R. Smith" */
	for (i = 0; i < ARRAY_SIZE(abbr); i++)
		if (strlen(abbr[i]) == n && same_ci(w, abbr[i], n))
			return 1;
	return 0;
}

/* The dot at s[i] ends a word that keeps it. */
static int keeps_dot(const char *s, size_t i)
{
	size_t w = i;

	while (w > 0 && (is_alpha((unsigned char)s[w - 1]) || s[w - 1] == '\''))
		w--; /* "Ts'o." is no initial */
	return w < i && abbreviation(s + w, i - w);
}

/* s[q] is "." and a sentence starts after it: "Authors. Use of ...". */
static int sentence_end(const char *s, size_t q, size_t n)
{
	size_t r = q + 1;

	if (r >= n || !is_ws(s[r]))
		return 0;
	while (r < n && is_ws(s[r]))
		r++;
	if (r >= n || !is_upper((unsigned char)s[r]) || keeps_dot(s, q))
		return 0;
	return !phrase_at(s + r, s + n, "all rights reserved");
}

/* The bracket at s[q] ("<" or "(") holds an e-mail or URL: its length. */
static size_t mail_bracket(const char *s, size_t q, size_t n)
{
	char close = s[q] == '<' ? '>' : ')';
	const char *c = memchr(s + q + 1, close, n - q - 1 < 200 ? n - q - 1 : 200);
	const char *b = s + q + 1;

	if (!c)
		return 0;
	if (memchr(b, '@', (size_t)(c - b)) || memmem(b, (size_t)(c - b), "://", 3))
		return (size_t)(c - (s + q)) + 1;
	return 0;
}

struct hscan {
	size_t hend; /* the holder is [p, hend) */
	size_t next; /* where the next group starts, or 0 */
	size_t end;  /* the statement's end so far */
};

/* Years after a holder end it when the statement or its sentence ends
 * there: "Copyright IBM Corp. 2007", "Jeremy Siek 2000. Permission ...". */
static int trailing_years(const char *s, size_t p, size_t n)
{
	while (p < n && is_ws(s[p]))
		p++;
	if (p < n && s[p] == '.')
		return 1;
	while (p < n && (is_ws(s[p]) || s[p] == ',' || s[p] == ';'))
		p++;
	return p == n || stop_word(s + p, s + n);
}

/* At s[q], white space or , ; a new group starts: its offset, or 0. */
static size_t group_break(const char *s, size_t q, size_t n, unsigned flags)
{
	size_t r = q, y;
	int punct = 0, nl = 0;

	while (r < n && (is_ws(s[r]) || s[r] == ',' || s[r] == ';')) {
		punct |= s[r] == ',' || s[r] == ';';
		nl |= s[r] == '\n';
		r++;
	}
	if (r == n)
		return 0;
	y = years_at(s + r, s + n);
	if (y && (punct || nl || trailing_years(s, r + y, n)))
		return r;
	return nl && (flags & P_NL_SPLITS) ? r : 0;
}

/* One holder, from p: up to the next group, "All rights reserved", a new
 * statement, a sentence end, license prose, an HTML tag. */
static void holder_scan(const char *s, size_t n, size_t p, unsigned flags, struct hscan *h)
{
	const char *e = s + n;
	size_t q = p, k;
	int word_start = 1;
	unsigned kind;

	h->next = 0;
	for (; q < n; q++) {
		unsigned char c = (unsigned char)s[q];

		if (is_ws(c) || c == ',' || c == ';') {
			if (q > p && (h->next = group_break(s, q, n, flags)) != 0)
				break;
			word_start = 1;
			continue;
		}
		if (word_start && (k = phrase_at(s + q, e, "all rights reserved")) != 0) {
			h->hend = q;
			h->end = q + k + (q + k < n && s[q + k] == '.');
			return;
		}
		if (word_start && q > p && (stop_word(s + q, e) ||
					    (lead_at(s + q, e, &kind) && kind != L_PORTION)))
			break;
		if (c == '<' || c == '(') {
			if ((k = mail_bracket(s, q, n)) != 0) {
				q += k - 1;
				word_start = 0;
				continue;
			}
			if (c == '<')
				break; /* an HTML tag or a template */
		}
		if (c == '.' && q > p && sentence_end(s, q, n)) {
			h->hend = q;
			h->end = q + 1;
			return;
		}
		word_start = c == '"' || c == '\'' || c == '(' || c == '[';
	}
	h->hend = h->end = q;
}

static int has_letter(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (is_letter((unsigned char)s[i]) || is_digit(s[i]))
			return 1;
	return 0;
}

/* s[end - 1] is the ";" of an entity ("&amp;"). */
static int entity_end(const char *s, size_t end)
{
	size_t i = end - 1;

	if (s[i] != ';')
		return 0;
	while (i > 0 && end - i < 9 && (is_alnum((unsigned char)s[i - 1]) || s[i - 1] == '#'))
		i--;
	return i > 0 && s[i - 1] == '&' && i < end - 1;
}

static void parse(const char *s, size_t n, unsigned flags, struct parse *P)
{
	size_t p;

	memset(P, 0, sizeof(*P));
	p = skip_leads(s, n, 0, &P->lead, 0);
	while (P->ng < MAX_GROUPS && p < n) {
		struct group *g = &P->g[P->ng];
		struct hscan h;
		size_t y;

		if (P->ng)
			p = skip_leads(s, n, p, &P->lead, 0); /* DEP-5: "(c) A" / "(c) B" lines */
		y = years_at(s + p, s + n);
		g->yoff = p;
		g->ylen = y;
		if (y)
			p = skip_leads(s, n, p + y, &P->lead, 1);
		holder_scan(s, n, p, flags, &h);
		g->hoff = p;
		g->hlen = has_letter(s + p, h.hend - p) ? h.hend - p : 0;
		if (!y && !g->hlen)
			break;
		P->ng++;
		P->end = h.end > g->yoff + y ? h.end : g->yoff + y;
		if (!h.next)
			break;
		p = h.next;
	}
	while (P->end > 0 && (is_ws(s[P->end - 1]) || strchr(",;:", s[P->end - 1])) &&
	       !entity_end(s, P->end))
		P->end--;
}

/* --- holders ----------------------------------------------------------------- */

static int mail_or_url(const char *s, size_t n)
{
	size_t i;
	int at = 0;

	if (n > 4 && same_ci(s, "www.", 4))
		return 1;
	for (i = 0; i < n; i++) {
		if (s[i] == '@' && i > 0)
			at = 1;
		else if ((s[i] == '.' && at) ||
			 (s[i] == ':' && i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/'))
			return 1;
	}
	return 0;
}

/* Trailing punctuation, dangling "and", a dot that is no abbreviation's. */
static void trim_holder(struct buf *b)
{
	size_t i = 0;

	while (i < b->len && strchr(" ,;:-\"'*", b->data[i]))
		i++;
	memmove(b->data, b->data + i, b->len - i);
	b->len -= i;
	while (b->len) {
		char c = b->data[b->len - 1];

		if (strchr(" ,;:-/\"'(*", c) ||
		    (c == ')' && !memchr(b->data, '(', b->len)) ||
		    (c == ']' && !memchr(b->data, '[', b->len)) ||
		    (c == '.' && !keeps_dot(b->data, b->len - 1)))
			b->len--;
		else if (b->len > 4 && same_ci(b->data + b->len - 4, " and", 4))
			b->len -= 4;
		else if (b->len > 10 && same_ci(b->data + b->len - 10, " including", 10))
			b->len -= 10;
		else if (b->len > 2 && !memcmp(b->data + b->len - 2, " &", 2))
			b->len -= 2;
		else
			break;
	}
	if (b->data)
		b->data[b->len] = 0;
}

/* The holder as written, cleaned into b: e-mails and URLs dropped (unless
 * that leaves nothing), white space collapsed, &amp; and &quot; decoded,
 * punctuation trimmed.  Room is made once: a holder only shrinks. */
static void clean_holder(const char *s, size_t n, struct buf *b)
{
	static const char *const ents[] = { "&amp;", "&quot;" };
	size_t i = 0, fb = 0, fbn = 0, k;

	buf_reset(b);
	buf_grow(b, n);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if ((c == '<' || c == '(') && (k = mail_bracket(s, i, n)) != 0) {
			if (!fbn) {
				fb = i + 1;
				fbn = k - 2;
			}
			i += k;
			continue;
		}
		if (!is_ws(c) && (i == 0 || is_ws(s[i - 1]))) {
			for (k = i; k < n && !is_ws(s[k]); k++)
				;
			while (k > i + 1 && strchr(",;:.", s[k - 1]))
				k--; /* "a@b.org," keeps its comma */
			if (mail_or_url(s + i, k - i)) {
				if (!fbn) {
					fb = i;
					fbn = k - i;
				}
				i = k;
				continue;
			}
		}
		if (c == '&' && (k = phrase_in(s + i, s + n, ents, ARRAY_SIZE(ents))) != 0) {
			b->data[b->len++] = k == 5 ? '&' : '"';
			i += k;
			continue;
		}
		if (is_ws(c)) {
			if (b->len && b->data[b->len - 1] != ' ')
				b->data[b->len++] = ' ';
		} else {
			if ((c == ',' || c == ';') && b->len && b->data[b->len - 1] == ' ')
				b->len--; /* "Kysela <perex@perex.cz>, Abramo" */
			b->data[b->len++] = (char)c;
		}
		i++;
	}
	trim_holder(b);
	if (!b->len && fbn) {
		buf_add(b, s + fb, fbn);
		trim_holder(b);
	}
}

/* --- is it a statement? ---------------------------------------------------- */

/* Words that never start a holder: prose, code, headings of license
 * terms.  In any case in junk_any; junk_lc only in lower case, as
 * written, so "May Smith", "He Qiang" and "AT&T" are holders. */
static const char *const junk_any[] = { /* sorted */
	"about", "act", "acts", "all", "also", "and", "and/or", "any", "are", "char", "claim",
	"claims", "const", "convention", "could", "date", "def", "directive", "disclaimer",
	"does", "etc", "false", "for", "from", "function", "has", "have", "here", "holder",
	"holders", "how", "including", "infringement", "int", "into", "is", "law", "laws",
	"licence", "licences", "license", "licensed", "licenses", "licensing", "must", "name",
	"nil", "none", "not", "notice", "noticed", "notices", "null", "of", "only", "or", "owner",
	"owners", "ownership", "permission", "permissions", "protection", "reserved", "return",
	"see", "self", "shall", "should", "statement", "statements", "static", "string", "such",
	"terms", "than", "that", "then", "there", "these", "this", "those", "to", "treaty",
	"true", "undefined", "under", "use", "used", "using", "var", "void", "was", "were",
	"what", "when", "where", "which", "who", "with", "without", "would", "year", "years",
	"you", "your", "yy", "yyyy",
};
static const char *const junk_lc[] = { /* sorted */
	"as", "at", "be", "been", "but", "by", "can", "do", "he", "her", "his", "i", "if", "in",
	"it", "its", "may", "me", "my", "new", "no", "nor", "not", "on", "our", "she", "so",
	"their", "they", "us", "we", "will",
};

/* Nouns that start headings ("Copyright Notice", "Copyright Act"): junk
 * when no year vouches for the statement. */
static const char *const junk_noyear[] = { /* sorted */
	"act", "agreement", "and/or", "applicable", "assignment", "banner", "block", "character",
	"check", "checks", "comment", "comments", "details", "field", "fields", "file", "files",
	"goes", "header", "headers", "here", "holder", "info", "information", "interest",
	"issues", "line", "lines", "message", "n/a", "na", "no", "note", "notes", "office",
	"owner", "page", "pd", "placeholder", "policy", "questions", "registration", "right",
	"rights", "section", "sign", "status", "string", "stuff", "symbol", "tag", "tags",
	"template", "text", "transfer", "unknown", "update", "updated", "updates", "violation",
	"violations", "year",
};

/* The word w (n bytes) is in list (sorted), in any case or as written. */
static int in_words(const char *w, size_t n, const char *const *list, size_t cnt, int exact)
{
	char lw[24];
	size_t i;

	if (!n || n >= sizeof(lw))
		return 0;
	for (i = 0; i < n; i++)
		lw[i] = (char)(exact ? w[i] : lower((unsigned char)w[i]));
	return in_sorted(lw, n, list, cnt);
}

static size_t first_word(const char *h, const char **w)
{
	size_t n = 0;

	*w = h;
	while (h[n] && (is_letter((unsigned char)h[n]) || h[n] == '/'))
		n++; /* "Iñaki" is one word, not "I" */
	return n;
}

/* The word at w (n letters) in lower case is x. */
static int word_is(const char *w, size_t n, const char *x)
{
	return strlen(x) == n && same_ci(w, x, n);
}

/* Templates ("<year> <owner>", "[name of copyright owner]", "{{ year }}",
 * "Company or Person's Name <E-mail address>"), in the holder as
 * written: one pass over its words. */
static int template_like(const char *h, size_t n)
{
	static const char *const bracketed[] = { /* sorted */
		"author", "authors", "company", "copyright", "date", "dates", "e", "email", "fullname",
		"holder", "holders", "name", "organization", "owner", "owners", "year", "years", "your",
		"yyyy",
	};
	const char *e = h + n, *p = h, *pw = NULL;
	size_t pn = 0;

	for (; p < e; p++) {
		const char *w = p;
		size_t k;

		if (e - p >= 2 && ((p[0] == '{' && p[1] == '{') || (p[0] == '$' && p[1] == '{') ||
				   (p[0] == '%' && (p[1] == 's' || p[1] == 'd')) ||
				   (p[0] == '_' && p[1] == '_')))
			return 1;
		if (!is_alpha((unsigned char)*p))
			continue;
		while (p < e && is_alpha((unsigned char)*p))
			p++;
		k = (size_t)(p - w);
		if (word_is(w, k, "yyyy") || word_is(w, k, "year") || word_is(w, k, "fullname"))
			return 1;
		if (w > h && (w[-1] == '<' || w[-1] == '[') &&
		    in_words(w, k, bracketed, ARRAY_SIZE(bracketed), 0))
			return 1;
		if (word_is(w, k, "name") && ((p + 3 <= e && same_ci(p, " of", 3)) ||
					      (pw && (word_is(pw, pn, "your") || word_is(pw, pn, "full") ||
						      word_is(pw, pn, "author") || word_is(pw, pn, "s")))))
			return 1;
		if (word_is(w, k, "address") && pw && (word_is(pw, pn, "mail") || word_is(pw, pn, "email")))
			return 1;
		if ((word_is(w, k, "holder") || word_is(w, k, "holders") || word_is(w, k, "owner")) &&
		    pw && word_is(pw, pn, "copyright"))
			return 1;
		pw = w;
		pn = k;
		p--;
	}
	return 0;
}

/* Code in the holder: "get_copyright()", "x = y", "a->b". */
static int code_like(const char *h)
{
	const char *p;

	if (!is_letter((unsigned char)h[0]) && !is_digit(h[0]) && !strchr("@([.", h[0]))
		return 1;
	for (p = h; *p; p++) {
		char d = p[1];

		switch (*p) {
		case '=': case '{': case '}': case '+': case '#':
			return 1;
		case '(': if (d == ')') return 1; break;
		case '-': if (d == '>') return 1; break;
		case ':': if (d == ':') return 1; break;
		case '&': if (d == '&') return 1; break;
		case '|': if (d == '|') return 1; break;
		case '\\': if (d == 'n') return 1; break;
		case '$': if (d == '(') return 1; break;
		}
	}
	return 0;
}

static int holder_ok(const char *h, int has_year)
{
	const char *w;
	size_t n = first_word(h, &w);

	if (!*h || code_like(h))
		return 0;
	if (in_words(w, n, junk_any, ARRAY_SIZE(junk_any), 0) ||
	    in_words(w, n, junk_lc, ARRAY_SIZE(junk_lc), 1))
		return 0;
	return has_year || !in_words(w, n, junk_noyear, ARRAY_SIZE(junk_noyear), 0);
}

/* A name, not prose: "Jane Doe", "The Chromium Authors", "ACME Inc.",
 * "Jane Doe and others", an e-mail.  At most one word in lower case
 * besides the little ones of names. */
static int name_like(const char *h)
{
	static const char *const small[] = { /* sorted */
		"a", "al", "and", "at", "contributors", "da", "de", "den", "der", "di", "du", "et",
		"for", "in", "la", "le", "of", "on", "others", "the", "und", "van", "von", "y",
	};
	const char *p = h;
	int words = 0, lc = 0;

	if (mail_or_url(h, strlen(h)))
		return 1;
	if (!is_upper((unsigned char)h[0]) && !is_digit(h[0]) && (unsigned char)h[0] < 0x80)
		return 0;
	while (*p) {
		const char *w = p;

		while (*p && *p != ' ')
			p++;
		words++;
		if (w[0] >= 'a' && w[0] <= 'z') {
			size_t n = 0;

			while (is_alpha((unsigned char)w[n]))
				n++;
			lc += !in_words(w, n, small, ARRAY_SIZE(small), 0);
		}
		while (*p == ' ')
			p++;
	}
	return words <= 12 && lc <= 1;
}

/* --- findings ---------------------------------------------------------------- */

struct split {
	char *h[MAX_GROUPS]; /* owned */
	size_t nh;
	struct buf years;
	int bad;       /* a holder is a template or code */
	int junk;      /* holders dropped as prose */
	int all_names; /* every holder looks like a name */
};

static void split_release(struct split *sp)
{
	size_t i;

	for (i = 0; i < sp->nh; i++)
		free(sp->h[i]);
	buf_release(&sp->years);
}

static void add_years(struct buf *b, const char *s, size_t n)
{
	size_t i;

	if (b->len)
		buf_adds(b, ", ");
	for (i = 0; i < n; i++)
		buf_addc(b, (char)(s[i] == '\n' ? ' ' : s[i]));
}

/* The years and cleaned holders of P; strict drops holders that are junk. */
static void split(const char *s, const struct parse *P, int strict, struct split *sp)
{
	struct buf hb = BUF_INIT;
	int has_year = 0;
	size_t i, j;

	memset(sp, 0, sizeof(*sp));
	sp->all_names = 1;
	for (i = 0; i < P->ng; i++)
		has_year |= P->g[i].ylen > 0;
	for (i = 0; i < P->ng; i++) {
		const struct group *g = &P->g[i];

		if (g->ylen)
			add_years(&sp->years, s + g->yoff, g->ylen);
		if (!g->hlen)
			continue;
		if (strict && template_like(s + g->hoff, g->hlen))
			sp->bad = 1;
		clean_holder(s + g->hoff, g->hlen, &hb);
		if (hb.len > HOLDER_MAX) { /* a long list: cut between words */
			size_t k = text_cut(hb.data, hb.len, HOLDER_MAX), w = k;

			while (w > 0 && hb.data[w - 1] != ' ')
				w--;
			hb.len = w > HOLDER_MAX / 2 ? w : k;
			trim_holder(&hb);
		}
		if (!hb.len)
			continue;
		if (strict && !holder_ok(hb.data, has_year)) {
			sp->bad |= code_like(hb.data);
			sp->junk++;
			continue;
		}
		sp->all_names &= name_like(hb.data);
		for (j = 0; j < sp->nh && strcmp(sp->h[j], hb.data); j++)
			;
		if (j == sp->nh)
			sp->h[sp->nh++] = xstrdup(hb.data);
	}
	buf_release(&hb);
}

/* Moves the holders and years of sp into f. */
static void split_give(struct split *sp, struct finding *f)
{
	size_t i;

	if (sp->nh) {
		f->holders = xmalloc(sp->nh * sizeof(*f->holders));
		for (i = 0; i < sp->nh; i++)
			f->holders[i] = sp->h[i];
		f->nholders = sp->nh;
		sp->nh = 0;
	}
	if (sp->years.len)
		f->years = buf_take(&sp->years);
}

size_t copy_parse(const char *s, size_t n, struct finding *f)
{
	struct parse P;
	struct split sp;
	size_t end;

	if (!s || !n)
		return 0;
	parse(s, n, 0, &P);
	split(s, &P, 0, &sp);
	end = sp.nh || sp.years.len ? P.end : 0;
	if (end)
		split_give(&sp, f);
	split_release(&sp);
	return end;
}

/* --- the prefilter ----------------------------------------------------------- */

/* A candidate at p: "yr" in any case (the middle of "copyright"), "(" and
 * ")" two bytes apart ("(c)"), 0xc2 (the lead byte of ©), "&" and ";" five
 * bytes apart (&copy; &#169; &#xa9;). */
static int candidate(const char *p, const char *end)
{
	unsigned char c = (unsigned char)p[0];
	ptrdiff_t left = end - p;

	return (left >= 2 && (c | 0x20) == 'y' && (p[1] | 0x20) == 'r') ||
	       (left >= 3 && c == '(' && p[2] == ')') || c == 0xc2 ||
	       (left >= 6 && c == '&' && p[5] == ';');
}

/* The candidates of one block, one bit per position.  A block is 32
 * bytes with AVX2 (chosen at run time), else 16 with SSE2; either reads
 * 5 bytes past its end, so it needs BLOCK_PAD more bytes. */
#define BLOCK_PAD 5

#ifdef __SSE2__
static unsigned block16(const char *p)
{
	const __m128i b20 = _mm_set1_epi8(0x20);
	__m128i a0 = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i a1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
	__m128i a2 = _mm_loadu_si128((const __m128i *)(const void *)(p + 2));
	__m128i a5 = _mm_loadu_si128((const __m128i *)(const void *)(p + 5));
	__m128i m = _mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(a0, b20), _mm_set1_epi8('y')),
				  _mm_cmpeq_epi8(_mm_or_si128(a1, b20), _mm_set1_epi8('r')));

	m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(a0, _mm_set1_epi8('(')),
					  _mm_cmpeq_epi8(a2, _mm_set1_epi8(')'))));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(a0, _mm_set1_epi8((char)0xc2)));
	m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(a0, _mm_set1_epi8('&')),
					  _mm_cmpeq_epi8(a5, _mm_set1_epi8(';'))));
	return (unsigned)_mm_movemask_epi8(m);
}

/* The first block from p with a candidate, its bits in *bits; or where
 * the blocks end (*bits 0). */
static const char *scan16(const char *p, const char *end, unsigned *bits)
{
	for (; end - p >= 16 + BLOCK_PAD; p += 16)
		if ((*bits = block16(p)) != 0)
			return p;
	*bits = 0;
	return p;
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_AVX2_PATH 1
/* The candidates of the 32 bytes at p, one byte of 0xff each. */
__attribute__((target("avx2"))) static inline __m256i cand32(const char *p)
{
	const __m256i b20 = _mm256_set1_epi8(0x20);
	__m256i a0 = _mm256_loadu_si256((const __m256i *)(const void *)p);
	__m256i a1 = _mm256_loadu_si256((const __m256i *)(const void *)(p + 1));
	__m256i a2 = _mm256_loadu_si256((const __m256i *)(const void *)(p + 2));
	__m256i a5 = _mm256_loadu_si256((const __m256i *)(const void *)(p + 5));
	__m256i m = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_or_si256(a0, b20), _mm256_set1_epi8('y')),
				     _mm256_cmpeq_epi8(_mm256_or_si256(a1, b20), _mm256_set1_epi8('r')));

	m = _mm256_or_si256(m, _mm256_and_si256(_mm256_cmpeq_epi8(a0, _mm256_set1_epi8('(')),
						_mm256_cmpeq_epi8(a2, _mm256_set1_epi8(')'))));
	m = _mm256_or_si256(m, _mm256_cmpeq_epi8(a0, _mm256_set1_epi8((char)0xc2)));
	return _mm256_or_si256(m, _mm256_and_si256(_mm256_cmpeq_epi8(a0, _mm256_set1_epi8('&')),
						   _mm256_cmpeq_epi8(a5, _mm256_set1_epi8(';'))));
}

/* 64 bytes a step, one test for both halves; then 32. */
__attribute__((target("avx2"))) static const char *scan32(const char *p, const char *end,
							   unsigned *bits)
{
	for (; end - p >= 64 + BLOCK_PAD; p += 64) {
		__m256i m0 = cand32(p), m1 = cand32(p + 32);

		if (!_mm256_movemask_epi8(_mm256_or_si256(m0, m1)))
			continue;
		if ((*bits = (unsigned)_mm256_movemask_epi8(m0)) != 0)
			return p;
		*bits = (unsigned)_mm256_movemask_epi8(m1);
		return p + 32;
	}
	for (; end - p >= 32 + BLOCK_PAD; p += 32)
		if ((*bits = (unsigned)_mm256_movemask_epi8(cand32(p))) != 0)
			return p;
	*bits = 0;
	return p;
}
#endif

/* Where the prefilter is: the candidates of one block not yet taken. */
struct hits {
	const char *block; /* the block bits are for */
	const char *next;  /* the next block to look at */
	unsigned bits;
	int avx2;          /* the CPU has AVX2: 32-byte blocks */
};

static void hits_init(struct hits *h, const char *text)
{
	h->block = h->next = text;
	h->bits = 0;
#ifdef HAVE_AVX2_PATH
	h->avx2 = __builtin_cpu_supports("avx2");
#else
	h->avx2 = 0;
#endif
}

/* The next candidate at or after from.  Vectorised, a block at a time:
 * this is the only work a file without a statement costs. */
static const char *next_hit(struct hits *h, const char *from, const char *end)
{
	const char *p;

	for (;;) {
		while (h->bits) {
			p = h->block + __builtin_ctz(h->bits);
			h->bits &= h->bits - 1;
			if (p >= from)
				return p;
		}
		if (h->next < from)
			h->next = from;
#ifdef HAVE_AVX2_PATH
		if (h->avx2) {
			h->block = scan32(h->next, end, &h->bits);
			h->next = h->block + (h->bits ? 32 : 0);
			if (h->bits)
				continue;
		}
#endif
#ifdef __SSE2__
		h->block = scan16(h->next, end, &h->bits);
		h->next = h->block + (h->bits ? 16 : 0);
		if (h->bits)
			continue;
#endif
		break;
	}
	for (p = h->next; p < end; p++)
		if (candidate(p, end)) {
			h->next = p + 1;
			return p;
		}
	h->next = end;
	return NULL;
}

/* --- triggers ---------------------------------------------------------------- */

enum trig_kind {
	T_WORD,  /* "copyright", "@copyright", "\copyright", "__copyright__" */
	T_PAREN, /* "(c)" */
	T_SIGN,  /* ©, &copy; */
};

struct trig {
	enum trig_kind kind;
	const char *start; /* the statement's first byte */
	const char *id;    /* T_WORD: the identifier holding "copyright" */
	const char *after; /* past the identifier or sign */
	int dunder;        /* __copyright__: a key, never a statement alone */
};

/* "copyright" as a word of its own at y - 3 (y is its "yr"). */
static int word_trigger(const char *text, const char *end, const char *y, struct trig *t)
{
	const char *s = y - 3, *b, *a;

	if (y - text < 3 || end - s < 9 || !same_ci(s, "copyright", 9))
		return 0;
	for (b = s; b > text && is_id((unsigned char)b[-1]); b--)
		;
	for (a = s + 9; a < end && is_id((unsigned char)*a); a++)
		;
	t->dunder = a - b == 13 && !memcmp(b, "__", 2) && !memcmp(a - 2, "__", 2);
	if (a - b != 9 && !t->dunder)
		return 0; /* copyrighted, get_copyright, COPYRIGHT_H */
	t->kind = T_WORD;
	t->id = t->start = b;
	t->after = a;
	if (b > text) {
		char c = b[-1];

		if (c == '@' || c == '\\')
			t->start = b - 1; /* a doc tag, LaTeX's sign */
		else if (c == '.' || c == '$' || c == '-' ||
			 (c == '/' && !(b - 1 > text && (b[-2] == '/' || b[-2] == '*'))))
			return 0; /* self.copyright, $copyright, --copyright, a URL */
	}
	return 1;
}

/* "(c)" not called as in f(c), followed by space, a digit or the end. */
static int paren_trigger(const char *text, const char *end, const char *p, struct trig *t)
{
	const char *a = p + 3;

	if (end - p < 3 || (p[1] | 0x20) != 'c' || p[2] != ')')
		return 0;
	if (p > text) {
		unsigned char c = (unsigned char)p[-1];

		if (is_id(c) || (c && strchr(").]$(,=&|+<!?~^[{", c)))
			return 0; /* isdigit(c), ((c) >= 0x80) */
	}
	if (a < end && !is_space(*a) && !is_digit(*a) && *a != '\n' && *a != '\r')
		return 0;
	while (a < end && is_space(*a))
		a++;
	if (a < end && !is_letter((unsigned char)*a) && !is_digit(*a) && *a != '\n' &&
	    *a != '\r' && *a != '<')
		return 0; /* (c) = x, (c) ? a : b */
	t->kind = T_PAREN;
	t->start = p;
	t->after = p + 3;
	return 1;
}

static int trigger_at(const char *text, const char *end, const char *p, struct trig *t)
{
	static const char *const entities[] = { "&copy;", "&#169;", "&#xa9;" };
	unsigned char c = (unsigned char)*p;

	if ((c | 0x20) == 'y')
		return word_trigger(text, end, p, t);
	if (c == '(')
		return paren_trigger(text, end, p, t);
	t->kind = T_SIGN;
	t->start = p;
	if (c == 0xc2 && end - p >= 2 && (unsigned char)p[1] == 0xa9) {
		t->after = p + 2;
		return 1;
	}
	if (c == '&' && phrase_in(p, end, entities, ARRAY_SIZE(entities))) {
		t->after = p + 6;
		return 1;
	}
	return 0;
}

/* --- lines ------------------------------------------------------------------- */

/* Comment markers and the like that start a line; longer first. */
static const char *const markers[] = {
	"<!--", "/**", "/*!", "/*", "///", "//!", "//", "#", "*", "--", ";", "%", "!", "{-",
	"(*", ".\\\"", "..", "\\\"", "\"\"\"", "'''", "::", ">", "|", "- ", "'", "\"",
};
static const char *const marker_words[] = { "@rem", "rem", "dnl", "@c" };

/* Past the white space and comment markers at the start of a line. */
static const char *strip_prefix(const char *text, const char *p, const char *e)
{
	size_t i, k;

	if (p == text && e - p >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
again:
	while (p < e && is_space(*p))
		p++;
	if (p == e || !*p || !strchr("</#*-;%!{(.\\\"':>|@rRdD", *p))
		return p;
	for (i = 0; i < ARRAY_SIZE(markers); i++) {
		k = strlen(markers[i]);
		if (e - p >= (ptrdiff_t)k && !memcmp(p, markers[i], k)) {
			p += k;
			goto again;
		}
	}
	for (i = 0; i < ARRAY_SIZE(marker_words); i++) {
		k = strlen(marker_words[i]);
		if (e - p > (ptrdiff_t)k && same_ci(p, marker_words[i], k) && is_space(p[k])) {
			p += k;
			goto again;
		}
	}
	return p;
}

/* Where a line's statement part ends: a comment closer, or the closing
 * quote (or a "\n" escape) of the string it is in.  *closed says the
 * comment or string closed there, so no later line belongs to it. */
static const char *body_end(const char *b, const char *e, char quote, int *closed)
{
	const char *q;

	for (q = b; q < e; q++) { /* star-slash, -->, """, ''' */
		char c = *q;

		if ((c == '*' && e - q >= 2 && q[1] == '/') ||
		    (c == '-' && e - q >= 3 && q[1] == '-' && q[2] == '>') ||
		    ((c == '"' || c == '\'') && e - q >= 3 && q[1] == c && q[2] == c))
			break;
	}
	*closed = q < e;
	e = q;
	if (!quote)
		return e;
	for (q = b; q < e; q++) {
		if (*q == '\\' && q + 1 < e) {
			if (q[1] == 'n' || q[1] == 'r' || q[1] == 't')
				break;
			q++;
		} else if (*q == quote) {
			break;
		}
	}
	*closed = q < e; /* else the string goes on over the next line */
	return q;
}

/* --- statements: the lines of one, joined ------------------------------------ */

struct seg {
	const char *src; /* where the piece is in the text */
	size_t off, len; /* where it is in stmt.s */
	unsigned line;
};

struct stmt {
	char s[MAX_LINES * (LINE_CAP + 1)];
	size_t n;
	struct seg seg[MAX_LINES];
	size_t nseg;
};

static void stmt_add(struct stmt *st, const char *b, const char *e, unsigned line)
{
	size_t k;

	while (b < e && is_space(*b))
		b++;
	for (;;) { /* and a box comment's right edge: "... 1993     *" */
		const char *c;

		while (e > b && is_space(e[-1]))
			e--;
		for (c = e; c > b && (c[-1] == '*' || c[-1] == '#'); c--)
			;
		if (c == e || c == b || !is_space(c[-1]))
			break;
		e = c;
	}
	k = text_cut(b, (size_t)(e - b), LINE_CAP);
	if (st->nseg)
		st->s[st->n++] = '\n';
	st->seg[st->nseg].src = b;
	st->seg[st->nseg].off = st->n;
	st->seg[st->nseg].len = k;
	st->seg[st->nseg].line = line;
	memcpy(st->s + st->n, b, k);
	st->n += k;
	st->nseg++;
}

/* The segment holding the statement's last byte (at < at_end). */
static const struct seg *stmt_seg(const struct stmt *st, size_t at)
{
	size_t i = st->nseg - 1;

	while (i > 0 && st->seg[i].off >= at)
		i--;
	return &st->seg[i];
}

static int ends_with_word(const char *s, const char *e, const char *w)
{
	size_t n = strlen(w);

	return (size_t)(e - s) > n && same_ci(e - n, w, n);
}

/* The statement so far ends open: in ",", "and", "&", "by", or it has
 * no holder yet ("Copyright (C) 2002, 2003" above " *   Jane Doe"). */
static int stmt_open(const struct stmt *st)
{
	const char *s = st->s, *e = st->s + st->n;
	unsigned kinds = 0;
	size_t p, y;

	if (e > s && (e[-1] == ',' || e[-1] == '&'))
		return 1;
	if (ends_with_word(s, e, " and") || ends_with_word(s, e, " by") ||
	    ends_with_word(s, e, " of") || ends_with_word(s, e, " the"))
		return 1; /* "... Processing Board of the" / "Massachusetts Institute ..." */
	p = skip_leads(s, st->n, 0, &kinds, 0);
	if ((y = years_at(s + p, e)) != 0)
		p = skip_leads(s, st->n, p + y, &kinds, 1);
	return !has_letter(s + p, st->n - p); /* no holder yet */
}

/* A new statement starts at b: a lead other than "Portions ...". */
static int starts_statement(const char *b, const char *e)
{
	unsigned kind;

	return lead_at(b, e, &kind) || phrase_at(b, e, "portions");
}

static int junk_start(const char *b, const char *e)
{
	size_t n = 0;

	while (b + n < e && is_alpha((unsigned char)b[n]))
		n++;
	return in_words(b, n, junk_any, ARRAY_SIZE(junk_any), 0) ||
	       in_words(b, n, junk_lc, ARRAY_SIZE(junk_lc), 1);
}

/* Does the line [b, e) (its raw start at raw) continue st?  0 no, 1 yes,
 * 2 yes and it is the last ("All rights reserved"). */
static int continues(const struct stmt *st, const char *raw, const char *b, const char *e,
		     int dep5)
{
	size_t y;

	if (b >= e || starts_statement(b, e))
		return 0;
	if (phrase_at(b, e, "all rights reserved"))
		return 2;
	if (dep5) /* DEP-5: indented lines; a lone "." is an empty one */
		return is_space(*raw) && !(e - b == 1 && *b == '.');
	if ((y = years_at(b, e)) != 0) { /* " *   2002 B", not "2002-01-05: fixed" */
		const char *a = b + y;

		while (a < e && (is_space(*a) || *a == ','))
			a++;
		return a == e || (a > b + y && (is_letter((unsigned char)*a) || *a == '<'));
	}
	if ((*b == '<' || *b == '(') && mail_bracket(b, 0, (size_t)(e - b)))
		return 1;
	if ((y = phrase_at(b, e, "and")) != 0 && b + y + 1 < e && is_upper((unsigned char)b[y + 1]))
		return 1; /* "   and Clark Cooper" */
	if (!stmt_open(st) || !is_letter((unsigned char)*b))
		return 0;
	return phrase_at(b, e, "and") || !junk_start(b, e);
}

/* --- copy_find --------------------------------------------------------------- */

struct scan {
	const char *text, *end;
	const char *seen;    /* line starts are known up to here */
	const char *line;    /* start of the line of the last hit */
	const char *counted; /* line numbers are known up to here */
	unsigned lineno;     /* the line number there */
	struct file_result *r;
};

/* The line of the hit at p, looking back only to the previous hit. */
static void locate(struct scan *sc, const char *p)
{
	const char *from = sc->seen, *nl, *cr;

	if (p <= from)
		return; /* within the previous hit's word: same line */
	nl = memrchr(from, '\n', (size_t)(p - from));
	if (nl)
		from = nl + 1;
	cr = memrchr(from, '\r', (size_t)(p - from));
	sc->seen = p;
	if (nl || cr)
		sc->line = cr ? cr + 1 : nl ? nl + 1 : sc->text;
	if (sc->line > sc->counted) {
		sc->lineno += text_count_lines(sc->counted, sc->line, sc->end);
		sc->counted = sc->line;
	}
}

/* "Portions", "Some portions", "Parts" before the lead belong to it. */
static const char *lead_in(const char *win, const char *s)
{
	static const char *const words[] = { "parts", "portions", "some" }; /* sorted */

	for (;;) {
		const char *p = s, *w;

		while (p > win && is_space(p[-1]))
			p--;
		for (w = p; w > win && is_alpha((unsigned char)w[-1]); w--)
			;
		if (w == p || (w > win && is_id((unsigned char)w[-1])) ||
		    !in_words(w, (size_t)(p - w), words, ARRAY_SIZE(words), 0))
			return s;
		s = w;
	}
}

/* Only markup before the statement on its line: quotes, bullets, tags. */
static int pre_ok(const char *b, const char *e)
{
	while (b < e) {
		if (is_space(*b) || strchr("\"'`*->|[(#_", *b)) {
			b++;
		} else if (*b == '<') {
			const char *gt = memchr(b, '>', (size_t)(e - b));

			if (!gt)
				return 0;
			b = gt + 1;
		} else {
			return 0;
		}
	}
	return 1;
}

/* The quote of the string literal that s stands in, or 0. */
static char string_quote(const char *win, const char *s)
{
	const char *p;
	int dq = 0;

	for (p = win; p < s; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '"')
			dq++;
	}
	if (dq & 1)
		return '"';
	for (p = s; p > win && is_space(p[-1]); p--)
		;
	if (p > win && (p[-1] == '\'' || p[-1] == '`'))
		return p[-1];
	return 0;
}

/* What we know about a hit before its statement is parsed. */
struct hit {
	struct trig t;
	const char *eol;   /* its line's end (or a cap) */
	int real_eol;      /* eol is the line's end, not a cap */
	int at_start;      /* only markup before it on its line */
	char quote;        /* the string literal it stands in */
	int dep5;          /* a "Copyright:" field at column 0 */
	const char *vb, *ve; /* a quoted value of "copyright = '...'" */
};

/* "copyright = '2019, Jane'", "copyright: ...", "\"copyright\": \"...\"":
 * 1 when the word is a key with a value (h->vb/ve for a quoted one), 0
 * when it is no key, -1 when it is code (copyright = get_copyright()). */
static int key_value(const struct scan *sc, struct hit *h)
{
	const char *a = h->t.after, *eol = h->eol, *q;
	char kq = 0;
	int colon;

	if (h->t.id > sc->line && (h->t.id[-1] == '"' || h->t.id[-1] == '\'') && a < eol &&
	    *a == h->t.id[-1])
		kq = *a++; /* "copyright": a quoted key */
	while (a < eol && is_space(*a))
		a++;
	if (a >= eol || (*a != '=' && *a != ':'))
		return kq || h->t.dunder ? -1 : 0;
	colon = *a == ':';
	if (a + 1 < eol && a[1] == '=')
		a += colon ? 2 : eol - a; /* ":=", but "==" is a comparison */
	else if (!colon && a + 1 < eol && a[1] == '>')
		a += 2;
	else
		a++;
	while (a < eol && is_space(*a))
		a++;
	for (q = a; q < eol && q - a < 2 && strchr("uUbBrRfF", *q); q++)
		;
	if (q < eol && (*q == '"' || *q == '\'')) {
		const char *c = memchr(q + 1, *q, (size_t)(eol - q - 1));

		h->vb = q + 1;
		h->ve = c ? c : eol;
		return 1;
	}
	if (!colon || kq || h->t.dunder)
		return -1;
	h->dep5 = h->t.id == sc->line;
	return 0;
}

/* After "copyright" (not a key): what a statement goes on with. */
static int word_goes_on(const char *a, const char *eol)
{
	while (a < eol && (is_space(*a) || *a == ':'))
		a++;
	if (a >= eol)
		return 1;
	return is_letter((unsigned char)*a) || is_digit(*a) || strchr("(&<[@\\", *a);
}

/* A "(c)" after "(a)" and "(b)" is a list item. */
static int list_item(const char *text, const char *s)
{
	const char *b = s - text > LIST_BACK ? s - LIST_BACK : text;

	return memmem(b, (size_t)(s - b), "(b)", 3) || memmem(b, (size_t)(s - b), "(B)", 3);
}

static int accept(const char *text, const struct hit *h, const struct parse *P,
		  const struct split *sp, int kv)
{
	if (sp->bad || (!sp->nh && (!sp->years.len || sp->junk)))
		return 0; /* "Copyright Treaty adopted on December 20, 1996" */
	if (sp->years.len)
		return sp->nh || h->at_start || (P->lead & L_SIGN) || kv;
	if ((P->lead & L_WORD) && (P->lead & L_SIGN))
		return 1; /* "Copyright (c) Microsoft Corporation" */
	if (!sp->all_names)
		return 0;
	if (kv || h->t.kind == T_SIGN)
		return 1;
	if (h->t.kind == T_PAREN && list_item(text, h->t.start))
		return 0;
	return h->at_start;
}

/* Collects the statement of h: its line, then the lines that go on with it. */
static void collect(const struct scan *sc, const struct hit *h, struct stmt *st)
{
	const char *eol = h->eol, *e;
	unsigned k;
	int closed;

	st->n = st->nseg = 0;
	if (h->vb) {
		stmt_add(st, h->vb, h->ve, sc->lineno);
		return;
	}
	e = body_end(h->t.start, eol, h->quote, &closed);
	stmt_add(st, h->t.start, e, sc->lineno);
	if (closed || !h->real_eol)
		return;
	for (k = 1; k < MAX_LINES; k++) {
		const char *nb = text_next_line(eol, sc->end), *lim, *b;
		int c;

		if (nb >= sc->end)
			return;
		lim = sc->end - nb > LINE_SCAN ? nb + LINE_SCAN : sc->end;
		eol = text_line_end(nb, lim);
		b = h->dep5 ? nb : strip_prefix(sc->text, nb, eol);
		e = body_end(b, eol, h->quote, &closed);
		if (!(c = continues(st, nb, b, e, h->dep5)))
			return;
		stmt_add(st, b, e, sc->lineno + k);
		if (c == 2 || closed || eol == lim)
			return;
	}
}

static char *joined(const char *s, size_t n)
{
	char *t = xstrndup(s, text_cut(s, n, COPY_TEXT_MAX)), *p;

	for (p = t; (p = strchr(p, '\n')) != NULL; p++)
		*p = ' ';
	return t;
}

static const char *report(struct scan *sc, const struct hit *h, const struct stmt *st,
			  const struct parse *P, struct split *sp)
{
	struct finding *f = result_add(sc->r);
	const struct seg *last = stmt_seg(st, P->end);
	const char *done = last->src + (P->end - last->off);

	f->kind = FK_COPYRIGHT;
	f->start_line = sc->lineno;
	f->end_line = last->line;
	if (h->vb && !P->lead) { /* copyright = '2019, Jane': the key too */
		const char *b = h->t.id, *e = h->ve < h->eol ? h->ve + 1 : h->ve;

		if (b > sc->line && (b[-1] == '"' || b[-1] == '\''))
			b--; /* "copyright": "2018 Acme" */

		f->text = joined(b, (size_t)(e - b));
		done = e;
	} else {
		f->text = joined(st->s, P->end);
	}
	split_give(sp, f);
	return done;
}

/* The line holds an SPDX-FileCopyrightText tag before s: the SPDX tag
 * finder reports it ("SPDX-" as written, as that finder has it). */
static int spdx_line(const char *win, const char *s)
{
	const char *p;

	for (p = win; s - p >= 22; p++)
		if (*p == 'S' && !memcmp(p, "SPDX-", 5) && same_ci(p + 5, "filecopyrighttext", 17))
			return 1;
	return 0;
}

/* The statement at hit p: reported, returns where scanning goes on;
 * else NULL. */
static const char *statement(struct scan *sc, struct hit *h)
{
	const char *win, *lim, *s = h->t.start;
	struct stmt st;
	struct parse P;
	struct split sp;
	const char *done = NULL;
	int kv = 0;

	locate(sc, s);
	win = s - sc->line > LOOKBACK ? s - LOOKBACK : sc->line;
	h->t.start = s = lead_in(win, s);
	lim = sc->end - s > LINE_SCAN ? s + LINE_SCAN : sc->end;
	h->eol = text_line_end(s, lim);
	h->real_eol = h->eol < lim || lim == sc->end;
	h->at_start = win == sc->line && pre_ok(strip_prefix(sc->text, sc->line, s), s);
	h->quote = string_quote(win, s);
	if (h->t.kind == T_WORD && h->t.start[0] != '@' && h->t.start[0] != '\\') {
		if ((kv = key_value(sc, h)) < 0)
			return NULL;
		if (!kv && !h->dep5 && !word_goes_on(h->t.after, h->eol))
			return NULL;
	}
	collect(sc, h, &st);
	parse(st.s, st.n, h->dep5 ? P_NL_SPLITS : 0, &P);
	split(st.s, &P, 1, &sp);
	if (P.end && accept(sc->text, h, &P, &sp, kv) && !spdx_line(win, s))
		done = report(sc, h, &st, &P, &sp);
	split_release(&sp);
	return done;
}

void copy_find(const char *text, size_t len, struct file_result *r)
{
	struct scan sc = {
		.text = text, .end = text + len, .seen = text, .line = text, .counted = text,
		.lineno = 1,
		.r = r,
	};
	const char *p = text, *done = text;
	struct hits hs;

	if (!text || len < 2)
		return;
	hits_init(&hs, text);
	while ((p = next_hit(&hs, p, sc.end)) != NULL) {
		struct hit h;
		const char *next = p + 1;

		memset(&h, 0, sizeof(h));
		if (trigger_at(text, sc.end, p, &h.t) && h.t.start >= done) {
			const char *d = statement(&sc, &h);

			if (d) {
				done = d;
				if (d > next)
					next = d;
			}
		}
		p = next;
	}
}
