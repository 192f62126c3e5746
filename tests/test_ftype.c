/* SPDX-License-Identifier: MIT */
/* test_ftype.c -- cheap typing: signatures, NULs, BOMs, control bytes;
 * libmagic labels for binaries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ftype.h"

static enum file_type sniff(const void *b, size_t n, enum text_enc *enc)
{
	return ftype_sniff(b, n, enc);
}

static void test_signatures(void **state)
{
	static const struct {
		const char *bytes;
		size_t len, off;
		enum ftype_arc want;
	} cases[] = {
		{ "PK\x03\x04", 4, 0, FTYPE_ARCHIVE },
		{ "7z\xbc\xaf\x27\x1c", 6, 0, FTYPE_ARCHIVE },
		{ "!<arch>\n", 8, 0, FTYPE_ARCHIVE },
		{ "\xed\xab\xee\xdb", 4, 0, FTYPE_ARCHIVE },
		{ "070701", 6, 0, FTYPE_ARCHIVE },
		{ "ustar", 5, 257, FTYPE_ARCHIVE },
		{ "CD001", 5, 32769, FTYPE_ARCHIVE },
		{ "\x1f\x8b\x08", 3, 0, FTYPE_COMPRESSED },
		{ "\xfd" "7zXZ\0", 6, 0, FTYPE_COMPRESSED },
		{ "BZh91AY&SY", 10, 0, FTYPE_COMPRESSED },
		{ "\x28\xb5\x2f\xfd", 4, 0, FTYPE_COMPRESSED },
		{ "BZh is not bzip2", 16, 0, FTYPE_NOT_ARCHIVE },
		{ "PK is not zip", 13, 0, FTYPE_NOT_ARCHIVE },
	};
	unsigned char *b = calloc(1, FTYPE_HEAD);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(b, 'x', FTYPE_HEAD);
		memcpy(b + cases[i].off, cases[i].bytes, cases[i].len);
		assert_int_equal(ftype_archive(b, FTYPE_HEAD), cases[i].want);
		/* cut before the signature ends: not an archive */
		assert_int_equal(ftype_archive(b, cases[i].off + cases[i].len - 1),
				 cases[i].want == FTYPE_NOT_ARCHIVE ? FTYPE_NOT_ARCHIVE
				 : cases[i].off ? FTYPE_NOT_ARCHIVE : ftype_archive(b, cases[i].len - 1));
	}
	free(b);
}

static void test_text_binary(void **state)
{
	enum text_enc enc;
	char ctl[200];

	(void)state;
	assert_int_equal(sniff("int main(void) { return 0; }\n", 29, &enc), FT_TEXT);
	assert_int_equal(enc, ENC_UTF8);
	assert_int_equal(sniff("", 0, &enc), FT_TEXT);
	assert_int_equal(sniff("ab\0cd", 5, &enc), FT_BINARY);
	assert_int_equal(enc, ENC_NONE);
	assert_int_equal(sniff("\xff\xfeM\0I\0T\0", 8, &enc), FT_TEXT);
	assert_int_equal(enc, ENC_UTF16LE);
	assert_int_equal(sniff("\xfe\xff\0M\0I\0T", 8, &enc), FT_TEXT);
	assert_int_equal(enc, ENC_UTF16BE);
	memset(ctl, 'a', sizeof(ctl));
	memset(ctl, 0x01, 10); /* 5% control bytes, no NUL */
	assert_int_equal(sniff(ctl, sizeof(ctl), &enc), FT_BINARY);
	assert_int_equal(sniff("\x1b[1mbold\x1b[0m\n\f", 14, &enc), FT_TEXT);
	assert_int_equal(sniff("PK\x03\x04zipdata", 11, &enc), FT_ARCHIVE);
}

/* Every byte value, two and then three times in 200 bytes of text (1% of
 * control bytes is still text, 1.5% is not), placed across the 16- and
 * 64-byte blocks the sniffer counts at once.  Control bytes: below 0x20,
 * except BS, TAB, LF, VT, FF, CR (0x08-0x0d) and ESC (0x1b). */
static void test_control_bytes(void **state)
{
	static const size_t at[] = { 15, 64, 199 };
	enum text_enc enc;
	char s[200];
	int c;

	(void)state;
	for (c = 1; c < 256; c++) {
		int ctl = c < 0x20 && !(c >= 0x08 && c <= 0x0d) && c != 0x1b;

		memset(s, 'a', sizeof(s));
		s[at[0]] = s[at[1]] = (char)c;
		assert_int_equal(sniff(s, sizeof(s), &enc), FT_TEXT);
		s[at[2]] = (char)c;
		assert_int_equal(sniff(s, sizeof(s), &enc), ctl ? FT_BINARY : FT_TEXT);
	}
}

static void test_magic_label(void **state)
{
	struct perr e;
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";
	struct ftype_magic *m = ftype_magic_new(&e);
	unsigned char head[4096];
	FILE *f = fopen("/bin/sh", "rb");
	size_t n;

	(void)state;
	assert_non_null(m);
	assert_non_null(f);
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	assert_true(n > 64);
	assert_non_null(strstr(ftype_magic_label(m, head, n), "application/x-"));
	assert_string_equal(ftype_magic_label(m, (const unsigned char *)png, sizeof(png) - 1),
			    "image/png");
	ftype_magic_free(m);
	ftype_magic_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signatures),
		cmocka_unit_test(test_text_binary),
		cmocka_unit_test(test_control_bytes),
		cmocka_unit_test(test_magic_label),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
