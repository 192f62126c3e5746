/* SPDX-License-Identifier: MIT */
/* test_walk.c -- the walker on real trees made in a temp dir: order, every
 * kind of entry, symlink loops and escapes, VCS dirs, excludes, entries
 * that vanish during the walk. */
#include <errno.h>
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
#include "readf.h"
#include "tmpdir.h"
#include "walk.h"

struct seen {
	struct buf log;   /* one line per entry: "KIND path[ -> target][ (reason)]" */
	const char *rm;   /* removed when the first entry is seen */
	int removed;
};

static const char *kind_name(enum walk_kind k)
{
	static const char *const n[] = { "file", "link", "special", "skipped", "error" };
	return n[k];
}

static int record(void *ctx, const struct walk_entry *ent)
{
	struct seen *s = ctx;

	if (s->rm && !s->removed) {
		s->removed = 1;
		if (remove(s->rm) != 0)
			fail_msg("cannot remove %s", s->rm);
	}
	buf_printf(&s->log, "%s %s", kind_name(ent->kind), ent->path);
	if (ent->target)
		buf_printf(&s->log, " -> %s", ent->target);
	if (ent->reason)
		buf_printf(&s->log, " (%s)", ent->reason);
	buf_addc(&s->log, '\n');
	return 0;
}

static char *make_tree(void)
{
	char *d = tmpdir_enter("walk");

	mkdir("root", 0755);
	mkdir("root/a", 0755);
	mkdir("root/a/empty", 0755);
	mkdir("root/.git", 0755);
	mkdir("root/sub", 0755);
	PUT("root/a-b", "x");
	PUT("root/a/f.c", "x");
	PUT("root/.git/HEAD", "x");
	PUT("root/sub/g.o", "x");
	PUT("root/sub/h.c", "x");
	PUT("outside.txt", "secret");
	symlink("..", "root/a/loop");
	symlink("../../outside.txt", "root/a/out");
	symlink("sub", "root/s");
	mkfifo("root/fifo", 0644);
	return d;
}

static char *walk_log(const struct walk_opts *o, const char *root, const char *rm)
{
	struct seen s = { BUF_INIT, rm, 0 };
	const char *roots[] = { root };

	assert_int_equal(walk_run(roots, 1, o, record, &s), 0);
	return buf_take(&s.log);
}

static void test_default_walk(void **state)
{
	char *dir = make_tree(), *log;
	const char *ex[] = { "*.o" };
	struct walk_opts o = { ex, 1, 0, 0 };

	(void)state;
	log = walk_log(&o, "./root/", NULL);
	assert_string_equal(log,
		"skipped root/.git (version control directory, not scanned (--include-vcs scans it))\n"
		"file root/a-b\n"
		"file root/a/f.c\n"
		"link root/a/loop -> ..\n"
		"link root/a/out -> ../../outside.txt\n"
		"special root/fifo\n"
		"link root/s -> sub\n"
		"skipped root/sub/g.o (excluded by --exclude '*.o')\n"
		"file root/sub/h.c\n");
	free(log);
	tmpdir_remove(dir);
}

static void test_follow(void **state)
{
	char *dir = make_tree(), *log;
	struct walk_opts o = { NULL, 0, 1, 1 };

	(void)state;
	assert_int_equal(chdir("root"), 0);
	log = walk_log(&o, ".", NULL);
	assert_string_equal(log,
		"file .git/HEAD\n"
		"file a-b\n"
		"file a/f.c\n"
		"link a/loop -> .. (symlink loop, not followed)\n"
		"link a/out -> ../../outside.txt (symlink leads out of the scanned tree, not followed)\n"
		"special fifo\n"
		"file s/g.o\n"
		"file s/h.c\n"
		"file sub/g.o\n"
		"file sub/h.c\n");
	free(log);
	tmpdir_remove(dir);
}

