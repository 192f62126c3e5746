/* SPDX-License-Identifier: MIT */
/* test_arc.c -- archives made by the test with libarchive's write API:
 * nesting, every format, hostile names, corrupt data, limits, hashes. */
#include <archive.h>
#include <archive_entry.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "arc.h"
#include "buf.h"
#include "hash.h"

struct member {
	const char *name;
	const void *data;
	size_t len;
	const char *link; /* a symlink when set */
};

static la_ssize_t grow(struct archive *a, void *ctx, const void *p, size_t n)
{
	(void)a;
	buf_add(ctx, p, n);
	return (la_ssize_t)n;
}

/* Writes members in format/filter (libarchive codes) into a buffer. */
static struct buf pack(int format, int filter, const struct member *m, size_t n)
{
	struct archive *a = archive_write_new();
	struct buf out = BUF_INIT;
	size_t i;

	if ((format == ARCHIVE_FORMAT_AR_BSD ? archive_write_set_format_ar_bsd(a)
	     : archive_write_set_format(a, format)) != ARCHIVE_OK)
		fail_msg("format %d: %s", format, archive_error_string(a));
	if (filter != ARCHIVE_FILTER_NONE)
		assert_int_equal(archive_write_add_filter(a, filter), ARCHIVE_OK);
	if (format != ARCHIVE_FORMAT_ZIP) /* a zip padded to 10 KiB, as libarchive does */
		archive_write_set_bytes_in_last_block(a, 1);
	assert_int_equal(archive_write_open(a, &out, NULL, grow, NULL), ARCHIVE_OK);
	for (i = 0; i < n; i++) {
		struct archive_entry *e = archive_entry_new();

		archive_entry_set_pathname(e, m[i].name);
		archive_entry_set_mode(e, (m[i].link ? AE_IFLNK : AE_IFREG) | 0644);
		archive_entry_set_size(e, m[i].link ? 0 : (la_int64_t)m[i].len);
		if (m[i].link)
			archive_entry_set_symlink(e, m[i].link);
		assert_true(archive_write_header(a, e) >= ARCHIVE_WARN); /* WARN: odd names */
		if (!m[i].link && m[i].len)
			assert_int_equal(archive_write_data(a, m[i].data, m[i].len), (la_ssize_t)m[i].len);
		archive_entry_free(e);
	}
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	return out;
}

#define TAR ARCHIVE_FORMAT_TAR_PAX_RESTRICTED
#define ZIP ARCHIVE_FORMAT_ZIP
#define NONE ARCHIVE_FILTER_NONE

/* Collects one line per entry: "KIND path size[ note]". */
struct seen {
	struct buf log;
	int hashes_ok;
	const char *hash_path; /* check this entry's SHA-256 against its data */
};

static int record(void *ctx, struct arc_entry *ent)
{
	static const char *const kinds[] = { "file", "archive", "end", "symlink", "hardlink",
					     "special", "error" };
	struct seen *s = ctx;

	buf_printf(&s->log, "%s %s %llu", kinds[ent->kind], ent->path,
		   (unsigned long long)ent->size);
	if (ent->kind == ARC_FILE)
		buf_printf(&s->log, " [%.*s]", (int)(ent->len > 20 ? 20 : ent->len),
			   (const char *)ent->data);
	if (ent->target)
		buf_printf(&s->log, " -> %s", ent->target);
	if (ent->error)
		buf_printf(&s->log, " (%s)", ent->error);
	buf_addc(&s->log, '\n');
	if (s->hash_path && !strcmp(ent->path, s->hash_path)) {
		struct hash_ctx h;
		unsigned char sha1[20], sha256[32];

		hash_init(&h);
		hash_update(&h, ent->data, ent->len);
		hash_final(&h, sha1, sha256);
		s->hashes_ok = ent->has_hashes && !memcmp(sha256, ent->sha256, 32) &&
			       !memcmp(sha1, ent->sha1, 20);
	}
	return 0;
}

