/* SPDX-License-Identifier: MIT */
/* mani_python.c -- Python package metadata: PKG-INFO and wheel METADATA
 * (RFC 822 headers, core metadata 1.0-2.4), setup.cfg ([metadata] of an
 * INI file), and the license trove classifiers all of them carry.
 *
 * Which field wins: License-Expression (metadata 2.4, SPDX), then License
 * when it maps to SPDX, then the license classifiers, then License as
 * written (a problem), then License-File.  "UNKNOWN" is what old
 * setuptools wrote for no license: it counts as absent. */
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "mani_int.h"

#define MAX_CLASSIFIERS 64

/* --- classifiers ------------------------------------------------------- */

static const char *license_classifier(const char *c)
{
	static const char *const pre[] = { "License ::", "OSI Approved ::" };
	size_t i;

	for (i = 0; i < 2; i++) {
		size_t n = strlen(pre[i]);

		while (*c == ' ')
			c++;
		if (strncmp(c, pre[i], n)) {
			if (i == 0)
				return NULL;
			continue;
		}
		c += n;
	}
	while (*c == ' ')
		c++;
	return *c && strcmp(c, "OSI Approved") ? c : NULL;
}

int mani_classifiers(struct mani_doc *d, struct package *p, char *const *cls, size_t n,
		     unsigned line)
{
	char *v[MAX_CLASSIFIERS];
	size_t i, k = 0;

	for (i = 0; i < n && k < MAX_CLASSIFIERS; i++) {
		const char *c = license_classifier(cls[i]);

		if (c)
			v[k++] = (char *)c;
	}
	if (!k)
		return 0;
	mani_license_list(d, p, v, k, line, "OR",
			  "several license classifiers, read as OR (classifiers do not say)");
	return 1;
}

/* --- fields, from either format ---------------------------------------- */

struct field {
	const char *s;
	size_t n;
	unsigned line;
};

struct pymeta {
	struct field name, version, license, expr, license_file, author, maintainer, home;
	struct field author_email, maintainer_email; /* "Dora <dora@w.org>" when no Author */
	char *cls[MAX_CLASSIFIERS]; /* owned */
	size_t ncls;
	unsigned cls_line;
	int headers;
};

static int unknown(const struct field *f)
{
	return !f->s || !f->n || (f->n == 7 && !strncasecmp(f->s, "UNKNOWN", 7));
}

static void set_field(struct field *f, const char *s, size_t n, unsigned line)
{
	f->s = s;
	f->n = n;
	f->line = line;
}

static void py_license(struct mani_doc *d, struct package *p, struct pymeta *m)
{
	struct mani_spdx sp;

	if (!unknown(&m->expr)) {
		mani_license(d, p, m->expr.s, m->expr.n, m->expr.line, 0, NULL);
		return;
	}
	if (!unknown(&m->license)) {
		mani_spdx(m->license.s, m->license.n, 0, &sp);
		if (sp.expression || !m->ncls) {
			mani_license(d, p, m->license.s, m->license.n, m->license.line, 0, NULL);
			mani_spdx_release(&sp);
			return;
		}
		mani_spdx_release(&sp);
	}
	if (mani_classifiers(d, p, m->cls, m->ncls, m->cls_line))
		return;
	if (!unknown(&m->license_file)) {
		const char *s = m->license_file.s, *end = s + m->license_file.n, *nl;
		char *f;

		while (s < end && isspace((unsigned char)*s))
			s++;
		nl = memchr(s, '\n', (size_t)(end - s));
		f = xstrndup(s, (size_t)((nl ? nl : end) - s));

		mani_license_file(d, p, f, m->license_file.line, "License-File");
		free(f);
	}
}

