/* SPDX-License-Identifier: MIT */
/* test_oblig.c -- grouping scan results by license (rules/oblig.c), fed
 * with file results built here as the pipeline would build them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "oblig.h"

/* A scanned text file with an expression and copyright holders. */
static void feed(struct oblig *o, const char *path, const char *expression, const char *holder1,
		 const char *holder2)
{
	struct file_result r;
	const char *h[2] = { holder1, holder2 };
	int i;

	result_init(&r);
	r.path = xstrdup(path);
	r.type = FT_TEXT;
	r.status = FS_SCANNED;
	r.expression = expression ? xstrdup(expression) : NULL;
	for (i = 0; i < 2; i++) {
		struct finding *f;

		if (!h[i])
			continue;
		f = result_add(&r);
		f->kind = FK_COPYRIGHT;
		f->holders = xmalloc(sizeof(*f->holders));
		f->holders[0] = xstrdup(h[i]);
		f->nholders = 1;
	}
	assert_int_equal(oblig_file(o, &r), 0);
	result_release(&r);
}

static const struct oblig_group *find(const struct oblig *o, const char *license)
{
	size_t i;

	for (i = 0; i < oblig_ngroups(o); i++)
		if (!strcmp(oblig_group(o, i)->license, license))
			return oblig_group(o, i);
	fail_msg("no group %s", license);
	return NULL;
}

static void test_groups(void **state)
{
	struct oblig *o = oblig_new(LM_USE_BINARY);
	const struct oblig_group *g;

	(void)state;
	feed(o, "src/a.c", "MIT", "Jane Doe", NULL);
	feed(o, "src/b.c", "MIT AND Apache-2.0", "Zed Corp", "Jane Doe");
	feed(o, "src/c.c", "MIT", "Alpha Ltd", NULL);
	feed(o, "src/d.c", NULL, "Nobody", NULL); /* no license: no group; its holder is
						    * credited under its directory's licenses */
	feed(o, "lib/e.java", "GPL-2.0-only WITH Classpath-exception-2.0", NULL, NULL);
	oblig_finish(o);

	assert_int_equal(oblig_ngroups(o), 3);
	/* sorted by license */
	assert_string_equal(oblig_group(o, 0)->license, "Apache-2.0");
	assert_string_equal(oblig_group(o, 1)->license, "GPL-2.0-only WITH Classpath-exception-2.0");
	assert_string_equal(oblig_group(o, 2)->license, "MIT");
	g = find(o, "MIT");
	assert_int_equal(g->files.n, 3);
	assert_string_equal(g->files.v[0], "src/a.c");
	assert_string_equal(g->files.v[2], "src/c.c");
	/* holders of the files that bring it (and of src/d.c), distinct and sorted */
	assert_int_equal(g->holders.n, 4);
	assert_string_equal(g->holders.v[0], "Alpha Ltd");
	assert_string_equal(g->holders.v[1], "Jane Doe");
	assert_string_equal(g->holders.v[2], "Nobody");
	assert_string_equal(g->holders.v[3], "Zed Corp");
	assert_int_equal(g->res.oblig, LM_INCLUDE_LICENSE_TEXT | LM_KEEP_COPYRIGHT);
	assert_int_equal(g->category, LM_PERMISSIVE);
	g = find(o, "Apache-2.0");
	assert_int_equal(g->files.n, 1);
	assert_int_equal(g->holders.n, 3);
	assert_true(g->res.oblig & LM_INCLUDE_NOTICE_FILE);
	g = find(o, "GPL-2.0-only WITH Classpath-exception-2.0");
	assert_string_equal(g->id, "GPL-2.0-only");
	assert_string_equal(g->exception, "Classpath-exception-2.0");
	assert_int_equal(g->category, LM_WEAK_COPYLEFT);
	assert_int_equal(g->res.scope, LM_SCOPE_LIBRARY);
	assert_int_equal(g->holders.n, 0);

	assert_int_equal(oblig_totals(o)->files, 5);
	assert_int_equal(oblig_totals(o)->with_license, 4);
	assert_int_equal(oblig_totals(o)->scope, LM_SCOPE_LIBRARY);
	assert_true(oblig_totals(o)->oblig & LM_INCLUDE_NOTICE_FILE);
	assert_int_equal(oblig_totals(o)->review, 0);
	oblig_free(o);
	oblig_free(NULL);
}

