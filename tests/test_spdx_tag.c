/* SPDX-License-Identifier: MIT */
/* test_spdx_tag.c -- SPDX tags in every comment style, and mentions that
 * are not tags. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "spdx_tag.h"

/* Collects "L<line> <kind> [value]" for every tag. */
struct got {
	struct buf log;
	const char *text;
	int stop_after;
	int n;
};

static int collect(void *ctx, const struct spdx_tag *t)
{
	struct got *g = ctx;

	buf_printf(&g->log, "%sL%u %s [%.*s]", g->log.len ? "\n" : "", t->line,
		   t->kind == SPDX_TAG_LICENSE ? "lic" : "cr", (int)t->value_len,
		   g->text + t->value_off);
	assert_true(t->tag_off + t->tag_len >= t->value_off + t->value_len);
	assert_memory_equal(g->text + t->tag_off, "SPDX-", 5);
	return ++g->n == g->stop_after ? 7 : 0;
}

static char *tags_n(const char *text, size_t len)
{
	struct got g = { BUF_INIT, text, 0, 0 };

	spdx_find_tags(text, len, collect, &g);
	return buf_take(&g.log);
}

static char *tags(const char *text)
{
	return tags_n(text, strlen(text));
}

struct style {
	const char *text;
	const char *want;
};

