/* SPDX-License-Identifier: MIT */
/* manifest.c -- which file is a manifest, and the helpers every reader
 * reports through.  See manifest.h and mani_int.h.
 *
 * To add a manifest: write mani_read_<fmt>() in sbom/mani_<family>.c
 * (declare it in mani_int.h), add a row to readers[] below, a case to
 * tests/test_manifest.c and seeds to fuzz/seeds/manifest. */
#include "manifest.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "expr.h"
#include "mani_int.h"
#include "text.h"

enum match_kind {
	M_NAME,   /* the base name is pattern */
	M_SUFFIX, /* the base name ends with pattern (and is longer) */
	M_PARENT, /* base name, and the parent directory is parent */
	M_PARENT_SUFFIX, /* base name, and the parent directory ends with parent */
};

struct reader {
	enum match_kind kind;
	const char *pattern;
	const char *parent;
	const char *name; /* for rule names and messages */
	mani_reader_fn read;
};

/* Cheap checks only: one strcmp per row for files that are not manifests. */
static const struct reader readers[] = {
	{ M_NAME, "package.json", NULL, "package.json", mani_read_npm },
	{ M_NAME, "composer.json", NULL, "composer.json", mani_read_composer },
	{ M_NAME, "Cargo.toml", NULL, "Cargo.toml", mani_read_cargo },
	{ M_NAME, "pyproject.toml", NULL, "pyproject.toml", mani_read_pyproject },
	{ M_NAME, "setup.cfg", NULL, "setup.cfg", mani_read_setupcfg },
	{ M_NAME, "PKG-INFO", NULL, "PKG-INFO", mani_read_pkginfo },
	{ M_PARENT_SUFFIX, "METADATA", ".dist-info", "METADATA", mani_read_pkginfo },
	{ M_SUFFIX, ".gemspec", NULL, "gemspec", mani_read_gemspec },
	{ M_NAME, "pom.xml", NULL, "pom.xml", mani_read_pom },
	{ M_SUFFIX, ".nuspec", NULL, "nuspec", mani_read_nuspec },
	{ M_PARENT, "copyright", "debian", "debian/copyright", mani_read_debian },
	{ M_PARENT, "dep5", ".reuse", ".reuse/dep5", mani_read_dep5 },
	{ M_NAME, "REUSE.toml", NULL, "REUSE.toml", mani_read_reuse },
};