static void py_package(struct mani_doc *d, struct pymeta *m)
{
	struct package *p = mani_package(d, "pypi");

	mani_setn(&p->name, m->name.s, m->name.n);
	if (!unknown(&m->version))
		mani_setn(&p->version, m->version.s, m->version.n);
	if (!unknown(&m->author))
		mani_setn(&p->supplier, m->author.s, m->author.n);
	else if (!unknown(&m->author_email))
		mani_setn(&p->supplier, m->author_email.s, m->author_email.n);
	else if (!unknown(&m->maintainer))
		mani_setn(&p->supplier, m->maintainer.s, m->maintainer.n);
	else if (!unknown(&m->maintainer_email))
		mani_setn(&p->supplier, m->maintainer_email.s, m->maintainer_email.n);
	if (!unknown(&m->home))
		mani_setn(&p->homepage, m->home.s, m->home.n);
	py_license(d, p, m);
}

static void pymeta_release(struct pymeta *m)
{
	while (m->ncls)
		free(m->cls[--m->ncls]);
}

static void add_classifier(struct pymeta *m, const char *s, size_t n, unsigned line)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (!n || m->ncls == MAX_CLASSIFIERS)
		return;
	if (!m->cls_line && n > 10 && !memcmp(s, "License ::", 10))
		m->cls_line = line;
	m->cls[m->ncls++] = xstrndup(s, n);
}

/* Each line of a multi-line value (setup.cfg classifiers). */
static void add_classifier_lines(struct pymeta *m, const char *s, size_t n, unsigned line)
{
	const char *end = s + n, *nl;

	while (s < end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			nl = end;
		add_classifier(m, s, (size_t)(nl - s), line);
		s = nl + 1;
	}
}

static int key_is(const char *k, size_t n, const char *want)
{
	return n == strlen(want) && !strncasecmp(k, want, n);
}

/* One header or key; alternatives in the two formats share a slot. */
static void take(struct pymeta *m, const char *k, size_t kn, const char *v, size_t vn,
		 unsigned line, int cfg)
{
	static const struct { const char *key; size_t off; } slots[] = {
		{ "name", offsetof(struct pymeta, name) },
		{ "version", offsetof(struct pymeta, version) },
		{ "license", offsetof(struct pymeta, license) },
		{ "license-expression", offsetof(struct pymeta, expr) },
		{ "license_expression", offsetof(struct pymeta, expr) },
		{ "license-file", offsetof(struct pymeta, license_file) },
		{ "license_file", offsetof(struct pymeta, license_file) },
		{ "license_files", offsetof(struct pymeta, license_file) },
		{ "author", offsetof(struct pymeta, author) },
		{ "maintainer", offsetof(struct pymeta, maintainer) },
		{ "author-email", offsetof(struct pymeta, author_email) },
		{ "author_email", offsetof(struct pymeta, author_email) },
		{ "maintainer-email", offsetof(struct pymeta, maintainer_email) },
		{ "maintainer_email", offsetof(struct pymeta, maintainer_email) },
		{ "home-page", offsetof(struct pymeta, home) },
		{ "home_page", offsetof(struct pymeta, home) },
		{ "url", offsetof(struct pymeta, home) },
	};
	size_t i;

	if (key_is(k, kn, "classifier") || key_is(k, kn, "classifiers")) {
		if (cfg)
			add_classifier_lines(m, v, vn, line);
		else
			add_classifier(m, v, vn, line);
		return;
	}
	for (i = 0; i < sizeof(slots) / sizeof(slots[0]); i++) {
		struct field *f = (struct field *)((char *)m + slots[i].off);

		if (key_is(k, kn, slots[i].key) && !f->s) {
			/* setup.cfg "attr:"/"file:" values are not literal */
			if (cfg && vn > 5 && (!strncmp(v, "attr:", 5) || !strncmp(v, "file:", 5)))
				return;
			set_field(f, v, vn, line);
			return;
		}
	}
}

/* --- PKG-INFO / METADATA: headers up to the first empty line ------------ */

/* The end of the value that starts at p: continuation lines begin with
 * a space or a tab. */
