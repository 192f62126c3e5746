/* SPDX-License-Identifier: MIT */
/* test_expr.c -- SPDX expressions: canonical output and every kind of error.
 * Each case is an input and either its canonical form or a piece of the
 * error message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

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
	/* WITH */
	{ "GPL-2.0 WITH Linux-syscall-note", "GPL-2.0-only WITH Linux-syscall-note" },
	{ "gpl-2.0-only with linux-syscall-note", "GPL-2.0-only WITH Linux-syscall-note" },
	{ "GPL-2.0+ WITH Classpath-exception-2.0", "GPL-2.0-or-later WITH Classpath-exception-2.0" },
	{ "(GPL-2.0 WITH Linux-syscall-note) OR MIT", "GPL-2.0-only WITH Linux-syscall-note OR MIT" },
	{ "Apache-2.0 WITH LLVM-exception AND MIT", "Apache-2.0 WITH LLVM-exception AND MIT" },
	{ "GPL-2.0 WITH Nokia-Qt-exception-1.1", "GPL-2.0-only WITH Qt-LGPL-exception-1.1" },
	{ "LicenseRef-acme WITH Classpath-exception-2.0",
	  "LicenseRef-acme WITH Classpath-exception-2.0" },
	/* references */
	{ "LicenseRef-Proprietary", "LicenseRef-Proprietary" },
	{ "licenseref-my.lic-1", "LicenseRef-my.lic-1" },
	{ "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
	  "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2" },
	{ "MIT OR LicenseRef-x", "MIT OR LicenseRef-x" },
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

static void test_deep_nesting(void **state)
{
	char deep[400];
	struct perr e;
	char *s;

	(void)state;
	memset(deep, '(', 200);
	memcpy(deep + 200, "MIT", 3);
	memset(deep + 203, ')', 197);
	s = expr_canonical(deep, 400, &e);
	assert_null(s);
	assert_non_null(strstr(e.msg, "nested deeper than"));
	memset(deep, '(', 30);
	memcpy(deep + 30, "MIT", 3);
	memset(deep + 33, ')', 30);
	s = expr_canonical(deep, 63, &e);
	assert_string_equal(s, "MIT");
	free(s);
}

static void test_not_nul_terminated(void **state)
{
	struct perr e;
	char *s = expr_canonical("MIT OR ISC trailing", 10, &e);

	(void)state;
	assert_string_equal(s, "MIT OR ISC");
	free(s);
}

static void test_and_all(void **state)
{
	char *v[] = { "MIT", "GPL-2.0-only OR BSD-2-Clause", "MIT", "ISC",
		      "GPL-2.0-only OR BSD-2-Clause" };
	char *s;

	(void)state;
	s = expr_and_all(v, 5);
	assert_string_equal(s, "MIT AND (GPL-2.0-only OR BSD-2-Clause) AND ISC");
	free(s);
	s = expr_and_all(v, 1);
	assert_string_equal(s, "MIT");
	free(s);
	assert_null(expr_and_all(v, 0));
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
		cmocka_unit_test(test_not_nul_terminated), cmocka_unit_test(test_and_all),
		cmocka_unit_test(test_tree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
