/* SPDX-License-Identifier: MIT */
/* check.c -- judge results as they come, find packages, baseline.  See check.h. */
#include "walk.h"
#include "check.h"

#include <errno.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "strv.h"
#include "text.h"

#define BASELINE_MAX_BYTES (256u << 20)

/* --- roots ------------------------------------------------------------------- */

/* "file:///abs/dir/" with bytes outside RFC 3986's unreserved set and
 * '/' percent-encoded. */
static char *file_uri(const char *abs)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "file://");
	text_pct_encode(&b, abs, "/");
	if (b.data[b.len - 1] != '/')
		buf_addc(&b, '/');
	return buf_take(&b);
}

static void root_init(struct check_root *r, const char *given)
{
	struct stat st;
	char *dir, *abs, *slash;

	r->prefix = walk_root_dup(given);
	if (stat(*r->prefix ? r->prefix : ".", &st) == 0 && S_ISDIR(st.st_mode)) {
		r->strip = *r->prefix ? strlen(r->prefix) + 1 : 0;
		dir = xstrdup(*r->prefix ? r->prefix : ".");
	} else { /* a file or archive: rel starts at its base name */
		slash = strrchr(r->prefix, '/');
		r->strip = slash ? (size_t)(slash - r->prefix) + 1 : 0;
		dir = slash ? xstrndup(r->prefix, r->strip) : xstrdup(".");
	}
	abs = realpath(dir, NULL);
	r->uri = abs ? file_uri(abs) : NULL;
	free(abs);
	free(dir);
}

struct check *check_new(const struct policy *p, const char *const *roots, size_t nroots)
{
	struct check *ck = xcalloc(1, sizeof(*ck));
	size_t i;

	ck->p = p;
	ck->memo = policy_memo_new();
	for (i = 0; i < p->nexc; i++)
		ck->by_package |= p->exc[i].package != NULL;
	ck->nroots = nroots;
	ck->roots = xcalloc(nroots ? nroots : 1, sizeof(*ck->roots));
	for (i = 0; i < nroots; i++)
		root_init(&ck->roots[i], roots[i]);
	return ck;
}

/* The root a path came from: the longest prefix that fits. */
static size_t root_of(const struct check *ck, const char *path)
{
	size_t i, best = 0, blen = 0;
	int found = 0;

	for (i = 0; i < ck->nroots; i++) {
		const struct check_root *r = &ck->roots[i];
		size_t n = strlen(r->prefix);

		if (strncmp(path, r->prefix, n) ||
		    (n && path[n] && path[n] != '/' && path[n] != '!'))
			continue;
		if (!found || n > blen)
			best = i, blen = n, found = 1;
	}
	return best;
}

/* --- keeping results --------------------------------------------------------- */

/* An entry with what the writers read of r: no findings, no packages. */
static struct check_entry *entry_add(struct check *ck, const struct file_result *r)
{
	struct check_entry *en;

	if (ck->nfiles == ck->cap) {
		ck->cap = ck->cap ? 2 * ck->cap : 256;
		ck->files = xrealloc(ck->files, ck->cap * sizeof(*ck->files));
	}
	en = memset(&ck->files[ck->nfiles++], 0, sizeof(*en));
	result_init(&en->r);
	en->r.path = xstrdup(r->path);
	en->r.type = r->type;
	en->r.status = r->status;
	en->r.size = r->size;
	en->r.expression = xstrdup0(r->expression);
	en->r.error = xstrdup0(r->error);
	en->root = root_of(ck, en->r.path);
	en->rel = en->r.path + (strlen(en->r.path) > ck->roots[en->root].strip
				     ? ck->roots[en->root].strip : 0);
	if (!ck->nroots)
		en->rel = en->r.path;
	return en;
}

/* --- packages ---------------------------------------------------------------- */

struct check_pkgdir {
	char *dir;    /* owned */
	char **names; /* owned */
	size_t n;
	size_t first; /* arrival number of the first manifest: keeps path order */
};

static int pkgdir_cmp(const void *a, const void *b)
{
	return strcmp(((const struct check_pkgdir *)a)->dir, ((const struct check_pkgdir *)b)->dir);
}

static int pkgdir_order(const void *a, const void *b)
{
	const struct check_pkgdir *x = a, *y = b;
	int c = strcmp(x->dir, y->dir);

	return c ? c : x->first < y->first ? -1 : x->first > y->first;
}

static char *dir_of(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? xstrndup(path, (size_t)(s - path)) : xstrdup("");
}

/* A row for a file that declares packages, with their names. */
static void pkgdir_add(struct check *ck, const struct file_result *r)
{
	struct check_pkgdir *d;
	size_t q;

	if (ck->ndirs == ck->capdirs) {
		ck->capdirs = ck->capdirs ? 2 * ck->capdirs : 16;
		ck->dirs = xrealloc(ck->dirs, ck->capdirs * sizeof(*ck->dirs));
	}
	d = &ck->dirs[ck->ndirs];
	*d = (struct check_pkgdir){ dir_of(r->path), xcalloc(r->npackages, sizeof(char *)), 0,
				    ck->ndirs };
	ck->ndirs++;
	for (q = 0; q < r->npackages; q++)
		if (r->packages[q].name)
			d->names[d->n++] = xstrdup(r->packages[q].name);
}

