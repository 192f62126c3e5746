/* SPDX-License-Identifier: MIT */
/* test_arc.c -- archives made by the test with libarchive's write API:
 * nesting, every format, hostile names, corrupt data, limits, hashes. */
#include <archive.h>
#include <archive_entry.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <locale.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "arc.h"
#include "buf.h"
#include "hash.h"
#include "tmpdir.h"

#define HARD (-1) /* member type: a hard link to link */

struct member {
	const char *name;
	const void *data;
	size_t len;
	const char *link; /* a symlink (type 0 or AE_IFLNK) or hard link (HARD) to this */
	int type;         /* 0: a regular file, or a link when link is set; AE_IFIFO ... */
};

static la_ssize_t grow(struct archive *a, void *ctx, const void *p, size_t n)
{
	(void)a;
	buf_add(ctx, p, n);
	return (la_ssize_t)n;
}

static void add_member(struct archive *a, const struct member *m)
{
	struct archive_entry *e = archive_entry_new();
	int type = m->type ? m->type : m->link ? (int)AE_IFLNK : (int)AE_IFREG;
	int data = type == (int)AE_IFREG || type == HARD;

	archive_entry_set_pathname(e, m->name);
	archive_entry_set_mode(e, (type == HARD ? AE_IFREG : (unsigned)type) | 0644);
	archive_entry_set_size(e, data ? (la_int64_t)m->len : 0);
	if (type == (int)AE_IFLNK)
		archive_entry_set_symlink(e, m->link);
	if (type == HARD)
		archive_entry_set_hardlink(e, m->link);
	assert_true(archive_write_header(a, e) >= ARCHIVE_WARN); /* WARN: odd names */
	if (data && m->len)
		assert_int_equal(archive_write_data(a, m->data, m->len), (la_ssize_t)m->len);
	archive_entry_free(e);
}

/* Writes members in format/filter (libarchive codes) into a buffer, names
 * taken as UTF-8 (the walk itself runs in the C locale). */
static struct buf pack(int format, int filter, const struct member *m, size_t n)
{
	locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0), old;
	struct archive *a;
	struct buf out = BUF_INIT;
	size_t i;

	assert_true(utf8 != (locale_t)0);
	old = uselocale(utf8);
	a = archive_write_new();

	if ((format == ARCHIVE_FORMAT_AR_BSD ? archive_write_set_format_ar_bsd(a)
	     : archive_write_set_format(a, format)) != ARCHIVE_OK)
		fail_msg("format %d: %s", format, archive_error_string(a));
	if (format == ARCHIVE_FORMAT_ZIP) /* names flagged UTF-8, as zip tools write them */
		assert_int_equal(archive_write_set_options(a, "zip:hdrcharset=UTF-8"), ARCHIVE_OK);
	if (filter != ARCHIVE_FILTER_NONE)
		assert_int_equal(archive_write_add_filter(a, filter), ARCHIVE_OK);
	if (format != ARCHIVE_FORMAT_ZIP) /* a zip padded to 10 KiB, as libarchive does */
		archive_write_set_bytes_in_last_block(a, 1);
	assert_int_equal(archive_write_open(a, &out, NULL, grow, NULL), ARCHIVE_OK);
	for (i = 0; i < n; i++)
		add_member(a, &m[i]);
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	uselocale(old);
	freelocale(utf8);
	return out;
}

#define TAR ARCHIVE_FORMAT_TAR_PAX_RESTRICTED
#define ZIP ARCHIVE_FORMAT_ZIP
#define NONE ARCHIVE_FILTER_NONE

static void sha256_of(const void *p, size_t n, unsigned char out[32])
{
	struct hash_ctx h;
	unsigned char sha1[20];

	hash_init(&h);
	hash_update(&h, p, n);
	hash_final(&h, sha1, out);
}

/* Collects one line per entry: "KIND path size[ [data]][ -> target][ (note)]",
 * and checks what every walk must keep: ARC_ARCHIVE/ARC_ARCHIVE_END pair
 * up like brackets, depths follow the nesting, file hashes are right. */
struct seen {
	struct buf log;
	const char *open[16]; /* paths of the open nested archives */
	int nopen;
	int hashed;           /* files whose SHA-256 was checked */
	int take;             /* take every entry's data, as the pipeline does */
	const char *want_path; /* an entry whose SHA-256 must be want_sha256 */
	unsigned char want_sha256[32];
	int want_ok;
};

static void check_entry(struct seen *s, struct arc_entry *ent)
{
	unsigned char sha256[32];

	assert_int_equal(ent->depth, s->nopen + (ent->kind == ARC_ARCHIVE_END ? 0 : 1));
	if (ent->kind == ARC_ARCHIVE) {
		assert_true(s->nopen < 16);
		s->open[s->nopen++] = strdup(ent->path);
	} else if (ent->kind == ARC_ARCHIVE_END) {
		assert_true(s->nopen > 0);
		assert_string_equal(s->open[--s->nopen], ent->path);
		free((void *)s->open[s->nopen]);
	}
	if (ent->kind == ARC_FILE && ent->has_hashes && !ent->truncated) {
		sha256_of(ent->data, ent->len, sha256);
		assert_memory_equal(sha256, ent->sha256, 32);
		s->hashed++;
	}
	if (s->want_path && !strcmp(ent->path, s->want_path))
		s->want_ok = ent->has_hashes && !memcmp(ent->sha256, s->want_sha256, 32);
}

