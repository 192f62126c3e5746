/* SPDX-License-Identifier: MIT */
/* test_pipeline.c -- the whole left half on real files: one result per
 * input, in path order, the same bytes for any thread count; encodings;
 * checksums while reading; truncation; a file that cannot be read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "hash.h"
#include "pipeline.h"
#include "report.h"
#include "tmpdir.h"

static char *make_tree(void)
{
	char *d = tmpdir_enter("pipe"), name[64];
	int i;

	mkdir("t", 0755);
	mkdir("t/many", 0755);
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "t/many/f%03d.c", i);
		tmpdir_put(name, i % 3 ? "// SPDX-License-Identifier: MIT\n" : "/* no tag */\n",
		    i % 3 ? 32 : 13);
	}
	PUT("t/abc.txt", "abc");
	PUT("t/latin1.c", "/* SPDX-License-Identifier: MIT */\n/* (c) J\xfcrgen */\n");
	PUT("t/utf16.txt", "\xff\xfe#\0 \0S\0P\0D\0X\0-\0L\0i\0c\0e\0n\0s\0e\0-\0I\0d\0e\0n\0"
			   "t\0i\0f\0i\0e\0r\0:\0 \0I\0S\0C\0\n\0");
	return d;
}

/* Runs the pipeline over roots with jobs threads; returns the jsonl. */
static char *scan(const char *const *roots, size_t n, unsigned jobs, int checksums,
		  uint64_t max_file)
{
	struct pipeline_opts o;
	struct perr e;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct report *rp = report_new("jsonl", f, &e);

	pipeline_opts_default(&o);
	o.jobs = jobs;
	o.checksums = checksums;
	if (max_file)
		o.lim.max_entry_bytes = max_file;
	assert_non_null(rp);
	assert_int_equal(pipeline_run(roots, n, &o, report_file, rp, NULL, &e), 0);
	assert_int_equal(report_end(rp), 0);
	report_free(rp);
	fclose(f);
	return out;
}

static void test_same_for_any_jobs(void **state)
{
	char *dir = make_tree(), *one, *two, *eight;
	const char *roots[] = { "t" };

	(void)state;
	one = scan(roots, 1, 1, 1, 0);
	two = scan(roots, 1, 2, 1, 0);
	eight = scan(roots, 1, 8, 1, 0);
	assert_string_equal(one, two);
	assert_string_equal(one, eight);
	/* 303 files, one line each, in path order */
	assert_non_null(strstr(one, "{\"path\":\"t/abc.txt\""));
	assert_true(strstr(one, "\"t/abc.txt\"") < strstr(one, "\"t/latin1.c\""));
	assert_true(strstr(one, "\"t/many/f299.c\"") < strstr(one, "\"t/utf16.txt\""));
	free(one);
	free(two);
	free(eight);
	tmpdir_remove(dir);
}

static void test_encodings_and_hashes(void **state)
{
	char *dir = make_tree(), *out;
	const char *roots[] = { "t/abc.txt", "t/latin1.c", "t/utf16.txt" };

	(void)state;
	out = scan(roots, 3, 2, 1, 0);
	/* SHA-256("abc") from FIPS 180-2, SHA-1("abc") from FIPS 180-1 */
	assert_non_null(strstr(out, "\"sha1\":\"a9993e364706816aba3e25717850c26c9cd0d89d\""));
	assert_non_null(strstr(out, "\"sha256\":\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\""));
	assert_non_null(strstr(out, "\"path\":\"t/latin1.c\",\"type\":\"text\",\"status\":\"scanned\","
				    "\"size\":52,\"sha1\""));
	assert_non_null(strstr(out, "\"encoding\":\"latin-1\",\"expression\":\"MIT\""));
	assert_non_null(strstr(out, "\"encoding\":\"utf-16le\",\"expression\":\"ISC\""));
	free(out);
	tmpdir_remove(dir);
}

static void test_truncated(void **state)
{
	char *dir = make_tree(), *out, hex[65], want[100];
	const char *roots[] = { "big.txt" };
	struct hash_ctx h;
	unsigned char sha1[20], sha256[32];
	static char big[300000];

	(void)state;
	memset(big, 'a', sizeof(big));
	memcpy(big + 250000, "\n# SPDX-License-Identifier: MIT\n", 32);
	tmpdir_put("big.txt", big, sizeof(big));
	hash_init(&h);
	hash_update(&h, big, sizeof(big));
	hash_final(&h, sha1, sha256);
	hash_hex(sha256, 32, hex);
	out = scan(roots, 1, 1, 1, 100000);
	/* the tag past the cap is not seen; size and hash cover every byte */
	assert_non_null(strstr(out, "\"size\":300000"));
	snprintf(want, sizeof(want), "\"sha256\":\"%s\"", hex);
	assert_non_null(strstr(out, want));
	assert_non_null(strstr(out, "\"truncated\":true,\"expression\":null"));
	free(out);
	out = scan(roots, 1, 1, 0, 0);
	assert_non_null(strstr(out, "\"expression\":\"MIT\""));
	assert_null(strstr(out, "sha256"));
	free(out);
	tmpdir_remove(dir);
}

static void test_unreadable(void **state)
{
	/* Reading /proc/self/mem at offset 0 fails with EIO, for root too. */
	const char *roots[] = { "/proc/self/mem" };
	char *out = scan(roots, 1, 1, 0, 0);

	(void)state;
	assert_non_null(strstr(out, "\"path\":\"/proc/self/mem\",\"type\":\"skipped\","
				    "\"status\":\"failed\""));
	assert_non_null(strstr(out, "\"error\":\"read error: Input/output error\""));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_for_any_jobs),
		cmocka_unit_test(test_encodings_and_hashes),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_unreadable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
