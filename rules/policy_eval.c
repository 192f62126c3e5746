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
#include <stdint.h>
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

const struct policy_exception *policy_exception_for_path(const struct policy *p,
							 const char *rel, int *pkg_first)
{
	size_t i;

	*pkg_first = 0;
	for (i = 0; i < p->nexc; i++) {
		if (p->exc[i].path && policy_glob_match(p->exc[i].path, rel))
			return &p->exc[i];
		if (p->exc[i].package)
			*pkg_first = 1;
	}
	return NULL;
}

/* --- the memo ---------------------------------------------------------------- */

/* One expression as found, parsed and judged without exceptions. */
struct judged {
	char *text;                     /* owned; the key (NULL outside a memo) */
	struct expr *x;                 /* owned; NULL when not a valid expression */
	const struct policy_rule *rule; /* what decided x, when x */
	char *leaf;                     /* owned; the single license that decided */
};

#define MEMO_MAX 4096 /* distinct expressions kept; more are judged each time */

struct policy_memo {
	struct judged *slots; /* owned; open addressing, power-of-two cap */
	size_t n, cap;
};

struct policy_memo *policy_memo_new(void)
{
	return xcalloc(1, sizeof(struct policy_memo));
}

static void judged_release(struct judged *j)
{
	free(j->text);
	expr_free(j->x);
	free(j->leaf);
}

void policy_memo_free(struct policy_memo *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->cap; i++)
		judged_release(&m->slots[i]);
	free(m->slots);
	free(m);
}

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 14695981039346656037ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void memo_grow(struct policy_memo *m)
{
	struct judged *old = m->slots;
	size_t i, k, ocap = m->cap;

	m->cap = ocap ? 2 * ocap : 64;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < ocap; i++) {
		if (!old[i].text)
			continue;
		for (k = fnv1a(old[i].text) & (m->cap - 1); m->slots[k].text; k = (k + 1) & (m->cap - 1))
			;
		m->slots[k] = old[i];
	}
	free(old);
}

static void judged_fill(const struct policy *p, const char *text, struct judged *j)
{
	struct policy_decision d;

	j->x = expr_parse(text, strlen(text), NULL);
	j->rule = NULL;
	j->leaf = NULL;
	if (j->x) {
		policy_eval(p, j->x, NULL, &d);
		j->rule = d.rule;
		j->leaf = d.leaf;
	}
}

/* The slot of text in the memo: its entry, or the empty slot it goes in. */
static struct judged *memo_slot(struct policy_memo *m, const char *text)
{
	size_t k;

	for (k = fnv1a(text) & (m->cap - 1); m->slots[k].text; k = (k + 1) & (m->cap - 1))
		if (!strcmp(m->slots[k].text, text))
			break;
	return &m->slots[k];
}

/* text parsed and judged, into *out: 0 when *out is borrowed from the
 * memo (its pointers live as long as m), 1 when the caller releases it
 * (no memo, or a full one).  Load stays at most one half. */
static int judged_get(const struct policy *p, struct policy_memo *m, const char *text,
		      struct judged *out)
{
	struct judged *slot = NULL;

	if (m) {
		if (m->n < MEMO_MAX && 2 * (m->n + 1) > m->cap)
			memo_grow(m);
		slot = memo_slot(m, text);
	}
	if (slot && !slot->text && m->n < MEMO_MAX) {
		judged_fill(p, text, slot);
		slot->text = xstrdup(text);
		m->n++;
	}
	if (slot && slot->text) {
		*out = *slot;
		return 0;
	}
	judged_fill(p, text, out);
	out->text = NULL;
	return 1;
}

/* --- one file ---------------------------------------------------------------- */

/* What judging one file reads and writes. */
struct judging {
	const struct policy *p;
	struct policy_memo *m;       /* or NULL */
	const struct file_result *r;
	struct judged *js;           /* per finding: its expression judged */
	unsigned char *own;          /* per finding: js[i] is ours to release */
	int keep_pass;
	struct policy_file_verdict *fv;
};

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

/* A license expression, judged without exceptions (policy_exception_apply
 * judges it again with an exception's allow list). */
