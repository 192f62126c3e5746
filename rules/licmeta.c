/* SPDX-License-Identifier: MIT */
/* licmeta.c -- look-ups in the compiled license metadata, and obligations
 * of expressions.  See licmeta.h; the data is rules/licmeta.txt. */
#include "licmeta.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "expr.h"
#include "lic.h"

/* Written by rules/gen_licmeta.c: parallel to lic_at(). */
extern const struct lm_info lm_table[];
extern const size_t lm_table_len;

static const char *const cat_names[LM_NCATEGORIES] = {
	"permissive", "weak-copyleft", "strong-copyleft", "network-copyleft",
	"public-domain", "source-available", "proprietary-free", "unknown",
};

static const char *const use_names[LM_NUSES] = {
	"internal", "saas", "distribute-binary", "distribute-source",
};

static const char *const oblig_names[LM_NOBLIGS] = {
	"include-license-text", "keep-copyright-notices", "state-changes",
	"include-notice-file", "disclose-source", "same-license",
	"network-disclosure", "patent-grant", "patent-retaliation",
	"no-trademark-use", "no-endorsement", "non-commercial-only",
};

/* What each obligation weighs when an OR picks the less demanding side:
 * a restriction on use outweighs source terms, which outweigh paperwork;
 * a patent grant is a right, not a burden. */
static const long oblig_cost[LM_NOBLIGS] = { 4, 2, 6, 8, 0, 50, 500, 0, 1, 1, 1, 2000 };
static const long scope_cost[] = { 0, 100, 200, 300 };

static int name_index(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; s && i < n; i++)
		if (!strcmp(names[i], s))
			return (int)i;
	return -1;
}

const char *lm_category_name(enum lm_category c)
{
	return (unsigned)c < LM_NCATEGORIES ? cat_names[c] : "unknown";
}

int lm_category_parse(const char *s, enum lm_category *out)
{
	int i = name_index(cat_names, LM_NCATEGORIES, s);

	if (i < 0)
		return -1;
	*out = (enum lm_category)i;
	return 0;
}

const char *lm_use_name(enum lm_use u)
{
	return (unsigned)u < LM_NUSES ? use_names[u] : "?";
}

int lm_use_parse(const char *s, enum lm_use *out)
{
	int i = name_index(use_names, LM_NUSES, s);

	if (i < 0)
		return -1;
	*out = (enum lm_use)i;
	return 0;
}

const char *lm_oblig_name(unsigned bit)
{
	int i;

	for (i = 0; i < LM_NOBLIGS; i++)
		if (bit == 1u << i)
			return oblig_names[i];
	return NULL;
}

int lm_oblig_parse(const char *s, unsigned *bit)
{
	int i = name_index(oblig_names, LM_NOBLIGS, s);

	if (i < 0)
		return -1;
	*bit = 1u << i;
	return 0;
}

const char *lm_scope_name(enum lm_scope s)
{
	static const char *const n[] = { "none", "file", "library", "work" };

	return (unsigned)s <= LM_SCOPE_WORK ? n[s] : "?";
}

const char *lm_basis_name(enum lm_basis b)
{
	static const char *const n[] = { "curated", "derived", "nodata" };

	return (unsigned)b <= LM_NODATA ? n[b] : "?";
}

size_t lm_count(void)
{
	return lm_table_len;
}

const struct lm_info *lm_at(size_t i)
{
	return i < lm_table_len ? &lm_table[i] : NULL;
}

const struct lm_info *lm_find(const char *id)
{
	const struct lic_info *l = id ? lic_find(id, strlen(id)) : NULL;

	return l ? lm_at((size_t)(l - lic_at(0))) : NULL;
}

enum lm_category lm_category_of(const char *id)
{
	const struct lm_info *m = lm_find(id);

	return m ? m->category : LM_UNKNOWN;
}

long lm_cost(unsigned oblig, enum lm_scope scope, int unknown)
{
	long c = unknown ? 5000 : 0;
	int i;

	for (i = 0; i < LM_NOBLIGS; i++)
		if (oblig & 1u << i)
			c += oblig_cost[i];
	return c + ((unsigned)scope <= LM_SCOPE_WORK ? scope_cost[scope] : 0);
}

#define LM_SOURCE_TERMS (LM_DISCLOSE_SOURCE | LM_NETWORK_DISCLOSURE)

