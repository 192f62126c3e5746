/* SPDX-License-Identifier: MIT */
/* oblig.c -- scan results grouped by license, with obligations.  See
 * oblig.h.
 *
 * Groups and choices are small arrays searched linearly: a tree brings tens
 * of licenses, not thousands.  Holders are kept with repeats (only a run of
 * the same holder is folded as it comes) and made distinct by one sort at
 * the end. */
#include "oblig.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "expr.h"
#include "strv.h"

struct oblig {
	enum lm_use use;
	struct oblig_group *g;
	size_t ng, capg;
	struct oblig_choice *c;
	size_t nc, capc;
	struct oblig_strs notice_paths; /* every NOTICE file seen */
	struct oblig_strs pkg_groups;   /* "manifest dir\ngroup license" */
	struct oblig_strs orphans;      /* "file's dir\nholder": files with no license */
	struct oblig_strs dir_groups;   /* "file's dir\ngroup license": licensed files */
	struct oblig_unread *u;         /* inputs not analysed */
	size_t nu, capu;
	int finished;                   /* u sorted by path */
	struct oblig_totals t;
};

static void strs_add(struct oblig_strs *s, const char *v)
{
	if (s->n && !strcmp(s->v[s->n - 1], v))
		return; /* the same file or holder twice in a row */
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 8;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n++] = xstrdup(v);
}

static void strs_release(struct oblig_strs *s)
{
	strv_free(s->v, s->n);
	memset(s, 0, sizeof(*s));
}

static void strs_sort_uniq(struct oblig_strs *s)
{
	s->n = strv_sort_unique(s->v, s->n);
}

int oblig_is_notice(const char *path)
{
	const char *b = strrchr(path, '/');

	b = b ? b + 1 : path;
	return !strcasecmp(b, "NOTICE") || !strcasecmp(b, "NOTICE.txt") ||
	       !strcasecmp(b, "NOTICE.md");
}

struct oblig *oblig_new(enum lm_use use)
{
	struct oblig *o = xcalloc(1, sizeof(*o));

	o->use = use;
	return o;
}

/* The group of one operand of an expression taken: "MIT",
 * "GPL-2.0-only WITH Classpath-exception-2.0", "LicenseRef-x". */
static struct oblig_group *group_get(struct oblig *o, const struct expr *leaf)
{
	char *key = expr_to_string(leaf);
	const struct expr *lic = leaf->kind == EXPR_WITH ? leaf->left : leaf;
	const struct lm_info *m, *x;
	struct oblig_group *g;
	size_t i;

	for (i = 0; i < o->ng; i++)
		if (!strcmp(o->g[i].license, key)) {
			free(key);
			return &o->g[i];
		}
	if (o->ng == o->capg) {
		o->capg = o->capg ? 2 * o->capg : 16;
		o->g = xrealloc(o->g, o->capg * sizeof(*o->g));
	}
	g = memset(&o->g[o->ng++], 0, sizeof(*g));
	g->license = key;
	g->id = xstrdup(lic->id);
	g->exception = leaf->kind == EXPR_WITH ? xstrdup(leaf->id) : NULL;
	m = lic->kind == EXPR_LICENSE ? lm_find(lic->id) : NULL;
	x = g->exception ? lm_find(g->exception) : NULL;
	g->category = m ? m->category : LM_UNKNOWN;
	g->basis = m ? m->basis : LM_NODATA;
	g->note = m ? m->note : "not in the SPDX list: read its text";
	if (m && x && x->exception) {
		struct lm_info with = *m;

		lm_with(&with, x);
		g->category = with.category;
	}
	lm_expr_eval(leaf, o->use, &g->res);
	return g;
}

static void add_choice(struct oblig *o, const char *expression, const struct lm_result *res)
{
	struct oblig_choice *c;
	size_t i;

	for (i = 0; i < o->nc; i++)
		if (!strcmp(o->c[i].expression, expression)) {
			o->c[i].count++;
			return;
		}
	if (o->nc == o->capc) {
		o->capc = o->capc ? 2 * o->capc : 8;
		o->c = xrealloc(o->c, o->capc * sizeof(*o->c));
	}
	c = &o->c[o->nc++];
	c->expression = xstrdup(expression);
	c->chosen = xstrdup(res->chosen);
	c->why = xstrdup(res->choices);
	c->count = 1;
}

struct source {
	const char *path;    /* a file, or NULL */
	const char *package; /* a package label, or NULL */
	const struct file_result *r; /* holders from here, or NULL */
	const char *manifest; /* a package's manifest path, or NULL */
};