static char *walk_mem(const struct buf *b, const char *name, const struct arc_limits *lim,
		      int *rc, struct perr *e, struct arc_stats *st)
{
	struct arc_src src = { -1, (const unsigned char *)b->data, b->len };
	struct arc_opts o;
	struct seen s = { BUF_INIT, 0, NULL };
	struct arc_stats local;

	arc_limits_default(&o.lim);
	if (lim)
		o.lim = *lim;
	o.hash = 1;
	*rc = arc_walk(&src, name, &o, record, &s, st ? st : &local, e);
	return buf_take(&s.log);
}

static const char file_txt[] = "/* SPDX-License-Identifier: Apache-2.0 */\n";

/* Sizes of the nested archives, as written, for the checks. */
static size_t tgz_len, zip_len;

static struct buf nested_outer(void)
{
	static const char notes[] = "# SPDX-License-Identifier: MIT\n";
	struct member in[] = { { "x/file.txt", file_txt, sizeof(file_txt) - 1, NULL } };
	struct buf tgz = pack(TAR, ARCHIVE_FILTER_GZIP, in, 1), zip, out;
	struct member mid[] = { { "deep/a.tar.gz", tgz.data, tgz.len, NULL },
				{ "deep/notes.md", notes, sizeof(notes) - 1, NULL } };
	struct member top[] = { { "dir/inner.zip", NULL, 0, NULL },
				{ "../../etc/passwd", "root:x:0:0\n", 11, NULL },
				{ "/etc/shadow", "root:!:1::\n", 11, NULL },
				{ "bad\xffname\n", "x", 1, NULL },
				{ "lnk", NULL, 0, "dir/inner.zip" } };

	zip = pack(ZIP, NONE, mid, 2);
	tgz_len = tgz.len;
	zip_len = zip.len;
	top[0].data = zip.data;
	top[0].len = zip.len;
	out = pack(TAR, ARCHIVE_FILTER_XZ, top, 5);
	buf_release(&tgz);
	buf_release(&zip);
	return out;
}

static void test_nested_from_fd(void **state)
{
	char tmpl[] = "/tmp/petal-arc-XXXXXX", *dir = mkdtemp(tmpl), path[64];
	struct buf outer = nested_outer();
	struct arc_opts o;
	struct seen s = { BUF_INIT, 0, "o.tar.xz!/dir/inner.zip!/deep/a.tar.gz!/x/file.txt" };
	struct arc_stats st;
	struct perr e;
	struct hash_ctx h;
	unsigned char sha1[20], sha256[32];
	char *log, want[1024];
	FILE *f;
	int fd;

	(void)state;
	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/o.tar.xz", dir);
	f = fopen(path, "wb");
	fwrite(outer.data, 1, outer.len, f);
	fclose(f);
	fd = open(path, O_RDONLY);
	arc_limits_default(&o.lim);
	o.hash = 1;
	assert_int_equal(arc_walk(&(struct arc_src){ fd, NULL, 0 }, "o.tar.xz", &o, record, &s,
				  &st, &e), 0);
	close(fd);
	log = buf_take(&s.log);
	snprintf(want, sizeof(want),
		"archive o.tar.xz!/dir/inner.zip 0\n"
		"archive o.tar.xz!/dir/inner.zip!/deep/a.tar.gz 0\n"
		"file o.tar.xz!/dir/inner.zip!/deep/a.tar.gz!/x/file.txt 42 [/* SPDX-License-Iden]\n"
		"end o.tar.xz!/dir/inner.zip!/deep/a.tar.gz %zu\n"
		"file o.tar.xz!/dir/inner.zip!/deep/notes.md 31 [# SPDX-License-Ident]\n"
		"end o.tar.xz!/dir/inner.zip %zu\n"
		"file o.tar.xz!/../../etc/passwd 11 [root:x:0:0\n]\n"
		"file o.tar.xz!//etc/shadow 11 [root:!:1::\n]\n"
		"file o.tar.xz!/bad\\xffname\\x0a 1 [x]\n"
		"symlink o.tar.xz!/lnk 0 -> dir/inner.zip\n", tgz_len, zip_len);
	assert_string_equal(log, want);
	assert_true(s.hashes_ok);
	/* the source's own hash, computed while it was read */
	hash_init(&h);
	hash_update(&h, outer.data, outer.len);
	hash_final(&h, sha1, sha256);
	assert_true(st.has_hashes);
	assert_memory_equal(st.sha256, sha256, 32);
	assert_int_equal(st.in_bytes, outer.len);
	/* nothing was written next to the archive, nor above it */
	assert_int_equal(access("/tmp/etc/passwd", F_OK), -1);
	snprintf(path, sizeof(path), "ls -A %s | grep -vx o.tar.xz", dir);
	assert_int_not_equal(system(path), 0);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	assert_int_equal(system(path), 0);
	free(log);
	buf_release(&outer);
}

