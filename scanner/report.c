/* SPDX-License-Identifier: MIT */
/* report.c -- the format table and the summary every format shares.
 * See report.h.  Licenses are counted in an open-addressed table keyed by
 * expression (FNV-1a), so a kernel's 78,000 files cost one probe each. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

static const struct report_ops *const formats[] = {
	&report_text_ops,
	&report_json_ops,
	&report_jsonl_ops,
};

struct report *report_new(const char *format, FILE *out, struct perr *e)
{
	struct report *rp;
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(formats[i]->name, format))
			break;
	if (i == sizeof(formats) / sizeof(formats[0])) {
		perr_set(e, PERR_USAGE, "unknown format '%s' (text, json, jsonl)", format);
		return NULL;
	}
	rp = xcalloc(1, sizeof(*rp));
	rp->ops = formats[i];
	rp->out = out;
	if (rp->ops->begin && rp->ops->begin(rp) < 0) {
		report_free(rp);
		perr_set(e, PERR_FATAL, "cannot write the report");
		return NULL;
	}
	return rp;
}

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ull;
	return h;
}

static void lic_grow(struct report_summary *s)
{
	struct report_license *old = s->lic;
	size_t i, oldcap = s->lic_cap;

	s->lic_cap = oldcap ? oldcap * 2 : 64;
	s->lic = xcalloc(s->lic_cap, sizeof(*s->lic));
	for (i = 0; i < oldcap; i++) {
		size_t k;

		if (!old[i].expression)
			continue;
		for (k = fnv1a(old[i].expression) & (s->lic_cap - 1); s->lic[k].expression;
		     k = (k + 1) & (s->lic_cap - 1))
			;
		s->lic[k] = old[i];
	}
	free(old);
}

static void count_license(struct report_summary *s, const char *expr, const char *path)
{
	struct report_license *l;
	size_t k, i;

	if (2 * (s->nlic + 1) > s->lic_cap)
		lic_grow(s);
	for (k = fnv1a(expr) & (s->lic_cap - 1); s->lic[k].expression;
	     k = (k + 1) & (s->lic_cap - 1))
		if (!strcmp(s->lic[k].expression, expr))
			break;
	l = &s->lic[k];
	if (!l->expression) {
		l->expression = xstrdup(expr);
		s->nlic++;
	}
	for (i = 0; i < REPORT_EXAMPLES; i++)
		if (!l->examples[i]) {
			l->examples[i] = xstrdup(path);
			break;
		}
	l->files++;
}

static void add_problem(struct report_summary *s, const char *path, const char *what)
{
	s->problems++;
	if (s->nprob == REPORT_PROBLEMS)
		return;
	if (!s->prob)
		s->prob = xcalloc(REPORT_PROBLEMS, sizeof(*s->prob));
	s->prob[s->nprob].path = xstrdup(path);
	s->prob[s->nprob].what = xstrdup(what);
	s->nprob++;
}

/* "npm @scope/name 1.0: MIT" (or the license as written, or "no license
 * declared"). */
static void add_package(struct report_summary *s, const char *path, const struct package *p)
{
	struct buf b = BUF_INIT;

	s->packages++;
	if (s->npkg == REPORT_PACKAGES)
		return;
	if (!s->pkg)
		s->pkg = xcalloc(REPORT_PACKAGES, sizeof(*s->pkg));
	buf_printf(&b, "%s %s%s%s%s%s: %s%s", p->ecosystem ? p->ecosystem : "?",
		   p->namespace ? p->namespace : "", p->namespace ? "/" : "",
		   p->name ? p->name : "(no name)", p->version ? " " : "",
		   p->version ? p->version : "",
		   p->declared ? p->declared
		   : p->declared_raw ? p->declared_raw : "no license declared",
		   !p->declared && p->declared_raw ? " (as written, not SPDX)" : "");
	s->pkg[s->npkg].path = xstrdup(path);
	s->pkg[s->npkg].what = buf_take(&b);
	s->npkg++;
}

static void summarize(struct report_summary *s, const struct file_result *r)
{
	size_t i;

	s->files++;
	s->bytes += r->size;
	s->by_type[r->type]++;
	s->by_status[r->status]++;
	if (r->expression) {
		s->with_license++;
		count_license(s, r->expression, r->path);
	} else if (r->type == FT_TEXT) {
		s->text_without++;
	}
	if (r->status == FS_FAILED)
		add_problem(s, r->path, r->error ? r->error : "failed");
	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].problem)
			add_problem(s, r->path, r->findings[i].problem);
	for (i = 0; i < r->npackages; i++)
		add_package(s, r->path, &r->packages[i]);
}

int report_file(void *ctx, const struct file_result *r)
{
	struct report *rp = ctx;

	summarize(&rp->sum, r);
	return rp->ops->file ? rp->ops->file(rp, r) : 0;
}

int report_end(struct report *rp)
{
	if (rp->ops->end && rp->ops->end(rp) < 0)
		return -1;
	return fflush(rp->out) == 0 && !ferror(rp->out) ? 0 : -1;
}

const struct report_summary *report_summary(const struct report *rp)
{
	return &rp->sum;
}

static int lic_cmp(const void *pa, const void *pb)
{
	const struct report_license *a = *(const struct report_license *const *)pa;
	const struct report_license *b = *(const struct report_license *const *)pb;

	if (a->files != b->files)
		return a->files > b->files ? -1 : 1;
	return strcmp(a->expression, b->expression);
}

struct report_license **report_licenses_sorted(const struct report_summary *s, size_t *n)
{
	struct report_license **v = xcalloc(s->nlic ? s->nlic : 1, sizeof(*v));
	size_t i, k = 0;

	for (i = 0; i < s->lic_cap; i++)
		if (s->lic[i].expression)
			v[k++] = &s->lic[i];
	qsort(v, k, sizeof(*v), lic_cmp);
	*n = k;
	return v;
}

void report_free(struct report *rp)
{
	struct report_summary *s;
	size_t i, j;

	if (!rp)
		return;
	s = &rp->sum;
	for (i = 0; i < s->lic_cap; i++) {
		free(s->lic[i].expression);
		for (j = 0; j < REPORT_EXAMPLES; j++)
			free(s->lic[i].examples[j]);
	}
	free(s->lic);
	for (i = 0; i < s->nprob; i++) {
		free(s->prob[i].path);
		free(s->prob[i].what);
	}
	free(s->prob);
	for (i = 0; i < s->npkg; i++) {
		free(s->pkg[i].path);
		free(s->pkg[i].what);
	}
	free(s->pkg);
	free(rp);
}
