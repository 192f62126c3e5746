/* SPDX-License-Identifier: MIT */
/* test_strv.c -- string arrays (sorting, dropping repeats, freeing) and
 * xstrdup0, the helpers the SBOM, obligations, NTIA check and check
 * gate share.  Run under ASan, the frees of dropped repeats are checked
 * too: a leak or double free fails the sanitize build. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "strv.h"

static char **make(const char *const *s, size_t n)
{
	char **v = xmalloc(n * sizeof(*v));
	size_t i;

	for (i = 0; i < n; i++)
		v[i] = xstrdup(s[i]);
	return v;
}

static void test_sort_unique(void **state)
{
	static const char *const in[] = { "MIT", "Apache-2.0", "MIT", "BSD-3-Clause",
					  "Apache-2.0", "MIT", "apache-2.0" };
	char **v = make(in, 7);
	size_t n = strv_sort_unique(v, 7);

	(void)state;
	/* byte order: upper case before lower case, repeats gone */
	assert_int_equal(n, 4);
	assert_string_equal(v[0], "Apache-2.0");
	assert_string_equal(v[1], "BSD-3-Clause");
	assert_string_equal(v[2], "MIT");
	assert_string_equal(v[3], "apache-2.0");
	strv_free(v, n);
}

static void test_small(void **state)
{
	static const char *const one[] = { "x" };
	char **v = make(one, 1);

	(void)state;
	assert_int_equal(strv_sort_unique(NULL, 0), 0);
	assert_int_equal(strv_sort_unique(v, 1), 1);
	assert_string_equal(v[0], "x");
	strv_free(v, 1);
	strv_free(NULL, 0);
}

static void test_cmp(void **state)
{
	const char *a = "a", *b = "b", *keys[] = { "GPL-2.0-only", "ISC", "MIT" };
	const char *k = "ISC", **hit;

	(void)state;
	assert_true(strv_cmp(&a, &b) < 0);
	assert_true(strv_cmp(&b, &a) > 0);
	assert_int_equal(strv_cmp(&a, &a), 0);
	hit = bsearch(&k, keys, 3, sizeof(*keys), strv_cmp);
	assert_non_null(hit);
	assert_ptr_equal(hit, &keys[1]);
}

static void test_xstrdup0(void **state)
{
	char *s = xstrdup0("MIT");

	(void)state;
	assert_null(xstrdup0(NULL));
	assert_string_equal(s, "MIT");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort_unique),
		cmocka_unit_test(test_small),
		cmocka_unit_test(test_cmp),
		cmocka_unit_test(test_xstrdup0),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
