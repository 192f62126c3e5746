/* SPDX-License-Identifier: MIT */
/* test_licmeta.c -- the license metadata (rules/licmeta.txt compiled by
 * rules/gen_licmeta.c) against the embedded id list and the reference
 * texts, and the obligations of expressions (lm_expr_eval). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "expr.h"
#include "index.h"
#include "lic.h"
#include "licmeta.h"

/* Every id of the list has an entry, at the same index, found by name. */
static void test_every_id(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(lm_count(), lic_count());
	for (i = 0; i < lic_count(); i++) {
		const struct lm_info *m = lm_at(i);

		assert_non_null(m);
		assert_string_equal(m->id, lic_at(i)->id);
		assert_ptr_equal(lm_find(lic_at(i)->id), m);
		assert_int_equal(m->exception, lic_at(i)->exception);
		assert_true(m->category < LM_NCATEGORIES);
		if (m->basis == LM_NODATA) {
			assert_int_equal(m->category, LM_UNKNOWN);
			assert_true(m->note[0] != '\0'); /* the reason */
		}
	}
	assert_null(lm_at(lic_count()));
	assert_null(lm_find("LicenseRef-mine"));
	assert_null(lm_find(NULL));
}

/* rules/licmeta.txt, read by the tests without the generator. */
static FILE *open_data(void)
{
	const char *src = getenv("SRC");
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/rules/licmeta.txt", src ? src : ".");
	f = fopen(path, "r");
	assert_non_null(f);
	return f;
}

/* The data file itself, read here independently of the generator: one
 * entry line per id, each naming an id of the list in its exact case. */
static void test_data_file(void **state)
{
	char line[4096];
	size_t entries = 0, curated = 0;
	FILE *f = open_data();

	(void)state;
	while (fgets(line, sizeof(line), f)) {
		char id[256], kind[64], basis[64];
		const struct lic_info *l;
		int n = sscanf(line, "%255s %63s %63s", id, kind, basis);

		if (line[0] == '#' || line[0] == '@' || n < 2)
			continue;
		l = lic_find(id, strlen(id));
		if (!l || strcmp(l->id, id))
			fail_msg("licmeta.txt: '%s' is not an id of the list", id);
		entries++;
		curated += n == 3 && !strcmp(basis, "curated") && !l->exception;
	}
	fclose(f);
	assert_int_equal(entries, lic_count());
	assert_true(curated >= 120);
}

/* The reference text of id (or of its twin, when the index aliases it). */
static const char *ref_text(const struct idx *x, const char *id, size_t *len)
{
	struct idx_lic L;
	size_t i, n = strlen(id);

	for (i = 0; i < idx_count(x); i++) {
		const char *p;

		idx_lic(x, i, &L);
		if (!strcmp(L.id, id)) {
			*len = L.text_len;
			return L.text;
		}
		for (p = L.alias; (p = strstr(p, id)) != NULL; p += n)
			if ((p == L.alias || p[-1] == ' ') && (!p[n] || p[n] == ' ')) {
				*len = L.text_len;
				return L.text;
			}
	}
	return NULL;
}

/* text holds one of the '|'-separated words, ignoring case. */
static int has_any(const char *text, size_t len, const char *words)
{
	char *t = strndup(text, len), *w = strdup(words), *tok, *save = NULL;
	int found = 0;

	for (tok = strtok_r(w, "|", &save); tok && !found; tok = strtok_r(NULL, "|", &save))
		found = strcasestr(t, tok) != NULL;
	free(t);
	free(w);
	return found;
}

/* What a curated obligation needs to find in the license's own text. */
static const struct {
	unsigned bit;
	const char *words;
} evidence[] = {
	{ LM_INCLUDE_NOTICE_FILE, "NOTICE" },
	{ LM_NETWORK_DISCLOSURE, "network|online|on-line|deploy|as a service" },
	{ LM_PATENT_GRANT, "patent" },
	{ LM_PATENT_RETALIATION, "patent" },
	{ LM_NO_TRADEMARK_USE, "trademark|trade mark|trade name|be called|with the names" },
	{ LM_NO_ENDORSEMENT, "endorse|promot|advertis|publicity" },
	{ LM_NON_COMMERCIAL_ONLY, "commercial|production|hosted|windows|business|competing" },
	{ LM_DISCLOSE_SOURCE, "source|transparent" },
	{ LM_STATE_CHANGES, "chang|modif|alter" },
	{ LM_KEEP_COPYRIGHT, "copyright|notice|acknowledg|credit|attribut" },
};

