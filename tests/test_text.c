/* SPDX-License-Identifier: MIT */
/* test_text.c -- UTF-8 validation, Latin-1 and UTF-16 decoding, escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

static void decode(const char *in, size_t n, enum text_enc hint, const char *want,
		   enum text_enc want_enc)
{
	struct buf out = BUF_INIT;
	const char *t;
	size_t tn;
	enum text_enc enc = text_decode((const unsigned char *)in, n, hint, &out, &t, &tn);

	assert_int_equal(enc, want_enc);
	assert_int_equal(tn, strlen(want));
	assert_memory_equal(t, want, tn);
	buf_release(&out);
}

/* A literal's bytes, without its NUL. */
#define DECODE(lit, ...) decode(lit, sizeof(lit) - 1, __VA_ARGS__)

static void test_utf8_kept(void **state)
{
	(void)state;
	DECODE("plain ascii text\n", ENC_UTF8, "plain ascii text\n", ENC_UTF8);
	DECODE("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", ENC_UTF8,
	       "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", ENC_UTF8);
}

static void test_latin1(void **state)
{
	(void)state;
	/* "Copyright © 2020 Jürgen" in ISO-8859-1 */
	DECODE("Copyright \xa9 2020 J\xfcrgen", ENC_UTF8,
	       "Copyright \xc2\xa9 2020 J\xc3\xbcrgen", ENC_LATIN1);
	/* overlong and surrogate encodings are not UTF-8 */
	DECODE("\xc0\xaf", ENC_UTF8, "\xc3\x80\xc2\xaf", ENC_LATIN1);
	DECODE("\xed\xa0\x80", ENC_UTF8, "\xc3\xad\xc2\xa0\xc2\x80", ENC_LATIN1);
}

static void test_cut_sequence(void **state)
{
	(void)state;
	/* a file cut by --max-file-size inside a sequence stays UTF-8 */
	DECODE("abc\xe2\x82", ENC_UTF8, "abc", ENC_UTF8);
}

static void test_utf16(void **state)
{
	static const char le[] = "\xff\xfeM\0I\0T\0 \0\xac\x20=\xd8\0\xde";
	static const char be[] = "\xfe\xff\0M\0I\0T";

	(void)state;
	decode(le, sizeof(le) - 1, ENC_UTF16LE, "MIT \xe2\x82\xac\xf0\x9f\x98\x80", ENC_UTF16LE);
	decode(be, sizeof(be) - 1, ENC_UTF16BE, "MIT", ENC_UTF16BE);
	/* an unpaired surrogate becomes U+FFFD */
	DECODE("\xff\xfe\x00\xd8x\0", ENC_UTF16LE, "\xef\xbf\xbdx", ENC_UTF16LE);
}

static void test_escape(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	text_escape(&b, (const unsigned char *)"a\xff/b\n\xc3\xa9\\", 8);
	assert_string_equal(b.data, "a\\xff/b\\x0a\xc3\xa9\\");
	buf_release(&b);
}

/* RFC 3986 2.1-2.3 and purl-spec's examples; each caller's set of kept
 * bytes: purl segments none, file URIs '/', SARIF relative refs "/!". */
