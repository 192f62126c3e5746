/* SPDX-License-Identifier: MIT */
/* test_expr.c -- SPDX expressions: canonical output and every kind of error.
 * Each case is an input and either its canonical form or a piece of the
 * error message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "expr.h"

struct ok_case {
	const char *in, *out;
};

struct bad_case {
	const char *in, *msg;
};

static const struct ok_case ok_cases[] = {
	/* ids and case */
	{ "MIT", "MIT" },
	{ "mit", "MIT" },
	{ "apache-2.0", "Apache-2.0" },
	{ "  BSD-3-Clause\t", "BSD-3-Clause" },
	{ "gpl-2.0-only", "GPL-2.0-only" },
	{ "0bsd", "0BSD" },
	/* operators, any case, and precedence: AND binds tighter */
	{ "MIT OR Apache-2.0", "MIT OR Apache-2.0" },
	{ "mit or apache-2.0", "MIT OR Apache-2.0" },
	{ "MIT and ISC", "MIT AND ISC" },
	{ "MIT Or ISC", "MIT OR ISC" },
	{ "MIT OR Apache-2.0 AND BSD-3-Clause", "MIT OR (Apache-2.0 AND BSD-3-Clause)" },
	{ "MIT AND Apache-2.0 OR BSD-3-Clause", "(MIT AND Apache-2.0) OR BSD-3-Clause" },
	{ "(MIT OR Apache-2.0) AND BSD-3-Clause", "(MIT OR Apache-2.0) AND BSD-3-Clause" },
	{ "MIT AND (ISC OR 0BSD) AND Zlib", "MIT AND (ISC OR 0BSD) AND Zlib" },
	/* nesting, redundant parentheses, flattening */
	{ "((MIT))", "MIT" },
	{ "(MIT OR ISC)", "MIT OR ISC" },
	{ "MIT AND (ISC AND Zlib)", "MIT AND ISC AND Zlib" },
	{ "(MIT OR (ISC OR (Zlib OR 0BSD)))", "MIT OR ISC OR Zlib OR 0BSD" },
	{ "((MIT AND ISC) OR (Zlib AND 0BSD))", "(MIT AND ISC) OR (Zlib AND 0BSD)" },
	{ "(MIT)AND(ISC)", "MIT AND ISC" },
	{ "MIT\tAND\nISC", "MIT AND ISC" },
	{ "\t MIT \r\n OR\f\vISC \t", "MIT OR ISC" },
	{ "MIT AnD ISC oR Zlib", "(MIT AND ISC) OR Zlib" },
	{ "MIT AND (ISC)", "MIT AND ISC" },
	{ "(MIT AND ISC) AND Zlib", "MIT AND ISC AND Zlib" },
	{ "((MIT OR ISC) AND Zlib) OR 0BSD", "((MIT OR ISC) AND Zlib) OR 0BSD" },
	{ "MIT OR (ISC AND (Zlib OR 0BSD))", "MIT OR (ISC AND (Zlib OR 0BSD))" },
	{ "(((((((((((MIT)))))))))))", "MIT" },
	{ "LicenseRef-a OR LicenseRef-a", "LicenseRef-a OR LicenseRef-a" },
	/* '+' and deprecated ids */
	{ "GPL-2.0", "GPL-2.0-only" },
	{ "GPL-2.0+", "GPL-2.0-or-later" },
	{ "gpl-2.0+", "GPL-2.0-or-later" },
	{ "GPL-2.0-only+", "GPL-2.0-or-later" },
	{ "GPL-2.0-or-later+", "GPL-2.0-or-later" },
	{ "LGPL-2.1+", "LGPL-2.1-or-later" },
	{ "LGPL-2.1", "LGPL-2.1-only" },
	{ "GPL-3.0", "GPL-3.0-only" },
	{ "AGPL-3.0", "AGPL-3.0-only" },
	{ "GFDL-1.3", "GFDL-1.3-only" },
	{ "Apache-2.0+", "Apache-2.0+" },
	{ "MPL-1.1+", "MPL-1.1+" },
	{ "StandardML-NJ", "SMLNJ" },
	{ "BSD-2-Clause-FreeBSD", "BSD-2-Clause" },
	{ "GPL-2.0-with-classpath-exception", "GPL-2.0-only WITH Classpath-exception-2.0" },
	{ "GPL-2.0-with-GCC-exception OR MIT", "GPL-2.0-only WITH GCC-exception-2.0 OR MIT" },
	{ "wxWindows", "GPL-2.0-or-later WITH WxWindows-exception-3.1" },
	{ "(GPL-2.0+ OR MIT)", "GPL-2.0-or-later OR MIT" },
	{ "GPL-1.0+", "GPL-1.0-or-later" },
	{ "LGPL-2.0+", "LGPL-2.0-or-later" },
	{ "AGPL-3.0+", "AGPL-3.0-or-later" },
	{ "agpl-3.0-only+", "AGPL-3.0-or-later" },
	{ "GFDL-1.2+", "GFDL-1.2-or-later" },
	{ "GFDL-1.3-invariants-only+", "GFDL-1.3-invariants-or-later" },
	{ "GPL-2.0-with-classpath-exception+", "GPL-2.0-or-later WITH Classpath-exception-2.0" },
	{ "eCos-2.0", "GPL-2.0-or-later WITH eCos-exception-2.0" },
	{ "Nunit", "zlib-acknowledgement" },
	{ "bzip2-1.0.5", "bzip2-1.0.6" },
	{ "GPL-3.0-with-GCC-exception", "GPL-3.0-only WITH GCC-exception-3.1" },
	{ "Net-SNMP", "Net-SNMP" },  /* deprecated without a single replacement */
	{ "net-snmp+", "Net-SNMP+" },
	{ "StandardML-NJ+", "SMLNJ+" },
	/* WITH */
	{ "GPL-2.0 WITH Linux-syscall-note", "GPL-2.0-only WITH Linux-syscall-note" },
	{ "gpl-2.0-only with linux-syscall-note", "GPL-2.0-only WITH Linux-syscall-note" },
	{ "GPL-2.0+ WITH Classpath-exception-2.0",
	  "GPL-2.0-or-later WITH Classpath-exception-2.0" },
	{ "(GPL-2.0 WITH Linux-syscall-note) OR MIT",
	  "GPL-2.0-only WITH Linux-syscall-note OR MIT" },
	{ "Apache-2.0 WITH LLVM-exception AND MIT", "Apache-2.0 WITH LLVM-exception AND MIT" },
	{ "GPL-2.0 WITH Nokia-Qt-exception-1.1", "GPL-2.0-only WITH Qt-LGPL-exception-1.1" },
	{ "GPL-2.0-only WITH classpath-exception-2.0",
	  "GPL-2.0-only WITH Classpath-exception-2.0" },
	{ "MIT WITH Classpath-exception-2.0", "MIT WITH Classpath-exception-2.0" },
	{ "Net-SNMP WITH Classpath-exception-2.0", "Net-SNMP WITH Classpath-exception-2.0" },
	{ "LicenseRef-acme WITH Classpath-exception-2.0",
	  "LicenseRef-acme WITH Classpath-exception-2.0" },
	/* references */
	{ "LicenseRef-Proprietary", "LicenseRef-Proprietary" },
	{ "licenseref-my.lic-1", "LicenseRef-my.lic-1" },
	{ "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
	  "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2" },
	{ "MIT OR LicenseRef-x", "MIT OR LicenseRef-x" },
	{ "documentref-a:licenseref-b", "DocumentRef-a:LicenseRef-b" },
	{ "(LicenseRef-a.1 AND DocumentRef-d:LicenseRef-b)",
	  "LicenseRef-a.1 AND DocumentRef-d:LicenseRef-b" },
};