static int record(void *ctx, struct arc_entry *ent)
{
	static const char *const kinds[] = { "file", "archive", "end", "symlink", "hardlink",
					     "special", "error" };
	struct seen *s = ctx;

	check_entry(s, ent);
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
	if (s->take && ent->kind == ARC_FILE) {
		free(ent->data);
		ent->data = NULL;
	}
	return 0;
}

static char *walk_seen(const struct buf *b, const char *name, const struct arc_limits *lim,
		       int *rc, struct perr *e, struct seen *s, struct arc_stats *stp)
{
	struct arc_src src = { -1, (const unsigned char *)b->data, b->len };
	struct arc_opts o = { .loc = NULL };
	struct arc_stats st;

	arc_limits_default(&o.lim);
	if (lim)
		o.lim = *lim;
	o.hash = 1;
	o.defer_hash = 0;
	*rc = arc_walk(&src, name, &o, record, s, stp ? stp : &st, e);
	assert_int_equal(s->nopen, 0); /* every ARC_ARCHIVE got its ARC_ARCHIVE_END */
	return buf_take(&s->log);
}

static char *walk_mem(const struct buf *b, const char *name, const struct arc_limits *lim,
		      int *rc, struct perr *e)
{
	struct seen s = { BUF_INIT, { NULL }, 0, 0, 0, NULL, { 0 }, 0 };

	return walk_seen(b, name, lim, rc, e, &s, NULL);
}

static const char file_txt[] = "/* SPDX-License-Identifier: Apache-2.0 */\n";

/* Sizes and SHA-256 of the nested archives, as written, for the checks. */
static size_t tgz_len, zip_len;
static unsigned char tgz_sha256[32];

/* outer.tar.xz { dir/inner.zip { deep/a.tar.gz { x/file.txt }, deep/notes.md },
 * hostile names, a symlink } */
static struct buf nested_outer(void)
{
	static const char notes[] = "# SPDX-License-Identifier: MIT\n";
	struct member in[] = { { "x/file.txt", file_txt, sizeof(file_txt) - 1, NULL, 0 } };
	struct buf tgz = pack(TAR, ARCHIVE_FILTER_GZIP, in, 1), zip, out;
	struct member mid[] = { { "deep/a.tar.gz", tgz.data, tgz.len, NULL, 0 },
				{ "deep/notes.md", notes, sizeof(notes) - 1, NULL, 0 } };
	struct member top[] = { { "dir/inner.zip", NULL, 0, NULL, 0 },
				{ "../../etc/passwd", "root:x:0:0\n", 11, NULL, 0 },
				{ "/etc/shadow", "root:!:1::\n", 11, NULL, 0 },
				{ "bad\xffname\n", "x", 1, NULL, 0 },
				{ "lnk", NULL, 0, "dir/inner.zip", 0 } };

	zip = pack(ZIP, NONE, mid, 2);
	tgz_len = tgz.len;
	zip_len = zip.len;
	sha256_of(tgz.data, tgz.len, tgz_sha256);
	top[0].data = zip.data;
	top[0].len = zip.len;
	out = pack(TAR, ARCHIVE_FILTER_XZ, top, 5);
	buf_release(&tgz);
	buf_release(&zip);
	return out;
}

static struct buf tree; /* paths under the scratch directory, one a line */

static int list_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	if (ftw->level > 0) {
		buf_adds(&tree, p);
		buf_addc(&tree, '\n');
	}
	return 0;
}

static char *list_tree(const char *dir)
{
	buf_reset(&tree);
	assert_int_equal(nftw(dir, list_one, 8, FTW_PHYS), 0);
	return buf_take(&tree);
}

/* Walks the nested archive from a file in <tmp>/a/b, the working
 * directory: "../../etc/passwd" would land in <tmp>/etc if a name were
 * ever used to touch the filesystem. */