const char *mani_base(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The parent directory's name of path ("a.tar!/debian/copyright" -> debian). */
static int parent_is(const char *path, const char *base, const char *want, int suffix)
{
	const char *end = base - 1, *s; /* end at the '/' before base */
	size_t n, w = strlen(want);

	if (base == path)
		return 0;
	for (s = end; s > path && s[-1] != '/' && s[-1] != '!'; s--)
		;
	n = (size_t)(end - s);
	if (suffix)
		return n > w && !memcmp(end - w, want, w);
	return n == w && !memcmp(s, want, w);
}

int mani_find(const char *path)
{
	const char *base;
	size_t i, bl, pl;

	if (!path)
		return -1;
	base = mani_base(path);
	bl = strlen(base);
	for (i = 0; i < sizeof(readers) / sizeof(readers[0]); i++) {
		const struct reader *rd = &readers[i];

		switch (rd->kind) {
		case M_NAME:
			if (!strcmp(base, rd->pattern))
				return (int)i;
			break;
		case M_SUFFIX:
			pl = strlen(rd->pattern);
			if (bl > pl && !strcmp(base + bl - pl, rd->pattern))
				return (int)i;
			break;
		case M_PARENT:
		case M_PARENT_SUFFIX:
			if (!strcmp(base, rd->pattern) &&
			    parent_is(path, base, rd->parent, rd->kind == M_PARENT_SUFFIX))
				return (int)i;
			break;
		}
	}
	return -1;
}

int mani_read(const char *path, const char *text, size_t len, struct file_result *r)
{
	int i = mani_find(path);
	struct mani_doc d;

	if (i < 0)
		return 0;
	d.name = readers[i].name;
	d.text = text;
	d.len = len;
	d.r = r;
	if (len > MANI_MAX_BYTES) {
		mani_problem(&d, NULL, 0, "%s of %zu bytes is over the %u MiB manifest limit, "
					  "not read", d.name, len, MANI_MAX_BYTES >> 20);
		return 1;
	}
	readers[i].read(&d);
	return 1;
}

/* --- helpers for the readers ------------------------------------------- */

struct package *mani_package(struct mani_doc *d, const char *ecosystem)
{
	struct package *p = result_add_package(d->r);

	mani_set(&p->ecosystem, ecosystem);
	return p;
}

void mani_setn(char **dst, const char *s, size_t n)
{
	free(*dst);
	*dst = NULL;
	if (!s)
		return;
	while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	n = text_cut(s, n, MANI_TEXT_MAX);
	if (n && !memchr(s, 0, n))
		*dst = xstrndup(s, n);
	else if (n) /* a NUL inside: escape, results hold C strings */
		*dst = mani_quote(s, n);
}

void mani_set(char **dst, const char *s)
{
	mani_setn(dst, s, s ? strlen(s) : 0);
}

static struct finding *finding(struct mani_doc *d, unsigned line)
{
	struct finding *f = result_add(d->r);
	struct buf b = BUF_INIT;

	f->kind = FK_LICENSE;
	f->method = FM_MANIFEST;
	buf_printf(&b, "manifest:%s", d->name);
	f->rule = buf_take(&b);
	f->start_line = f->end_line = line;
	return f;
}

static char *join_notes(const char *a, const char *b)
{
	struct buf j = BUF_INIT;

	if (!a && !b)
		return NULL;
	buf_printf(&j, "%s%s%s", a ? a : "", a && b ? "; " : "", b ? b : "");
	return buf_take(&j);
}

void mani_declare(struct mani_doc *d, struct package *p, const char *raw, size_t n,
		  unsigned line, const struct mani_spdx *m, const char *note)
{
	struct finding *f = finding(d, line);

	mani_setn(&f->text, raw, n);
	f->expression = xstrdup0(m->expression);
	f->problem = xstrdup0(m->problem);
	f->note = join_notes(note, m->note);
	if (f->expression)
		f->score = 100;
	if (!p)
		return;
	mani_setn(&p->declared_raw, raw, n);
	mani_set(&p->declared, m->expression);
}

void mani_license(struct mani_doc *d, struct package *p, const char *raw, size_t n,
		  unsigned line, unsigned flags, const char *note)
{
	struct mani_spdx m;

	mani_spdx(raw, n, flags, &m);
	mani_declare(d, p, raw, n, line, &m, note);
	mani_spdx_release(&m);
}

/* Whether an item before i maps to expr (a list that repeats a license,
 * "MIT" twice, says it once). */
static int seen(char *const *items, size_t i, const char *expr)
{
	struct mani_spdx m;
	size_t k;
	int same = 0;

	for (k = 0; k < i && !same; k++) {
		mani_spdx(items[k], strlen(items[k]), 0, &m);
		same = m.expression && !strcmp(m.expression, expr);
		mani_spdx_release(&m);
	}
	return same;
}

void mani_license_list(struct mani_doc *d, struct package *p, char *const *items, size_t n,
		       unsigned line, const char *op, const char *note)
{
	struct buf raw = BUF_INIT, x = BUF_INIT;
	struct mani_spdx m, one;
	size_t i;

	if (n == 1) {
		mani_license(d, p, items[0], strlen(items[0]), line, 0, NULL);
		return;
	}
	memset(&m, 0, sizeof(m));
	for (i = 0; i < n; i++) {
		buf_printf(&raw, "%s%s", i ? ", " : "", items[i]);
		mani_spdx(items[i], strlen(items[i]), 0, &one);
		if (!one.expression && !m.problem) {
			m.problem = one.problem;
			one.problem = NULL;
		}
		if (one.note && !m.note) {
			m.note = one.note;
			one.note = NULL;
		}
		if (one.expression && !seen(items, i, one.expression))
			buf_printf(&x, "%s(%s)", x.len ? (*op == 'O' ? " OR " : " AND ") : "",
				   one.expression);
		mani_spdx_release(&one);
	}
	if (!m.problem && x.len) {
		struct perr e;

		m.expression = expr_canonical(x.data, x.len, &e);
	}
	mani_declare(d, p, raw.data ? raw.data : "", raw.len, line, &m, note);
	mani_spdx_release(&m);
	buf_release(&raw);
	buf_release(&x);
}

void mani_license_file(struct mani_doc *d, struct package *p, const char *file,
		       unsigned line, const char *field)
{
	struct mani_spdx m = { NULL, NULL, NULL };
	struct buf b = BUF_INIT;
	char *q = mani_quote(file, strlen(file));

	buf_printf(&b, "license in file %s (%s), not an SPDX expression", q, field);
	m.problem = buf_take(&b);
	mani_declare(d, p, file, strlen(file), line, &m, NULL);
	if (p && !p->declared_raw)
		mani_set(&p->declared_raw, file);
	free(q);
	mani_spdx_release(&m);
}

void mani_problem(struct mani_doc *d, struct package *p, unsigned line, const char *fmt, ...)
{
	struct finding *f = finding(d, line);
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	f->problem = buf_take(&b);
	if (p && !p->problem)
		p->problem = xstrdup(f->problem);
}

void mani_malformed(struct mani_doc *d, struct package *p, const char *why)
{
	mani_problem(d, p, 0, "malformed %s: %s", d->name, why);
}

unsigned mani_line_of(const char *text, const char *p, const char *end)
{
	return 1 + text_count_lines(text, p, end);
}

char *mani_quote(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	size_t cut = text_cut(s, n, 80);

	buf_addc(&b, '\'');
	text_escape(&b, (const unsigned char *)s, cut);
	buf_adds(&b, cut < n ? "...'" : "'");
	return buf_take(&b);
}
