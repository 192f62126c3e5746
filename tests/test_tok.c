/* SPDX-License-Identifier: MIT */
/* test_tok.c -- the word normalizer: words as the index and a scan both
 * see them, with words that cross the sixteen-byte blocks the word scan
 * and the folding read at once, and words that end where the buffer
 * ends (nothing may be read past it: ASan checks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tok.h"

/* "line:word" for each word, space-separated. */
static int collect(void *ctx, const char *w, size_t n, unsigned line)
{
	char *out = ctx;
	size_t used = strlen(out);

	assert_int_equal(strlen(w), n);
	snprintf(out + used, 4096 - used, "%s%u:%s", used ? " " : "", line, w);
	return 0;
}

/* The words of s, read from a heap copy of exactly its bytes. */
static void words(const char *s, const char *want)
{
	size_t n = strlen(s);
	char *copy = malloc(n ? n : 1), *got = calloc(1, 4096);

	assert_non_null(copy);
	assert_non_null(got);
	memcpy(copy, s, n);
	tok_words(copy, n, collect, got);
	assert_string_equal(got, want);
	free(copy);
	free(got);
}

static void test_notice(void **state)
{
	(void)state;
	words("Permission is hereby granted, free of charge, to any person obtaining",
	      "1:permission 1:is 1:hereby 1:granted 1:free 1:of 1:charge 1:to 1:any 1:person "
	      "1:obtaining");
	words(" * Licensed under the GPLv2 (version 2.0)\r\n * or LATER.",
	      "1:licensed 1:under 1:the 1:gplv2 1:version 1:2 1:0 2:or 2:later");
}

static void test_long_words(void **state)
{
	char s[200];

	(void)state;
	/* 60 letters: cut at TOK_MAX_WORD (48), folded in blocks and a tail */
	memset(s, 'A', 60);
	memcpy(s + 60, " Bsd", 5);
	words(s, "1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 1:bsd");
	/* a word of 31 bytes that ends with the buffer, after 15 bytes of
	 * separators: its end is past any whole block */
	memset(s, '-', 15);
	memcpy(s + 15, "ThisIsTheEndOfTheLicenseText123", 32);
	words(s, "1:thisistheendofthelicensetext123");
	/* words ending exactly on a block's last byte, then a separator */
	words("0123456789abcdef.GHIJKLMNOPQRSTU!",
	      "1:0123456789abcdef 1:ghijklmnopqrstu");
}

static void test_separators(void **state)
{
	(void)state;
	/* non-ASCII bytes, and the bytes next to the letter and digit ranges,
	 * separate words */
	words("caf\xc3\xa9s @[`{/:GNU_GPL", "1:caf 1:s 1:gnu 1:gpl");
	words("x\x01y\x7fz\x80w", "1:x 1:y 1:z 1:w");
}

static void test_lines(void **state)
{
	(void)state;
	/* numbering dropped, a copyright line dropped, lone \r ends a line */
	words("1. Definitions.\rCopyright (c) 2020 Foo Bar\n(a) You must give\n\nMIT License",
	      "1:definitions 3:you 3:must 3:give 5:mit 5:license");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_notice),
		cmocka_unit_test(test_long_words),
		cmocka_unit_test(test_separators),
		cmocka_unit_test(test_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
