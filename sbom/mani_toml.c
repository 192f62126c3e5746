/* SPDX-License-Identifier: MIT */
/* mani_toml.c -- Cargo.toml, pyproject.toml (PEP 621 / PEP 639, Poetry)
 * and REUSE.toml, read with sbom/toml.h.
 *
 * Cargo: [package] license is an SPDX expression where old crates wrote
 * '/' for OR; license-file names a file instead.  pyproject: [project]
 * license is an SPDX expression (PEP 639) or a table {text | file} (PEP
 * 621); without one, license-files or the license classifiers say what
 * there is.  REUSE.toml: [[annotations]] with path, precedence,
 * SPDX-License-Identifier and SPDX-FileCopyrightText (REUSE 3.2). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "expr.h"
#include "mani_int.h"
#include "toml.h"

static const char *tstr(const struct toml_val *t, const char *key)
{
	const struct toml_val *v = toml_get(t, key);

	return v && v->type == TOML_STRING ? v->s : NULL;
}

static unsigned tline(const struct toml_val *t, const char *key)
{
	const struct toml_val *v = toml_get(t, key);

	return v ? v->line : 0;
}

/* First string of an array, or of an array of tables' "name". */
static const char *first_person(const struct toml_val *a)
{
	if (!a || a->type != TOML_ARRAY || !a->n)
		return NULL;
	if (a->v[0]->type == TOML_STRING)
		return a->v[0]->s;
	return tstr(a->v[0], "name");
}

static struct toml_val *parse(struct mani_doc *d)
{
	struct perr e;
	struct toml_val *root = toml_parse(d->text, d->len, &e);

	if (!root)
		mani_malformed(d, NULL, e.msg);
	return root;
}

static int inherited(const struct toml_val *v)
{
	const struct toml_val *w = toml_get(v, "workspace");

	return v && v->type == TOML_TABLE && w && w->type == TOML_SCALAR && !strcmp(w->s, "true");
}

void mani_read_cargo(struct mani_doc *d)
{
	struct toml_val *root = parse(d);
	const struct toml_val *pkg, *lic;
	struct package *p;

	if (!root)
		return;
	if (!(pkg = toml_get(root, "package")) || pkg->type != TOML_TABLE) {
		toml_free(root); /* a workspace root: no package of its own */
		return;
	}
	p = mani_package(d, "cargo");
	mani_set(&p->name, tstr(pkg, "name"));
	mani_set(&p->version, tstr(pkg, "version"));
	mani_set(&p->supplier, first_person(toml_get(pkg, "authors")));
	mani_set(&p->homepage, tstr(pkg, "homepage") ? tstr(pkg, "homepage")
						     : tstr(pkg, "repository"));
	lic = toml_get(pkg, "license");
	if (lic && lic->type == TOML_STRING)
		mani_license(d, p, lic->s, lic->slen, lic->line, MANI_SLASH_OR, NULL);
	else if (lic && inherited(lic))
		mani_problem(d, p, lic->line, "license inherited from the workspace "
					       "(license.workspace = true), not read here");
	else if (lic)
		mani_problem(d, p, lic->line, "license is not a string");
	else if (tstr(pkg, "license-file"))
		mani_license_file(d, p, tstr(pkg, "license-file"), tline(pkg, "license-file"),
				  "license-file");
	toml_free(root);
}

static int array_strings(const struct toml_val *a, char **v, size_t cap)
{
	size_t i, n = 0;

	for (i = 0; a && a->type == TOML_ARRAY && i < a->n && n < cap; i++)
		if (a->v[i]->type == TOML_STRING)
			v[n++] = a->v[i]->s;
	return (int)n;
}

static void py_license(struct mani_doc *d, struct package *p, const struct toml_val *prj)
{
	const struct toml_val *lic = toml_get(prj, "license"), *files;
	char *v[64];
	int n;

	if (lic && lic->type == TOML_STRING) {
		mani_license(d, p, lic->s, lic->slen, lic->line, 0, NULL);
	} else if (lic && lic->type == TOML_TABLE && tstr(lic, "text")) {
		const char *t = tstr(lic, "text");

		mani_license(d, p, t, strlen(t), lic->line, 0, NULL);
	} else if (lic && lic->type == TOML_TABLE && tstr(lic, "file")) {
		mani_license_file(d, p, tstr(lic, "file"), lic->line, "license.file");
	} else if (lic) {
		mani_problem(d, p, lic->line, "license is neither a string nor {text, file}");
	} else if ((n = array_strings(toml_get(prj, "classifiers"), v, 64)) > 0 &&
		   mani_classifiers(d, p, v, (size_t)n, tline(prj, "classifiers"))) {
		;
	} else if ((files = toml_get(prj, "license-files")) != NULL &&
		   array_strings(files, v, 1) == 1) {
		mani_license_file(d, p, v[0], files->line, "license-files");
	}
}

static const char *homepage(const struct toml_val *prj)
{
	const struct toml_val *urls = toml_get(prj, "urls");
	static const char *const keys[] = { "Homepage", "homepage", "Home", "Repository",
					    "repository", "Source" };
	size_t i;

	if (tstr(prj, "homepage"))
		return tstr(prj, "homepage");
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (tstr(urls, keys[i]))
			return tstr(urls, keys[i]);
	return NULL;
}

