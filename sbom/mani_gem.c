/* SPDX-License-Identifier: MIT */
/* mani_gem.c -- *.gemspec: Ruby code, read without running it.
 *
 * Only literal assignments are read: `s.name = "x"`, `s.license = 'MIT'`,
 * `s.licenses = ["MIT", "Ruby"]` or `%w[MIT Ruby]`.  A value that is code
 * (Foo::VERSION, a method call) is not known: the field stays NULL, and
 * for a license the finding says so.  A list of licenses is read as OR:
 * RubyGems does not say, and its common use is a choice (Ruby's own
 * "Ruby OR BSD-2-Clause"); the finding's note says so. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mani_int.h"

#define MAX_ITEMS 32

struct gem_value {
	char *item[MAX_ITEMS]; /* owned */
	size_t n;
	int list;    /* written as a list */
	int literal; /* every part was a literal */
};

static void value_release(struct gem_value *v)
{
	while (v->n)
		free(v->item[--v->n]);
}

/* "..." or '...' at *pp (escapes \\ \" \' kept simple). */
static char *ruby_string(const char **pp, const char *end)
{
	const char *p = *pp;
	char q = *p++;
	struct buf b = BUF_INIT;

	while (p < end && *p != q && *p != '\n') {
		if (*p == '\\' && p + 1 < end)
			p++;
		if (q == '"' && *p == '#' && p + 1 < end && p[1] == '{') {
			buf_release(&b); /* interpolation: not a literal */
			return NULL;
		}
		buf_addc(&b, *p++);
	}
	if (p == end || *p != q) {
		buf_release(&b);
		return NULL;
	}
	*pp = p + 1;
	return buf_take(&b);
}

static void skip_sp(const char **p, const char *end)
{
	while (*p < end && isspace((unsigned char)**p))
		(*p)++;
}

/* %w[a b] / %w(a b) / %w{a b} */
static void word_list(const char *p, const char *end, struct gem_value *v)
{
	char close = (char)(p[2] == '[' ? ']' : p[2] == '(' ? ')' : p[2] == '{' ? '}' : 0);
	const char *w;

	v->list = 1;
	if (!close)
		return;
	for (p += 3; p < end && *p != close;) {
		skip_sp(&p, end);
		for (w = p; p < end && *p != close && !isspace((unsigned char)*p); p++)
			;
		if (p > w && v->n < MAX_ITEMS)
			v->item[v->n++] = xstrndup(w, (size_t)(p - w));
	}
	v->literal = p < end;
}

static void gem_value(const char *p, const char *end, struct gem_value *v)
{
	char *s;

	memset(v, 0, sizeof(*v));
	skip_sp(&p, end);
	if (end - p > 3 && p[0] == '%' && p[1] == 'w') {
		word_list(p, end, v);
		return;
	}
	if (p < end && (*p == '"' || *p == '\'')) {
		if ((s = ruby_string(&p, end)) != NULL) {
			v->item[v->n++] = s;
			skip_sp(&p, end);
			/* "x".freeze is a literal; "x" + y is not */
			v->literal = p == end || *p == '#' ||
				     (end - p >= 7 && !memcmp(p, ".freeze", 7)) ||
				     (*p != '+' && *p != '.' && *p != '%');
		}
		return;
	}
	if (p < end && *p == '[') {
		v->list = 1;
		for (p++;;) {
			skip_sp(&p, end);
			if (p < end && *p == ']') {
				v->literal = 1;
				return;
			}
			if (p == end || (*p != '"' && *p != '\'') || v->n == MAX_ITEMS ||
			    !(s = ruby_string(&p, end)))
				return;
			v->item[v->n++] = s;
			skip_sp(&p, end);
			if (p < end && *p == ',')
				p++;
		}
	}
}

static const char *const fields[] = { "name", "version", "license", "licenses", "homepage",
				      "authors", "author" };
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

/* ".field =" at p (not "=="); the index of the field or -1, *val after '='. */
static int assignment(const char *p, const char *end, const char **val)
{
	const char *q;
	size_t i, n;

	for (i = 0; i < NFIELDS; i++) {
		n = strlen(fields[i]);
		if ((size_t)(end - p) <= n + 1 || memcmp(p + 1, fields[i], n))
			continue;
		q = p + 1 + n;
		if (isalnum((unsigned char)*q) || *q == '_')
			continue; /* .licenses when looking at .license */
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q + 1 < end && *q == '=' && q[1] != '=' && q[1] != '~') {
			*val = q + 1;
			return (int)i;
		}
		return -1;
	}
	return -1;
}

struct gem {
	struct gem_value v[NFIELDS];
	unsigned line[NFIELDS];
};

static void gem_license(struct mani_doc *d, struct package *p, struct gem *g)
{
	int i = g->line[3] ? 3 : 2; /* licenses, else license */
	struct gem_value *v = &g->v[i];

	if (!g->line[i])
		return;
	if (!v->literal || !v->n) {
		mani_problem(d, p, g->line[i], "%s is Ruby code, not a literal: not read",
			     fields[i]);
		return;
	}
	mani_license_list(d, p, v->item, v->n, g->line[i], "OR",
			  "a gemspec's list of licenses read as OR (RubyGems does not say)");
}

void mani_read_gemspec(struct mani_doc *d)
{
	const char *p = d->text, *end = d->text + d->len, *val, *eol;
	struct gem g;
	struct package *pk;
	unsigned line = 1;
	size_t i;
	int f;

	memset(&g, 0, sizeof(g));
	for (; p < end; p++) {
		if (*p == '\n') {
			line++;
			continue;
		}
		if (*p != '.' || (f = assignment(p, end, &val)) < 0 || g.line[f])
			continue;
		eol = memchr(val, '\n', (size_t)(end - val));
		if (f == 3 || f == 5) /* lists may span lines */
			eol = end - val > 4096 ? val + 4096 : end;
		gem_value(val, eol ? eol : end, &g.v[f]);
		g.line[f] = line;
	}
	if (g.line[0]) {
		pk = mani_package(d, "gem");
		if (g.v[0].literal && g.v[0].n)
			mani_set(&pk->name, g.v[0].item[0]);
		if (g.v[1].literal && g.v[1].n)
			mani_set(&pk->version, g.v[1].item[0]);
		if (g.v[4].literal && g.v[4].n)
			mani_set(&pk->homepage, g.v[4].item[0]);
		for (i = 5; i <= 6 && !pk->supplier; i++)
			if (g.v[i].literal && g.v[i].n)
				mani_set(&pk->supplier, g.v[i].item[0]);
		gem_license(d, pk, &g);
	}
	for (i = 0; i < NFIELDS; i++)
		value_release(&g.v[i]);
}