/* Every obligation a curated entry claims has its words in the text. */
static void test_curated_against_texts(void **state)
{
	struct perr e;
	struct idx x;
	size_t i, k, checked = 0;

	(void)state;
	assert_int_equal(idx_open(&x, &e), 0);
	for (i = 0; i < lm_count(); i++) {
		const struct lm_info *m = lm_at(i);
		unsigned all = m->oblig[0] | m->oblig[1] | m->oblig[2] | m->oblig[3];
		const char *text;
		size_t len;

		if (m->basis != LM_CURATED || m->exception || lic_at(i)->deprecated)
			continue;
		text = ref_text(&x, m->id, &len);
		if (!text)
			fail_msg("%s: curated but no reference text", m->id);
		for (k = 0; k < sizeof(evidence) / sizeof(evidence[0]); k++)
			if ((all & evidence[k].bit) && !has_any(text, len, evidence[k].words))
				fail_msg("%s: %s claimed, text has none of %s", m->id,
					 lm_oblig_name(evidence[k].bit), evidence[k].words);
		checked++;
	}
	assert_true(checked >= 120);
}

/* Categories and their obligations agree. */
static void test_category_shapes(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < lm_count(); i++) {
		const struct lm_info *m = lm_at(i);
		unsigned dist = m->oblig[LM_USE_BINARY] | m->oblig[LM_USE_SOURCE];

		/* exceptions, and deprecated ids that stand for "X WITH E", take
		 * the category of what the exception is written for */
		if (m->exception || m->basis == LM_NODATA || lic_at(i)->deprecated)
			continue;
		if (m->category == LM_NETWORK_COPYLEFT && !(m->oblig[LM_USE_SAAS] & LM_NETWORK_DISCLOSURE))
			fail_msg("%s: network copyleft without network-disclosure", m->id);
		if (m->category != LM_NETWORK_COPYLEFT && (m->oblig[LM_USE_SAAS] & LM_NETWORK_DISCLOSURE))
			fail_msg("%s: network-disclosure but not network copyleft", m->id);
		if ((m->category == LM_WEAK_COPYLEFT || m->category == LM_STRONG_COPYLEFT) &&
		    !(dist & (LM_SAME_LICENSE | LM_DISCLOSE_SOURCE)))
			fail_msg("%s: copyleft without source or licence terms", m->id);
		if ((m->category == LM_PERMISSIVE || m->category == LM_PUBLIC_DOMAIN) &&
		    (dist & (LM_SAME_LICENSE | LM_DISCLOSE_SOURCE)))
			fail_msg("%s: permissive with copyleft terms", m->id);
		if (m->category == LM_SOURCE_AVAILABLE &&
		    !((m->oblig[0] | m->oblig[1]) & LM_NON_COMMERCIAL_ONLY))
			fail_msg("%s: source-available without a use limit", m->id);
	}
}