/* The directory part of path ("" for none): "a/b/c.js" is "a/b". */
static size_t dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? (size_t)(slash - path) : 0;
}

/* "dir\nv" into s: a package's group, or a license-less file's holder. */
static void pair_add(struct oblig_strs *s, const char *path, const char *v)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%.*s\n%s", (int)dir_len(path), path, v);
	strs_add(s, b.data);
	buf_release(&b);
}

static void add_to_group(struct oblig_group *g, const struct source *s)
{
	size_t i, k;

	if (s->path)
		strs_add(&g->files, s->path);
	if (s->package)
		strs_add(&g->packages, s->package);
	for (i = 0; s->r && i < s->r->nfindings; i++)
		if (s->r->findings[i].kind == FK_COPYRIGHT)
			for (k = 0; k < s->r->findings[i].nholders; k++)
				strs_add(&g->holders, s->r->findings[i].holders[k]);
}

static void add_expression(struct oblig *o, const char *expression, const struct source *s)
{
	struct lm_result res;
	struct expr *x = expr_parse(expression, strlen(expression), NULL), *y;
	const struct expr **ops;
	size_t i, n;

	if (!x) {
		o->t.invalid++;
		return;
	}
	o->t.with_license++;
	lm_expr_eval(x, o->use, &res);
	if (res.choices)
		add_choice(o, expression, &res);
	y = expr_parse(res.chosen, strlen(res.chosen), NULL);
	ops = y ? expr_operands(y, &n) : NULL;
	for (i = 0; ops && i < n; i++) {
		struct oblig_group *g;

		if (ops[i]->kind == EXPR_OR)
			continue;
		g = group_get(o, ops[i]);
		add_to_group(g, s);
		if (s->manifest)
			pair_add(&o->pkg_groups, s->manifest, g->license);
		else if (s->path)
			pair_add(&o->dir_groups, s->path, g->license);
	}
	free(ops);
	expr_free(y);
	expr_free(x);
	lm_result_release(&res);
}

static char *package_label(const struct package *p, const char *path)
{
	struct buf b = BUF_INIT;

	if (p->ecosystem)
		buf_printf(&b, "%s/", p->ecosystem);
	if (p->namespace)
		buf_printf(&b, "%s/", p->namespace);
	buf_adds(&b, p->name ? p->name : "(unnamed)");
	if (p->version)
		buf_printf(&b, "@%s", p->version);
	buf_printf(&b, " (%s)", path);
	return buf_take(&b);
}

/* --- inputs not analysed ---------------------------------------------------- */

static int cmp_unread(const void *a, const void *b)
{
	const struct oblig_unread *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (!c)
		c = strcmp(x->status, y->status);
	return c ? c : strcmp(x->reason, y->reason);
}

/* Where path is, or would go, in the sorted list. */
static size_t unread_pos(const struct oblig *o, const char *path)
{
	size_t lo = 0, hi = o->nu;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(o->u[mid].path, path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Room for one more at position at (moving what follows). */
static struct oblig_unread *unread_insert(struct oblig *o, size_t at)
{
	if (o->nu == o->capu) {
		o->capu = o->capu ? 2 * o->capu : 16;
		o->u = xrealloc(o->u, o->capu * sizeof(*o->u));
	}
	memmove(&o->u[at + 1], &o->u[at], (o->nu - at) * sizeof(*o->u));
	o->nu++;
	return &o->u[at];
}

static void unread_put(struct oblig *o, size_t at, const char *path, const char *status,
		       const char *reason)
{
	struct oblig_unread *u = unread_insert(o, at);

	u->path = xstrdup(path);
	u->status = status;
	u->reason = xstrdup(reason);
}

/* A result that was not analysed, or only in part, is kept (sorted at
 * finish: the sink's order is the walk's, roots as given). */
static void note_unread(struct oblig *o, const struct file_result *r)
{
	if (r->status == FS_FAILED)
		o->t.failed++;
	if (r->status != FS_SCANNED)
		unread_put(o, o->nu, r->path, result_status_name(r->status),
			   r->error ? r->error : r->status == FS_FAILED ? "failed" : "not read");
	else if (r->truncated)
		unread_put(o, o->nu, r->path, "truncated",
			   "only its first bytes were analysed (over --max-file-size)");
}

size_t oblig_nunread(const struct oblig *o)
{
	return o->nu;
}

const struct oblig_unread *oblig_unread(const struct oblig *o, size_t i)
{
	return i < o->nu ? &o->u[i] : NULL;
}

const struct oblig_unread *oblig_unread_find(const struct oblig *o, const char *path)
{
	size_t i = unread_pos(o, path);

	return o->finished && i < o->nu && !strcmp(o->u[i].path, path) ? &o->u[i] : NULL;
}

void oblig_unread_add(struct oblig *o, const char *path, const char *status, const char *reason)
{
	if (!o->finished)
		unread_put(o, o->nu, path, status, reason);
	else if (!oblig_unread_find(o, path))
		unread_put(o, unread_pos(o, path), path, status, reason);
}

/* --- results ------------------------------------------------------------------ */

/* A NOTICE file is one of its group's whatever became of it in the scan
 * (read, a link, unreadable), so a notice can say it was not reproduced. */
static int is_notice_file(const struct file_result *r)
{
	return r->type != FT_BINARY && r->type != FT_ARCHIVE &&
	       !(r->type == FT_SKIPPED && r->status == FS_SKIPPED) && oblig_is_notice(r->path);
}

/* Legal text no known license matched: the file (and its holders) in the
 * group OBLIG_UNKNOWN, with the text, to be read. */
static void add_unknown(struct oblig *o, const struct file_result *r, const struct finding *f)
{
	struct expr *x = expr_parse(OBLIG_UNKNOWN, strlen(OBLIG_UNKNOWN), NULL);
	struct oblig_group *g = group_get(o, x);
	struct source s = { r->path, NULL, r, NULL };

	g->note = "license-like text no known license matched: read it";
	add_to_group(g, &s);
	strs_add(&g->texts, f->span ? f->span : f->text ? f->text : "");
	expr_free(x);
}

static int has_license_finding(const struct file_result *r)
{
	size_t i;

	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].kind == FK_LICENSE && (r->findings[i].expression ||
							  r->findings[i].method == FM_UNKNOWN))
			return 1;
	return 0;
}