static char *walk_fd_in_scratch(const struct buf *outer, struct arc_stats *st, struct seen *s)
{
	char *dir = tmpdir_enter("arc"), *after, want[256];
	struct arc_opts o = { .loc = NULL };
	struct perr e;
	struct stat sh0, sh1;
	int fd, shadow = stat("/etc/shadow", &sh0) == 0;

	assert_int_equal(mkdir("a", 0700), 0);
	assert_int_equal(mkdir("a/b", 0700), 0);
	assert_int_equal(chdir("a/b"), 0);
	tmpdir_put("outer.tar.xz", outer->data, outer->len);
	fd = open("outer.tar.xz", O_RDONLY);
	assert_true(fd >= 0);
	arc_limits_default(&o.lim);
	o.hash = 1;
	o.defer_hash = 0;
	assert_int_equal(arc_walk(&(struct arc_src){ fd, NULL, 0 }, "outer.tar.xz", &o, record, s,
				  st, &e), 0);
	assert_int_equal(e.code, PERR_OK);
	close(fd);
	after = list_tree(dir);
	snprintf(want, sizeof(want), "%s/a\n%s/a/b\n%s/a/b/outer.tar.xz\n", dir, dir, dir);
	assert_string_equal(after, want);
	if (shadow) {
		assert_int_equal(stat("/etc/shadow", &sh1), 0);
		assert_int_equal(sh0.st_mtime, sh1.st_mtime);
	}
	free(after);
	tmpdir_remove(dir);
	return buf_take(&s->log);
}

static void test_nested_from_fd(void **state)
{
	struct buf outer = nested_outer();
	struct seen s = { BUF_INIT, { NULL }, 0, 0, 1, "outer.tar.xz!/dir/inner.zip!/deep/a.tar.gz",
			  { 0 }, 0 };
	struct arc_stats st;
	unsigned char sha256[32];
	char *log, want[1024];

	(void)state;
	memcpy(s.want_sha256, tgz_sha256, 32);
	log = walk_fd_in_scratch(&outer, &st, &s);
	snprintf(want, sizeof(want),
		"archive outer.tar.xz!/dir/inner.zip 0\n"
		"archive outer.tar.xz!/dir/inner.zip!/deep/a.tar.gz 0\n"
		"file outer.tar.xz!/dir/inner.zip!/deep/a.tar.gz!/x/file.txt 42 "
		"[/* SPDX-License-Iden]\n"
		"end outer.tar.xz!/dir/inner.zip!/deep/a.tar.gz %zu\n"
		"file outer.tar.xz!/dir/inner.zip!/deep/notes.md 31 [# SPDX-License-Ident]\n"
		"end outer.tar.xz!/dir/inner.zip %zu\n"
		"file outer.tar.xz!/../../etc/passwd 11 [root:x:0:0\n]\n"
		"file outer.tar.xz!//etc/shadow 11 [root:!:1::\n]\n"
		"file outer.tar.xz!/bad\\xffname\\x0a 1 [x]\n"
		"symlink outer.tar.xz!/lnk 0 -> dir/inner.zip\n", tgz_len, zip_len);
	assert_string_equal(log, want);
	assert_int_equal(s.hashed, 5);
	assert_true(s.want_ok); /* the nested a.tar.gz, hashed as it streamed */
	/* the source's own hash, computed while it was read */
	sha256_of(outer.data, outer.len, sha256);
	assert_true(st.has_hashes);
	assert_memory_equal(st.sha256, sha256, 32);
	assert_int_equal(st.in_bytes, outer.len);
	assert_int_equal(st.entries, 8);
	free(log);
	buf_release(&outer);
}

/* top.tar { l1.zip { l2.tar { l3.tar.gz { f.txt } } } } */
static struct buf three_levels(void)
{
	struct member f[] = { { "f.txt", file_txt, sizeof(file_txt) - 1, NULL, 0 } };
	struct buf l3 = pack(TAR, ARCHIVE_FILTER_GZIP, f, 1), l2, l1, top;
	struct member m3[] = { { "l3.tar.gz", l3.data, l3.len, NULL, 0 } };
	struct member m2[] = { { "l2.tar", NULL, 0, NULL, 0 } };
	struct member m1[] = { { "l1.zip", NULL, 0, NULL, 0 } };

	l2 = pack(TAR, NONE, m3, 1);
	m2[0].data = l2.data;
	m2[0].len = l2.len;
	l1 = pack(ZIP, NONE, m2, 1);
	m1[0].data = l1.data;
	m1[0].len = l1.len;
	top = pack(TAR, NONE, m1, 1);
	buf_release(&l3);
	buf_release(&l2);
	buf_release(&l1);
	return top;
}

static void test_depth_limit(void **state)
{
	struct buf top = three_levels(), outer = nested_outer();
	struct arc_limits lim;
	struct perr e;
	char *log;
	int rc;

	(void)state;
	arc_limits_default(&lim);
	log = walk_mem(&top, "t.tar", &lim, &rc, &e);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(log, "file t.tar!/l1.zip!/l2.tar!/l3.tar.gz!/f.txt 42 "));
	free(log);
	lim.max_depth = 2; /* l1 and l2 open; l3, a third level down, is listed */
	log = walk_mem(&top, "t.tar", &lim, &rc, &e);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(log, "archive t.tar!/l1.zip!/l2.tar 0\n"));
	assert_non_null(strstr(log, "file t.tar!/l1.zip!/l2.tar!/l3.tar.gz "));
	assert_non_null(strstr(log, " (nested archive not opened: depth over --max-depth 2)\n"));
	assert_null(strstr(log, "file t.tar!/l1.zip!/l2.tar!/l3.tar.gz!/f.txt"));
	free(log);
	lim.max_depth = 0;
	log = walk_mem(&outer, "o", &lim, &rc, &e);
	assert_non_null(strstr(log, "file o!/dir/inner.zip "));
	assert_non_null(strstr(log, "(nested archive not opened: depth over --max-depth 0)\n"));
	assert_null(strstr(log, "deep/notes.md"));
	free(log);
	buf_release(&top);
	buf_release(&outer);
}