static void test_spot_checks(void **state)
{
	const struct lm_info *m;
	struct perr e;
	struct idx x;
	size_t len;
	const char *t;

	(void)state;
	assert_int_equal(idx_open(&x, &e), 0);
	/* Apache-2.0 4(d): its text speaks of a NOTICE file; the entry asks for
	 * it when distributing, not when running internally. */
	t = ref_text(&x, "Apache-2.0", &len);
	assert_true(has_any(t, len, "\"NOTICE\" text file"));
	m = lm_find("Apache-2.0");
	assert_true(m->oblig[LM_USE_BINARY] & LM_INCLUDE_NOTICE_FILE);
	assert_true(m->oblig[LM_USE_SOURCE] & LM_STATE_CHANGES);
	assert_false(m->oblig[LM_USE_INTERNAL] & LM_INCLUDE_NOTICE_FILE);
	assert_true(m->oblig[LM_USE_INTERNAL] & LM_PATENT_RETALIATION);
	/* AGPL-3.0 13: network users get the source; GPL-3.0 has no such term. */
	t = ref_text(&x, "AGPL-3.0-only", &len);
	assert_true(has_any(t, len, "interacting with it remotely through a computer network"));
	assert_true(lm_find("AGPL-3.0-or-later")->oblig[LM_USE_SAAS] & LM_NETWORK_DISCLOSURE);
	assert_false(lm_find("GPL-3.0-only")->oblig[LM_USE_SAAS] & LM_NETWORK_DISCLOSURE);
	assert_int_equal(lm_find("GPL-3.0-only")->oblig[LM_USE_SAAS] & LM_DISCLOSE_SOURCE, 0);
	/* scopes: MPL per file, LGPL the library, GPL the work */
	assert_int_equal(lm_find("MPL-2.0")->scope, LM_SCOPE_FILE);
	assert_int_equal(lm_find("LGPL-2.1-only")->scope, LM_SCOPE_LIBRARY);
	assert_int_equal(lm_find("GPL-2.0-or-later")->scope, LM_SCOPE_WORK);
	/* MIT: nothing for internal use, the notice when distributing */
	assert_int_equal(lm_find("MIT")->oblig[LM_USE_INTERNAL], 0);
	assert_int_equal(lm_find("MIT")->oblig[LM_USE_BINARY],
			 LM_INCLUDE_LICENSE_TEXT | LM_KEEP_COPYRIGHT);
	/* BSL-1.0: "unless such copies ... are solely in the form of
	 * machine-executable object code" */
	t = ref_text(&x, "BSL-1.0", &len);
	assert_true(has_any(t, len, "machine-executable object code"));
	assert_int_equal(lm_find("BSL-1.0")->oblig[LM_USE_BINARY], 0);
	assert_true(lm_find("BSL-1.0")->oblig[LM_USE_SOURCE] & LM_KEEP_COPYRIGHT);
	/* CC-BY-NC: NonCommercial binds every use */
	assert_true(lm_find("CC-BY-NC-4.0")->oblig[LM_USE_INTERNAL] & LM_NON_COMMERCIAL_ONLY);
	/* deprecated ids carry their replacement's entry */
	assert_int_equal(lm_find("GPL-2.0")->scope, LM_SCOPE_WORK);
	assert_int_equal(lm_category_of("GPL-2.0-with-classpath-exception"), LM_WEAK_COPYLEFT);
	assert_int_equal(lm_find("GPL-2.0-with-classpath-exception")->scope, LM_SCOPE_LIBRARY);
	assert_int_equal(lm_find("GPL-3.0-with-GCC-exception")->oblig[LM_USE_BINARY] &
			 (LM_DISCLOSE_SOURCE | LM_SAME_LICENSE), 0);
}

static void test_category_api(void **state)
{
	enum lm_category c;
	int i;

	(void)state;
	for (i = 0; i < LM_NCATEGORIES; i++) {
		assert_int_equal(lm_category_parse(lm_category_name((enum lm_category)i), &c), 0);
		assert_int_equal(c, i);
	}
	assert_string_equal(lm_category_name(LM_NETWORK_COPYLEFT), "network-copyleft");
	assert_int_equal(lm_category_parse("copyleft", &c), -1);
	assert_int_equal(lm_category_parse(NULL, &c), -1);
	assert_int_equal(lm_category_of("MIT"), LM_PERMISSIVE);
	assert_int_equal(lm_category_of("AGPL-3.0-only"), LM_NETWORK_COPYLEFT);
	assert_int_equal(lm_category_of("Unlicense"), LM_PUBLIC_DOMAIN);
	assert_int_equal(lm_category_of("CC-BY-NC-SA-4.0"), LM_SOURCE_AVAILABLE);
	assert_int_equal(lm_category_of("Classpath-exception-2.0"), LM_WEAK_COPYLEFT);
	assert_int_equal(lm_category_of("LLVM-exception"), LM_PERMISSIVE);
	assert_int_equal(lm_category_of("LicenseRef-x"), LM_UNKNOWN);
	assert_int_equal(lm_category_of(""), LM_UNKNOWN);
	assert_int_equal(lm_category_of("Net-SNMP"), LM_UNKNOWN);
}

static void test_names(void **state)
{
	enum lm_use u;
	unsigned bit;
	int i;

	(void)state;
	assert_int_equal(lm_use_parse("distribute-binary", &u), 0);
	assert_int_equal(u, LM_USE_BINARY);
	assert_int_equal(lm_use_parse("ship", &u), -1);
	for (i = 0; i < LM_NOBLIGS; i++) {
		assert_int_equal(lm_oblig_parse(lm_oblig_name(1u << i), &bit), 0);
		assert_int_equal(bit, 1u << i);
	}
	assert_null(lm_oblig_name(3));
	assert_string_equal(lm_oblig_name(LM_NETWORK_DISCLOSURE), "network-disclosure");
}

/* --- expressions --------------------------------------------------------- */

static void eval(const char *s, enum lm_use use, struct lm_result *r)
{
	struct perr e;
	struct expr *x = expr_parse(s, strlen(s), &e);

	if (!x)
		fail_msg("%s: %s", s, e.msg);
	lm_expr_eval(x, use, r);
	expr_free(x);
}