static void judge(struct judging *jg, const struct judged *j, const char *license,
		  const struct finding *f)
{
	struct policy_hit *h;

	if (!jg->keep_pass && j->rule->verdict == POLICY_PASS)
		return;
	h = hit_add(jg->fv, j->rule, license, f);
	h->leaf = xstrdup(j->leaf);
	h->is_expression = 1;
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
static void conflicts(struct judging *jg)
{
	const struct file_result *r = jg->r;
	const struct policy *p = jg->p;
	struct ids decl = { NULL, 0, 0 }, det = { NULL, 0, 0 };
	const char *said = NULL;
	size_t i, j;

	for (i = 0; i < r->nfindings; i++)
		if (jg->js[i].x && is_declared(r->findings[i].method)) {
			ids_collect(jg->js[i].x, &decl);
			said = said ? said : r->findings[i].expression;
		}
	for (i = 0; decl.n && i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];

		if (!jg->js[i].x || is_declared(f->method))
			continue;
		det.n = 0;
		ids_collect(jg->js[i].x, &det);
		for (j = 0; j < det.n && ids_has(&decl, det.v[j]); j++)
			;
		if (j < det.n && p->treat[POLICY_T_CONFLICT].verdict != POLICY_PASS) {
			struct policy_hit *h = hit_add(jg->fv, &p->treat[POLICY_T_CONFLICT],
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

	if (p->treat[POLICY_T_PARTIAL].verdict == POLICY_PASS)
		return;
	buf_printf(&b, "(partial match: %s)", f->rule ? f->rule : "?");
	treat(p, POLICY_T_PARTIAL, b.data, f, fv);
	buf_release(&b);
}

static void findings(struct judging *jg)
{
	const struct file_result *r = jg->r;
	size_t i;

	for (i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];

		if (f->kind != FK_LICENSE)
			continue;
		if (jg->js[i].x)
			judge(jg, &jg->js[i], f->expression, f);
		else if (f->method == FM_UNKNOWN)
			treat(jg->p, POLICY_T_UNKNOWN_TEXT, "(unknown license text)", f, jg->fv);
		else if (f->method == FM_TEXT)
			partial(jg->p, f, jg->fv);
		else
			treat(jg->p, POLICY_T_INVALID, "(invalid expression)", f, jg->fv);
	}
}

/* One declared package license, unless a manifest finding already carries
 * the same expression. */
static void package(struct judging *jg, const struct package *pk)
{
	const struct file_result *r = jg->r;
	struct finding f = { .kind = FK_LICENSE, .method = FM_MANIFEST };
	struct judged j = { NULL, NULL, NULL, NULL };
	struct buf b = BUF_INIT;
	size_t i;
	int own = 0;

	for (i = 0; pk->declared && i < r->nfindings; i++)
		if (r->findings[i].method == FM_MANIFEST && r->findings[i].expression &&
		    !strcmp(r->findings[i].expression, pk->declared))
			return;
	if (!pk->declared && !pk->declared_raw)
		return;
	buf_printf(&b, "package %s declares license %s", pk->name ? pk->name : "(unnamed)",
		   pk->declared_raw ? pk->declared_raw : pk->declared);
	f.text = b.data;
	f.problem = pk->problem;
	if (pk->declared)
		own = judged_get(jg->p, jg->m, pk->declared, &j);
	if (j.x)
		judge(jg, &j, pk->declared, &f);
	else
		treat(jg->p, POLICY_T_INVALID, "(invalid expression)", &f, jg->fv);
	if (own)
		judged_release(&j);
	buf_release(&b);
}

static int has_license_finding(const struct file_result *r)
{
	size_t i;

	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].kind == FK_LICENSE)
			return 1;
	return 0;
}

void policy_judge_file(const struct policy *p, struct policy_memo *m,
		       const struct file_result *r, int keep_pass,
		       struct policy_file_verdict *fv)
{
	struct judged js[8];      /* most files have a few findings: no allocation */
	unsigned char own[8];
	int big = r->nfindings > 8;
	struct judging jg = { p, m, r, big ? xcalloc(r->nfindings, sizeof(*js)) : js,
			      big ? xcalloc(r->nfindings, 1) : own, keep_pass, fv };
	size_t i;

	memset(fv, 0, sizeof(*fv));
	if (!big) {
		memset(js, 0, sizeof(js));
		memset(own, 0, sizeof(own));
	}
	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].kind == FK_LICENSE && r->findings[i].expression)
			jg.own[i] = (unsigned char)judged_get(p, m, r->findings[i].expression,
							      &jg.js[i]);
	findings(&jg);
	for (i = 0; i < r->npackages; i++)
		package(&jg, &r->packages[i]);
	conflicts(&jg);
	if (r->type == FT_TEXT && r->status == FS_SCANNED && !has_license_finding(r) &&
	    !r->npackages)
		treat(p, POLICY_T_NO_LICENSE, "(none)", NULL, fv);
	for (i = 0; i < fv->nhits; i++)
		if (fv->hits[i].raw > fv->verdict)
			fv->verdict = fv->hits[i].raw;
	for (i = 0; i < r->nfindings; i++)
		if (jg.own[i])
			judged_release(&jg.js[i]);
	if (big) {
		free(jg.js);
		free(jg.own);
	}
}

/* A hit an exception with an allow list covers: judged again with it. */
static void allow_list(const struct policy *p, const struct policy_exception *exc,
		       struct policy_hit *h)
{
	struct expr *x = expr_parse(h->license, strlen(h->license), NULL);
	struct policy_decision w;

	if (!x)
		return;
	policy_eval(p, x, exc, &w);
	if (w.verdict < h->raw)
		h->verdict = w.verdict, h->waived = exc;
	free(w.leaf);
	expr_free(x);
}

void policy_exception_apply(const struct policy *p, const struct policy_exception *exc,
			    struct policy_file_verdict *fv)
{
	size_t i;

	fv->verdict = POLICY_PASS;
	for (i = 0; i < fv->nhits; i++) {
		struct policy_hit *h = &fv->hits[i];

		h->verdict = h->raw;
		h->waived = NULL;
		if (exc && h->raw > POLICY_PASS && !exc->has_allow)
			h->verdict = POLICY_PASS, h->waived = exc;
		else if (exc && h->raw > POLICY_PASS && h->is_expression)
			allow_list(p, exc, h);
		if (h->verdict > fv->verdict)
			fv->verdict = h->verdict;
	}
}

void policy_eval_file(const struct policy *p, const struct file_result *r, const char *rel,
		      const char *const *pkgs, size_t npkgs, struct policy_file_verdict *fv)
{
	policy_judge_file(p, NULL, r, 1, fv);
	policy_exception_apply(p, policy_exception_for(p, rel, pkgs, npkgs), fv);
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