static const struct bad_case bad_cases[] = {
	{ "", "empty expression" },
	{ "   ", "empty expression" },
	{ "FOO", "unknown license id 'FOO' at column 1" },
	{ "MIT OR FOO-1.0", "unknown license id 'FOO-1.0' at column 8" },
	{ "MIT WITH GPL-2.0", "not a license exception after WITH: 'GPL-2.0'" },
	{ "MIT WITH Foo-exception", "unknown license exception 'Foo-exception'" },
	{ "Classpath-exception-2.0", "a license exception needs WITH" },
	{ "MIT OR Linux-syscall-note", "a license exception needs WITH" },
	{ "MIT WITH", "missing license exception after WITH" },
	{ "MIT WITH (Classpath-exception-2.0)", "expected a license exception after WITH" },
	{ "(MIT OR ISC) WITH Classpath-exception-2.0", "WITH must follow one license" },
	{ "GPL-2.0-with-classpath-exception WITH Classpath-exception-2.0", "second exception" },
	{ "MIT WITH Classpath-exception-2.0 WITH LLVM-exception", "unexpected 'WITH'" },
	{ "MIT AND", "missing license at the end" },
	{ "OR MIT", "unexpected 'OR' at column 1" },
	{ "AND", "unexpected 'AND'" },
	{ "MIT OR OR ISC", "unexpected 'OR' at column 8" },
	{ "MIT AND OR ISC", "unexpected 'OR'" },
	{ "(MIT", "missing ')' for the '(' at column 1" },
	{ "((MIT OR ISC)", "missing ')' for the '(' at column 1" },
	{ "MIT)", "unbalanced ')' at column 4" },
	{ "()", "unexpected ')'" },
	{ "(MIT ISC)", "expected ')', found 'ISC'" },
	{ "MIT ISC", "unexpected 'ISC' at column 5" },
	{ "MIT garbage", "unexpected 'garbage'" },
	{ "MIT, ISC", "unexpected ','" },
	{ "MIT & ISC", "unexpected '&'" },
	{ "MIT / Apache-2.0", "unexpected '/'" },
	{ "MIT*/", "unexpected '*'" },
	{ "LicenseRef-", "invalid license reference" },
	{ "LicenseRef-a_b", "unexpected '_'" },
	{ "DocumentRef-x", "invalid license reference" },
	{ "DocumentRef-x:MIT", "invalid license reference" },
	{ "LicenseRef-x+", "invalid license reference" },
	{ "MIT++", "invalid license id" },
	{ "M+IT", "invalid license id" },
	{ "GPL-2.0:MIT", "invalid license id" },
	{ "+", "invalid license id" },
	{ "Apache 2.0", "unknown license id 'Apache'" },
	{ "GPLv2", "unknown license id 'GPLv2'" },
	{ "  FOO", "unknown license id 'FOO' at column 3" },
	{ "FOO+", "unknown license id 'FOO' at column 1" },
	{ "MIT OR\tfoo-1.0 AND ISC", "unknown license id 'foo-1.0' at column 8" },
	{ "eCos-2.0 WITH Classpath-exception-2.0", "second exception" },
	{ "GPL-2.0-with-GCC-exception WITH GCC-exception-2.0", "second exception" },
	{ "WITH Classpath-exception-2.0", "unexpected 'WITH' at column 1" },
	{ "Classpath-exception-2.0 WITH Classpath-exception-2.0",
	  "a license exception needs WITH" },
	{ "MIT WITH Classpath-exception-2.0+", "unknown license exception" },
	{ "MIT WITH LicenseRef-x", "unknown license exception 'LicenseRef-x'" },
	{ "MIT WITH MIT", "not a license exception after WITH: 'MIT' at column 10" },
	{ "MIT AND AND ISC", "unexpected 'AND' at column 9" },
	{ "MIT OR", "missing license at the end" },
	{ "MIT OR ()", "unexpected ')' at column 9" },
	{ "(", "missing license at the end" },
	{ ")", "unexpected ')' at column 1" },
	{ "(MIT))", "unbalanced ')' at column 6" },
	{ "MIT (ISC)", "unexpected '(' at column 5" },
	{ "LicenseRef-x:LicenseRef-y", "invalid license reference" },
	{ "DocumentRef-:LicenseRef-y", "invalid license reference" },
	{ "DocumentRef-a:LicenseRef-", "invalid license reference" },
	{ "DocumentRef-a:LicenseRef-b:c", "invalid license reference" },
	{ "MIT \xe2\x80\x93 ISC", "unexpected '\\xe2' at column 5" },
	{ "MIT OR 'ISC'", "unexpected '\\x27' at column 8" },
	{ "FOOFOOFOOFOOFOOFOOFOOFOOFOOFOOFOOFOOFOOFOOFOO",
	  "unknown license id 'FOOFOOFOOFOOFOOFOOFOOFOOFOOFOOFOOFOOFOOF...' at column 1" },
};