static void test_choices(void **state)
{
	struct oblig *o = oblig_new(LM_USE_SAAS);
	const struct oblig_choice *c;

	(void)state;
	feed(o, "x.go", "AGPL-3.0-only OR MIT", NULL, NULL);
	feed(o, "y.go", "AGPL-3.0-only OR MIT", NULL, NULL);
	feed(o, "z.go", "AGPL-3.0-only", NULL, NULL);
	feed(o, "bad.go", "MIT OR OR", NULL, NULL); /* not an expression */
	oblig_finish(o);
	assert_int_equal(oblig_nchoices(o), 1);
	c = oblig_choice(o, 0);
	assert_string_equal(c->expression, "AGPL-3.0-only OR MIT");
	assert_string_equal(c->chosen, "MIT");
	assert_string_equal(c->why, "MIT over AGPL-3.0-only");
	assert_int_equal(c->count, 2);
	assert_int_equal(find(o, "MIT")->files.n, 2);
	assert_int_equal(find(o, "AGPL-3.0-only")->files.n, 1);
	assert_true(find(o, "AGPL-3.0-only")->res.oblig & LM_NETWORK_DISCLOSURE);
	assert_int_equal(oblig_totals(o)->invalid, 1);
	assert_int_equal(oblig_use(o), LM_USE_SAAS);
	oblig_free(o);
}

/* NOTICE files go with Apache-2.0 files in their directory or below. */
static void test_notices(void **state)
{
	struct oblig *o = oblig_new(LM_USE_BINARY);
	const struct oblig_group *g;

	(void)state;
	feed(o, "NOTICE.md", NULL, NULL, NULL); /* top level: covers all */
	feed(o, "a/NOTICE", NULL, NULL, NULL);
	feed(o, "a/sub/x.c", "Apache-2.0", NULL, NULL);
	feed(o, "b/NOTICE.txt", NULL, NULL, NULL); /* b has no Apache file */
	feed(o, "b/y.c", "MIT", NULL, NULL);
	feed(o, "c.tar!/pkg/NOTICE", NULL, NULL, NULL);
	feed(o, "c.tar!/pkg/z.c", "Apache-2.0 WITH LLVM-exception", NULL, NULL);
	feed(o, "d/NOTICES", NULL, NULL, NULL); /* not a NOTICE name */
	oblig_finish(o);
	g = find(o, "Apache-2.0");
	assert_int_equal(g->notices.n, 2);
	assert_string_equal(g->notices.v[0], "NOTICE.md");
	assert_string_equal(g->notices.v[1], "a/NOTICE");
	g = find(o, "Apache-2.0 WITH LLVM-exception"); /* object code: 4(d) lifted */
	assert_int_equal(g->notices.n, 0);
	assert_int_equal(find(o, "MIT")->notices.n, 0);
	oblig_free(o);
	/* distributing source, the exception lifts nothing: the archive's
	 * NOTICE goes with its files */
	o = oblig_new(LM_USE_SOURCE);
	feed(o, "a/NOTICE", NULL, NULL, NULL);
	feed(o, "c.tar!/pkg/NOTICE", NULL, NULL, NULL);
	feed(o, "c.tar!/pkg/z.c", "Apache-2.0 WITH LLVM-exception", NULL, NULL);
	oblig_finish(o);
	g = find(o, "Apache-2.0 WITH LLVM-exception");
	assert_int_equal(g->notices.n, 1);
	assert_string_equal(g->notices.v[0], "c.tar!/pkg/NOTICE");
	oblig_free(o);
	/* running it as a service asks for no NOTICE */
	o = oblig_new(LM_USE_SAAS);
	feed(o, "a/NOTICE", NULL, NULL, NULL);
	feed(o, "a/x.c", "Apache-2.0", NULL, NULL);
	oblig_finish(o);
	assert_int_equal(find(o, "Apache-2.0")->notices.n, 0);
	oblig_free(o);
	assert_true(oblig_is_notice("x/notice"));
	assert_true(oblig_is_notice("NOTICE.TXT"));
	assert_false(oblig_is_notice("NOTICE.html"));
	assert_false(oblig_is_notice("x/MY-NOTICE"));
}

/* Packages a manifest declares are sources too. */
static void test_packages(void **state)
{
	struct oblig *o = oblig_new(LM_USE_BINARY);
	struct file_result r;
	struct package *p;
	const struct oblig_group *g;

	(void)state;
	result_init(&r);
	r.path = xstrdup("node_modules/left-pad/package.json");
	r.type = FT_TEXT;
	p = result_add_package(&r);
	p->ecosystem = xstrdup("npm");
	p->name = xstrdup("left-pad");
	p->version = xstrdup("1.3.0");
	p->declared = xstrdup("WTFPL OR MIT");
	p = result_add_package(&r);
	p->name = xstrdup("broken"); /* no declared expression: skipped */
	oblig_file(o, &r);
	result_release(&r);
	oblig_finish(o);
	assert_int_equal(oblig_ngroups(o), 1);
	g = oblig_group(o, 0);
	assert_string_equal(g->license, "WTFPL"); /* nothing asked: less than MIT */
	assert_int_equal(g->files.n, 0);
	assert_int_equal(g->packages.n, 1);
	assert_string_equal(g->packages.v[0], "npm/left-pad@1.3.0 (node_modules/left-pad/package.json)");
	oblig_free(o);
}