static void test_vanishing(void **state)
{
	char *dir = make_tree(), *log;
	struct walk_opts o = { NULL, 0, 0, 1 };
	struct readf rf = READF_INIT;
	struct perr e;

	(void)state;
	/* root/sub/h.c goes away after the walk listed root/sub: still one
	 * entry, and reading it fails with the reason */
	log = walk_log(&o, "root/sub", "root/sub/h.c");
	assert_string_equal(log, "file root/sub/g.o\nfile root/sub/h.c\n");
	assert_int_equal(readf_open(&rf, "root/sub/h.c", 0, &e), -1);
	assert_int_equal(e.code, PERR_FILE);
	assert_string_equal(e.msg, "cannot open: No such file or directory");
	free(log);
	/* a directory that goes away before it is read */
	assert_int_equal(system("rm -rf root/sub/* && mkdir root/sub/d && touch root/sub/c"), 0);
	log = walk_log(&o, "root/sub", "root/sub/d");
	assert_string_equal(log, "file root/sub/c\nerror root/sub/d (No such file or directory)\n");
	free(log);
	/* a file that became a FIFO after it was listed: the reason is that,
	 * whatever errno an earlier call left behind */
	assert_int_equal(system("rm root/sub/c && mkfifo root/sub/c"), 0);
	errno = ENOENT;
	assert_int_equal(readf_open(&rf, "root/sub/c", 0, &e), -1);
	assert_string_equal(e.msg, "cannot read: no longer a regular file");
	readf_release(&rf);
	tmpdir_remove(dir);
}

static void test_excludes(void **state)
{
	char *dir = make_tree(), *log;
	const char *ex[] = { "a/", "sub/h*", "g.o/" };
	struct walk_opts o = { ex, 3, 0, 0 };

	(void)state;
	assert_int_equal(chdir("root"), 0);
	log = walk_log(&o, ".", NULL);
	/* "a/" takes the directory, not the file a-b; "g.o/" no file */
	assert_string_equal(log,
		"skipped .git (version control directory, not scanned (--include-vcs scans it))\n"
		"file a-b\n"
		"skipped a (excluded by --exclude 'a/')\n"
		"special fifo\n"
		"link s -> sub\n"
		"file sub/g.o\n"
		"skipped sub/h.c (excluded by --exclude 'sub/h*')\n");
	free(log);
	tmpdir_remove(dir);
}

/* A leading "./" or "/" is the scan root, as the README says; fnmatch saw
 * "./sub" that no path below the root has, and excluded nothing. */
static void test_excludes_rooted(void **state)
{
	char *dir = make_tree(), *log;
	const char *ex[] = { "./sub/", "/a-b" };
	struct walk_opts o = { ex, 2, 0, 0 };

	(void)state;
	assert_int_equal(chdir("root"), 0);
	log = walk_log(&o, ".", NULL);
	assert_string_equal(log,
		"skipped .git (version control directory, not scanned (--include-vcs scans it))\n"
		"skipped a-b (excluded by --exclude '/a-b')\n"
		"file a/f.c\n"
		"link a/loop -> ..\n"
		"link a/out -> ../../outside.txt\n"
		"special fifo\n"
		"link s -> sub\n"
		"skipped sub (excluded by --exclude './sub/')\n");
	free(log);
	tmpdir_remove(dir);
}

static void test_roots(void **state)
{
	char *dir = make_tree(), *log;
	struct walk_opts o = { NULL, 0, 0, 0 };
	struct seen s = { BUF_INIT, NULL, 0 };
	const char *roots[] = { "root/a-b", "nope", "root/a/empty", "root/fifo" };

	(void)state;
	assert_int_equal(walk_run(roots, 4, &o, record, &s), 0);
	log = buf_take(&s.log);
	assert_string_equal(log, "file root/a-b\nerror nope (No such file or directory)\n"
				 "special root/fifo\n");
	free(log);
	tmpdir_remove(dir);
}

static void test_unreadable_dir(void **state)
{
	char *dir = make_tree(), *log;
	struct walk_opts o = { NULL, 0, 0, 0 };

	(void)state;
	if (geteuid() == 0) { /* root reads anything: nothing to test */
		tmpdir_remove(dir);
		skip();
	}
	chmod("root/sub", 0);
	log = walk_log(&o, "root/sub", NULL);
	assert_string_equal(log, "error root/sub (Permission denied)\n");
	free(log);
	chmod("root/sub", 0755);
	tmpdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_walk), cmocka_unit_test(test_follow),
		cmocka_unit_test(test_vanishing),    cmocka_unit_test(test_roots),
		cmocka_unit_test(test_excludes),
		cmocka_unit_test(test_excludes_rooted),
		cmocka_unit_test(test_unreadable_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
