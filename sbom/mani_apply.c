/* SPDX-License-Identifier: MIT */
/* mani_apply.c -- REUSE.toml, .reuse/dep5 and debian/copyright applied to
 * the files they cover.  See manifest.h.
 *
 * Loaded once, before the walk, from the top of each scanned directory
 * (the root as the walker names it: "./a/" -> "a", "." -> "").  A file's
 * display path below that root is matched against the stanzas (the last
 * match wins); the stanza adds findings with method manifest and a note
 * naming its source, by precedence:
 *
 *   closest    only when the file has no license (copyright) of its own
 *   aggregate  always, next to the file's own
 *   override   always, and the file's expression is the stanza's alone */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "walk.h"
#include "buf.h"
#include "expr.h"
#include "manifest.h"
#include "readf.h"
#include "text.h"

struct source {
	char *prefix;        /* owned; "" or "dir/" as display paths start */
	const char *name;    /* "REUSE.toml" ... */
	struct mani_stanzas s;
};

struct mani_annots {
	struct source *v;
	size_t n;
};

static const struct {
	const char *file;
	int reuse;                       /* REUSE.toml syntax, else DEP-5 */
	enum mani_precedence precedence; /* for DEP-5 stanzas */
} kinds[] = {
	{ "REUSE.toml", 1, MANI_PREC_CLOSEST },
	{ ".reuse/dep5", 0, MANI_PREC_AGGREGATE },
	{ "debian/copyright", 0, MANI_PREC_CLOSEST },
};

/* The whole file when it is regular (no symlink followed: the walk would
 * not follow it either), valid UTF-8 and within the cap; read as the
 * scan reads files (readf). */
static char *slurp(const char *path, size_t *len)
{
	struct readf rf = READF_INIT;
	struct perr e;
	char *b = NULL;

	if (readf_open(&rf, path, 0, &e) == 0 && readf_rest(&rf, MANI_MAX_BYTES, &e) == 0 &&
	    !rf.truncated && text_utf8_len(rf.data, rf.len) == rf.len) {
		b = xmalloc(rf.len + 1);
		memcpy(b, rf.data, rf.len);
		b[rf.len] = '\0';
		*len = rf.len;
	}
	readf_release(&rf);
	return b;
}

/* Normalises root as walk.c does; returns the directory to open. */
static char *root_dir(const char *root, char **prefix)
{
	struct buf b = BUF_INIT;
	size_t n;

	root = walk_root_name(root, &n);
	buf_add(&b, root, n);
	if (n && root[n - 1] != '/')
		buf_addc(&b, '/');
	*prefix = buf_take(&b);
	return xstrdup(n ? *prefix : "./");
}

static void load_one(struct mani_annots *a, const char *dir, const char *prefix, size_t k)
{
	struct buf path = BUF_INIT;
	struct source src;
	struct perr e;
	size_t len, i;
	char *text;
	int rc;

	buf_printf(&path, "%s%s", dir, kinds[k].file);
	text = slurp(path.data, &len);
	buf_release(&path);
	if (!text)
		return;
	memset(&src, 0, sizeof(src));
	rc = kinds[k].reuse ? mani_reuse_parse(text, len, &src.s, &e)
			    : mani_dep5_parse(text, len, &src.s, &e);
	free(text);
	if (rc < 0)
		return;
	for (i = 0; !kinds[k].reuse && i < src.s.n; i++)
		src.s.v[i].precedence = kinds[k].precedence;
	src.prefix = xstrdup(prefix);
	src.name = kinds[k].file;
	a->v = xrealloc(a->v, (a->n + 1) * sizeof(*a->v));
	a->v[a->n++] = src;
}

struct mani_annots *mani_annots_load(const char *const *roots, size_t n)
{
	struct mani_annots *a = xcalloc(1, sizeof(*a));
	struct stat st;
	size_t i, k;

	for (i = 0; i < n; i++) {
		char *prefix, *dir = root_dir(roots[i], &prefix);

		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
				load_one(a, dir, prefix, k);
		free(dir);
		free(prefix);
	}
	if (!a->n) {
		free(a);
		return NULL;
	}
	return a;
}

void mani_annots_free(struct mani_annots *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->n; i++) {
		free(a->v[i].prefix);
		mani_stanzas_release(&a->v[i].s);
	}
	free(a->v);
	free(a);
}

/* --- applying ---------------------------------------------------------- */

/* What the file says itself: its first nown findings (tags, texts, its
 * own manifest fields), not what stanzas added. */
static int has_own(const struct file_result *r, size_t nown, enum finding_kind kind)
{
	size_t i;

	for (i = 0; i < nown; i++)
		if (r->findings[i].kind == kind &&
		    (kind == FK_COPYRIGHT || r->findings[i].expression))
			return 1;
	return 0;
}

static char *note(const struct source *src, const struct mani_stanza *st)
{
	static const char *const prec[] = { "closest", "aggregate", "override" };
	struct buf b = BUF_INIT;

	buf_printf(&b, "declared for this path by %s%s (line %u: '%s', precedence %s)",
		   src->prefix, src->name, st->line, st->nglobs ? st->globs[0] : "",
		   prec[st->precedence]);
	return buf_take(&b);
}

static struct finding *add(struct file_result *r, const struct source *src,
			   const struct mani_stanza *st, enum finding_kind kind)
{
	struct finding *f = result_add(r);
	struct buf rule = BUF_INIT;

	f->kind = kind;
	f->method = FM_MANIFEST;
	buf_printf(&rule, "manifest:%s", src->name);
	f->rule = buf_take(&rule);
	f->note = note(src, st);
	return f;
}

static void copyrights(struct file_result *r, const struct source *src,
		       const struct mani_stanza *st)
{
	const char *p = st->copyright, *nl;

	while (p && *p) {
		struct finding *f = add(r, src, st, FK_COPYRIGHT);

		nl = strchr(p, '\n');
		f->text = xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
		p = nl ? nl + 1 : NULL;
	}
}

static void set_expression(struct file_result *r, const struct mani_stanza *st)
{
	if (st->precedence != MANI_PREC_OVERRIDE) {
		result_set_expression(r);
		return;
	}
	free(r->expression);
	r->expression = expr_and_all(&st->expression, 1);
}

static void apply(struct file_result *r, size_t nown, const struct source *src,
		  const struct mani_stanza *st)
{
	int closest = st->precedence == MANI_PREC_CLOSEST;

	if (st->expression && !(closest && has_own(r, nown, FK_LICENSE))) {
		struct finding *f = add(r, src, st, FK_LICENSE);

		f->expression = xstrdup(st->expression);
		f->text = xstrdup0(st->license_raw);
		f->score = 100;
		set_expression(r, st);
	}
	if (st->copyright && !(closest && has_own(r, nown, FK_COPYRIGHT)))
		copyrights(r, src, st);
}

void mani_annotate(const struct mani_annots *a, struct file_result *r)
{
	size_t i, pl, nown = r->nfindings;

	if (!a || !r->path || r->status != FS_SCANNED || strstr(r->path, "!/"))
		return;
	for (i = 0; i < a->n; i++) {
		const struct source *src = &a->v[i];
		const struct mani_stanza *st;

		pl = strlen(src->prefix);
		if (strncmp(r->path, src->prefix, pl))
			continue;
		if ((st = mani_stanza_for(&src->s, r->path + pl)) != NULL)
			apply(r, nown, src, st);
	}
}