/* A deprecated id that stands for "L WITH E" (licmeta.txt: "X = L WITH E")
 * was computed by the generator; an expression "L WITH E" is computed at
 * run time.  The two must agree, use by use, and the alias takes the
 * category a policy or an obligation group gives "L WITH E". */
static void test_with_alias_agrees(void **state)
{
	char line[4096];
	size_t seen = 0;
	FILE *f = open_data();

	(void)state;
	while (fgets(line, sizeof(line), f)) {
		char id[256], lic[256], exc[256], expr[600];
		const struct lm_info *a, *l, *x;
		struct lm_result r;
		int u;

		if (sscanf(line, "%255s = %255s WITH %255s", id, lic, exc) != 3)
			continue;
		a = lm_find(id), l = lm_find(lic), x = lm_find(exc);
		assert_non_null(a);
		assert_non_null(l);
		assert_non_null(x);
		snprintf(expr, sizeof(expr), "%s WITH %s", lic, exc);
		for (u = 0; u < LM_NUSES; u++) {
			eval(expr, (enum lm_use)u, &r);
			if (r.oblig != a->oblig[u])
				fail_msg("%s, use %d: oblig %x, %s says %x", expr, u, r.oblig, id,
					 a->oblig[u]);
			if (r.scope != (a->oblig[u] & (LM_DISCLOSE_SOURCE | LM_NETWORK_DISCLOSURE)
						? a->scope : LM_SCOPE_NONE))
				fail_msg("%s, use %d: scope %d, %s says %d", expr, u, r.scope, id,
					 a->scope);
			lm_result_release(&r);
		}
		if (x->basis != LM_NODATA && a->category != x->category)
			fail_msg("%s: category %d, not the exception's %d", id, a->category,
				 x->category);
		seen++;
	}
	fclose(f);
	assert_true(seen >= 5);
}

static void test_and(void **state)
{
	struct lm_result r;

	(void)state;
	eval("MIT AND Apache-2.0 AND LGPL-2.1-only", LM_USE_BINARY, &r);
	assert_int_equal(r.oblig, lm_find("Apache-2.0")->oblig[LM_USE_BINARY] |
				  lm_find("LGPL-2.1-only")->oblig[LM_USE_BINARY]);
	assert_int_equal(r.scope, LM_SCOPE_LIBRARY);
	assert_string_equal(r.chosen, "MIT AND Apache-2.0 AND LGPL-2.1-only");
	assert_null(r.choices);
	lm_result_release(&r);
	/* a parenthesised AND is one chain with the rest: MIT taken once */
	eval("(GPL-2.0-only OR MIT) AND (MIT AND ISC)", LM_USE_BINARY, &r);
	assert_string_equal(r.chosen, "MIT AND ISC");
	lm_result_release(&r);
}

static void test_or_least_demanding(void **state)
{
	struct lm_result r;

	(void)state;
	eval("GPL-2.0-only OR MIT", LM_USE_BINARY, &r);
	assert_string_equal(r.chosen, "MIT");
	assert_string_equal(r.choices, "MIT over GPL-2.0-only");
	assert_int_equal(r.oblig, LM_INCLUDE_LICENSE_TEXT | LM_KEEP_COPYRIGHT);
	lm_result_release(&r);
	/* Apache-2.0 asks more (NOTICE, changes) than MIT */
	eval("Apache-2.0 OR MIT", LM_USE_SOURCE, &r);
	assert_string_equal(r.chosen, "MIT");
	lm_result_release(&r);
	/* a tie keeps the first */
	eval("BSD-2-Clause OR MIT", LM_USE_BINARY, &r);
	assert_string_equal(r.chosen, "BSD-2-Clause");
	lm_result_release(&r);
	/* under saas the AGPL is the demanding one */
	eval("AGPL-3.0-only OR GPL-3.0-only OR MPL-2.0", LM_USE_SAAS, &r);
	assert_string_equal(r.chosen, "GPL-3.0-only");
	assert_string_equal(r.choices, "GPL-3.0-only over AGPL-3.0-only, MPL-2.0");
	lm_result_release(&r);
	/* a license without data is not taken when another is known */
	eval("LicenseRef-custom OR GPL-3.0-only", LM_USE_BINARY, &r);
	assert_string_equal(r.chosen, "GPL-3.0-only");
	assert_false(r.unknown);
	lm_result_release(&r);
}