void mani_read_pyproject(struct mani_doc *d)
{
	struct toml_val *root = parse(d);
	const struct toml_val *prj;
	struct package *p;

	if (!root)
		return;
	prj = toml_get(root, "project");
	if (!prj || prj->type != TOML_TABLE)
		prj = toml_path(root, "tool.poetry");
	if (!prj || prj->type != TOML_TABLE || !tstr(prj, "name")) {
		toml_free(root); /* tool settings only */
		return;
	}
	p = mani_package(d, "pypi");
	mani_set(&p->name, tstr(prj, "name"));
	mani_set(&p->version, tstr(prj, "version"));
	mani_set(&p->supplier, first_person(toml_get(prj, "authors")));
	mani_set(&p->homepage, homepage(prj));
	py_license(d, p, prj);
	toml_free(root);
}

/* --- REUSE.toml ----------------------------------------------------------- */

/* A string or a list of strings, joined by sep; NULL when neither. */
static char *joined(const struct toml_val *v, const char *sep, int *bad)
{
	struct buf b = BUF_INIT;
	size_t i;

	if (!v)
		return NULL;
	if (v->type == TOML_STRING)
		return xstrdup(v->s);
	if (v->type != TOML_ARRAY) {
		*bad = 1;
		return NULL;
	}
	for (i = 0; i < v->n; i++) {
		if (v->v[i]->type != TOML_STRING) {
			*bad = 1;
			break;
		}
		buf_printf(&b, "%s%s", i ? sep : "", v->v[i]->s);
	}
	return b.len ? buf_take(&b) : (buf_release(&b), NULL);
}

static int precedence(const char *s, enum mani_precedence *out)
{
	static const char *const names[] = { "closest", "aggregate", "override" };
	int i;

	if (!s) {
		*out = MANI_PREC_CLOSEST;
		return 0;
	}
	for (i = 0; i < 3; i++)
		if (!strcmp(s, names[i])) {
			*out = (enum mani_precedence)i;
			return 0;
		}
	return -1;
}

static int globs(const struct toml_val *v, struct mani_stanza *st)
{
	size_t i;

	if (v && v->type == TOML_STRING) {
		st->globs = xmalloc(sizeof(*st->globs));
		st->globs[st->nglobs++] = xstrdup(v->s);
		return 0;
	}
	if (!v || v->type != TOML_ARRAY || !v->n)
		return -1;
	st->globs = xcalloc(v->n, sizeof(*st->globs));
	for (i = 0; i < v->n; i++) {
		if (v->v[i]->type != TOML_STRING)
			return -1;
		st->globs[st->nglobs++] = xstrdup(v->v[i]->s);
	}
	return 0;
}

static int annotation(const struct toml_val *a, struct mani_stanza *st, struct perr *e)
{
	int bad = 0;
	char *lic;

	st->line = a->line;
	if (a->type != TOML_TABLE || globs(toml_get(a, "path"), st) < 0)
		return perr_set(e, PERR_FILE, "line %u: annotation without a path (string or "
					      "list of strings)", a->line);
	if (precedence(tstr(a, "precedence"), &st->precedence) < 0)
		return perr_set(e, PERR_FILE, "line %u: precedence is not closest, aggregate "
					      "or override", a->line);
	st->copyright = joined(toml_get(a, "SPDX-FileCopyrightText"), "\n", &bad);
	lic = joined(toml_get(a, "SPDX-License-Identifier"), " AND ", &bad);
	if (bad) {
		free(lic);
		return perr_set(e, PERR_FILE, "line %u: SPDX-License-Identifier or "
					      "SPDX-FileCopyrightText is not a string or list of "
					      "strings", a->line);
	}
	if (lic)
		mani_stanza_license(st, lic, strlen(lic), 0);
	free(lic);
	return 0;
}

int mani_reuse_parse(const char *text, size_t len, struct mani_stanzas *s, struct perr *e)
{
	struct toml_val *root;
	const struct toml_val *ver, *ann;
	size_t i;

	memset(s, 0, sizeof(*s));
	s->reuse_globs = 1;
	if (!(root = toml_parse(text, len, e)))
		return -1;
	ver = toml_get(root, "version");
	ann = toml_get(root, "annotations");
	if (!ver || ver->type != TOML_SCALAR || strcmp(ver->s, "1")) {
		toml_free(root);
		return perr_set(e, PERR_FILE, "version is not 1");
	}
	if (ann && (ann->type != TOML_ARRAY)) {
		toml_free(root);
		return perr_set(e, PERR_FILE, "annotations is not an array of tables");
	}
	s->v = xcalloc(ann && ann->n ? ann->n : 1, sizeof(*s->v));
	for (i = 0; ann && i < ann->n; i++) {
		s->n++;
		if (annotation(ann->v[i], &s->v[i], e) < 0) {
			toml_free(root);
			mani_stanzas_release(s);
			return -1;
		}
	}
	toml_free(root);
	return 0;
}

void mani_read_reuse(struct mani_doc *d)
{
	struct mani_stanzas s;
	struct perr e;
	size_t i;

	if (mani_reuse_parse(d->text, d->len, &s, &e) < 0) {
		mani_malformed(d, NULL, e.msg);
		return;
	}
	for (i = 0; i < s.n; i++)
		if (s.v[i].problem)
			mani_problem(d, NULL, s.v[i].line, "annotation for '%s': %s",
				     s.v[i].globs[0], s.v[i].problem);
	mani_stanzas_release(&s);
}
