/* SPDX-License-Identifier: MIT */
/* policy_eval.c -- judge licenses and files with a policy (see policy.h
 * for the order in which rules are consulted).
 *
 * An expression tree is walked once: each single license is looked up by
 * a few keys, most specific first, in at most three scopes; OR keeps the
 * better operand, AND the worse.  A file's hits come from its license
 * findings (or the treatment of findings without a license), its
 * packages' declared licenses, conflicts between what it declares and
 * what was detected in it, and a missing license; an exception then
 * lowers what it accepts, keeping the rule that was broken for the
 * report.  Globs are matched segment by segment with the classic
 * last-star backtracking at both levels, so no pattern is exponential. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "lic.h"
#include "pathglob.h"
#include "policy.h"

/* --- globs ------------------------------------------------------------------- */

int policy_glob_match(const char *pattern, const char *path)
{
	return *path && pathglob_match(pattern, path, PATHGLOB_POLICY);
}

/* --- judging ----------------------------------------------------------------- */

/* The keys a leaf is looked up by, most specific first, and its category:
 * "L WITH E", "Lonly WITH E", "L", "Lonly", where Lonly is the version
 * the recipient may always choose: X-only for X-or-later, id for id+. */
struct leaf_keys {
	char *k[4]; /* owned */
	size_t n;
	enum lm_category cat;
};

/* "GPL-2.0-or-later" -> "GPL-2.0-only"; NULL for other ids. */
static char *only_form(const char *id)
{
	size_t n = strlen(id), k = strlen("-or-later");
	char *s;

	if (n <= k || strcmp(id + n - k, "-or-later"))
		return NULL;
	s = xmalloc(n - k + sizeof("-only"));
	memcpy(s, id, n - k);
	memcpy(s + n - k, "-only", sizeof("-only"));
	return s;
}

static void key_add(struct leaf_keys *lk, const char *lic, const struct expr *leaf)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, lic);
	if (leaf->kind == EXPR_WITH)
		buf_printf(&b, " WITH %s", leaf->id);
	lk->k[lk->n++] = buf_take(&b);
}

static void leaf_keys(const struct expr *leaf, struct leaf_keys *lk)
{
	const struct expr *lic = leaf->kind == EXPR_WITH ? leaf->left : leaf;
	char *only = lic->kind == EXPR_LICENSE ? only_form(lic->id) : NULL;
	struct buf b = BUF_INIT;
	const char *base = lic->or_later ? lic->id : only;

	buf_printf(&b, "%s%s", lic->id, lic->or_later ? "+" : "");
	lk->n = 0;
	key_add(lk, b.data, leaf);
	if (base)
		key_add(lk, base, leaf);
	if (leaf->kind == EXPR_WITH) {
		lk->k[lk->n++] = buf_take(&b);
		if (base)
			lk->k[lk->n++] = xstrdup(base);
	}
	buf_release(&b);
	lk->cat = LM_UNKNOWN;
	if (lic->kind == EXPR_LICENSE) {
		if (leaf->kind == EXPR_WITH)
			lk->cat = lm_category_of(leaf->id);
		if (lk->cat == LM_UNKNOWN)
			lk->cat = lm_category_of(lic->id);
		if (lk->cat == LM_UNKNOWN && only)
			lk->cat = lm_category_of(only);
	}
	free(only);
}

/* The strictest rule of one level: deny beats review beats allow. */
static const struct policy_rule *level_find(const struct policy_scope *s, const char *key,
					    enum lm_category cat)
{
	const struct policy_rule *best = NULL;
	size_t i;

	for (i = 0; i < s->n; i++) {
		const struct policy_rule *r = &s->rules[i];
		int hit = key ? !r->is_category && !strcasecmp(r->entry, key)
			      : r->is_category && r->cat == cat;

		if (hit && (!best || r->verdict > best->verdict))
			best = r;
	}
	return best;
}

static const struct policy_rule *scope_find(const struct policy_scope *s,
					    const struct leaf_keys *lk)
{
	const struct policy_rule *r = NULL;
	size_t i;

	for (i = 0; i < lk->n && !r; i++)
		r = level_find(s, lk->k[i], LM_UNKNOWN);
	return r ? r : level_find(s, NULL, lk->cat);
}

static const struct policy_rule *leaf_rule(const struct policy *p, const struct expr *leaf,
					   const struct policy_exception *exc)
{
	const struct policy_scope *scopes[3];
	const struct policy_rule *r = NULL;
	struct leaf_keys lk;
	size_t i, n = 0;

	if (exc && exc->has_allow)
		scopes[n++] = &exc->allow;
	scopes[n++] = &p->when[p->use];
	scopes[n++] = &p->top;
	leaf_keys(leaf, &lk);
	for (i = 0; i < n && !r; i++)
		r = scope_find(scopes[i], &lk);
	for (i = 0; i < lk.n; i++)
		free(lk.k[i]);
	return r ? r : &p->dflt;
}

struct dec {
	const struct policy_rule *rule; /* NULL until set */
	const struct expr *leaf;
};

