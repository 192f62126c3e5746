/* SPDX-License-Identifier: MIT */
/* test_spdx_tag.c -- SPDX tags in every comment style, and mentions that
 * are not tags.  Self-contained (spdx_tag.c alone), so it links without
 * the rest of the library. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "spdx_tag.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_TAGS 16

/* The tags found, and "L<line> <kind> [value]" for each, one a line. */
struct got {
	const char *text;
	size_t len;
	int stop_after;
	int n;
	struct spdx_tag tag[MAX_TAGS];
	char log[1024];
};

static int collect(void *ctx, const struct spdx_tag *t)
{
	struct got *g = ctx;
	size_t used = strlen(g->log);

	assert_true(t->tag_off + t->tag_len <= g->len);
	assert_true(t->value_off >= t->tag_off);
	assert_true(t->value_off + t->value_len == t->tag_off + t->tag_len);
	assert_memory_equal(g->text + t->tag_off, "SPDX-", 5);
	assert_true(t->line >= 1);
	if (g->n < MAX_TAGS)
		g->tag[g->n] = *t;
	snprintf(g->log + used, sizeof(g->log) - used, "%sL%u %s [%.*s]", used ? "\n" : "",
		 t->line, t->kind == SPDX_TAG_LICENSE ? "lic" : "cr", (int)t->value_len,
		 g->text + t->value_off);
	return ++g->n == g->stop_after ? 7 : 0;
}

static struct got *scan_n(const char *text, size_t len, int stop_after)
{
	struct got *g = calloc(1, sizeof(*g));
	int rc;

	assert_non_null(g);
	g->text = text;
	g->len = len;
	g->stop_after = stop_after;
	rc = spdx_find_tags(text, len, collect, g);
	assert_int_equal(rc, stop_after && g->n == stop_after ? 7 : 0);
	return g;
}

static void expect(const char *text, const char *want)
{
	struct got *g = scan_n(text, strlen(text), 0);

	if (strcmp(g->log, want))
		fail_msg("%s\ngot  '%s'\nwant '%s'", text, g->log, want);
	free(g);
}

struct tcase {
	const char *text;
	const char *want;
};

