/* SPDX-License-Identifier: MIT */
/* test_pathglob.c -- the one glob matcher in its four dialects, a table per
 * dialect: --exclude (checked against fnmatch(3) too, the rule the README
 * promises), policy path exceptions, DEP-5 Files: and REUSE.toml path.
 * Rows cover "**" and its '/', trailing '/', escapes, classes, the empty
 * pattern and a leading "./", and hostile patterns that a backtracking
 * matcher would take exponential time on. */
#include <fnmatch.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pathglob.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct gcase {
	const char *pattern, *path;
	int want;
	int as_fnmatch; /* --exclude only: fnmatch(3) agrees */
};

static void run_table(const struct gcase *c, size_t n, unsigned flags, const char *dialect)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (pathglob_match(c[i].pattern, c[i].path, flags) != c[i].want)
			fail_msg("%s: '%s' on '%s': want %d", dialect, c[i].pattern, c[i].path,
			         c[i].want);
}

/* --- --exclude ------------------------------------------------------------- */

static const struct gcase exclude_cases[] = {
    {"*.o", "sub/g.o", 1, 1}, /* no '/': the base name */
    {"*.o", "sub/g.c", 0, 1},
    {"sub/h*", "sub/h.c", 1, 1},
    {"sub/*", "sub/x/y.c", 1, 1}, /* '*' crosses '/' as in fnmatch */
    {"s?b/x", "sub/x", 1, 1},
    {"a?b/c", "a/b/c", 1, 1}, /* and so does '?' */
    {"**/x.c", "a/b/x.c", 1, 1},
    {"**/x.c", "x.c", 0, 1}, /* no globstar: the '/' must be there */
    {"[a-c]*", "d/b.txt", 1, 1},
    {"[!a-c]*", "d/b.txt", 0, 1},
    {"[^a-c]*", "d/e.txt", 1, 1},
    {"[]x]", "]", 1, 1},
    {"[[:digit:]]*.c", "src/9lives.c", 1, 1},
    {"[[:upper:]]*", "README", 1, 1},
    {"[[:upper:]]*", "readme", 0, 1},
    {"[[.a.]]b", "ab", 1, 1},
    {"\\*.c", "*.c", 1, 1},
    {"\\*.c", "a.c", 0, 1},
    {"[\\]]", "]", 1, 1},
    {"[", "[", 1, 1}, /* an unclosed class is a plain byte */
    {"a*b*c*d*e*f*g", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0, 1},
    /* a leading "./" or "/" is the scan root; fnmatch saw the literal
     * "./vendor" that no path below the root has, and excluded nothing */
    {"./vendor/*", "vendor/a.c", 1, 0},
    {"/vendor", "vendor", 1, 0},
    {"/vendor", "x/vendor", 0, 1},
    {"", "a", 0, 1},
};

static void test_exclude(void **state)
{
	size_t i;

	(void)state;
	run_table(exclude_cases, ARRAY_SIZE(exclude_cases), PATHGLOB_EXCLUDE, "exclude");
	for (i = 0; i < ARRAY_SIZE(exclude_cases); i++) {
		const struct gcase *c = &exclude_cases[i];
		const char *base = strrchr(c->path, '/');
		const char *subject = strchr(c->pattern, '/') || !base ? c->path : base + 1;
		int fn = fnmatch(c->pattern, subject, 0) == 0;

		if ((fn == c->want) != c->as_fnmatch)
			fail_msg("exclude '%s' on '%s': fnmatch says %d", c->pattern, c->path, fn);
	}
}

/* --- policy ------------------------------------------------------------------ */