static void test_pct_encode(void **state)
{
	static const struct {
		const char *in, *keep, *want;
	} c[] = {
		{ "@angular", NULL, "%40angular" },  /* purl: pkg:npm/%40angular/... */
		{ "1.0.0+b1", NULL, "1.0.0%2Bb1" },  /* '+' in a purl version */
		{ "a-Z_0.9~", NULL, "a-Z_0.9~" },    /* unreserved stay */
		{ "a/b c", NULL, "a%2Fb%20c" },      /* upper-case hex */
		{ "/home/u s/#x", "/", "/home/u%20s/%23x" },
		{ "dist.tgz!/p/a%b.js", "/!", "dist.tgz!/p/a%25b.js" },
		{ "\xc3\xa9\x01", NULL, "%C3%A9%01" }, /* UTF-8 by bytes */
		{ "", "/", "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct buf b = BUF_INIT;

		buf_adds(&b, "<");
		text_pct_encode(&b, c[i].in, c[i].keep);
		assert_string_equal(b.data + 1, c[i].want);
		buf_release(&b);
	}
}

static void test_utf8_len(void **state)
{
	(void)state;
	assert_int_equal(text_utf8_len((const unsigned char *)"0123456789abcdef\x80", 17), 16);
	assert_int_equal(text_utf8_len((const unsigned char *)"\xf4\x90\x80\x80", 4), 0);
	assert_int_equal(text_utf8_len((const unsigned char *)"\xf4\x8f\xbf\xbf", 4), 4);
}

/* A long ASCII header, then a bad byte or a valid e-acute at every place
 * around the 64-, 16- and 8-byte blocks the scan skips at once. */
static void test_utf8_len_blocks(void **state)
{
	unsigned char s[300];
	size_t at;

	(void)state;
	for (at = 0; at + 2 < sizeof(s); at++) {
		memset(s, 'a', sizeof(s));
		s[at] = 0xff;
		assert_int_equal(text_utf8_len(s, sizeof(s)), at);
		s[at] = 0xc3;
		s[at + 1] = 0xa9;
		assert_int_equal(text_utf8_len(s, sizeof(s)), sizeof(s));
		assert_int_equal(text_utf8_len(s, at + 1), at); /* cut inside it */
	}
}

/* Japanese license prose mixed with ASCII, longer than one 255-block
 * count of the vector path, with a tail that is not a whole block. */
static void test_high_bytes(void **state)
{
	static const char jp[] = "\xe6\x9c\xac\xe3\x82\xbd\xe3\x83\x95\xe3\x83\x88 MIT License ";
	char s[5003];
	size_t i, n, want;

	(void)state;
	for (i = 0; i < sizeof(s); i++)
		s[i] = jp[i % (sizeof(jp) - 1)];
	for (n = 0; n <= sizeof(s); n += n < 40 ? 1 : 997) {
		for (i = 0, want = 0; i < n; i++)
			want += (unsigned char)s[i] >= 0x80;
		assert_int_equal(text_high_bytes(s, n), want);
	}
	assert_int_equal(text_high_bytes("\xe6\x9c\xac", 3), 3);
	assert_int_equal(text_high_bytes("Copyright (c) 2020", 18), 0);
}

/* Line ends found in one pass: \n, \r\n and a lone \r at every offset of
 * a line longer than the sixteen bytes looked at at once, and no end. */
static void test_line_end(void **state)
{
	char s[80];
	size_t at;
	int k;

	(void)state;
	for (k = 0; k < 3; k++)
		for (at = 0; at + 1 < sizeof(s); at++) {
			memset(s, 'x', sizeof(s));
			if (k == 0)
				s[at] = '\n';
			else if (k == 1)
				s[at] = '\r', s[at + 1] = '\n';
			else
				s[at] = '\r', s[sizeof(s) - 1] = '\n';
			assert_ptr_equal(text_line_end(s, s + sizeof(s)), s + at);
			assert_ptr_equal(text_line_end(s, s + at), s + at); /* none before */
		}
	memcpy(s, "MIT\r\nBSD", 8);
	assert_ptr_equal(text_next_line(text_line_end(s, s + 8), s + 8), s + 5);
}

/* Line terminators counted over long stretches (the 32-byte path and its
 * 255-block sums) with \n, \r\n and lone \r everywhere, a \r\n split by
 * lim, and a \r at the very end; against a count by hand. */
static void test_count_lines(void **state)
{
	static char s[20000];
	unsigned seed = 7;
	size_t i, lim;

	(void)state;
	for (i = 0; i < sizeof(s); i++) {
		seed = seed * 1103515245u + 12345u;
		s[i] = "ab c\n\r"[(seed >> 16) % 6];
	}
	s[sizeof(s) - 1] = '\r';
	for (lim = 0; lim <= sizeof(s); lim += lim < 300 ? 1 : 977) {
		unsigned want = 0;

		for (i = 0; i < lim; i++)
			want += s[i] == '\n' || (s[i] == '\r' && (i + 1 == sizeof(s) || s[i + 1] != '\n'));
		assert_int_equal(text_count_lines(s, s + lim, s + sizeof(s)), want);
		if (lim >= 3) /* from an odd start too */
			assert_int_equal(text_count_lines(s + 3, s + lim, s + sizeof(s)),
					 want - (s[0] == '\n' || (s[0] == '\r' && s[1] != '\n'))
					      - (s[1] == '\n' || (s[1] == '\r' && s[2] != '\n'))
					      - (s[2] == '\n' || (s[2] == '\r' && s[3] != '\n')));
	}
	assert_int_equal(text_count_lines(s, s + sizeof(s), s + sizeof(s)),
			 text_count_lines(s, s + 10000, s + sizeof(s)) +
			 text_count_lines(s + 10000, s + sizeof(s), s + sizeof(s)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_kept),    cmocka_unit_test(test_latin1),
		cmocka_unit_test(test_cut_sequence), cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_escape),       cmocka_unit_test(test_utf8_len),
		cmocka_unit_test(test_high_bytes),   cmocka_unit_test(test_utf8_len_blocks),
		cmocka_unit_test(test_line_end),
		cmocka_unit_test(test_count_lines),
		cmocka_unit_test(test_pct_encode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
