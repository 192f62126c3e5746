/* SPDX-License-Identifier: MIT */
/* test_lic.c -- the embedded id table generated from the pinned packages
 * (licenses/gen_ids.c) and its look-ups (licenses/lic.c). */
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
	assert_int_equal(dep, 33);  /* lines of licenses/deprecated.tsv */
	assert_int_equal(lic_count(), lic + exc);
	assert_null(lic_at(lic_count()));
	assert_null(lic_at((size_t)-1));
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
	assert_false(l->exception);
	assert_null(l->replacement);
	assert_false(lic_find("Beerware", 8)->osi);
	assert_string_equal(lic_find("APACHE-2.0", 10)->id, "Apache-2.0");
	assert_string_equal(lic_find("0bsd", 4)->id, "0BSD");
}

/* Ids are found inside a longer text: the length decides, not a NUL. */
static void test_find_by_length(void **state)
{
	(void)state;
	assert_string_equal(lic_find("GPL-2.0-only trailing", 12)->id, "GPL-2.0-only");
	assert_string_equal(lic_find("MIT-0", 3)->id, "MIT");
	assert_string_equal(lic_find("GPL-2.0+", 7)->id, "GPL-2.0");
	assert_string_equal(lic_find("GPL-2.0+", 8)->id, "GPL-2.0+");
	assert_null(lic_find("MI", 2));
	assert_null(lic_find("MITT", 4));
	assert_null(lic_find("", 0));
	assert_null(lic_find(NULL, 0));
	assert_null(lic_find("MIT\0", 4));
	assert_null(lic_find("MIT\0-0", 6));
	assert_null(lic_find("\xff\xfe", 2));
	assert_null(lic_find("NoSuchLicense-1.0", 17));
}

static void test_deprecated(void **state)
{
	const struct lic_info *l;

	(void)state;
	l = lic_find("gpl-2.0", 7);
	assert_string_equal(l->id, "GPL-2.0");
	assert_true(l->deprecated);
	assert_string_equal(l->replacement, "GPL-2.0-only");
	l = lic_find("GPL-2.0+", 8);
	assert_true(l->deprecated);
	assert_string_equal(l->replacement, "GPL-2.0-or-later");
	l = lic_find("GPL-2.0-with-classpath-exception", 32);
	assert_string_equal(l->replacement, "GPL-2.0-only WITH Classpath-exception-2.0");
	assert_false(l->exception);
	assert_string_equal(lic_find("StandardML-NJ", 13)->replacement, "SMLNJ");
	l = lic_find("Net-SNMP", 8); /* deprecated, no single replacement */
	assert_true(l->deprecated);
	assert_null(l->replacement);
	assert_false(lic_find("GPL-2.0-only", 12)->deprecated);
}

static void test_exceptions(void **state)
{
	const struct lic_info *l;

	(void)state;
	l = lic_find("classpath-exception-2.0", 23);
	assert_non_null(l);
	assert_string_equal(l->id, "Classpath-exception-2.0");
	assert_true(l->exception);
	assert_false(l->deprecated);
	assert_string_equal(l->name, l->id);
	assert_true(lic_find("LLVM-exception", 14)->exception);
	assert_true(lic_find("Linux-syscall-note", 18)->exception);
	l = lic_find("Nokia-Qt-exception-1.1", 22);
	assert_true(l->exception);
	assert_true(l->deprecated);
	assert_string_equal(l->replacement, "Qt-LGPL-exception-1.1");
	assert_true(lic_find(l->replacement, strlen(l->replacement))->exception);
}

/* Sorted as lic.h says, every entry found by its own id in any case. */
static void test_sorted_and_findable(void **state)
{
	char up[128];
	size_t i, j;

	(void)state;
	for (i = 0; i < lic_count(); i++) {
		const struct lic_info *l = lic_at(i);
		size_t n = strlen(l->id);

		if (i)
			assert_true(strcasecmp(lic_at(i - 1)->id, l->id) < 0);
		assert_non_null(l->name);
		assert_true(n > 0 && n < sizeof(up));
		assert_ptr_equal(lic_find(l->id, n), l);
		for (j = 0; j <= n; j++) {
			char c = l->id[j];

			up[j] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
		}
		assert_ptr_equal(lic_find(up, n), l);
		assert_true(l->replacement == NULL || l->deprecated);
	}
}

/* Every replacement parses to itself: canonical, of current ids only. */
static void test_replacements(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < lic_count(); i++) {
		const struct lic_info *l = lic_at(i);
		struct perr e = { PERR_OK, "" };
		char *s;

		if (!l->replacement)
			continue;
		if (l->exception) {
			const struct lic_info *r = lic_find(l->replacement, strlen(l->replacement));

			assert_true(r && r->exception && !r->deprecated);
			continue;
		}
		s = expr_canonical(l->replacement, strlen(l->replacement), &e);
		if (!s)
			fail_msg("%s -> %s: %s", l->id, l->replacement, e.msg);
		assert_string_equal(s, l->replacement);
		free(s);
		s = expr_canonical(l->id, strlen(l->id), &e); /* the id maps to it */
		assert_string_equal(s, l->replacement);
		free(s);
	}
}

/* One family per text: the policy's "-only meets -or-later" and the
 * detectors' "a GPL text agrees with either tag" both rest on it. */
static void test_family(void **state)
{
	(void)state;
	assert_int_equal(lic_family_len("GPL-2.0-only"), strlen("GPL-2.0"));
	assert_int_equal(lic_family_len("GPL-2.0-or-later"), strlen("GPL-2.0"));
	assert_int_equal(lic_family_len("Apache-2.0+"), strlen("Apache-2.0"));
	assert_int_equal(lic_family_len("MIT"), 3);
	assert_int_equal(lic_family_len("-only"), 5); /* nothing left: kept */
	assert_int_equal(lic_family_len("+"), 0);
	assert_int_equal(lic_family_len(""), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_find_by_length),
		cmocka_unit_test(test_deprecated),
		cmocka_unit_test(test_exceptions),
		cmocka_unit_test(test_sorted_and_findable),
		cmocka_unit_test(test_replacements),
		cmocka_unit_test(test_family),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