/* One row per directory holding manifests, with every package name they
 * declare; sorted by directory for bsearch.  Rows of one directory are
 * merged after sorting (so this is n log n). */
static void pkgdirs_merge(struct check *ck)
{
	struct check_pkgdir *v = ck->dirs;
	size_t i, m = 0;

	if (ck->ndirs)
		qsort(v, ck->ndirs, sizeof(*v), pkgdir_order);
	for (i = 0; i < ck->ndirs; i++) {
		if (m && !strcmp(v[m - 1].dir, v[i].dir)) {
			struct check_pkgdir *d = &v[m - 1];

			d->names = xrealloc(d->names, (d->n + v[i].n + 1) * sizeof(*d->names));
			memcpy(d->names + d->n, v[i].names, v[i].n * sizeof(*d->names));
			d->n += v[i].n;
			free(v[i].dir);
			free(v[i].names);
			continue;
		}
		v[m++] = v[i];
	}
	ck->ndirs = m;
}

/* The nearest directory above path (its own first) that has manifests. */
static const struct check_pkgdir *pkgdir_for(const struct check *ck, const char *path)
{
	char *d = dir_of(path);
	const struct check_pkgdir *hit = NULL;

	while (ck->ndirs) {
		struct check_pkgdir key = { d, NULL, 0, 0 };
		char *s;

		if ((hit = bsearch(&key, ck->dirs, ck->ndirs, sizeof(*ck->dirs), pkgdir_cmp)) || !*d)
			break;
		s = strrchr(d, '/');
		*(s ? s : d) = '\0';
	}
	free(d);
	return hit;
}

/* --- baseline ---------------------------------------------------------------- */

static char *base_key(const char *path, const char *license, const char *rule)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s\037%s\037%s", path, license, rule);
	return buf_take(&b);
}

static const char *jstr(json_object *o, const char *k)
{
	json_object *v;

	return json_object_object_get_ex(o, k, &v) && json_object_is_type(v, json_type_string)
		       ? json_object_get_string(v) : NULL;
}

static int base_add(struct check *ck, json_object *viol, struct perr *e)
{
	size_t i, n = json_object_array_length(viol);

	for (i = 0; i < n; i++) {
		json_object *o = json_object_array_get_idx(viol, i);
		const char *p = jstr(o, "path"), *l = jstr(o, "license"), *r = jstr(o, "rule");
		const char *v = jstr(o, "verdict");

		if (!p || !l || !r || !v)
			return perr_set(e, PERR_USAGE, "violations[%zu]: needs path, license, rule "
						       "and verdict strings", i);
		if (strcmp(v, "fail"))
			continue;
		ck->base = xrealloc(ck->base, (ck->nbase + 1) * sizeof(*ck->base));
		ck->base[ck->nbase++] = base_key(p, l, r);
	}
	qsort(ck->base, ck->nbase, sizeof(*ck->base), strv_cmp);
	return 0;
}