static void test_valid(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok_cases) / sizeof(ok_cases[0]); i++) {
		struct perr e = { PERR_OK, "" };
		char *s = expr_canonical(ok_cases[i].in, strlen(ok_cases[i].in), &e);

		if (!s)
			fail_msg("'%s': %s", ok_cases[i].in, e.msg);
		if (strcmp(s, ok_cases[i].out))
			fail_msg("'%s' gave '%s', want '%s'", ok_cases[i].in, s, ok_cases[i].out);
		free(s);
	}
}

static void test_invalid(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		struct perr e = { PERR_OK, "" };
		char *s = expr_canonical(bad_cases[i].in, strlen(bad_cases[i].in), &e);

		if (s)
			fail_msg("'%s' was accepted as '%s'", bad_cases[i].in, s);
		if (e.code != PERR_FILE || !strstr(e.msg, bad_cases[i].msg))
			fail_msg("'%s': message '%s', want '%s'", bad_cases[i].in, e.msg,
				 bad_cases[i].msg);
	}
}

/* Canonical output parses back to itself. */
static void test_round_trip(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok_cases) / sizeof(ok_cases[0]); i++) {
		struct perr e;
		char *s = expr_canonical(ok_cases[i].out, strlen(ok_cases[i].out), &e);

		assert_non_null(s);
		assert_string_equal(s, ok_cases[i].out);
		free(s);
	}
}