static void test_nested(void **state)
{
	struct lm_result r;

	(void)state;
	eval("(MIT OR GPL-2.0-only) AND (AGPL-3.0-only OR Apache-2.0) AND Zlib", LM_USE_BINARY, &r);
	assert_string_equal(r.chosen, "MIT AND Apache-2.0 AND Zlib");
	assert_string_equal(r.choices, "MIT over GPL-2.0-only; Apache-2.0 over AGPL-3.0-only");
	assert_int_equal(r.scope, LM_SCOPE_NONE);
	lm_result_release(&r);
	/* an operand taken twice is written once (seen in /usr/include) */
	eval("(GPL-2.0-only WITH Linux-syscall-note OR BSD-2-Clause) AND BSD-2-Clause",
	     LM_USE_BINARY, &r);
	assert_string_equal(r.chosen, "BSD-2-Clause");
	lm_result_release(&r);
	eval("MIT OR (GPL-2.0-only AND BSD-3-Clause)", LM_USE_BINARY, &r);
	assert_string_equal(r.chosen, "MIT");
	assert_string_equal(r.choices, "MIT over GPL-2.0-only AND BSD-3-Clause");
	lm_result_release(&r);
}

static void test_with(void **state)
{
	struct lm_result r;

	(void)state;
	eval("GPL-2.0-only WITH Classpath-exception-2.0", LM_USE_BINARY, &r);
	assert_true(r.oblig & LM_DISCLOSE_SOURCE);
	assert_int_equal(r.scope, LM_SCOPE_LIBRARY);
	lm_result_release(&r);
	eval("GPL-3.0-or-later WITH GCC-exception-3.1", LM_USE_BINARY, &r);
	assert_int_equal(r.oblig & (LM_DISCLOSE_SOURCE | LM_SAME_LICENSE), 0);
	assert_int_equal(r.scope, LM_SCOPE_NONE);
	assert_true(r.oblig & LM_INCLUDE_LICENSE_TEXT);
	lm_result_release(&r);
	/* LLVM-exception: object code need not carry 4(a), 4(b), 4(d) */
	eval("Apache-2.0 WITH LLVM-exception", LM_USE_BINARY, &r);
	assert_int_equal(r.oblig & (LM_INCLUDE_LICENSE_TEXT | LM_INCLUDE_NOTICE_FILE), 0);
	assert_true(r.oblig & LM_KEEP_COPYRIGHT);
	lm_result_release(&r);
	eval("Apache-2.0 WITH LLVM-exception", LM_USE_SOURCE, &r);
	assert_true(r.oblig & LM_INCLUDE_NOTICE_FILE);
	lm_result_release(&r);
	/* a WITH is cheaper than the bare GPL, so an OR takes it */
	eval("GPL-2.0-only OR GPL-2.0-only WITH Classpath-exception-2.0", LM_USE_BINARY, &r);
	assert_string_equal(r.chosen, "GPL-2.0-only WITH Classpath-exception-2.0");
	lm_result_release(&r);
}

static void test_unknown(void **state)
{
	struct lm_result r;

	(void)state;
	eval("LicenseRef-mine AND MIT", LM_USE_INTERNAL, &r);
	assert_true(r.unknown);
	assert_string_equal(r.chosen, "LicenseRef-mine AND MIT");
	lm_result_release(&r);
	eval("Net-SNMP", LM_USE_BINARY, &r); /* nodata */
	assert_true(r.unknown);
	lm_result_release(&r);
	lm_expr_eval(NULL, LM_USE_BINARY, &r);
	assert_string_equal(r.chosen, "");
	assert_false(r.unknown);
	lm_result_release(&r);
	lm_result_release(NULL);
}

/* A chain as long as the parser allows walks down ->left without
 * recursing, and every operand counts. */
static void test_long_chain(void **state)
{
	struct buf_like {
		char *s;
		size_t n;
	} b = { NULL, 0 };
	struct lm_result r;
	int i;

	(void)state;
	b.s = malloc(4096 * 24);
	b.s[0] = '\0';
	for (i = 0; i < 4000; i++)
		b.n += (size_t)sprintf(b.s + b.n, "%s%s", i ? " OR " : "",
				       i == 3999 ? "MIT" : "GPL-2.0-only");
	eval(b.s, LM_USE_BINARY, &r);
	assert_string_equal(r.chosen, "MIT");
	lm_result_release(&r);
	free(b.s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_id),
		cmocka_unit_test(test_data_file),
		cmocka_unit_test(test_curated_against_texts),
		cmocka_unit_test(test_category_shapes),
		cmocka_unit_test(test_spot_checks),
		cmocka_unit_test(test_category_api),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_and),
		cmocka_unit_test(test_or_least_demanding),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_with),
		cmocka_unit_test(test_with_alias_agrees),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_long_chain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