/* OR keeps the best operand, AND the worst; on a tie the leftmost. */
static void merge(enum expr_kind op, struct dec *d, const struct dec *o)
{
	if (!d->rule || (op == EXPR_OR ? o->rule->verdict <= d->rule->verdict
				       : o->rule->verdict >= d->rule->verdict))
		*d = *o;
}

/* Chains lean left: loop down ->left, recurse on ->right (bounded by the
 * parser's parenthesis depth). */
static void eval_node(const struct policy *p, const struct expr *x,
		      const struct policy_exception *exc, struct dec *d)
{
	enum expr_kind op = x->kind;
	struct dec o;

	d->rule = NULL;
	if (op != EXPR_AND && op != EXPR_OR) {
		d->rule = leaf_rule(p, x, exc);
		d->leaf = x;
		return;
	}
	for (; x->kind == op; x = x->left) {
		eval_node(p, x->right, exc, &o);
		merge(op, d, &o);
	}
	eval_node(p, x, exc, &o);
	merge(op, d, &o);
}

void policy_eval(const struct policy *p, const struct expr *x,
		 const struct policy_exception *exc, struct policy_decision *d)
{
	struct dec r;

	eval_node(p, x, exc, &r);
	d->verdict = r.rule->verdict;
	d->rule = r.rule;
	d->leaf = expr_to_string(r.leaf);
}

const struct policy_exception *policy_exception_for(const struct policy *p, const char *rel,
						    const char *const *pkgs, size_t npkgs)
{
	size_t i, j;

	for (i = 0; i < p->nexc; i++) {
		const struct policy_exception *x = &p->exc[i];

		if (x->path && policy_glob_match(x->path, rel))
			return x;
		for (j = 0; x->package && j < npkgs; j++)
			if (!strcmp(x->package, pkgs[j]))
				return x;
	}
	return NULL;
}

/* --- one file ---------------------------------------------------------------- */

static struct policy_hit *hit_add(struct policy_file_verdict *fv, const struct policy_rule *rule,
				  const char *license, const struct finding *f)
{
	struct policy_hit *h;

	fv->hits = xrealloc(fv->hits, (fv->nhits + 1) * sizeof(*fv->hits));
	h = memset(&fv->hits[fv->nhits++], 0, sizeof(*h));
	h->rule = rule;
	h->raw = h->verdict = rule->verdict;
	h->license = xstrdup(license);
	if (f) {
		h->evidence = xstrdup0(f->text);
		h->note = xstrdup0(f->problem);
		h->start_line = f->start_line;
		h->end_line = f->end_line ? f->end_line : f->start_line;
	}
	return h;
}

/* A license expression: judged without the exception, then with its
 * allow list when it has one (the hit keeps the rule it would break). */
static void judge(const struct policy *p, const struct expr *x, const char *license,
		  const struct finding *f, const struct policy_exception *exc,
		  struct policy_file_verdict *fv)
{
	struct policy_decision d, w;
	struct policy_hit *h;

	policy_eval(p, x, NULL, &d);
	h = hit_add(fv, d.rule, license, f);
	h->leaf = d.leaf;
	if (!exc || !exc->has_allow || d.verdict == POLICY_PASS)
		return;
	policy_eval(p, x, exc, &w);
	if (w.verdict < d.verdict)
		h->verdict = w.verdict, h->waived = exc;
	free(w.leaf);
}

static void treat(const struct policy *p, enum policy_treat t, const char *license,
		  const struct finding *f, struct policy_file_verdict *fv)
{
	if (p->treat[t].verdict != POLICY_PASS)
		hit_add(fv, &p->treat[t], license, f);
}


struct ids {
	const char **v; /* borrowed from the trees */
	size_t n, cap;
};

static void ids_collect(const struct expr *x, struct ids *s)
{
	for (;; x = x->left) {
		if (x->kind == EXPR_AND || x->kind == EXPR_OR) {
			ids_collect(x->right, s);
			continue;
		}
		if (s->n == s->cap) {
			s->cap = s->cap ? 2 * s->cap : 8;
			s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
		}
		s->v[s->n++] = x->kind == EXPR_WITH ? x->left->id : x->id;
		return;
	}
}

static int ids_has(const struct ids *s, const char *id)
{
	size_t i, n = lic_family_len(id);

	for (i = 0; i < s->n; i++)
		if (lic_family_len(s->v[i]) == n && !strncasecmp(s->v[i], id, n))
			return 1;
	return 0;
}

static int is_declared(enum finding_method m)
{
	return m == FM_SPDX_TAG || m == FM_MANIFEST;
}

/* A license text or notice whose license no tag or manifest of the file
 * names, when the file has tags or manifests. */
static void conflicts(const struct policy *p, const struct file_result *r,
		      struct expr *const *xs, struct policy_file_verdict *fv)
{
	struct ids decl = { NULL, 0, 0 }, det = { NULL, 0, 0 };
	const char *said = NULL;
	size_t i, j;

	for (i = 0; i < r->nfindings; i++)
		if (xs[i] && is_declared(r->findings[i].method)) {
			ids_collect(xs[i], &decl);
			said = said ? said : r->findings[i].expression;
		}
	for (i = 0; decl.n && i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];

