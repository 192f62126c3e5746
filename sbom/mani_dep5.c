/* SPDX-License-Identifier: MIT */
/* mani_dep5.c -- debian/copyright and .reuse/dep5 in the machine-readable
 * format (DEP-5: RFC 822-style paragraphs), the stanzas they and
 * REUSE.toml share, and the two glob dialects.
 *
 * A file is DEP-5 when its first paragraph has a Format field.  A Files
 * paragraph becomes a stanza (its globs, License synopsis mapped with
 * Debian's names, Copyright lines); a License paragraph without Files is
 * a stand-alone license text (counted).  The package's declared license
 * is the "Files: *" stanza's.
 *
 * Globs (DEP-5): '*' any run of characters, '/' included; '?' one
 * character; '\' escapes.  (REUSE.toml): '*' stops at '/', '**' does
 * not.  Both are scanner/pathglob.h's
 * (PATHGLOB_DEP5, PATHGLOB_REUSE). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "expr.h"
#include "pathglob.h"
#include "mani_int.h"

#define DEP5_MAX_STANZAS 20000
#define DEP5_MAX_FIELDS 32

struct field {
	const char *name, *val; /* val up to the end of its last line */
	size_t nn, vn;
	unsigned line;
};

struct para {
	struct field f[DEP5_MAX_FIELDS];
	size_t n;
	unsigned line;
};

static const struct field *get(const struct para *p, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < p->n; i++)
		if (p->f[i].nn == n && !strncasecmp(p->f[i].name, name, n))
			return &p->f[i];
	return NULL;
}

void mani_stanza_license(struct mani_stanza *st, const char *raw, size_t n, int dep5)
{
	struct mani_spdx m;
	struct perr e;

	free(st->license_raw);
	st->license_raw = xstrndup(raw, n);
	if (dep5) {
		mani_spdx(raw, n, MANI_DEP5, &m);
		st->expression = m.expression, m.expression = NULL;
		st->problem = m.problem, m.problem = NULL;
		mani_spdx_release(&m);
	} else if (!(st->expression = expr_canonical(raw, n, &e))) {
		struct buf b = BUF_INIT;

		buf_printf(&b, "invalid SPDX expression: %s", e.msg);
		st->problem = buf_take(&b);
	}
}

static void stanza_release(struct mani_stanza *st)
{
	size_t i;

	for (i = 0; i < st->nglobs; i++)
		free(st->globs[i]);
	free(st->globs);
	free(st->license_raw);
	free(st->expression);
	free(st->problem);
	free(st->copyright);
}

void mani_stanzas_release(struct mani_stanzas *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		stanza_release(&s->v[i]);
	free(s->v);
	free(s->upstream_name);
	free(s->source);
	memset(s, 0, sizeof(*s));
}

/* --- paragraphs ---------------------------------------------------------- */

struct reader {
	const char *p, *end;
	unsigned line;
};

static int blank(const char *p, const char *eol)
{
	while (p < eol && isspace((unsigned char)*p))
		p++;
	return p == eol;
}

/* The next paragraph into para; 0 at the end, 1 with one, -1 on error. */
static int next_para(struct reader *r, struct para *para, struct perr *e)
{
	const char *eol, *colon;

	para->n = 0;
	for (; r->p < r->end; r->p = eol < r->end ? eol + 1 : r->end, r->line++) {
		eol = memchr(r->p, '\n', (size_t)(r->end - r->p));
		eol = eol ? eol : r->end;
		if (blank(r->p, eol)) {
			if (para->n)
				return 1;
			continue;
		}
		if (*r->p == '#')
			continue;
		if (*r->p == ' ' || *r->p == '\t') {
			if (!para->n)
				return perr_set(e, PERR_FILE, "line %u: continuation line "
							      "without a field", r->line);
			para->f[para->n - 1].vn = (size_t)(eol - para->f[para->n - 1].val);
			continue;
		}
		colon = memchr(r->p, ':', (size_t)(eol - r->p));
		if (!colon || colon == r->p)
			return perr_set(e, PERR_FILE, "line %u: not a 'Field: value' line", r->line);
		if (!para->n)
			para->line = r->line;
		if (para->n == DEP5_MAX_FIELDS)
			continue;
		para->f[para->n].name = r->p;
		para->f[para->n].nn = (size_t)(colon - r->p);
		para->f[para->n].val = colon + 1;
		para->f[para->n].vn = (size_t)(eol - colon - 1);
		para->f[para->n].line = r->line;
		para->n++;
	}
	return para->n ? 1 : 0;
}

/* The first line of a field's value, trimmed. */
static void first_line(const struct field *f, const char **s, size_t *n)
{
	const char *p = f->val, *end = f->val + f->vn, *nl;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	nl = memchr(p, '\n', (size_t)(end - p));
	end = nl ? nl : end;
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	*s = p;
	*n = (size_t)(end - p);
}

/* Copyright lines trimmed, " ." lines dropped, joined by \n. */
static char *lines(const struct field *f)
{
	const char *p = f->val, *end = f->val + f->vn, *nl, *s, *e;
	struct buf b = BUF_INIT;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		nl = nl ? nl : end;
		for (s = p; s < nl && isspace((unsigned char)*s); s++)
			;
		for (e = nl; e > s && isspace((unsigned char)e[-1]); e--)
			;
		if (e > s && !(e - s == 1 && *s == '.'))
			buf_printf(&b, "%s%.*s", b.len ? "\n" : "", (int)(e - s), s);
	}
	return b.len ? buf_take(&b) : (buf_release(&b), NULL);
}