static char big[3][70000];

static void fill_big(struct member *m)
{
	size_t i, j;

	uint32_t x = 2463534242u;

	for (i = 0; i < 3; i++) {
		for (j = 0; j < sizeof(big[i]); j++) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5; /* xorshift: hardly compressible */
			big[i][j] = (char)('a' + x % 23);
		}
		m[i] = (struct member){ i == 0 ? "a" : i == 1 ? "b" : "c", big[i], sizeof(big[i]),
					NULL, 0 };
	}
}

/* Truncated, garbled and damaged archives: what came before the damage is
 * listed, then -1 PERR_FILE. */
static void expect_corrupt(const struct buf *b, const char *name, const char *why)
{
	struct buf want = BUF_INIT;
	struct perr e;
	char *log;
	int rc;

	log = walk_mem(b, name, NULL, &rc, &e);
	assert_int_equal(rc, -1);
	assert_int_equal(e.code, PERR_FILE);
	if (!strstr(e.msg, "corrupt archive: ") || !strstr(e.msg, why))
		fail_msg("%s", e.msg);
	buf_printf(&want, "file %s!/a 70000 [", name);
	assert_non_null(strstr(log, want.data));
	buf_reset(&want);
	buf_printf(&want, "file %s!/c 70000 [", name);
	assert_null(strstr(log, want.data));
	buf_release(&want);
	free(log);
}

static void test_corrupt(void **state)
{
	const size_t c_header = 2 * (512 + 70144);
	struct member m[3];
	struct buf tgz, tar;
	size_t cut, i;

	(void)state;
	fill_big(m);
	tgz = pack(TAR, ARCHIVE_FILTER_GZIP, m, 3);
	cut = tgz.len;
	tgz.len = cut * 5 / 6; /* cut inside the third member's data */
	expect_corrupt(&tgz, "t.tgz", "truncated gzip input");
	tgz.len = cut;
	for (i = cut * 4 / 5; i < cut * 4 / 5 + 4096; i++) /* garble the third member's data */
		tgz.data[i] = (char)(tgz.data[i] * 7 + 1);
	expect_corrupt(&tgz, "t.tgz", "gzip decompression failed");
	/* a damaged header: libarchive would resync, we stop */
	tar = pack(TAR, NONE, m, 3);
	assert_string_equal(tar.data + c_header, "c");
	memcpy(tar.data + c_header + 148, "garbled!", 8);
	expect_corrupt(&tar, "t.tar", "Damaged tar archive");
	buf_release(&tgz);
	buf_release(&tar);
}

static void test_corrupt_other(void **state)
{
	static const char garbage[] = "\x1f\x8b\x08\x00garbage, not deflate data at all";
	struct buf b = BUF_INIT;
	struct perr e;
	char *log;
	int rc;

	(void)state;
	buf_add(&b, garbage, sizeof(garbage) - 1); /* garbage behind a gzip signature */
	log = walk_mem(&b, "g.gz", NULL, &rc, &e);
	assert_int_equal(rc, -1);
	assert_int_equal(e.code, PERR_FILE);
	free(log);
	buf_reset(&b); /* not an archive at all */
	buf_adds(&b, "just some text, no archive here");
	log = walk_mem(&b, "t.txt", NULL, &rc, &e);
	assert_int_equal(rc, -1);
	assert_int_equal(e.code, PERR_FILE);
	assert_string_equal(log, "");
	free(log);
	buf_release(&b);
}

/* A corrupt archive inside a good one: its END says why, the walk goes on. */
static void test_corrupt_nested(void **state)
{
	struct member m[3], top[2];
	struct buf tgz, tar;
	struct perr e;
	char *log;
	int rc;

	(void)state;
	fill_big(m);
	tgz = pack(TAR, ARCHIVE_FILTER_GZIP, m, 3);
	top[0] = (struct member){ "bad.tar.gz", tgz.data, tgz.len * 5 / 6, NULL, 0 };
	top[1] = (struct member){ "after.txt", "ok\n", 3, NULL, 0 };
	tar = pack(TAR, NONE, top, 2);
	log = walk_mem(&tar, "t.tar", NULL, &rc, &e);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(log, "archive t.tar!/bad.tar.gz 0\n"
				    "file t.tar!/bad.tar.gz!/a 70000"));
	assert_non_null(strstr(log, "\nerror t.tar!/bad.tar.gz!/")); /* b or c: read-ahead */
	assert_non_null(strstr(log, "\nend t.tar!/bad.tar.gz "));
	assert_non_null(strstr(log, " (corrupt archive: "));
	assert_non_null(strstr(log, "\nfile t.tar!/after.txt 3 [ok\n]\n"));
	free(log);
	buf_release(&tgz);
	buf_release(&tar);
}