static void test_unknown_reference(void **state)
{
	struct oblig *o = oblig_new(LM_USE_BINARY);
	const struct oblig_group *g;

	(void)state;
	feed(o, "v.c", "LicenseRef-vendor AND BSD-3-Clause", NULL, NULL);
	oblig_finish(o);
	g = find(o, "LicenseRef-vendor");
	assert_true(g->res.unknown);
	assert_int_equal(g->category, LM_UNKNOWN);
	assert_int_equal(g->basis, LM_NODATA);
	assert_int_equal(oblig_totals(o)->review, 1);
	assert_false(find(o, "BSD-3-Clause")->res.unknown);
	oblig_free(o);
}

/* A result the pipeline could not analyse: status, type and reason. */
static void feed_bad(struct oblig *o, const char *path, enum file_type type,
		     enum file_status st, const char *why, int truncated)
{
	struct file_result r;

	result_init(&r);
	r.path = xstrdup(path);
	r.type = type;
	r.truncated = truncated;
	if (why)
		result_set_error(&r, st, "%s", why);
	assert_int_equal(oblig_file(o, &r), 0);
	result_release(&r);
}

/* Every input not analysed is kept, with its reason, sorted by path
 * whatever order the roots came in; a NOTICE the scan could not read is
 * still Apache's NOTICE. */
static void test_unread(void **state)
{
	struct oblig *o = oblig_new(LM_USE_BINARY);
	const struct oblig_unread *u;
	const struct oblig_group *g;

	(void)state;
	feed(o, "z/a.c", "Apache-2.0", NULL, NULL);
	feed_bad(o, "z/NOTICE", FT_SKIPPED, FS_FAILED, "cannot open: Permission denied", 0);
	feed_bad(o, "z/pipe", FT_SPECIAL, FS_SKIPPED, "special file", 0);
	feed_bad(o, "z/big.c", FT_TEXT, FS_SCANNED, NULL, 1);
	feed_bad(o, "a/.git", FT_SKIPPED, FS_SKIPPED, "version control directory", 0);
	feed_bad(o, "a/NOTICE", FT_SKIPPED, FS_SKIPPED, "excluded", 0); /* not a NOTICE then */
	feed_bad(o, "a/ok.c", FT_TEXT, FS_SCANNED, NULL, 0);
	oblig_finish(o);
	assert_int_equal(oblig_nunread(o), 5);
	assert_string_equal(oblig_unread(o, 0)->path, "a/.git");
	assert_string_equal(oblig_unread(o, 1)->path, "a/NOTICE");
	u = oblig_unread(o, 2);
	assert_string_equal(u->path, "z/NOTICE");
	assert_string_equal(u->status, "failed");
	assert_string_equal(u->reason, "cannot open: Permission denied");
	u = oblig_unread(o, 3);
	assert_string_equal(u->path, "z/big.c");
	assert_string_equal(u->status, "truncated");
	assert_string_equal(oblig_unread(o, 4)->status, "skipped");
	assert_null(oblig_unread(o, 5));
	assert_int_equal(oblig_totals(o)->failed, 1);
	g = find(o, "Apache-2.0");
	assert_int_equal(g->notices.n, 1);
	assert_string_equal(g->notices.v[0], "z/NOTICE");
	/* found by path; one more goes in its place, a path already there not */
	assert_ptr_equal(oblig_unread_find(o, "z/pipe"), oblig_unread(o, 4));
	assert_null(oblig_unread_find(o, "z/a.c"));
	oblig_unread_add(o, "m/NOTICE", "skipped", "a symbolic link");
	oblig_unread_add(o, "z/NOTICE", "failed", "again");
	assert_int_equal(oblig_nunread(o), 6);
	assert_string_equal(oblig_unread(o, 2)->path, "m/NOTICE");
	assert_string_equal(oblig_unread_find(o, "z/NOTICE")->reason,
			    "cannot open: Permission denied");
	oblig_free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_choices),
		cmocka_unit_test(test_notices),
		cmocka_unit_test(test_packages),
		cmocka_unit_test(test_unknown_reference),
		cmocka_unit_test(test_unread),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