/* One line per comment style: the value must come out clean. */
static const struct style styles[] = {
	{ "// SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "/// SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "//! SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "/* SPDX-License-Identifier: GPL-2.0 */\n", "L1 lic [GPL-2.0]" },
	{ "/*SPDX-License-Identifier:MIT*/", "L1 lic [MIT]" },
	{ "/**\n * SPDX-License-Identifier: (GPL-2.0+ OR MIT)\n */\n", "L2 lic [(GPL-2.0+ OR MIT)]" },
	{ "# SPDX-License-Identifier: BSD-3-Clause\n", "L1 lic [BSD-3-Clause]" },
	{ "#!/usr/bin/env python3\n#SPDX-License-Identifier: ISC\n", "L2 lic [ISC]" },
	{ "-- SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "; SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ ";; SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "% SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "%% SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "<!-- SPDX-License-Identifier: CC-BY-4.0 -->\n", "L1 lic [CC-BY-4.0]" },
	{ "{- SPDX-License-Identifier: BSD-2-Clause -}\n", "L1 lic [BSD-2-Clause]" },
	{ "(* SPDX-License-Identifier: LGPL-2.1 *)\n", "L1 lic [LGPL-2.1]" },
	{ "REM SPDX-License-Identifier: MIT\r\n", "L1 lic [MIT]" },
	{ "@REM SPDX-License-Identifier: MIT\r\n", "L1 lic [MIT]" },
	{ "rem SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ ":: SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ ".. SPDX-License-Identifier: GPL-2.0\n\n=====\nTitle\n", "L1 lic [GPL-2.0]" },
	{ ". SPDX-License-Identifier: GPL-2.0\n", "L1 lic [GPL-2.0]" }, /* kernel w1 docs */
	{ "dnl SPDX-License-Identifier: GPL-2.0-or-later\n", "L1 lic [GPL-2.0-or-later]" },
	{ "! SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "' SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "\"\"\"SPDX-License-Identifier: MIT\"\"\"\n", "L1 lic [MIT]" },
	{ "'''\nSPDX-License-Identifier: Apache-2.0\n'''\n", "L2 lic [Apache-2.0]" },
	{ "--[[ SPDX-License-Identifier: MIT ]]\n", "L1 lic [MIT]" },
	{ "@c SPDX-License-Identifier: GFDL-1.3-or-later\n", "L1 lic [GFDL-1.3-or-later]" },
	{ ".\\\" SPDX-License-Identifier: Linux-man-pages-copyleft\n",
	  "L1 lic [Linux-man-pages-copyleft]" },
	{ "\xef\xbb\xbf// SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "SPDX-License-Identifier: MIT", "L1 lic [MIT]" },
	{ "\t  # SPDX-License-Identifier:   MIT   \n", "L1 lic [MIT]" },
	{ "// SPDX-License-identifier: MIT\n", "L1 lic [MIT]" },
	{ "/* SPDX-License-Identifier: MIT */ int x; /* more */\n", "L1 lic [MIT]" },
	{ "// SPDX-FileCopyrightText: 2020 Jane Doe <j@x.org>\n",
	  "L1 cr [2020 Jane Doe <j@x.org>]" },
	{ "# SPDX-License-Identifier:\n", "L1 lic []" },
};

/* Mentions: the keyword is there, but not as a tag. */
static const char *const mentions[] = {
	"Please add an SPDX-License-Identifier: MIT line to new files.\n",
	"\tprintf(\"SPDX-License-Identifier: %s\\n\", id);\n",
	"x = \"SPDX-License-Identifier: MIT\"\n",
	"my $spdx = 'SPDX-License-Identifier:';\n",
	"\tif ($line =~ /SPDX-License-Identifier:/) {\n",
	"# The SPDX-License-Identifier: line must be first\n",
	"// SPDX-License-Identifier MIT (no colon)\n",
	"spdx-license-identifier: MIT\n",
	"// SPDX-Licence-Identifier: MIT\n",
	"removeSPDX-License-Identifier: MIT\n",
};

static void test_styles(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(styles) / sizeof(styles[0]); i++) {
		char *got = tags(styles[i].text);

		if (strcmp(got, styles[i].want))
			fail_msg("style %zu %s: got '%s', want '%s'", i, styles[i].text, got,
				 styles[i].want);
		free(got);
	}
}

static void test_mentions(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(mentions) / sizeof(mentions[0]); i++) {
		char *got = tags(mentions[i]);

		if (*got)
			fail_msg("mention taken as a tag: %s -> %s", mentions[i], got);
		free(got);
	}
}

static void test_many_lines(void **state)
{
	static const char text[] =
		"/* SPDX-License-Identifier: MIT */\r\n"
		"/* SPDX-FileCopyrightText: 2019-2021 ACME Inc. */\r\n"
		"\n"
		"int main(void) { puts(\"SPDX-License-Identifier: x\"); }\n"
		"// SPDX-License-Identifier: Apache-2.0\n"
		"\n\n"
		"# SPDX-License-Identifier: ISC";
	char *got = tags(text);

	(void)state;
	assert_string_equal(got, "L1 lic [MIT]\nL2 cr [2019-2021 ACME Inc.]\n"
				 "L5 lic [Apache-2.0]\nL8 lic [ISC]");
	free(got);
}

static void test_stop_early(void **state)
{
	static const char text[] = "# SPDX-License-Identifier: MIT\n# SPDX-License-Identifier: ISC\n";
	struct got g = { BUF_INIT, text, 1, 0 };

	(void)state;
	assert_int_equal(spdx_find_tags(text, strlen(text), collect, &g), 7);
	assert_int_equal(g.n, 1);
	buf_release(&g.log);
}

static void test_nul_and_long_line(void **state)
{
	static const char nul[] = "a\0b\n// SPDX-License-Identifier: MIT\0 junk\n";
	size_t n = 200000;
	char *big = malloc(n + 64), *got;

	(void)state;
	got = tags_n(nul, sizeof(nul) - 1);
	/* the value runs past the NUL to the end of the line (%.*s stops at it) */
	assert_string_equal(got, "L2 lic [MIT]");
	free(got);
	memset(big, 'x', n);
	memcpy(big, "# SPDX-License-Identifier: ", 27);
	got = tags_n(big, n);
	assert_int_equal(strlen(got), strlen("L1 lic []") + n - 27);
	free(got);
	/* cut in the middle of the keyword: not a tag, no overread */
	got = tags_n("# SPDX-License-Ident", 20);
	assert_string_equal(got, "");
	free(got);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_styles),     cmocka_unit_test(test_mentions),
		cmocka_unit_test(test_many_lines), cmocka_unit_test(test_stop_early),
		cmocka_unit_test(test_nul_and_long_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