/* One case per comment style: the value must come out clean. */
static const struct tcase styles[] = {
	{ "// SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "/// SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "//! SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "# SPDX-License-Identifier: BSD-3-Clause\n", "L1 lic [BSD-3-Clause]" },
	{ "/* SPDX-License-Identifier: GPL-2.0 */\n", "L1 lic [GPL-2.0]" },
	{ "/** SPDX-License-Identifier: GPL-2.0 */\n", "L1 lic [GPL-2.0]" },
	{ "/*! SPDX-License-Identifier: Zlib */\n", "L1 lic [Zlib]" },
	{ "/**\n * SPDX-License-Identifier: (GPL-2.0+ OR MIT)\n */\n", "L2 lic [(GPL-2.0+ OR MIT)]" },
	{ "-- SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "--- SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "; SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ ";; SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "% SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "<!-- SPDX-License-Identifier: CC-BY-4.0 -->\n", "L1 lic [CC-BY-4.0]" },
	{ "{- SPDX-License-Identifier: BSD-2-Clause -}\n", "L1 lic [BSD-2-Clause]" },
	{ "(* SPDX-License-Identifier: LGPL-2.1 *)\n", "L1 lic [LGPL-2.1]" },
	{ "REM SPDX-License-Identifier: MIT\r\n", "L1 lic [MIT]" },
	{ "rem SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "@REM SPDX-License-Identifier: MIT\r\n", "L1 lic [MIT]" },
	{ "@rem SPDX-License-Identifier: MIT\r\n", "L1 lic [MIT]" },
	{ ":: SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ ".. SPDX-License-Identifier: GPL-2.0\n\n=====\nTitle\n", "L1 lic [GPL-2.0]" },
	{ "dnl SPDX-License-Identifier: GPL-2.0-or-later\n", "L1 lic [GPL-2.0-or-later]" },
	{ "! SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "' SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "\"\"\"SPDX-License-Identifier: MIT\"\"\"\n", "L1 lic [MIT]" },
	{ "'''\nSPDX-License-Identifier: Apache-2.0\n'''\n", "L2 lic [Apache-2.0]" },
	{ "''' SPDX-License-Identifier: Apache-2.0 '''\n", "L1 lic [Apache-2.0]" },
	{ "@c SPDX-License-Identifier: GFDL-1.3-or-later\n", "L1 lic [GFDL-1.3-or-later]" },
	{ "\\\" SPDX-License-Identifier: GPL-2.0\n", "L1 lic [GPL-2.0]" },
	{ ".\\\" SPDX-License-Identifier: Linux-man-pages-copyleft\n",
	  "L1 lic [Linux-man-pages-copyleft]" },
	{ "--[[ SPDX-License-Identifier: MIT ]]\n", "L1 lic [MIT]" },
	{ "{ SPDX-License-Identifier: MPL-2.0 }\n", "L1 lic [MPL-2.0]" },
	/* seen in the kernel */
	{ ". SPDX-License-Identifier: GPL-2.0\n", "L1 lic [GPL-2.0]" }, /* w1 docs */
	{ "@ SPDX-License-Identifier: GPL-2.0\n", "L1 lic [GPL-2.0]" }, /* ARM asm */
	{ "#// SPDX-License-Identifier: GPL-2.0\n", "L1 lic [GPL-2.0]" }, /* a Makefile */
	{ "\t  SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note\n",
	  "L1 lic [GPL-2.0 WITH Linux-syscall-note]" }, /* LICENSES/, indented */
};

/* Where the value starts and stops, keyword case, BOM, empty values. */
static const struct tcase values[] = {
	{ "SPDX-License-Identifier: MIT", "L1 lic [MIT]" },
	{ "\xef\xbb\xbf// SPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "\xef\xbb\xbfSPDX-License-Identifier: MIT\n", "L1 lic [MIT]" },
	{ "\t  # SPDX-License-Identifier:   MIT   \n", "L1 lic [MIT]" },
	{ "/*SPDX-License-Identifier:MIT*/", "L1 lic [MIT]" },
	{ "// SPDX-License-identifier: MIT\n", "L1 lic [MIT]" },
	{ "// SPDX-LICENSE-IDENTIFIER: MIT\n", "L1 lic [MIT]" },
	{ "// SPDX-FileCopyrightText: 2020 Jane Doe <j@x.org>\n",
	  "L1 cr [2020 Jane Doe <j@x.org>]" },
	{ "# SPDX-filecopyrighttext: 2020 Jane Doe\n", "L1 cr [2020 Jane Doe]" },
	{ "# SPDX-License-Identifier:\n", "L1 lic []" },
	{ "/* SPDX-License-Identifier:   */\n", "L1 lic []" },
	{ "/* SPDX-License-Identifier: MIT */ int x; /* more */\n", "L1 lic [MIT]" },
	/* closers: star-slash always, the others only after their opener... */
	{ "# SPDX-License-Identifier: MIT */\n", "L1 lic [MIT]" },
	{ " * SPDX-License-Identifier: MIT */\n", "L1 lic [MIT]" },
	{ " * SPDX-License-Identifier: MIT *)\n", "L1 lic [MIT]" },
	{ "# SPDX-License-Identifier: MIT *)\n", "L1 lic [MIT *)]" },
	{ "// SPDX-License-Identifier: MIT -->\n", "L1 lic [MIT -->]" },
	{ "# SPDX-License-Identifier: MIT\"\"\"\n", "L1 lic [MIT\"\"\"]" },
	{ "-- SPDX-License-Identifier: MIT ]]\n", "L1 lic [MIT ]]]" },
	{ "# SPDX-License-Identifier: MIT }\n", "L1 lic [MIT }]" },
	/* ...or inside a block comment opened on an earlier line */
	{ "<!--\n  SPDX-License-Identifier: MIT -->\n", "L2 lic [MIT]" },
	{ "\"\"\"\nSPDX-License-Identifier: MIT\"\"\"\n", "L2 lic [MIT]" },
	{ "(*\n   SPDX-License-Identifier: MIT *)\n", "L2 lic [MIT]" },
	/* a BOM only at the start of the file */
	{ "x\n\xef\xbb\xbf// SPDX-License-Identifier: MIT\n", "" },
};

/* Mentions: the keyword is there, but not as a tag. */
static const char *const mentions[] = {
	"Please add an SPDX-License-Identifier: MIT line to new files.\n",
	"\tprintf(\"SPDX-License-Identifier: %s\\n\", id);\n",
	"x = \"SPDX-License-Identifier: MIT\"\n",
	"    \"SPDX-License-Identifier: MIT\",\n",
	"    'SPDX-License-Identifier: MIT',\n",
	"my $spdx = 'SPDX-License-Identifier:';\n",
	"# The SPDX-License-Identifier: line must be first\n",
	"// SPDX-License-Identifier MIT (no colon)\n",
	"spdx-license-identifier: MIT\n",
	"// SPDX-Licence-Identifier: MIT\n",
	"removeSPDX-License-Identifier: MIT\n",
	"REMSPDX-License-Identifier: MIT\n",
	"remember: SPDX-License-Identifier: MIT\n",
	"#!/bin/sh SPDX-License-Identifier: MIT\n",
	"#! SPDX-License-Identifier: MIT\n",
	"#![doc = \"SPDX-License-Identifier: MIT\"]\n",
	/* scripts/checkpatch.pl */
	"\t\t\t\t    $rawline =~ /SPDX-License-Identifier:/ &&\n",
	"\t\t\t\t    $rawline !~ m@^\\+\\Q$comment\\E SPDX-License-Identifier: @) {\n",
	"\t\t\t\t\t     \"Missing or malformed SPDX-License-Identifier tag in line "
	"$checklicenseline\\n\" . $herecurr);\n",
	"\t\t\t\t} elsif ($rawline =~ /(SPDX-License-Identifier: .*)/) {\n",
	"\t\t\t\t\t\t\t$fixed[$fixlinenr] =~ s/SPDX-License-Identifier: .*/"
	"SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)/;\n",
	"# check for using SPDX-License-Identifier on the wrong line number\n",
	"\t\t    $rawline =~ /\\bSPDX-License-Identifier:/ &&\n",
	/* scripts/spdxcheck.py, scripts/headers_install.sh */
	"                if line.find(\"SPDX-License-Identifier:\") < 0:\n",
	"if [ -n \"$(sed -n -e \"/SPDX-License-Identifier:.*GPL-/{/WITH Linux-syscall-note/!p}\" "
	"$INFILE)\" ]; then\n",
	/* Documentation/process/license-rules.rst */
	"      C source:\t// SPDX-License-Identifier: <SPDX License Expression>\n",
	"   e.g. /\\* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note \\*/::\n",
	"   (SPDX-License-Identifier) nor in any way relevant for expressing or\n",
	/* a Perl string, a jet script's LIST command, typos in the keyword */
	"my $license = \"SPDX-License-Identifier: GPL-2.0-only OR BSD-3-Clause\";\n",
	"LIST \"SPDX-License-Identifier: GPL-2.0\"\n",
	"// SPDX--License-Identifier: GPL-2.0\n",
	"# SPDX-License_Identifier: GPL-2.0\n",
};

static void run_cases(const struct tcase *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		expect(c[i].text, c[i].want);
}

static void test_styles(void **state)
{
	(void)state;
	run_cases(styles, ARRAY_SIZE(styles));
}

static void test_values(void **state)
{
	(void)state;
	run_cases(values, ARRAY_SIZE(values));
}

static void test_mentions(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(mentions); i++)
		expect(mentions[i], "");
}

static void test_offsets(void **state)
{
	static const char at0[] = "SPDX-License-Identifier: MIT\n";
	static const char cl[] = "x\n/* SPDX-License-Identifier:  Apache-2.0 */";
	static const char empty[] = "# SPDX-FileCopyrightText:   \n";
	struct got *g;

	(void)state;
	g = scan_n(at0, strlen(at0), 0);
	assert_int_equal(g->n, 1);
	assert_int_equal(g->tag[0].tag_off, 0);
	assert_int_equal(g->tag[0].tag_len, 28);
	assert_int_equal(g->tag[0].value_off, 25);
	assert_int_equal(g->tag[0].value_len, 3);
	free(g);
	g = scan_n(cl, strlen(cl), 0);
	assert_int_equal(g->n, 1);
	assert_int_equal(g->tag[0].tag_off, 5);
	assert_int_equal(g->tag[0].value_off, 31);
	assert_int_equal(g->tag[0].value_len, 10);
	assert_int_equal(g->tag[0].line, 2);
	free(g);
	/* an empty value: the tag is the keyword alone */
	g = scan_n(empty, strlen(empty), 0);
	assert_int_equal(g->n, 1);
	assert_int_equal(g->tag[0].kind, SPDX_TAG_COPYRIGHT);
	assert_int_equal(g->tag[0].tag_off, 2);
	assert_int_equal(g->tag[0].tag_len, 23);
	assert_int_equal(g->tag[0].value_len, 0);
	free(g);
}

/* A tag after a comment of every length up to two 64-byte steps, with
 * near misses ("SPDX-" words that are no tag, "SP-", "S   -") before it:
 * the block search finds it wherever it falls, and only it. */
static void test_block_offsets(void **state)
{
	static const char miss[] = "SP S   - SPDX-Foo SPDX";
	char text[200];
	size_t pad;

	(void)state;
	for (pad = 0; pad < 140; pad++) { /* past two 64-byte steps */
		struct got *g;
		size_t n;

		memset(text, ' ', pad);
		memcpy(text, "//", pad < 2 ? pad : 2);
		if (pad > sizeof(miss) + 3)
			memcpy(text + 3, miss, sizeof(miss) - 1);
		n = pad + (size_t)sprintf(text + pad, "\n// SPDX-License-Identifier: GPL-2.0\n");
		g = scan_n(text, n, 0);
		assert_int_equal(g->n, 1);
		assert_int_equal(g->tag[0].tag_off, pad + 4);
		assert_int_equal(g->tag[0].line, 2);
		free(g);
	}
}

static void test_many_lines(void **state)
{
	(void)state;
	expect("/* SPDX-License-Identifier: MIT */\r\n"
	       "/* SPDX-FileCopyrightText: 2019-2021 ACME Inc. */\r\n"
	       "\r\n"
	       "int main(void) { puts(\"SPDX-License-Identifier: x\"); }\r\n"
	       "// SPDX-License-Identifier: Apache-2.0\r\n"
	       "\n\n"
	       "# SPDX-License-Identifier: ISC",
	       "L1 lic [MIT]\nL2 cr [2019-2021 ACME Inc.]\nL5 lic [Apache-2.0]\nL8 lic [ISC]");
	/* old Mac line ends, and a mix */
	expect("\r# SPDX-License-Identifier: MIT\r\r# SPDX-License-Identifier: ISC\r",
	       "L2 lic [MIT]\nL4 lic [ISC]");
	expect("a\r\nb\rc\n# SPDX-License-Identifier: MIT\r\n", "L4 lic [MIT]");
	/* the same line twice: a tag, then a mention */
	expect("// SPDX-License-Identifier: MIT SPDX-License-Identifier: ISC\n"
	       "// SPDX-FileCopyrightText: A\n",
	       "L1 lic [MIT SPDX-License-Identifier: ISC]\nL2 cr [A]");
}

static void test_stop_early(void **state)
{
	static const char text[] = "# SPDX-License-Identifier: MIT\n# SPDX-License-Identifier: ISC\n";
	struct got *g;

	(void)state;
	g = scan_n(text, strlen(text), 1);
	assert_int_equal(g->n, 1);
	assert_string_equal(g->log, "L1 lic [MIT]");
	free(g);
}

static void test_nul_bytes(void **state)
{
	static const char text[] = "a\0b\n// SPDX-License-Identifier: MIT\0 junk\n"
				   "\0# SPDX-License-Identifier: ISC\n";
	struct got *g;

	(void)state;
	g = scan_n(text, sizeof(text) - 1, 0);
	assert_int_equal(g->n, 1);
	/* the value runs past the NUL to the end of the line; a NUL before the
	 * marker is neither white space nor a marker */
	assert_int_equal(g->tag[0].line, 2);
	assert_int_equal(g->tag[0].value_len, 9);
	assert_memory_equal(text + g->tag[0].value_off, "MIT\0 junk", 9);
	free(g);
}

static void test_short_buffers(void **state)
{
	struct got *g;

	(void)state;
	assert_int_equal(spdx_find_tags(NULL, 0, collect, NULL), 0);
	/* cut in the middle of the keyword: not a tag, no overread */
	g = scan_n("# SPDX-License-Ident", 20, 0);
	assert_int_equal(g->n, 0);
	free(g);
	g = scan_n("# SPDX-License-Identifier:", 26, 0);
	assert_string_equal(g->log, "L1 lic []");
	free(g);
}

static void test_long_line(void **state)
{
	size_t n = 1 << 20, i;
	char *big = malloc(n);
	struct got *g;

	(void)state;
	assert_non_null(big);
	/* a tag with a 1 MiB value */
	memset(big, 'x', n);
	memcpy(big, "# SPDX-License-Identifier: ", 27);
	g = scan_n(big, n, 0);
	assert_int_equal(g->n, 1);
	assert_int_equal(g->tag[0].value_off, 27);
	assert_int_equal(g->tag[0].value_len, n - 27);
	free(g);
	/* a 1 MiB comment prefix, then a tag and mentions on the same line */
	memset(big, '/', n);
	memcpy(big + n - 100, "SPDX-License-Identifier: MIT SPDX-FileCopyrightText: X\n", 55);
	g = scan_n(big, n, 0);
	assert_string_equal(g->log, "L1 lic [MIT SPDX-FileCopyrightText: X]");
	free(g);
	/* one line full of mentions (linear, not quadratic) and a tag below */
	for (i = 0; i + 30 < n; i += 30)
		memcpy(big + i, "a SPDX-License-Identifier: b  ", 30);
	memcpy(big + n - 30, "\n# SPDX-License-Identifier: Z\n", 30);
	g = scan_n(big, n, 0);
	assert_string_equal(g->log, "L2 lic [Z]");
	free(g);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_styles),	    cmocka_unit_test(test_values),
		cmocka_unit_test(test_mentions),    cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_many_lines),  cmocka_unit_test(test_stop_early),
		cmocka_unit_test(test_nul_bytes),   cmocka_unit_test(test_short_buffers),
		cmocka_unit_test(test_long_line),   cmocka_unit_test(test_block_offsets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