static void test_single_compressed(void **state)
{
	struct member m[] = { { "data", file_txt, sizeof(file_txt) - 1, NULL, 0 } };
	struct buf gz = pack(ARCHIVE_FORMAT_RAW, ARCHIVE_FILTER_GZIP, m, 1);
	struct buf xz = pack(ARCHIVE_FORMAT_RAW, ARCHIVE_FILTER_XZ, m, 1), tar;
	struct member top[] = { { "sub/x.txt.gz", gz.data, gz.len, NULL, 0 },
				{ "sub/y.xz", xz.data, xz.len, NULL, 0 } };
	struct perr e;
	char *log;
	int rc;

	(void)state;
	log = walk_mem(&gz, "foo.txt.gz", NULL, &rc, &e);
	assert_int_equal(rc, 0);
	assert_string_equal(log, "file foo.txt.gz!/foo.txt 42 [/* SPDX-License-Iden]\n");
	free(log);
	tar = pack(TAR, NONE, top, 2);
	log = walk_mem(&tar, "t.tar", NULL, &rc, &e);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(log, "archive t.tar!/sub/x.txt.gz 0\n"
				    "file t.tar!/sub/x.txt.gz!/x.txt 42 [/* SPDX-License-Iden]\n"));
	assert_non_null(strstr(log, "file t.tar!/sub/y.xz!/y 42 [/* SPDX-License-Iden]\n"));
	free(log);
	buf_release(&gz);
	buf_release(&xz);
	buf_release(&tar);
}

static int grab(void *ctx, struct arc_entry *ent)
{
	struct arc_entry *out = ctx;

	if (ent->kind == ARC_FILE && !out->path) {
		*out = *ent;
		out->path = strdup(ent->path);
		ent->data = NULL; /* taken: ours to free */
	}
	return 0;
}

/* Only max_entry_bytes are kept; the hashes still cover every byte. */
static void test_hash_and_truncation(void **state)
{
	struct member m[3];
	struct buf zip;
	struct arc_opts o = { .loc = NULL };
	struct arc_stats st;
	struct arc_entry got;
	struct perr e;
	unsigned char sha256[32];

	(void)state;
	fill_big(m);
	zip = pack(ZIP, NONE, m + 1, 1);
	sha256_of(big[1], sizeof(big[1]), sha256);
	arc_limits_default(&o.lim);
	o.lim.max_entry_bytes = 1000;
	o.hash = 1;
	o.defer_hash = 0;
	memset(&got, 0, sizeof(got));
	assert_int_equal(arc_walk(&(struct arc_src){ -1, (unsigned char *)zip.data, zip.len }, "z",
				  &o, grab, &got, &st, &e), 0);
	assert_string_equal(got.path, "z!/b");
	assert_int_equal(got.kind, ARC_FILE);
	assert_int_equal(got.len, 1000);
	assert_int_equal(got.size, sizeof(big[1]));
	assert_true(got.truncated);
	assert_memory_equal(got.data, big[1], 1000);
	assert_true(got.has_hashes);
	assert_memory_equal(got.sha256, sha256, 32);
	assert_int_equal(got.depth, 1);
	free(got.data);
	free((void *)got.path);
	buf_release(&zip);
}

/* defer_hash: an entry kept whole comes unhashed, for the receiver; one
 * cut at max_entry_bytes is hashed here, every byte of it, as before. */
static void test_deferred_hash(void **state)
{
	struct member m[3];
	struct buf zip;
	struct arc_opts o = { .loc = NULL };
	struct arc_stats st;
	struct arc_entry got;
	struct perr e;
	unsigned char sha256[32];
	size_t keep;

	(void)state;
	fill_big(m);
	zip = pack(ZIP, NONE, m + 1, 1);
	sha256_of(big[1], sizeof(big[1]), sha256);
	for (keep = 1000; keep <= 2 * sizeof(big[1]); keep += 2 * sizeof(big[1]) - 1000) {
		arc_limits_default(&o.lim);
		o.lim.max_entry_bytes = keep;
		o.hash = 1;
		o.defer_hash = 1;
		memset(&got, 0, sizeof(got));
		assert_int_equal(arc_walk(&(struct arc_src){ -1, (unsigned char *)zip.data, zip.len },
					  "z", &o, grab, &got, &st, &e), 0);
		assert_int_equal(got.size, sizeof(big[1]));
		if (keep < sizeof(big[1])) {
			assert_true(got.truncated && got.has_hashes && !got.hash_pending);
			assert_memory_equal(got.sha256, sha256, 32);
		} else {
			assert_true(!got.truncated && !got.has_hashes && got.hash_pending);
			assert_int_equal(got.len, sizeof(big[1]));
			assert_memory_equal(got.data, big[1], sizeof(big[1]));
		}
		assert_true(st.has_hashes); /* the source is still hashed as it is read */
		free(got.data);
		free((void *)got.path);
	}
	buf_release(&zip);
}