/* A file with holders but no license: its holders go, at the end, to the
 * licenses of the package whose manifest is nearest above it. */
static void note_orphan(struct oblig *o, const struct file_result *r)
{
	size_t i, k;

	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].kind == FK_COPYRIGHT)
			for (k = 0; k < r->findings[i].nholders; k++)
				pair_add(&o->orphans, r->path, r->findings[i].holders[k]);
}

int oblig_file(void *ctx, const struct file_result *r)
{
	struct oblig *o = ctx;
	size_t i;

	o->t.files++;
	note_unread(o, r);
	if (is_notice_file(r))
		strs_add(&o->notice_paths, r->path);
	if (r->expression) {
		struct source s = { r->path, NULL, r, NULL };

		add_expression(o, r->expression, &s);
	}
	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].kind == FK_LICENSE && r->findings[i].method == FM_UNKNOWN)
			add_unknown(o, r, &r->findings[i]);
	if (!r->expression && !has_license_finding(r) && !oblig_is_notice(r->path))
		note_orphan(o, r); /* a NOTICE file is reproduced whole, holders and all */
	for (i = 0; i < r->npackages; i++) {
		char *label;
		struct source s = { NULL, NULL, NULL, NULL };

		if (!r->packages[i].declared)
			continue;
		label = package_label(&r->packages[i], r->path);
		s.package = label;
		s.manifest = r->path;
		add_expression(o, r->packages[i].declared, &s);
		free(label);
	}
	return 0;
}

/* "a/b/NOTICE" covers the files under "a/b/"; "NOTICE" covers all. */
static int notice_covers(const char *notice, const struct oblig_strs *files)
{
	const char *slash = strrchr(notice, '/');
	size_t dir = slash ? (size_t)(slash - notice + 1) : 0, i;

	for (i = 0; i < files->n; i++)
		if (!strncmp(files->v[i], notice, dir))
			return 1;
	return 0;
}

static int cmp_group(const void *a, const void *b)
{
	return strcmp(((const struct oblig_group *)a)->license,
		      ((const struct oblig_group *)b)->license);
}

static int cmp_choice(const void *a, const void *b)
{
	return strcmp(((const struct oblig_choice *)a)->expression,
		      ((const struct oblig_choice *)b)->expression);
}

/* How far package dir pd (length pn) holds file dir fd: pn + 1 when fd is
 * pd or below it ("" holds all), else 0. */
static size_t holds(const char *pd, size_t pn, const char *fd, size_t fn)
{
	if (!pn)
		return 1;
	return fn >= pn && !strncmp(pd, fd, pn) && (fn == pn || fd[pn] == '/' || fd[pn] == '!')
		       ? pn + 1 : 0;
}

static struct oblig_group *group_named(struct oblig *o, const char *license)
{
	size_t i;

	for (i = 0; i < o->ng; i++)
		if (!strcmp(o->g[i].license, license))
			return &o->g[i];
	return NULL;
}