int check_baseline(struct check *ck, const char *path, struct perr *e)
{
	struct buf b = BUF_INIT;
	char tmp[65536];
	size_t k;
	int rc;
	FILE *f = fopen(path, "rb");

	if (!f)
		return perr_set(e, PERR_USAGE, "cannot read: %s", strerror(errno));
	while (b.len <= BASELINE_MAX_BYTES && (k = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(&b, tmp, k); /* read up to the cap, whatever the file is (a FIFO too) */
	if (ferror(f))
		rc = perr_set(e, PERR_USAGE, "cannot read: %s", strerror(errno));
	else if (b.len > BASELINE_MAX_BYTES)
		rc = perr_set(e, PERR_USAGE, "over %u bytes: not a baseline", BASELINE_MAX_BYTES);
	else
		rc = check_baseline_json(ck, b.data ? b.data : "", b.len, e);
	fclose(f);
	buf_release(&b);
	return rc;
}

int check_baseline_json(struct check *ck, const char *data, size_t len, struct perr *e)
{
	json_tokener *tok = json_tokener_new();
	json_object *doc, *viol;
	size_t end;
	int rc;

	doc = json_tokener_parse_ex(tok, data, (int)len); /* len <= BASELINE_MAX_BYTES */
	end = doc ? json_tokener_get_parse_end(tok) : 0;
	while (end < len && data[end] && strchr(" \t\r\n", data[end]))
		end++; /* white space may follow the document */
	if (!doc || end != len) {
		rc = perr_set(e, PERR_USAGE, "not JSON: %s",
			      json_tokener_error_desc(json_tokener_get_error(tok)));
		json_object_put(doc);
		json_tokener_free(tok);
		return rc;
	}
	json_tokener_free(tok);
	if (!json_object_is_type(doc, json_type_object) ||
	    !json_object_object_get_ex(doc, "violations", &viol) ||
	    !json_object_is_type(viol, json_type_array))
		rc = perr_set(e, PERR_USAGE, "not a 'petal check --format json' report "
					     "(no \"violations\" list)");
	else
		rc = base_add(ck, viol, e);
	json_object_put(doc);
	return rc;
}

static int in_base(const struct check *ck, const char *path, const struct policy_hit *h)
{
	char *k;
	int hit;

	if (!ck->nbase)
		return 0;
	k = base_key(path, h->license, h->rule->id);
	hit = bsearch(&k, ck->base, ck->nbase, sizeof(*ck->base), strv_cmp) != NULL;
	free(k);
	return hit;
}

/* --- judging ----------------------------------------------------------------- */

static void count(struct check *ck, struct check_entry *en)
{
	struct check_summary *s = &ck->sum;
	size_t i, fresh = 0;

	s->files++;
	if (en->r.status == FS_FAILED) {
		s->failed++;
		return;
	}
	if (en->v.nhits)
		en->baselined = xcalloc(en->v.nhits, 1);
	for (i = 0; i < en->v.nhits; i++) {
		const struct policy_hit *h = &en->v.hits[i];

		if (h->waived)
			s->excepted++;
		if (h->verdict == POLICY_REVIEW)
			s->warnings++;
		if (h->verdict != POLICY_FAIL)
			continue;
		en->baselined[i] = (unsigned char)in_base(ck, en->r.path, h);
		if (en->baselined[i])
			s->baselined++;
		else
			s->violations++, fresh++;
	}
	if (en->v.verdict == POLICY_FAIL) {
		s->fail++;
		s->fail_baselined += !fresh;
	}
	else if (en->v.verdict == POLICY_REVIEW)
		s->review++;
	else
		s->pass++;
}

/* Judged as it arrives, but for a file with hits whose exception may be
 * one by package: its manifest may still come ("dir/a.c" before
 * "dir/package.json"), so check_finish applies that one. */
int check_file(void *ctx, const struct file_result *r)
{
	struct check *ck = ctx;
	struct check_entry *en = entry_add(ck, r);
	const struct policy_exception *x;
	int pkg_first = 0;

	if (ck->by_package && r->npackages)
		pkgdir_add(ck, r);
	if (r->status != FS_FAILED) {
		policy_judge_file(ck->p, ck->memo, r, 0, &en->v);
		x = policy_exception_for_path(ck->p, en->rel, &pkg_first);
		if (pkg_first && en->v.nhits) {
			en->pending = 1;
			ck->npending++;
			return 0;
		}
		policy_exception_apply(ck->p, x, &en->v);
	}
	count(ck, en);
	return 0;
}

void check_finish(struct check *ck)
{
	size_t i;

	if (!ck->npending)
		return;
	pkgdirs_merge(ck);
	for (i = 0; i < ck->nfiles; i++) {
		struct check_entry *en = &ck->files[i];
		const struct check_pkgdir *pd;

		if (!en->pending)
			continue;
		pd = pkgdir_for(ck, en->r.path);
		policy_exception_apply(ck->p, policy_exception_for(ck->p, en->rel,
				       pd ? (const char *const *)pd->names : NULL, pd ? pd->n : 0),
				       &en->v);
		en->pending = 0;
		count(ck, en);
	}
	ck->npending = 0;
}

const struct check_summary *check_summary(const struct check *ck)
{
	return &ck->sum;
}

const struct check_format check_formats[] = {
	{ "text", check_write_text },
	{ "json", check_write_json },
	{ "sarif", check_write_sarif },
	{ "junit", check_write_junit },
	{ NULL, NULL },
};

int check_write(const struct check *ck, const char *format, FILE *out, struct perr *e)
{
	const struct check_format *f;

	for (f = check_formats; f->name; f++)
		if (!strcmp(f->name, format))
			break;
	if (!f->name)
		return perr_set(e, PERR_USAGE, "unknown format '%s' (text, json, sarif, junit)",
				format);
	if (f->write(ck, out) < 0 || fflush(out) != 0 || ferror(out))
		return perr_set(e, PERR_FATAL, "write error: %s", strerror(errno));
	return 0;
}

void check_free(struct check *ck)
{
	size_t i, j;

	if (!ck)
		return;
	for (i = 0; i < ck->nroots; i++) {
		free(ck->roots[i].prefix);
		free(ck->roots[i].uri);
	}
	free(ck->roots);
	for (i = 0; i < ck->nfiles; i++) {
		result_release(&ck->files[i].r);
		policy_file_verdict_release(&ck->files[i].v);
		free(ck->files[i].baselined);
	}
	free(ck->files);
	for (i = 0; i < ck->ndirs; i++) {
		for (j = 0; j < ck->dirs[i].n; j++)
			free(ck->dirs[i].names[j]);
		free(ck->dirs[i].dir);
		free(ck->dirs[i].names);
	}
	free(ck->dirs);
	policy_memo_free(ck->memo);
	for (i = 0; i < ck->nbase; i++)
		free(ck->base[i]);
	free(ck->base);
	free(ck);
}