/* Names: not UTF-8 and control bytes escaped, backslashes kept, UTF-8 from
 * a zip's flagged names and a 7z's UTF-16 names whatever the locale. */
static void test_names(void **state)
{
	static const int fmts[] = { TAR, ZIP, ARCHIVE_FORMAT_7ZIP, ARCHIVE_FORMAT_CPIO_SVR4_NOCRC };
	struct member m[] = { { "caf\xc3\xa9/\xe6\x97\xa5.txt", "x", 1, NULL, 0 },
			      { "back\\slash\x7f\x01", "y", 1, NULL, 0 } };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		struct buf b = pack(fmts[i], NONE, m, fmts[i] == ARCHIVE_FORMAT_7ZIP ? 1 : 2);
		struct perr e;
		char *log;
		int rc;

		log = walk_mem(&b, "n", NULL, &rc, &e);
		if (rc != 0 || !strstr(log, "file n!/caf\xc3\xa9/\xe6\x97\xa5.txt 1 [x]\n"))
			fail_msg("format %x: %s", fmts[i], log);
		if (fmts[i] != ARCHIVE_FORMAT_7ZIP && fmts[i] != ZIP && /* zip: \\ is / */
		    !strstr(log, "file n!/back\\slash\\x7f\\x01 1 [y]\n"))
			fail_msg("format %x: %s", fmts[i], log);
		free(log);
		buf_release(&b);
	}
}

/* A name libarchive cannot decode (not UTF-8 in a zip that says UTF-8):
 * still listed, as ?N with a note. */
static void test_unreadable_name(void **state)
{
	struct member m[] = { { "ok", "x", 1, NULL, 0 }, { "bad\xc3\xa9", "y", 1, NULL, 0 } };
	struct buf zip = pack(ZIP, NONE, m, 2);
	struct perr e;
	char *log, *p;
	int rc, n = 0;

	(void)state;
	for (p = zip.data; (p = memmem(p, zip.len - (size_t)(p - zip.data), "bad\xc3\xa9", 5));
	     n++)
		memcpy(p + 3, "\xff\xfe", 2);
	assert_int_equal(n, 2); /* local header and central directory */
	log = walk_mem(&zip, "z", NULL, &rc, &e);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(log, "file z!/ok 1 [x]\nfile z!/?2 1 [y] (entry name not readable: "));
	free(log);
	buf_release(&zip);
}

/* The walk stops at the limit named by flag: entry c is never reached. */
static void expect_limit(const struct buf *b, const struct arc_limits *lim, const char *msg)
{
	struct perr e;
	char *log;
	int rc;

	log = walk_mem(b, "t", lim, &rc, &e);
	assert_int_equal(rc, -1);
	assert_int_equal(e.code, PERR_LIMIT);
	assert_string_equal(e.msg, msg);
	assert_null(strstr(log, "t!/c"));
	free(log);
}

static void test_limits(void **state)
{
	static char kb[1000];
	struct member m[] = { { "a", kb, sizeof(kb), NULL, 0 }, { "b", kb, sizeof(kb), NULL, 0 },
			      { "c", kb, sizeof(kb), NULL, 0 } };
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
	log = walk_mem(&tar, "t", &lim, &rc, &e);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(log, "file t!/a 1000 [kkkkkkkkkk]\n"));
	free(log);
	arc_limits_default(&lim);
	lim.max_total_bytes = 1500;
	expect_limit(&tar, &lim,
		     "archive limit: expanded size over --max-total (1500 bytes) at entry 'b'");
	arc_limits_default(&lim);
	lim.max_entries = 2;
	expect_limit(&tar, &lim,
		     "archive limit: entry count over --max-entries (2) at entry 'c'");
	buf_release(&tar);
}

/* A limit inside nested archives: each open one still gets its END, with
 * the reason, and the walk returns PERR_LIMIT. */
static void test_limit_nested(void **state)
{
	struct buf top = three_levels();
	struct seen s = { BUF_INIT, { NULL }, 0, 0, 0, NULL, { 0 }, 0 };
	struct arc_limits lim;
	struct arc_stats st;
	struct perr e;
	char *log, *p;
	int rc, n;

	(void)state;
	arc_limits_default(&lim);
	log = walk_seen(&top, "t.tar", &lim, &rc, &e, &s, &st);
	assert_int_equal(rc, 0);
	free(log);
	lim.max_total_bytes = st.out_bytes - 30; /* trips at f.txt, 42 bytes, three down */
	log = walk_mem(&top, "t.tar", &lim, &rc, &e);
	assert_int_equal(rc, -1);
	assert_int_equal(e.code, PERR_LIMIT);
	assert_non_null(strstr(e.msg, "archive limit: expanded size over --max-total ("));
	assert_non_null(strstr(e.msg, " bytes) at entry 'l1.zip!/l2.tar!/l3.tar.gz!/f.txt'"));
	for (p = log, n = 0; (p = strstr(p, "\nend t.tar!/l1.zip")); p++, n++) {
		char *why = strstr(p, " (archive limit: expanded size over");

		assert_true(why && why < strchr(p + 1, '\n'));
	}
	assert_int_equal(n, 3); /* each open archive ends, with the reason */
	assert_null(strstr(log, "file t.tar!/l1.zip!/l2.tar!/l3.tar.gz!/f.txt"));
	free(log);
	buf_release(&top);
}