static void test_depth_limit(void **state)
{
	struct buf outer = nested_outer();
	struct arc_limits lim;
	struct perr e;
	char *log;
	int rc;

	(void)state;
	arc_limits_default(&lim);
	lim.max_depth = 1; /* the zip opens; the tar.gz inside it does not */
	log = walk_mem(&outer, "o", &lim, &rc, &e, NULL);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(log, "file o!/dir/inner.zip!/deep/a.tar.gz "));
	assert_non_null(strstr(log, "(nested archive not opened: deeper than --max-depth 1)\n"));
	assert_null(strstr(log, "x/file.txt"));
	free(log);
	lim.max_depth = 0;
	log = walk_mem(&outer, "o", &lim, &rc, &e, NULL);
	assert_non_null(strstr(log, "file o!/dir/inner.zip "));
	assert_null(strstr(log, "deep/notes.md"));
	free(log);
	buf_release(&outer);
}

static void test_corrupt(void **state)
{
	static const char garbage[] = "\x1f\x8b\x08\x00garbage, not deflate data at all";
	static char big[3][70000];
	struct member m[3];
	struct buf tgz;
	struct perr e;
	char *log;
	size_t i, j;
	int rc;

	(void)state;
	for (i = 0; i < 3; i++) {
		for (j = 0; j < sizeof(big[i]); j++)
			big[i][j] = (char)('a' + (j * 7919 + i) % 23);
		m[i] = (struct member){ i == 0 ? "a" : i == 1 ? "b" : "c", big[i], sizeof(big[i]), NULL };
	}
	tgz = pack(TAR, ARCHIVE_FILTER_GZIP, m, 3);
	tgz.len = tgz.len * 2 / 3; /* cut inside the third member's data */
	log = walk_mem(&tgz, "t.tgz", NULL, &rc, &e, NULL);
	assert_int_equal(rc, -1);
	assert_int_equal(e.code, PERR_FILE);
	assert_non_null(strstr(e.msg, "corrupt archive"));
	assert_non_null(strstr(log, "file t.tgz!/a 70000"));
	free(log);
	/* garbage behind a gzip signature */
	buf_reset(&tgz);
	buf_add(&tgz, garbage, sizeof(garbage) - 1);
	log = walk_mem(&tgz, "g.gz", NULL, &rc, &e, NULL);
	assert_int_equal(rc, -1);
	assert_int_equal(e.code, PERR_FILE);
	free(log);
	/* not an archive at all */
	buf_reset(&tgz);
	buf_adds(&tgz, "just some text, no archive here");
	log = walk_mem(&tgz, "t.txt", NULL, &rc, &e, NULL);
	assert_int_equal(rc, -1);
	assert_string_equal(log, "");
	free(log);
	buf_release(&tgz);
}