/* (((...MIT...))) with depth pairs of parentheses; caller frees. */
static char *nested(size_t depth)
{
	char *s = malloc(2 * depth + 4);

	memset(s, '(', depth);
	memcpy(s + depth, "MIT", 3);
	memset(s + depth + 3, ')', depth);
	s[2 * depth + 3] = '\0';
	return s;
}

static void test_deep_nesting(void **state)
{
	struct perr e = { PERR_OK, "" };
	char *in, *s;

	(void)state;
	in = nested(64);
	s = expr_canonical(in, strlen(in), &e);
	assert_string_equal(s, "MIT");
	free(s);
	free(in);
	in = nested(65);
	assert_null(expr_canonical(in, strlen(in), &e));
	assert_string_equal(e.msg, "parentheses nested deeper than 64 at column 65");
	free(in);
	in = nested(100000); /* never near the stack's end */
	assert_null(expr_canonical(in, strlen(in), &e));
	assert_non_null(strstr(e.msg, "nested deeper than"));
	free(in);
}

/* "MIT AND MIT AND ..." with n operands; caller frees. */
static char *chain(size_t n, const char *op)
{
	size_t k = strlen(op), i;
	char *s = malloc(n * (3 + k) + 1), *p = s;

	for (i = 0; i < n; i++) {
		memcpy(p, "MIT", 3);
		p += 3;
		if (i + 1 < n) {
			memcpy(p, op, k);
			p += k;
		}
	}
	*p = '\0';
	return s;
}

/* Chains are built, printed and freed by loops, and capped. */
static void test_long_chains(void **state)
{
	struct perr e = { PERR_OK, "" };
	char *in, *s;

	(void)state;
	in = chain(4096, " AND ");
	s = expr_canonical(in, strlen(in), &e);
	assert_string_equal(s, in);
	free(s);
	free(in);
	in = chain(4097, " OR ");
	assert_null(expr_canonical(in, strlen(in), &e));
	assert_string_equal(e.msg, "more than 4096 licenses in one expression");
	free(in);
	in = chain(200000, " or ");
	assert_null(expr_canonical(in, strlen(in), &e));
	free(in);
}

static void test_bytes(void **state)
{
	struct perr e = { PERR_OK, "" };
	char *s;

	(void)state;
	s = expr_canonical("MIT OR ISC trailing", 10, &e); /* length, not NUL, ends it */
	assert_string_equal(s, "MIT OR ISC");
	free(s);
	assert_null(expr_canonical("MIT\0ISC", 7, &e));
	assert_string_equal(e.msg, "unexpected '\\x00' at column 4");
	assert_null(expr_canonical("MIT\0", 4, &e));
	assert_null(expr_canonical(NULL, 0, &e));
	assert_string_equal(e.msg, "empty expression");
	assert_null(expr_canonical("MIT OR", 6, NULL)); /* e is optional */
}