/* Zeros: tiny compressed, large expanded. */
static void test_ratio(void **state)
{
	const size_t n = 70u << 20;
	char *zeros = calloc(1, n);
	struct member m[] = { { "zeros", zeros, n, NULL, 0 } };
	struct buf tgz;
	struct arc_limits lim;
	struct perr e;
	char *log;
	int rc;

	(void)state;
	tgz = pack(TAR, ARCHIVE_FILTER_ZSTD, m, 1);
	free(zeros);
	arc_limits_default(&lim);
	log = walk_mem(&tgz, "z.tar.zst", &lim, &rc, &e);
	assert_int_equal(rc, -1);
	assert_int_equal(e.code, PERR_LIMIT);
	assert_string_equal(e.msg,
			    "archive limit: expansion ratio over --max-ratio (1000) "
			    "at entry 'zeros'");
	assert_string_equal(log, "");
	free(log);
	lim.max_ratio = 1000000;
	log = walk_mem(&tgz, "z.tar.zst", &lim, &rc, &e);
	assert_int_equal(rc, 0);
	free(log);
	buf_release(&tgz);
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
	struct member m[] = { { "license.txt", file_txt, sizeof(file_txt) - 1, NULL, 0 } };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		struct buf b = pack(fmts[i].format, fmts[i].filter, m, 1), want = BUF_INIT, tar;
		struct member in[] = { { fmts[i].name, b.data, b.len, NULL, 0 } };
		struct perr e;
		char *log;
		int rc;

		buf_printf(&want, "file %s!/license.txt 42 [/* SPDX-License-Iden]\n", fmts[i].name);
		log = walk_mem(&b, fmts[i].name, NULL, &rc, &e);
		if (rc != 0 || strcmp(log, want.data))
			fail_msg("%s: rc %d (%s): %s", fmts[i].name, rc, e.msg, log);
		free(log);
		/* and nested, streamed from a tar (7z from memory: it seeks) */
		tar = pack(TAR, NONE, in, 1);
		buf_reset(&want);
		buf_printf(&want, "archive t!/%s 0\n"
			   "file t!/%s!/license.txt 42 [/* SPDX-License-Iden]\n"
			   "end t!/%s %zu\n", fmts[i].name, fmts[i].name, fmts[i].name, b.len);
		log = walk_mem(&tar, "t", NULL, &rc, &e);
		if (rc != 0 || strcmp(log, want.data))
			fail_msg("nested %s: rc %d (%s): %s", fmts[i].name, rc, e.msg, log);
		free(log);
		buf_release(&tar);
		buf_release(&want);
		buf_release(&b);
	}
}

static void test_links_and_specials(void **state)
{
	struct member m[] = { { "f", "data\n", 5, NULL, 0 },
			      { "sym", NULL, 0, "../f", AE_IFLNK },
			      { "hard", NULL, 0, "f", HARD },
			      { "fifo", NULL, 0, NULL, AE_IFIFO } };
	struct buf tar = pack(ARCHIVE_FORMAT_TAR_USTAR, NONE, m, 4);
	struct perr e;
	char *log;
	int rc;

	(void)state;
	log = walk_mem(&tar, "t", NULL, &rc, &e);
	assert_int_equal(rc, 0);
	assert_string_equal(log, "file t!/f 5 [data\n]\n"
				 "symlink t!/sym 0 -> ../f\n"
				 "hardlink t!/hard 0 -> f\n"
				 "special t!/fifo 0\n");
	free(log);
	buf_release(&tar);
}

/* An entry longer than --max-file-size is kept in part and read to its
 * end into scratch memory, which must not be the buffer the compressed
 * source sits in: from a file (top level) and streamed from a parent
 * (nested), a .gz whose entry passes the kept bytes reads whole, with
 * the right size and hash (it was "gzip decompression failed"). */
