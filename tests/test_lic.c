/* SPDX-License-Identifier: MIT */
/* test_lic.c -- the embedded id table generated from the pinned packages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "expr.h"
#include "lic.h"

static void test_counts(void **state)
{
	size_t i, lic = 0, exc = 0, dep = 0;

	(void)state;
	for (i = 0; i < lic_count(); i++) {
		lic += !lic_at(i)->exception;
		exc += lic_at(i)->exception;
		dep += lic_at(i)->deprecated;
	}
	assert_int_equal(lic, 727); /* spdx-license-list@6.12.0 */
	assert_int_equal(exc, 67);  /* spdx-exceptions@2.5.0: 66 + 1 deprecated */
	assert_true(dep >= 30);
	assert_null(lic_at(lic_count()));
	assert_string_equal(lic_list_version(), "spdx-license-list@6.12.0 spdx-exceptions@2.5.0");
}

static void test_find(void **state)
{
	const struct lic_info *l;

	(void)state;
	l = lic_find("mit", 3);
	assert_non_null(l);
	assert_string_equal(l->id, "MIT");
	assert_string_equal(l->name, "MIT License");
	assert_true(l->osi);
	assert_false(l->deprecated);
	l = lic_find("GPL-2.0-only trailing", 12);
	assert_string_equal(l->id, "GPL-2.0-only");
	l = lic_find("gpl-2.0", 7);
	assert_true(l->deprecated);
	assert_string_equal(l->replacement, "GPL-2.0-only");
	l = lic_find("Classpath-exception-2.0", 23);
	assert_true(l->exception);
	assert_null(lic_find("MI", 2));
	assert_null(lic_find("MITT", 4));
	assert_null(lic_find("", 0));
	assert_false(lic_find("Beerware", 8)->osi);
}

static void test_sorted_and_findable(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < lic_count(); i++) {
		const struct lic_info *l = lic_at(i);

		if (i)
			assert_true(strcasecmp(lic_at(i - 1)->id, l->id) < 0);
		assert_ptr_equal(lic_find(l->id, strlen(l->id)), l);
	}
}

/* Every replacement is itself a valid expression of current ids. */
static void test_replacements(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < lic_count(); i++) {
		const struct lic_info *l = lic_at(i);
		struct perr e;
		char *s;

		if (!l->deprecated)
			continue;
		assert_non_null(l->replacement);
		if (l->exception)
			continue;
		s = expr_canonical(l->replacement, strlen(l->replacement), &e);
		if (!s)
			fail_msg("%s -> %s: %s", l->id, l->replacement, e.msg);
		assert_string_equal(s, l->replacement);
		free(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_sorted_and_findable),
		cmocka_unit_test(test_replacements),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