/* The licenses of the files in directory od (length on), from the sorted
 * dir_groups, to credit holder under; 0 when that directory has none. */
static int credit_same_dir(struct oblig *o, const char *od, size_t on, const char *holder)
{
	size_t lo = 0, hi = o->dir_groups.n, n = 0;
	struct oblig_group *g;

	while (lo < hi) { /* the first entry not below "od\n" */
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(o->dir_groups.v[mid], od, on + 1);

		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < o->dir_groups.n && !strncmp(o->dir_groups.v[lo], od, on + 1); lo++, n++)
		if ((g = group_named(o, o->dir_groups.v[lo] + on + 1)) != NULL)
			strs_add(&g->holders, holder);
	return n > 0;
}

/* Each license-less file's holders to the licenses of the other files of
 * its directory, else to those of the package whose manifest is nearest
 * above it (none: credited nowhere, as before). */
static void credit_orphans(struct oblig *o)
{
	size_t i, j;

	strs_sort_uniq(&o->dir_groups);
	for (i = 0; i < o->orphans.n; i++) {
		const char *od = o->orphans.v[i], *holder = strchr(od, '\n') + 1;
		size_t on = (size_t)(holder - 1 - od), best = 0;

		if (credit_same_dir(o, od, on, holder))
			continue;

		for (j = 0; j < o->pkg_groups.n; j++) {
			const char *pd = o->pkg_groups.v[j];
			size_t h = holds(pd, (size_t)(strchr(pd, '\n') - pd), od, on);

			best = h > best ? h : best;
		}
		for (j = 0; best && j < o->pkg_groups.n; j++) {
			const char *pd = o->pkg_groups.v[j], *lic = strchr(pd, '\n') + 1;
			struct oblig_group *g;

			if (holds(pd, (size_t)(lic - 1 - pd), od, on) == best &&
			    (g = group_named(o, lic)) != NULL)
				strs_add(&g->holders, holder);
		}
	}
}

void oblig_finish(struct oblig *o)
{
	size_t i, k;

	credit_orphans(o);

	if (o->ng > 1)
		qsort(o->g, o->ng, sizeof(*o->g), cmp_group);
	if (o->nc > 1)
		qsort(o->c, o->nc, sizeof(*o->c), cmp_choice);
	if (o->nu > 1)
		qsort(o->u, o->nu, sizeof(*o->u), cmp_unread);
	o->finished = 1;
	for (i = 0; i < o->ng; i++) {
		struct oblig_group *g = &o->g[i];

		strs_sort_uniq(&g->holders);
		strs_sort_uniq(&g->texts);
		for (k = 0; (g->res.oblig & LM_INCLUDE_NOTICE_FILE) && k < o->notice_paths.n; k++)
			if (notice_covers(o->notice_paths.v[k], &g->files))
				strs_add(&g->notices, o->notice_paths.v[k]);
		o->t.oblig |= g->res.oblig;
		if (g->res.scope > o->t.scope)
			o->t.scope = g->res.scope;
		o->t.review += g->res.unknown;
	}
}

enum lm_use oblig_use(const struct oblig *o)
{
	return o->use;
}

size_t oblig_ngroups(const struct oblig *o)
{
	return o->ng;
}

const struct oblig_group *oblig_group(const struct oblig *o, size_t i)
{
	return i < o->ng ? &o->g[i] : NULL;
}

size_t oblig_nchoices(const struct oblig *o)
{
	return o->nc;
}

const struct oblig_choice *oblig_choice(const struct oblig *o, size_t i)
{
	return i < o->nc ? &o->c[i] : NULL;
}

const struct oblig_totals *oblig_totals(const struct oblig *o)
{
	return &o->t;
}

void oblig_free(struct oblig *o)
{
	size_t i;

	if (!o)
		return;
	for (i = 0; i < o->ng; i++) {
		struct oblig_group *g = &o->g[i];

		free(g->license);
		free(g->id);
		free(g->exception);
		lm_result_release(&g->res);
		strs_release(&g->files);
		strs_release(&g->packages);
		strs_release(&g->holders);
		strs_release(&g->notices);
		strs_release(&g->texts);
	}
	for (i = 0; i < o->nc; i++) {
		free(o->c[i].expression);
		free(o->c[i].chosen);
		free(o->c[i].why);
	}
	for (i = 0; i < o->nu; i++) {
		free(o->u[i].path);
		free(o->u[i].reason);
	}
	free(o->g);
	free(o->c);
	free(o->u);
	strs_release(&o->notice_paths);
	strs_release(&o->pkg_groups);
	strs_release(&o->orphans);
	strs_release(&o->dir_groups);
	free(o);
}