static void test_past_keep(void **state)
{
	const size_t n = 600 * 1000;
	char *text = malloc(n), *dir, *log, want[128];
	struct member m[] = { { "big.txt", text, n, NULL, 0 } }, z[] = { { "in.tar.gz", NULL, 0,
									   NULL, 0 } };
	struct buf tgz, zip;
	struct seen s = { BUF_INIT, { NULL }, 0, 0, 0, "t.tar.gz!/big.txt", { 0 }, 0 };
	struct arc_limits lim;
	struct arc_opts o = { .loc = NULL };
	struct arc_stats st;
	struct perr e;
	size_t i;
	int fd, rc;

	(void)state;
	for (i = 0; i < n; i++) /* text that compresses about 3:1 */
		text[i] = (char)(i % 61 == 60 ? '\n' : 'a' + (int)((i * 2654435761u) >> 13) % 26);
	tgz = pack(TAR, ARCHIVE_FILTER_GZIP, m, 1);
	sha256_of(text, n, s.want_sha256);
	dir = tmpdir_enter("arc");
	tmpdir_put("t.tar.gz", tgz.data, tgz.len);
	fd = open("t.tar.gz", O_RDONLY);
	assert_true(fd >= 0);
	arc_limits_default(&o.lim);
	o.lim.max_entry_bytes = 10;
	o.hash = 1;
	rc = arc_walk(&(struct arc_src){ fd, NULL, 0 }, "t.tar.gz", &o, record, &s, &st, &e);
	close(fd);
	tmpdir_remove(dir);
	log = buf_take(&s.log);
	assert_string_equal(e.msg, "");
	assert_int_equal(rc, 0);
	snprintf(want, sizeof(want), "file t.tar.gz!/big.txt %zu [", n);
	assert_non_null(strstr(log, want));
	assert_true(s.want_ok);
	free(log);
	z[0].data = tgz.data;
	z[0].len = tgz.len;
	zip = pack(ZIP, NONE, z, 1);
	arc_limits_default(&lim);
	lim.max_entry_bytes = 10;
	log = walk_mem(&zip, "z.zip", &lim, &rc, &e);
	assert_int_equal(rc, 0);
	snprintf(want, sizeof(want), "file z.zip!/in.tar.gz!/big.txt %zu [", n);
	assert_non_null(strstr(log, want));
	free(log);
	buf_release(&zip);
	buf_release(&tgz);
	free(text);
}

/* The expansion ratio divides by the source's bytes counted once: a zip
 * read from a file is read at its central directory, then again from each
 * entry, and in_bytes stays the file's size (it was the sum of the reads,
 * which halved the ratio a zip bomb is caught at). */
static void test_zip_in_bytes(void **state)
{
	static char data[300 * 1000];
	struct member m[] = { { "a.txt", data, sizeof(data), NULL, 0 },
			      { "b.txt", data, sizeof(data), NULL, 0 },
			      { "c.txt", data, sizeof(data), NULL, 0 } };
	struct buf zip;
	struct seen s = { BUF_INIT, { NULL }, 0, 0, 0, NULL, { 0 }, 0 };
	struct arc_opts o = { .loc = NULL };
	struct arc_stats st;
	struct perr e;
	char *dir, *log;
	size_t i;
	int fd;

	(void)state;
	for (i = 0; i < sizeof(data); i++) /* barely compressible */
		data[i] = (char)((i * 2654435761u) >> 7);
	zip = pack(ZIP, NONE, m, 3);
	dir = tmpdir_enter("arc");
	tmpdir_put("z.zip", zip.data, zip.len);
	fd = open("z.zip", O_RDONLY);
	assert_true(fd >= 0);
	arc_limits_default(&o.lim);
	assert_int_equal(arc_walk(&(struct arc_src){ fd, NULL, 0 }, "z.zip", &o, record, &s, &st,
				  &e), 0);
	close(fd);
	tmpdir_remove(dir);
	log = buf_take(&s.log);
	assert_int_equal(st.entries, 3);
	assert_int_equal(st.in_bytes, zip.len);
	free(log);
	buf_release(&zip);
}

static int stop_at_file(void *ctx, struct arc_entry *ent)
{
	int *ends = ctx;

	if (ent->kind == ARC_ARCHIVE_END)
		++*ends;
	return ent->kind == ARC_FILE ? 7 : 0;
}

/* A non-zero return from the callback stops the walk, is returned, and
 * open archives still end. */
static void test_callback_stops(void **state)
{
	struct buf top = three_levels();
	struct arc_opts o = { .loc = NULL };
	struct arc_stats st;
	struct perr e;
	int ends = 0;

	(void)state;
	arc_limits_default(&o.lim);
	o.hash = 1;
	o.defer_hash = 0;
	assert_int_equal(arc_walk(&(struct arc_src){ -1, (unsigned char *)top.data, top.len }, "t",
				  &o, stop_at_file, &ends, &st, &e), 7);
	assert_int_equal(ends, 3);
	buf_release(&top);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nested_from_fd),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_corrupt),
		cmocka_unit_test(test_corrupt_other),
		cmocka_unit_test(test_corrupt_nested),
		cmocka_unit_test(test_single_compressed),
		cmocka_unit_test(test_hash_and_truncation),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_unreadable_name),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_limit_nested),
		cmocka_unit_test(test_ratio),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_links_and_specials),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_deferred_hash),
		cmocka_unit_test(test_past_keep),
		cmocka_unit_test(test_zip_in_bytes),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	buf_release(&tree);
	return rc;
}