static void files_stanza(const struct para *pa, struct mani_stanza *st)
{
	const struct field *files = get(pa, "Files"), *lic = get(pa, "License"),
			   *cr = get(pa, "Copyright");
	const char *p = files->val, *end = files->val + files->vn, *w;
	size_t cap = 0;

	st->line = pa->line;
	st->precedence = MANI_PREC_AGGREGATE; /* REUSE's reading of .reuse/dep5 */
	while (p < end) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		for (w = p; p < end && !isspace((unsigned char)*p); p++)
			;
		if (p == w)
			break;
		if (st->nglobs == cap) {
			cap = cap ? cap * 2 : 4;
			st->globs = xrealloc(st->globs, cap * sizeof(*st->globs));
		}
		st->globs[st->nglobs++] = xstrndup(w, (size_t)(p - w));
	}
	if (cr)
		st->copyright = lines(cr);
	if (lic) {
		const char *s;
		size_t n;

		first_line(lic, &s, &n);
		st->license_line = lic->line;
		mani_stanza_license(st, s, n, 1);
	} else {
		st->problem = xstrdup("Files paragraph without a License field");
	}
}

static char *field_copy(const struct para *pa, const char *name)
{
	const struct field *f = get(pa, name);
	const char *s;
	size_t n;

	if (!f)
		return NULL;
	first_line(f, &s, &n);
	return n ? xstrndup(s, n) : NULL;
}

int mani_dep5_parse(const char *text, size_t len, struct mani_stanzas *s, struct perr *e)
{
	struct reader r = { text, text + len, 1 };
	struct para *pa = xmalloc(sizeof(*pa));
	size_t cap = 0;
	int rc;

	memset(s, 0, sizeof(*s));
	if (next_para(&r, pa, e) <= 0 || !get(pa, "Format")) {
		free(pa);
		return perr_set(e, PERR_FILE, "not machine-readable (DEP-5): no Format field in "
					      "the first paragraph");
	}
	s->upstream_name = field_copy(pa, "Upstream-Name");
	s->source = field_copy(pa, "Source");
	while ((rc = next_para(&r, pa, e)) > 0) {
		if (!get(pa, "Files")) {
			s->nstandalone += get(pa, "License") != NULL;
			continue;
		}
		if (s->n == DEP5_MAX_STANZAS) {
			rc = perr_set(e, PERR_LIMIT, "over %d Files paragraphs", DEP5_MAX_STANZAS);
			break;
		}
		if (s->n == cap) {
			cap = cap ? cap * 2 : 8;
			s->v = xrealloc(s->v, cap * sizeof(*s->v));
		}
		memset(&s->v[s->n], 0, sizeof(s->v[0]));
		files_stanza(pa, &s->v[s->n++]);
	}
	free(pa);
	if (rc < 0) {
		mani_stanzas_release(s);
		return -1;
	}
	return 0;
}

/* --- globs ---------------------------------------------------------------- */

int mani_glob_match(const struct mani_stanzas *s, const char *glob, const char *path)
{
	return pathglob_match(glob, path, s->reuse_globs ? PATHGLOB_REUSE : PATHGLOB_DEP5);
}

const struct mani_stanza *mani_stanza_for(const struct mani_stanzas *s, const char *relpath)
{
	size_t i, k;

	for (i = s->n; i-- > 0;)
		for (k = 0; k < s->v[i].nglobs; k++)
			if (mani_glob_match(s, s->v[i].globs[k], relpath))
				return &s->v[i];
	return NULL;
}

/* --- the readers ------------------------------------------------------------ */

static void stanza_problems(struct mani_doc *d, const struct mani_stanzas *s,
			    const struct mani_stanza *skip)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (&s->v[i] != skip && s->v[i].problem)
			mani_problem(d, NULL, s->v[i].license_line ? s->v[i].license_line
								   : s->v[i].line,
				     "Files %s: %s", s->v[i].nglobs ? s->v[i].globs[0] : "(none)",
				     s->v[i].problem);
}

void mani_read_debian(struct mani_doc *d)
{
	struct mani_stanzas s;
	const struct mani_stanza *all = NULL;
	struct package *p;
	struct mani_spdx m;
	struct perr e;
	size_t i;

	if (mani_dep5_parse(d->text, d->len, &s, &e) < 0) {
		mani_problem(d, NULL, 0, "%s: %s", d->name, e.msg);
		return;
	}
	p = mani_package(d, "deb");
	mani_set(&p->name, s.upstream_name);
	if (s.source && (!strncmp(s.source, "http://", 7) || !strncmp(s.source, "https://", 8)))
		mani_set(&p->homepage, s.source);
	for (i = 0; i < s.n; i++)
		if (s.v[i].nglobs == 1 && !strcmp(s.v[i].globs[0], "*"))
			all = &s.v[i];
	if (all && all->license_raw) {
		m.expression = all->expression;
		m.problem = all->problem;
		m.note = NULL;
		mani_declare(d, p, all->license_raw, strlen(all->license_raw), all->license_line,
			     &m, NULL);
	}
	stanza_problems(d, &s, all && all->license_raw ? all : NULL);
	mani_stanzas_release(&s);
}

void mani_read_dep5(struct mani_doc *d)
{
	struct mani_stanzas s;
	struct perr e;

	if (mani_dep5_parse(d->text, d->len, &s, &e) < 0) {
		mani_malformed(d, NULL, e.msg);
		return;
	}
	stanza_problems(d, &s, NULL);
	mani_stanzas_release(&s);
}
