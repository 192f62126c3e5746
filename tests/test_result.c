/* SPDX-License-Identifier: MIT */
/* test_result.c -- result_set_expression, the one place a file's
 * expression is made from its license findings (the detectors' and the
 * REUSE.toml / DEP-5 stanzas' "closest" and "aggregate"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "result.h"

static void add(struct file_result *r, enum finding_kind k, const char *expr)
{
	struct finding *f = result_add(r);

	f->kind = k;
	f->expression = expr ? xstrdup(expr) : NULL;
}

static void test_set_expression(void **state)
{
	struct file_result r;

	(void)state;
	result_init(&r);
	result_set_expression(&r);
	assert_null(r.expression);
	add(&r, FK_LICENSE, "MIT");
	add(&r, FK_COPYRIGHT, NULL);
	add(&r, FK_LICENSE, NULL); /* a problem: no expression */
	add(&r, FK_LICENSE, "ISC AND MIT");
	add(&r, FK_LICENSE, "GPL-2.0-only OR Apache-2.0");
	r.expression = xstrdup("stale");
	result_set_expression(&r);
	assert_string_equal(r.expression, "MIT AND ISC AND (GPL-2.0-only OR Apache-2.0)");
	result_release(&r);

	result_init(&r);
	add(&r, FK_COPYRIGHT, NULL);
	r.expression = xstrdup("MIT");
	result_set_expression(&r);
	assert_null(r.expression);
	result_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_expression),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