static void test_and_all(void **state)
{
	char *v[] = { "MIT", "GPL-2.0-only OR BSD-2-Clause", "MIT", "ISC",
		      "GPL-2.0-only OR BSD-2-Clause" };
	char *w[] = { "MIT AND ISC", "ISC", "Zlib AND MIT", "(MIT OR ISC) AND 0BSD",
		      "MIT OR ISC", "ISC OR MIT" };
	char *bad[] = { "not an expression", NULL, "" };
	char *one[] = { "MIT OR ISC", "MIT OR ISC" };
	char *s;

	(void)state;
	s = expr_and_all(v, 5);
	assert_string_equal(s, "MIT AND (GPL-2.0-only OR BSD-2-Clause) AND ISC");
	free(s);
	s = expr_and_all(w, 6); /* each AND operand once */
	assert_string_equal(s, "MIT AND ISC AND Zlib AND (MIT OR ISC) AND 0BSD AND (ISC OR MIT)");
	free(s);
	s = expr_and_all(v, 1);
	assert_string_equal(s, "MIT");
	free(s);
	s = expr_and_all(one, 2); /* alone, an OR needs no parentheses */
	assert_string_equal(s, "MIT OR ISC");
	free(s);
	assert_null(expr_and_all(v, 0));
	assert_null(expr_and_all(bad, 3));
	bad[1] = "GPL-2.0-only WITH Classpath-exception-2.0";
	s = expr_and_all(bad, 3);
	assert_string_equal(s, "GPL-2.0-only WITH Classpath-exception-2.0");
	free(s);
}

/* Many distinct operands: the result is still printed and freed. */
static void test_and_all_many(void **state)
{
	char **v = malloc(4096 * sizeof(*v));
	struct perr e = { PERR_OK, "" };
	char *s, *t;
	size_t i;

	(void)state;
	for (i = 0; i < 4096; i++) {
		v[i] = malloc(32);
		snprintf(v[i], 32, "LicenseRef-%zu", i % 2048);
	}
	s = expr_and_all(v, 4096);
	assert_non_null(s);
	assert_int_equal(strncmp(s, "LicenseRef-0 AND LicenseRef-1 AND", 33), 0);
	t = expr_canonical(s, strlen(s), &e);
	assert_string_equal(s, t);
	free(t);
	free(s);
	for (i = 0; i < 4096; i++)
		free(v[i]);
	free(v);
}

/* expr_operands: one chain through same-operator parentheses, as the
 * canonical printer and the obligation and policy walkers see it. */
static void test_operands(void **state)
{
	static const struct {
		const char *in, *want; /* operands joined by '|' */
	} c[] = {
		{ "MIT AND (ISC AND Zlib) AND BSD-2-Clause", "MIT|ISC|Zlib|BSD-2-Clause" },
		{ "((MIT OR ISC) OR Zlib)", "MIT|ISC|Zlib" },
		{ "(MIT OR ISC) AND Zlib", "MIT OR ISC|Zlib" },
		{ "MIT OR ISC AND Zlib", "MIT|ISC AND Zlib" },
		{ "GPL-2.0-only WITH Classpath-exception-2.0",
		  "GPL-2.0-only WITH Classpath-exception-2.0" },
		{ "LicenseRef-a", "LicenseRef-a" },
	};
	size_t i, j, n;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct perr e;
		struct expr *x = expr_parse(c[i].in, strlen(c[i].in), &e);
		const struct expr **v;
		struct buf b = BUF_INIT;

		assert_non_null(x);
		v = expr_operands(x, &n);
		for (j = 0; j < n; j++) {
			char *s = expr_to_string(v[j]);

			buf_printf(&b, "%s%s", j ? "|" : "", s);
			free(s);
		}
		assert_string_equal(b.data, c[i].want);
		buf_release(&b);
		free(v);
		expr_free(x);
	}
}

static void test_tree(void **state)
{
	struct perr e;
	struct expr *x = expr_parse("MIT OR Apache-2.0+ AND GPL-2.0 WITH Classpath-exception-2.0",
				    59, &e);

	(void)state;
	assert_non_null(x);
	assert_int_equal(x->kind, EXPR_OR);
	assert_int_equal(x->left->kind, EXPR_LICENSE);
	assert_string_equal(x->left->id, "MIT");
	assert_int_equal(x->right->kind, EXPR_AND);
	assert_true(x->right->left->or_later);
	assert_int_equal(x->right->right->kind, EXPR_WITH);
	assert_string_equal(x->right->right->id, "Classpath-exception-2.0");
	assert_string_equal(x->right->right->left->id, "GPL-2.0-only");
	expr_free(x);
	expr_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),        cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_round_trip),   cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_long_chains),  cmocka_unit_test(test_bytes),
		cmocka_unit_test(test_and_all),      cmocka_unit_test(test_and_all_many),
		cmocka_unit_test(test_tree),         cmocka_unit_test(test_operands),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