static const char *value_end(const char *p, const char *end)
{
	const char *nl;

	for (;;) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl || nl + 1 >= end || (nl[1] != ' ' && nl[1] != '\t'))
			return nl ? nl : end;
		p = nl + 1;
	}
}

void mani_read_pkginfo(struct mani_doc *d)
{
	const char *p = d->text, *end = d->text + d->len, *colon, *v, *ve;
	struct pymeta m;
	unsigned line = 1;

	memset(&m, 0, sizeof(m));
	while (p < end && *p != '\n' && *p != '\r') {
		const char *eol = memchr(p, '\n', (size_t)(end - p));

		colon = memchr(p, ':', (size_t)((eol ? eol : end) - p));
		if (!colon || colon == p) {
			mani_problem(d, NULL, line, "malformed %s: line %u: not a 'Name: value' "
						    "header", d->name, line);
			pymeta_release(&m);
			return;
		}
		for (v = colon + 1; v < end && (*v == ' ' || *v == '\t'); v++)
			;
		ve = value_end(v, end);
		while (ve > v && (ve[-1] == '\r' || ve[-1] == ' '))
			ve--;
		take(&m, p, (size_t)(colon - p), v, (size_t)(ve - v), line, 0);
		m.headers++;
		for (; p < end && p < ve; p++)
			if (*p == '\n')
				line++;
		while (p < end && *p != '\n')
			p++;
		if (p < end)
			p++, line++;
	}
	if (!m.name.s)
		mani_problem(d, NULL, 0, "malformed %s: no Name header", d->name);
	else
		py_package(d, &m);
	pymeta_release(&m);
}

/* --- setup.cfg: [metadata] of an INI file ----------------------------- */

/* An INI value: the rest of the line and the indented lines below it. */
static const char *ini_value_end(const char *p, const char *end)
{
	const char *nl;

	for (;;) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl || nl + 1 >= end)
			return end;
		if (nl[1] != ' ' && nl[1] != '\t')
			return nl;
		p = nl + 1;
	}
}

static int blank_or_comment(const char *p, const char *eol)
{
	while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return p == eol || *p == '#' || *p == ';';
}

void mani_read_setupcfg(struct mani_doc *d)
{
	const char *p = d->text, *end = d->text + d->len, *eol, *sep, *k, *ke, *v, *ve;
	const char *counted = d->text;
	int in_meta = 0;
	unsigned line = 1;
	struct pymeta m;

	memset(&m, 0, sizeof(m));
	for (; p < end; p = eol < end ? eol + 1 : end) {
		for (; counted < p; counted++) /* lines counted once, not per line */
			line += *counted == '\n';
		eol = memchr(p, '\n', (size_t)(end - p));
		eol = eol ? eol : end;
		if (blank_or_comment(p, eol))
			continue;
		if (*p == '[') {
			in_meta = (size_t)(eol - p) >= 10 && !memcmp(p, "[metadata]", 10);
			continue;
		}
		if (*p == ' ' || *p == '\t')
			continue; /* continuation of a section we skip */
		sep = p;
		while (sep < eol && *sep != '=' && *sep != ':')
			sep++;
		if (sep == eol) {
			mani_problem(d, NULL, line, "malformed setup.cfg: line %u: not 'key = value'",
				     line);
			pymeta_release(&m);
			return;
		}
		for (k = p, ke = sep; ke > k && (ke[-1] == ' ' || ke[-1] == '\t');)
			ke--;
		for (v = sep + 1; v < eol && (*v == ' ' || *v == '\t');)
			v++;
		ve = ini_value_end(v, end);
		if (in_meta)
			take(&m, k, (size_t)(ke - k), v, (size_t)(ve - v), line, 1);
		eol = ve;
	}
	if (m.name.s || m.license.s || m.ncls)
		py_package(d, &m);
	pymeta_release(&m);
}