		if (!xs[i] || is_declared(f->method))
			continue;
		det.n = 0;
		ids_collect(xs[i], &det);
		for (j = 0; j < det.n && ids_has(&decl, det.v[j]); j++)
			;
		if (j < det.n && p->treat[POLICY_T_CONFLICT].verdict != POLICY_PASS) {
			struct policy_hit *h = hit_add(fv, &p->treat[POLICY_T_CONFLICT],
						       f->expression, f);
			struct buf b = BUF_INIT;

			buf_printf(&b, "declared as %s, but the %s found says %s", said,
				   result_method_name(f->method), f->expression);
			free(h->note);
			h->note = buf_take(&b);
		}
	}
	free(decl.v);
	free(det.v);
}

/* "(partial match: BSD-3-Clause)": the rule of a partial text match is
 * the license it resembles. */
static void partial(const struct policy *p, const struct finding *f,
		    struct policy_file_verdict *fv)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "(partial match: %s)", f->rule ? f->rule : "?");
	treat(p, POLICY_T_PARTIAL, b.data, f, fv);
	buf_release(&b);
}

static void findings(const struct policy *p, const struct file_result *r,
		     struct expr *const *xs, const struct policy_exception *exc,
		     struct policy_file_verdict *fv)
{
	size_t i;

	for (i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];

		if (f->kind != FK_LICENSE)
			continue;
		if (xs[i])
			judge(p, xs[i], f->expression, f, exc, fv);
		else if (f->method == FM_UNKNOWN)
			treat(p, POLICY_T_UNKNOWN_TEXT, "(unknown license text)", f, fv);
		else if (f->method == FM_TEXT)
			partial(p, f, fv);
		else
			treat(p, POLICY_T_INVALID, "(invalid expression)", f, fv);
	}
}

/* Declared licenses of packages, unless a manifest finding already
 * carries the same expression. */
static void packages(const struct policy *p, const struct file_result *r,
		     const struct policy_exception *exc, struct policy_file_verdict *fv)
{
	size_t i, j;

	for (i = 0; i < r->npackages; i++) {
		const struct package *pk = &r->packages[i];
		struct finding f = { .kind = FK_LICENSE, .method = FM_MANIFEST };
		struct perr e = { PERR_OK, "" };
		struct buf b = BUF_INIT;
		struct expr *x;

		for (j = 0; pk->declared && j < r->nfindings; j++)
			if (r->findings[j].method == FM_MANIFEST && r->findings[j].expression &&
			    !strcmp(r->findings[j].expression, pk->declared))
				break;
		if ((!pk->declared && !pk->declared_raw) || j < r->nfindings)
			continue;
		buf_printf(&b, "package %s declares license %s", pk->name ? pk->name : "(unnamed)",
			   pk->declared_raw ? pk->declared_raw : pk->declared);
		f.text = b.data;
		f.problem = pk->problem;
		if (pk->declared && (x = expr_parse(pk->declared, strlen(pk->declared), &e))) {
			judge(p, x, pk->declared, &f, exc, fv);
			expr_free(x);
		} else {
			treat(p, POLICY_T_INVALID, "(invalid expression)", &f, fv);
		}
		buf_release(&b);
	}
}

static int has_license_finding(const struct file_result *r)
{
	size_t i;

	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].kind == FK_LICENSE)
			return 1;
	return 0;
}

void policy_eval_file(const struct policy *p, const struct file_result *r, const char *rel,
		      const char *const *pkgs, size_t npkgs, struct policy_file_verdict *fv)
{
	const struct policy_exception *exc = policy_exception_for(p, rel, pkgs, npkgs);
	struct expr **xs = xcalloc(r->nfindings + 1, sizeof(*xs));
	size_t i;

	memset(fv, 0, sizeof(*fv));
	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].kind == FK_LICENSE && r->findings[i].expression)
			xs[i] = expr_parse(r->findings[i].expression,
					   strlen(r->findings[i].expression), NULL);
	findings(p, r, xs, exc, fv);
	packages(p, r, exc, fv);
	conflicts(p, r, xs, fv);
	if (r->type == FT_TEXT && r->status == FS_SCANNED && !has_license_finding(r) &&
	    !r->npackages)
		treat(p, POLICY_T_NO_LICENSE, "(none)", NULL, fv);
	for (i = 0; i < fv->nhits; i++) {
		struct policy_hit *h = &fv->hits[i];

		if (exc && !exc->has_allow && h->raw > POLICY_PASS)
			h->verdict = POLICY_PASS, h->waived = exc;
		if (h->verdict > fv->verdict)
			fv->verdict = h->verdict;
	}
	for (i = 0; i < r->nfindings; i++)
		expr_free(xs[i]);
	free(xs);
}

void policy_file_verdict_release(struct policy_file_verdict *fv)
{
	size_t i;

	for (i = 0; i < fv->nhits; i++) {
		free(fv->hits[i].license);
		free(fv->hits[i].leaf);
		free(fv->hits[i].evidence);
		free(fv->hits[i].note);
	}
	free(fv->hits);
	memset(fv, 0, sizeof(*fv));
}