static void test_single_compressed(void **state)
{
	struct member m[] = { { "data", file_txt, sizeof(file_txt) - 1, NULL } };
	struct buf gz = pack(ARCHIVE_FORMAT_RAW, ARCHIVE_FILTER_GZIP, m, 1);
	struct perr e;
	char *log;
	int rc;

	(void)state;
	log = walk_mem(&gz, "dir/foo.txt.gz", NULL, &rc, &e, NULL);
	assert_int_equal(rc, 0);
	assert_string_equal(log, "file dir/foo.txt.gz!/foo.txt 42 [/* SPDX-License-Iden]\n");
	free(log);
	buf_release(&gz);
}

/* The walk stops at the limit named by flag: entry c is never reached. */
static void expect_limit(const struct buf *b, const struct arc_limits *lim, const char *flag)
{
	struct perr e;
	char *log;
	int rc;

	log = walk_mem(b, "t", lim, &rc, &e, NULL);
	assert_int_equal(rc, -1);
	assert_int_equal(e.code, PERR_LIMIT);
	if (!strstr(e.msg, flag))
		fail_msg("%s", e.msg);
	assert_null(strstr(log, "t!/c"));
	free(log);
}

static void test_limits(void **state)
{
	static char kb[1000];
	struct member m[] = { { "a", kb, sizeof(kb), NULL }, { "b", kb, sizeof(kb), NULL },
			      { "c", kb, sizeof(kb), NULL } };
	struct buf tar;
	struct arc_limits lim;
	struct perr e;
	char *log;
	int rc;

	(void)state;
	memset(kb, 'k', sizeof(kb));
	tar = pack(TAR, NONE, m, 3);
	arc_limits_default(&lim);
	lim.max_entry_bytes = 10; /* kept bytes: the rest is counted, not kept */
	log = walk_mem(&tar, "t", &lim, &rc, &e, NULL);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(log, "file t!/a 1000 [kkkkkkkkkk]\n"));
	free(log);
	arc_limits_default(&lim);
	lim.max_total_bytes = 1500;
	expect_limit(&tar, &lim, "--max-total");
	arc_limits_default(&lim);
	lim.max_entries = 2;
	expect_limit(&tar, &lim, "--max-entries");
	buf_release(&tar);
}

static void test_formats(void **state)
{
	static const struct {
		int format, filter;
		const char *name;
	} fmts[] = {
		{ ARCHIVE_FORMAT_ZIP, NONE, "a.zip" },
		{ ARCHIVE_FORMAT_7ZIP, NONE, "a.7z" },
		{ ARCHIVE_FORMAT_CPIO_SVR4_NOCRC, NONE, "a.cpio" },
		{ ARCHIVE_FORMAT_AR_BSD, NONE, "a.a" },
		{ ARCHIVE_FORMAT_ISO9660, NONE, "a.iso" },
		{ ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FILTER_BZIP2, "a.tar.bz2" },
		{ ARCHIVE_FORMAT_TAR_GNUTAR, ARCHIVE_FILTER_ZSTD, "a.tar.zst" },
		{ ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_LZ4, "a.tar.lz4" },
	};
	struct member m[] = { { "license.txt", file_txt, sizeof(file_txt) - 1, NULL } };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		struct buf b = pack(fmts[i].format, fmts[i].filter, m, 1), want = BUF_INIT;
		struct perr e;
		char *log;
		int rc;

		buf_printf(&want, "file %s!/license.txt 42 [/* SPDX-License-Iden]\n", fmts[i].name);
		log = walk_mem(&b, fmts[i].name, NULL, &rc, &e, NULL);
		if (rc != 0 || strcmp(log, want.data))
			fail_msg("%s: rc %d (%s): %s", fmts[i].name, rc, e.msg, log);
		free(log);
		buf_release(&want);
		buf_release(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nested_from_fd),    cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_corrupt),           cmocka_unit_test(test_single_compressed),
		cmocka_unit_test(test_limits),            cmocka_unit_test(test_formats),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