static const struct gcase policy_cases[] = {
    {"vendor/", "vendor/a/b.c", 1, 0}, /* trailing '/': all below */
    {"vendor/", "vendorx/b.c", 0, 0},
    {"src/*.c", "src/a.c", 1, 0},
    {"src/*.c", "src/a/b.c", 0, 0}, /* '*' stays in its segment */
    {"src/?", "src/a", 1, 0},
    {"src?a", "src/a", 0, 0},
    {"src/**/*.c", "src/a.c", 1, 0}, /* "**" is zero segments too */
    {"src/**/*.c", "src/x/y/a.c", 1, 0},
    {"**/*.c", "a.c", 1, 0},
    {"**/x/**", "a/x/b/c", 1, 0},
    {"src/**", "src", 1, 0},
    {"src/**", "srcx/a", 0, 0},
    {"a**b", "axxb", 1, 0}, /* not a whole segment: one '*' */
    {"a**b/c", "ax/yb/c", 0, 0},
    {"*.min.js", "web/js/app.min.js", 1, 0},
    {"[ab]*.c", "x/a1.c", 1, 0},
    {"[!ab]*.c", "x/a1.c", 0, 0},
    {"[[:lower:]]x", "bx", 1, 0},
    {"a\\*", "a\\x", 1, 0}, /* no escapes: '\' is a byte */
    {"./third_party/*/", "third_party/zlib/inflate.c", 1, 0},
    /* a leading "./" anchors at the root; it used to be dropped and the
     * rest taken as a base name, matching "*.c" at any depth */
    {"./*.c", "a.c", 1, 0},
    {"./*.c", "src/a.c", 0, 0},
    {"/*.c", "src/a.c", 0, 0},
    {"dist.tar.gz!/**", "dist.tar.gz!/pkg/a.js", 1, 0},
    {"", "a", 0, 0},
    {"./", "a", 0, 0},
    {"**/**/**/**/**/**/x", "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/y", 0, 0},
};

/* --- DEP-5 and REUSE.toml ------------------------------------------------------ */

static const struct gcase dep5_cases[] = {
    {"*", "a/b/c.c", 1, 0}, /* '*' crosses '/' */
    {"src/*", "src/a/b.c", 1, 0},
    {"*.c", "lib/main.c", 1, 0},
    {"**/*.c", "lib/main.c", 1, 0},
    {"**/*.c", "main.c", 0, 0},
    {"a?c", "a/c", 1, 0},
    {"a\\*b", "a*b", 1, 0},
    {"a\\*b", "axb", 0, 0},
    {"a\\\\b", "a\\b", 1, 0},
    {"[ab]", "a", 0, 0}, /* no classes: '[' is a byte */
    {"[ab]", "[ab]", 1, 0},
    {"docs/", "docs/x", 0, 0}, /* the whole path, no directory rule */
    {"./a", "a", 0, 0},
    {"", "", 1, 0},
    {"", "a", 0, 0},
    {"*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0, 0},
};

static const struct gcase reuse_cases[] = {
    {"*", "a/b/c.c", 0, 0}, /* '*' stops at '/' */
    {"**", "a/b/c.c", 1, 0},
    {"src/*", "src/a/b.c", 0, 0},
    {"src/**", "src/a/b.c", 1, 0},
    {"src/**", "src", 0, 0},
    {"*.c", "lib/main.c", 0, 0},
    {"**/*.c", "lib/main.c", 1, 0},
    {"**/*.c", "main.c", 0, 0}, /* "**" is bytes, the '/' must be there */
    {"**.c", "a/b.c", 1, 0},
    {"a?c", "a/c", 0, 0},
    {"a?c", "abc", 1, 0},
    {"a\\*b", "a*b", 1, 0},
    {"a\\*\\*", "a**", 1, 0},
    {"a\\*\\*", "ab/c", 0, 0},
    {"[ab]", "a", 0, 0},
    {"docs/", "docs/x", 0, 0},
    {"", "", 1, 0},
    {"**a**a**a**a**a**a**b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0, 0},
};

static void test_policy(void **state)
{
	(void)state;
	run_table(policy_cases, ARRAY_SIZE(policy_cases), PATHGLOB_POLICY, "policy");
}

static void test_dep5(void **state)
{
	(void)state;
	run_table(dep5_cases, ARRAY_SIZE(dep5_cases), PATHGLOB_DEP5, "dep5");
}

static void test_reuse(void **state)
{
	(void)state;
	run_table(reuse_cases, ARRAY_SIZE(reuse_cases), PATHGLOB_REUSE, "reuse");
}

/* Paths longer than the matcher's stack rows. */
static void test_long(void **state)
{
	char path[1200], pat[1200];

	(void)state;
	memset(path, 'a', sizeof(path) - 1);
	path[sizeof(path) - 1] = '\0';
	path[500] = '/';
	memcpy(pat, path, sizeof(pat));
	assert_int_equal(pathglob_match(pat, path, PATHGLOB_DEP5), 1);
	assert_int_equal(pathglob_match("a*/*a", path, PATHGLOB_REUSE), 1);
	assert_int_equal(pathglob_match("a*a", path, PATHGLOB_REUSE), 0);
	pat[1000] = 'b';
	assert_int_equal(pathglob_match(pat, path, PATHGLOB_DEP5), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_exclude), cmocka_unit_test(test_policy),
	    cmocka_unit_test(test_dep5),    cmocka_unit_test(test_reuse),
	    cmocka_unit_test(test_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