void lm_with(struct lm_info *lic, const struct lm_info *ex)
{
	unsigned any = 0;
	int u;

	for (u = 0; u < LM_NUSES; u++)
		any |= lic->oblig[u] &= ~ex->oblig[u];
	if (ex->scope != LM_SCOPE_NONE && lic->scope > ex->scope)
		lic->scope = ex->scope;
	if (!(any & LM_SOURCE_TERMS))
		lic->scope = LM_SCOPE_NONE;
	if (ex->basis != LM_NODATA)
		lic->category = ex->category;
}

/* A license or a reference, with or without an exception. */
static void eval_leaf(const struct expr *x, enum lm_use use, struct lm_result *r)
{
	const struct expr *lic = x->kind == EXPR_WITH ? x->left : x;
	const struct lm_info *m = lic->kind == EXPR_LICENSE ? lm_find(lic->id) : NULL;
	const struct lm_info *ex = x->kind == EXPR_WITH ? lm_find(x->id) : NULL;
	struct lm_info with;

	r->chosen = expr_to_string(x);
	if (!m || m->exception || m->basis == LM_NODATA || m->category == LM_UNKNOWN) {
		r->unknown = 1;
		return;
	}
	if (ex && ex->exception) {
		with = *m;
		lm_with(&with, ex);
		m = &with;
	}
	r->oblig = m->oblig[use];
	r->scope = m->scope;
	if (!(r->oblig & LM_SOURCE_TERMS))
		r->scope = LM_SCOPE_NONE;
}

static void eval(const struct expr *x, enum lm_use use, struct lm_result *r);

static void add_choices(struct buf *b, const char *s)
{
	if (!s)
		return;
	if (b->len)
		buf_adds(b, "; ");
	buf_adds(b, s);
}

static void eval_and(const struct expr *x, enum lm_use use, struct lm_result *r)
{
	struct buf chosen = BUF_INIT, choices = BUF_INIT;
	size_t n, i;
	const struct expr **v = expr_operands(x, &n);

	char **taken = xcalloc(n, sizeof(*taken));
	size_t ntaken = 0, k;

	for (i = 0; i < n; i++) {
		struct lm_result s = { 0, LM_SCOPE_NONE, 0, 0, NULL, NULL };

		eval(v[i], use, &s);
		r->oblig |= s.oblig;
		r->scope = s.scope > r->scope ? s.scope : r->scope;
		r->unknown |= s.unknown;
		add_choices(&choices, s.choices);
		free(s.choices);
		/* "(A OR B) AND B" takes "B", not "B AND B" */
		for (k = 0; k < ntaken && strcmp(taken[k], s.chosen); k++)
			;
		if (k < ntaken) {
			free(s.chosen);
			continue;
		}
		buf_printf(&chosen, "%s%s", ntaken ? " AND " : "", s.chosen);
		taken[ntaken++] = s.chosen;
	}
	for (k = 0; k < ntaken; k++)
		free(taken[k]);
	free(taken);
	r->chosen = buf_take(&chosen);
	r->choices = choices.len ? buf_take(&choices) : NULL;
	free(v);
}

static void eval_or(const struct expr *x, enum lm_use use, struct lm_result *r)
{
	struct buf choices = BUF_INIT;
	struct lm_result *s;
	size_t n, i, best = 0;
	const struct expr **v = expr_operands(x, &n);

	s = xcalloc(n, sizeof(*s));
	for (i = 0; i < n; i++) {
		eval(v[i], use, &s[i]);
		if (s[i].cost < s[best].cost)
			best = i;
	}
	buf_printf(&choices, "%s over ", s[best].chosen);
	for (i = 0; i < n; i++)
		if (i != best)
			buf_printf(&choices, "%s%s", i == (best == 0) ? "" : ", ", s[i].chosen);
	add_choices(&choices, s[best].choices);
	*r = s[best];
	r->choices = buf_take(&choices);
	free(s[best].choices);
	for (i = 0; i < n; i++)
		if (i != best)
			lm_result_release(&s[i]);
	free(s);
	free(v);
}

static void eval(const struct expr *x, enum lm_use use, struct lm_result *r)
{
	if (x->kind == EXPR_AND)
		eval_and(x, use, r);
	else if (x->kind == EXPR_OR)
		eval_or(x, use, r);
	else
		eval_leaf(x, use, r);
	r->cost = lm_cost(r->oblig, r->scope, r->unknown);
}

void lm_expr_eval(const struct expr *x, enum lm_use use, struct lm_result *out)
{
	memset(out, 0, sizeof(*out));
	if (x)
		eval(x, use, out);
	else
		out->chosen = xstrdup("");
}

void lm_result_release(struct lm_result *r)
{
	if (!r)
		return;
	free(r->chosen);
	free(r->choices);
	r->chosen = r->choices = NULL;
}
