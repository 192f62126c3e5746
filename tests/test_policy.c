/* SPDX-License-Identifier: MIT */
/* test_policy.c -- policy files (valid and malformed, with the place of
 * each error), an expression truth table, globs, exceptions by path and
 * by package, treatments of findings that name no license, and the check
 * gate's baseline round trip.
 *
 * Only licenses whose category is beyond doubt (MIT, BSD, Apache-2.0,
 * ISC, Zlib permissive; LGPL, MPL, EPL weak copyleft; GPL strong; AGPL
 * network; CC0, Unlicense public domain) are judged through categories;
 * everything else through explicit entries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "buf.h"
#include "check.h"
#include "policy.h"
#include "tmpdir.h"

static const char main_policy[] =
	"# the policy of the truth table\n"
	"version: 1\n"
	"use: distribute-binary\n"
	"default: review\n"
	"allow:\n"
	"  - category:permissive\n"
	"  - category:public-domain\n"
	"  - GPL-2.0-only WITH Linux-syscall-note\n"
	"  - GPL-2.0-only WITH Classpath-exception-2.0\n"
	"  - LicenseRef-acme\n"
	"  - ISC\n"
	"  - 0BSD\n"
	"review:\n"
	"  - category:weak-copyleft\n"
	"  - GPL-2.0-only\n"
	"  - Apache-1.0+\n"
	"  - ISC\n"
	"deny:\n"
	"  - category:strong-copyleft\n"
	"  - category:network-copyleft\n"
	"  - Zlib\n"
	"  - 0BSD\n"
	"when:\n"
	"  internal:\n"
	"    allow: [category:strong-copyleft]\n"
	"  saas:\n"
	"    deny: [category:weak-copyleft]\n"
	"conflict: fail\n"
	"no-license: warn\n";

static struct policy *parse(const char *text, struct policy_pos *pos, struct perr *e)
{
	return policy_parse(text, strlen(text), pos, e);
}

static struct policy *parse_ok(const char *text)
{
	struct policy_pos pos;
	struct perr e = { PERR_OK, "" };
	struct policy *p = parse(text, &pos, &e);

	if (!p)
		fail_msg("policy rejected: %u:%u: %s", pos.line, pos.col, e.msg);
	return p;
}

/* --- parsing ----------------------------------------------------------------- */

static void test_parse_valid(void **state)
{
	struct policy *p = parse_ok(main_policy);

	(void)state;
	assert_int_equal(p->use, POLICY_USE_DIST_BINARY);
	assert_int_equal(p->dflt.verdict, POLICY_REVIEW);
	assert_int_equal(p->top.n, 15);
	assert_string_equal(p->top.rules[0].id, "allow/category:permissive");
	assert_int_equal(p->top.rules[0].is_category, 1);
	assert_int_equal(p->top.rules[0].cat, LM_PERMISSIVE);
	assert_int_equal(p->top.rules[0].line, 6);
	assert_int_equal(p->top.rules[0].col, 5);
	assert_string_equal(p->top.rules[2].entry, "GPL-2.0-only WITH Linux-syscall-note");
	assert_string_equal(p->top.rules[13].id, "deny/Zlib");
	assert_int_equal(p->when[POLICY_USE_INTERNAL].n, 1);
	assert_string_equal(p->when[POLICY_USE_SAAS].rules[0].id,
			    "when.saas/deny/category:weak-copyleft");
	assert_int_equal(p->treat[POLICY_T_CONFLICT].verdict, POLICY_FAIL);
	assert_int_equal(p->treat[POLICY_T_NO_LICENSE].verdict, POLICY_REVIEW);
	assert_string_equal(p->treat[POLICY_T_NO_LICENSE].id, "no-license/warn");
	/* defaults of what was not said */
	assert_int_equal(p->treat[POLICY_T_INVALID].verdict, POLICY_FAIL);
	assert_int_equal(p->treat[POLICY_T_UNKNOWN_TEXT].verdict, POLICY_REVIEW);
	policy_free(p);
}

static void test_parse_canonical_entries(void **state)
{
	/* deprecated and lower-case spellings are stored canonical */
	struct policy *p = parse_ok("deny: [gpl-2.0+, GPL-2.0-with-classpath-exception, mit]\n"
				    "exceptions:\n"
				    "  - package: left-pad\n"
				    "    reason: \"approved 2024-03, ticket LEGAL-12\"\n"
				    "  - path: vendor/\n"
				    "    reason: vendored\n"
				    "    allow: [GPL-2.0-only]\n");

	(void)state;
	assert_string_equal(p->top.rules[0].entry, "GPL-2.0-or-later");
	assert_string_equal(p->top.rules[1].entry, "GPL-2.0-only WITH Classpath-exception-2.0");
	assert_string_equal(p->top.rules[2].entry, "MIT");
	assert_int_equal(p->nexc, 2);
	assert_string_equal(p->exc[0].package, "left-pad");
	assert_null(p->exc[0].path);
	assert_int_equal(p->exc[0].has_allow, 0);
	assert_string_equal(p->exc[1].path, "vendor/");
	assert_int_equal(p->exc[1].has_allow, 1);
	assert_string_equal(p->exc[1].allow.rules[0].id, "exceptions[2]/allow/GPL-2.0-only");
	assert_int_equal(p->exc[1].line, 5);
	policy_free(p);
}

struct bad_case {
	const char *text;
	unsigned line, col; /* expected place; 0 when not about one place */
	const char *msg;    /* a piece of the message */
};

static const struct bad_case bad_cases[] = {
	{ "use: saas\nallow: [MIT]\nalow: [ISC]\n", 3, 1, "unknown key 'alow' in the policy" },
	{ "deny:\n  - GPL-3.0-only\n  - FOO-1\n", 3, 5, "unknown license id 'FOO-1'" },
	{ "exceptions:\n  - path: vendor/\n", 2, 5, "needs a 'reason'" },
	{ "exceptions:\n  - path: a\n    reason: \"  \"\n", 3, 13, "reason: empty" },
	{ "exceptions:\n  - path: a\n    package: b\n    reason: c\n", 2, 5, "either 'path'" },
	{ "exceptions:\n  - reason: c\n", 2, 5, "either 'path'" },
	{ "exceptions:\n  - path: a\n    reason: b\n    resaon: c\n", 4, 5,
	  "unknown key 'resaon' in an exception" },
	{ "review:\n  - category:weakcopyleft\n", 2, 5, "unknown category 'weakcopyleft'" },
	{ "allow: [MIT OR ISC]\n", 1, 9, "one license, not an expression" },
	{ "allow: [MIT]\nallow: [ISC]\n", 2, 1, "'allow' is given twice" },
	{ "conflict: maybe\n", 1, 11, "unknown value 'maybe'" },
	{ "use: cloud\n", 1, 6, "unknown value 'cloud'" },
	/* values are shown as text_escape shows paths: UTF-8 kept, control
	 * bytes \xNN, at most 60 bytes (not inside a UTF-8 sequence) */
	{ "use: caf\xc3\xa9\n", 1, 6, "unknown value 'caf\xc3\xa9' (one of" },
	{ "use: \"a\\tb\"\n", 1, 6, "unknown value 'a\\x09b' (one of" },
	{ "use: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\xc3\xa9yyyy\n", 1, 6,
	  "unknown value 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' (one of" },
	{ "default: reject\n", 1, 10, "default: unknown value 'reject'" },
	{ "version: 2\n", 1, 10, "only 1 is known" },
	{ "when:\n  cloud:\n    deny: [MIT]\n", 2, 3, "unknown key 'cloud' in 'when'" },
	{ "when:\n  saas:\n    forbid: [MIT]\n", 3, 5, "unknown key 'forbid' in a 'when' block" },
	{ "allow: MIT\n", 1, 8, "allow: expected a list, found a scalar" },
	{ "allow:\n  - category: permissive\n", 2, 5, "expected a scalar, found a mapping" },
	{ "- MIT\n", 1, 1, "the policy: expected a mapping, found a list" },
	{ "allow: [MIT]\n---\ndeny: [ISC]\n", 3, 1, "one YAML document" },
	{ "allow:\n\t- MIT\n", 2, 1, "invalid YAML" },
	{ "allow: [\"M\\0IT\"]\n", 1, 9, "NUL byte" },
	{ "allow: [LicenseRef-]\n", 1, 9, "invalid license entry" },
	{ "", 0, 0, "empty policy" },
	{ "# nothing but a comment\n", 0, 0, "empty policy" },
	{ "exceptions: {path: a}\n", 1, 13, "exceptions: expected a list" },
};

static void test_parse_malformed(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct policy_pos pos = { 99, 99 };
		struct perr e = { PERR_OK, "" };
		struct policy *p = parse(c->text, &pos, &e);

		if (p || !strstr(e.msg, c->msg) || pos.line != c->line || pos.col != c->col)
			fail_msg("case %zu (%s): got %s at %u:%u: '%s'", i, c->text,
				 p ? "a policy" : "an error", pos.line, pos.col, e.msg);
		assert_int_equal(e.code, PERR_USAGE);
	}
}

static void test_load(void **state)
{
	char *d = tmpdir_enter("policy");
	struct policy_pos pos;
	struct perr e = { PERR_OK, "" };
	struct policy *p;

	(void)state;
	PUT("p.yml", "deny:\n  - AGPL-3.0-only\n  - bogus-id-1\n");
	assert_null(policy_load("p.yml", &pos, &e));
	assert_int_equal(pos.line, 3);
	assert_int_equal(pos.col, 5);
	assert_null(policy_load("missing.yml", &pos, &e));
	assert_non_null(strstr(e.msg, "No such file"));
	assert_int_equal(pos.line, 0);
	PUT("ok.yml", "allow: [MIT]\n");
	p = policy_load("ok.yml", &pos, &e);
	assert_non_null(p);
	assert_int_equal(p->top.n, 1);
	policy_free(p);
	/* empty segments of an exception's path glob are no segments */
	PUT("sq.yml", "exceptions:\n  - path: a//b/\n    reason: vendored\n");
	p = policy_load("sq.yml", &pos, &e);
	assert_non_null(p);
	assert_string_equal(p->exc[0].path, "a/b/");
	assert_true(policy_glob_match(p->exc[0].path, "a/b/c.c"));
	policy_free(p);
	tmpdir_remove(d);
}

/* --- the truth table --------------------------------------------------------- */

struct eval_case {
	enum policy_use use;
	const char *expr;
	enum policy_verdict want;
	const char *rule; /* id of the deciding rule */
};

#define DB POLICY_USE_DIST_BINARY
static const struct eval_case eval_cases[] = {
	{ DB, "MIT", POLICY_PASS, "allow/category:permissive" },
	{ DB, "Zlib", POLICY_FAIL, "deny/Zlib" }, /* explicit id beats category */
	{ DB, "GPL-3.0-only", POLICY_FAIL, "deny/category:strong-copyleft" },
	{ DB, "MIT OR GPL-3.0-only", POLICY_PASS, "allow/category:permissive" },
	{ DB, "GPL-3.0-only OR MIT", POLICY_PASS, "allow/category:permissive" },
	{ DB, "MIT AND GPL-3.0-only", POLICY_FAIL, "deny/category:strong-copyleft" },
	{ DB, "MIT AND Apache-2.0", POLICY_PASS, "allow/category:permissive" },
	{ DB, "LGPL-2.1-only", POLICY_REVIEW, "review/category:weak-copyleft" },
	{ DB, "MIT AND LGPL-2.1-only", POLICY_REVIEW, "review/category:weak-copyleft" },
	{ DB, "LGPL-2.1-only OR MIT", POLICY_PASS, "allow/category:permissive" },
	{ DB, "GPL-3.0-only OR LGPL-2.1-only", POLICY_REVIEW, "review/category:weak-copyleft" },
	{ DB, "GPL-2.0-only WITH Linux-syscall-note", POLICY_PASS,
	  "allow/GPL-2.0-only WITH Linux-syscall-note" },
	{ DB, "GPL-2.0-only WITH Classpath-exception-2.0", POLICY_PASS,
	  "allow/GPL-2.0-only WITH Classpath-exception-2.0" },
	/* a bare id rule applies to id WITH anything not listed */
	{ DB, "GPL-2.0-only WITH GCC-exception-2.0", POLICY_REVIEW, "review/GPL-2.0-only" },
	{ DB, "GPL-2.0-only", POLICY_REVIEW, "review/GPL-2.0-only" },
	/* or-later is judged as its first version when not listed itself */
	{ DB, "GPL-2.0-or-later", POLICY_REVIEW, "review/GPL-2.0-only" },
	{ DB, "GPL-2.0+", POLICY_REVIEW, "review/GPL-2.0-only" },
	{ DB, "GPL-2.0-or-later WITH Classpath-exception-2.0", POLICY_PASS,
	  "allow/GPL-2.0-only WITH Classpath-exception-2.0" },
	{ DB, "GPL-2.0-or-later WITH Linux-syscall-note", POLICY_PASS,
	  "allow/GPL-2.0-only WITH Linux-syscall-note" },
	{ DB, "GPL-2.0-or-later WITH GCC-exception-2.0", POLICY_REVIEW, "review/GPL-2.0-only" },
	{ DB, "Apache-2.0+", POLICY_PASS, "allow/category:permissive" },
	{ DB, "Apache-1.0+", POLICY_REVIEW, "review/Apache-1.0+" },
	{ DB, "GPL-3.0-or-later", POLICY_FAIL, "deny/category:strong-copyleft" },
	/* LicenseRef: unknown unless listed */
	{ DB, "LicenseRef-acme", POLICY_PASS, "allow/LicenseRef-acme" },
	{ DB, "LicenseRef-other", POLICY_REVIEW, "default/review" },
	{ DB, "MIT AND LicenseRef-other", POLICY_REVIEW, "default/review" },
	/* one id in several lists: deny beats review beats allow */
	{ DB, "ISC", POLICY_REVIEW, "review/ISC" },
	{ DB, "0BSD", POLICY_FAIL, "deny/0BSD" },
	{ DB, "AGPL-3.0-only", POLICY_FAIL, "deny/category:network-copyleft" },
	{ DB, "MIT OR (GPL-3.0-only AND LGPL-2.1-only)", POLICY_PASS, "allow/category:permissive" },
	{ DB, "(MIT OR GPL-3.0-only) AND (Zlib OR AGPL-3.0-only)", POLICY_FAIL, "deny/Zlib" },
	{ DB, "(MIT OR GPL-3.0-only) AND (LGPL-2.1-only OR AGPL-3.0-only)", POLICY_REVIEW,
	  "review/category:weak-copyleft" },
	{ DB, "CC0-1.0", POLICY_PASS, "allow/category:public-domain" },
	{ DB, "Unlicense AND BSD-2-Clause", POLICY_PASS, "allow/category:public-domain" },
	{ DB, "MPL-2.0", POLICY_REVIEW, "review/category:weak-copyleft" },
	{ DB, "EPL-2.0 OR GPL-3.0-only", POLICY_REVIEW, "review/category:weak-copyleft" },
	{ DB, "BSD-3-Clause AND (ISC OR Zlib) AND MIT", POLICY_REVIEW, "review/ISC" },
	{ DB, "GPL-3.0-only AND AGPL-3.0-only", POLICY_FAIL, "deny/category:strong-copyleft" },
	/* the use in force: its `when` block comes first */
	{ POLICY_USE_INTERNAL, "GPL-3.0-only", POLICY_PASS,
	  "when.internal/allow/category:strong-copyleft" },
	{ POLICY_USE_INTERNAL, "AGPL-3.0-only", POLICY_FAIL, "deny/category:network-copyleft" },
	{ POLICY_USE_SAAS, "LGPL-2.1-only", POLICY_FAIL, "when.saas/deny/category:weak-copyleft" },
	{ POLICY_USE_SAAS, "MIT OR LGPL-2.1-only", POLICY_PASS, "allow/category:permissive" },
	{ POLICY_USE_SAAS, "GPL-3.0-only", POLICY_FAIL, "deny/category:strong-copyleft" },
};

static void test_truth_table(void **state)
{
	struct policy *p = parse_ok(main_policy);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(eval_cases) / sizeof(eval_cases[0]); i++) {
		const struct eval_case *c = &eval_cases[i];
		struct perr e = { PERR_OK, "" };
		struct expr *x = expr_parse(c->expr, strlen(c->expr), &e);
		struct policy_decision d;

		if (!x)
			fail_msg("case %zu: %s: %s", i, c->expr, e.msg);
		policy_set_use(p, c->use);
		policy_eval(p, x, NULL, &d);
		if (d.verdict != c->want || strcmp(d.rule->id, c->rule))
			fail_msg("case %zu: %s (use %s): got %s by %s, want %s by %s", i, c->expr,
				 policy_use_name(c->use), policy_verdict_name(d.verdict), d.rule->id,
				 policy_verdict_name(c->want), c->rule);
		free(d.leaf);
		expr_free(x);
	}
	policy_free(p);
}

static void test_leaf_reported(void **state)
{
	struct policy *p = parse_ok(main_policy);
	const char *s = "MIT AND (Zlib OR GPL-3.0-only)";
	struct expr *x = expr_parse(s, strlen(s), NULL);
	struct policy_decision d;

	(void)state;
	policy_eval(p, x, NULL, &d);
	assert_int_equal(d.verdict, POLICY_FAIL);
	assert_string_equal(d.leaf, "Zlib"); /* the leftmost of two equal fails */
	free(d.leaf);
	expr_free(x);
	policy_free(p);
}

static void test_default_and_unknown_category(void **state)
{
	struct policy *p = parse_ok("default: deny\nallow: [category:permissive]\n"
				    "review: [category:unknown]\n");
	struct policy *q = parse_ok("default: allow\n");
	const char *s = "LicenseRef-x";
	struct expr *x = expr_parse(s, strlen(s), NULL);
	struct policy_decision d;

	(void)state;
	policy_eval(p, x, NULL, &d); /* a LicenseRef is of category unknown */
	assert_int_equal(d.verdict, POLICY_REVIEW);
	assert_string_equal(d.rule->id, "review/category:unknown");
	free(d.leaf);
	expr_free(x);
	x = expr_parse("GPL-3.0-only", 12, NULL);
	policy_eval(p, x, NULL, &d);
	assert_int_equal(d.verdict, POLICY_FAIL);
	assert_string_equal(d.rule->id, "default/deny");
	free(d.leaf);
	policy_eval(q, x, NULL, &d);
	assert_int_equal(d.verdict, POLICY_PASS);
	assert_string_equal(d.rule->id, "default/allow");
	free(d.leaf);
	expr_free(x);
	policy_free(p);
	policy_free(q);
}

/* --- globs ------------------------------------------------------------------- */

struct glob_case {
	const char *pattern, *path;
	int want;
};

static const struct glob_case glob_cases[] = {
	{ "vendor/", "vendor/lib/a.c", 1 },
	{ "vendor/", "src/vendor/a.c", 0 },
	{ "vendor/", "vendorx/a.c", 0 },
	{ "vendor/**", "vendor/a/b/c.c", 1 },
	{ "**/vendor/**", "a/b/vendor/c.c", 1 },
	{ "**/vendor/**", "vendor/c.c", 1 },
	{ "**/test/", "x/test/y/z.c", 1 },
	{ "src/*.c", "src/a.c", 1 },
	{ "src/*.c", "src/sub/a.c", 0 },
	{ "src/**/*.c", "src/a.c", 1 },
	{ "src/**/*.c", "src/x/y/a.c", 1 },
	{ "src/**/*.c", "src/x/y/a.h", 0 },
	{ "*.min.js", "web/js/app.min.js", 1 }, /* no '/': the base name */
	{ "*.min.js", "web/js/app.js", 0 },
	{ "LICENSE?", "a/LICENSE2", 1 },
	{ "LICENSE?", "a/LICENSE", 0 },
	{ "[ab]*.c", "x/a1.c", 1 },
	{ "[!ab]*.c", "x/a1.c", 0 },
	{ "[a-c]x", "bx", 1 },
	{ "./third_party/*/", "third_party/zlib/inflate.c", 1 },
	{ "./*.c", "a.c", 1 }, /* a leading "./" anchors at the root */
	{ "./*.c", "src/a.c", 0 },
	{ "/*.c", "src/a.c", 0 },
	{ "dist.tar.gz!/**", "dist.tar.gz!/pkg/a.js", 1 },
	{ "a*b*c*d*e*f*g", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0 },
	{ "**/**/**/**/x", "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/y", 0 },
	{ "[", "[", 1 }, /* an unclosed class is a plain byte */
	{ "/LICENSE", "a/LICENSE", 0 }, /* a leading '/' anchors at the root too */
	{ "/LICENSE", "LICENSE", 1 },
	{ "vendor/", "vendor", 1 },
	{ "src/*/x.c", "src/x.c", 0 },
	{ "**", "a/b", 1 },
	{ "", "a", 0 },
	{ "./", "a", 0 },
};

static void test_glob(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(glob_cases) / sizeof(glob_cases[0]); i++) {
		const struct glob_case *c = &glob_cases[i];

		if (policy_glob_match(c->pattern, c->path) != c->want)
			fail_msg("glob '%s' on '%s': want %d", c->pattern, c->path, c->want);
	}
}

/* Deep paths have no bound: a directory glob covers every level below. */
static void test_glob_bound(void **state)
{
	struct buf b = BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 300; i++)
		buf_adds(&b, "d/");
	b.data[--b.len] = '\0'; /* 300 segments */
	assert_true(policy_glob_match("d/", b.data));
	assert_true(policy_glob_match("**/d", b.data));
	buf_adds(&b, "/x.c");
	assert_true(policy_glob_match("d/", b.data));
	assert_true(policy_glob_match("*.c", b.data));
	assert_false(policy_glob_match("e/", b.data));
	buf_release(&b);
}

/* --- files ------------------------------------------------------------------- */

static struct finding *add(struct file_result *r, enum finding_method m, const char *expr,
			   unsigned line, const char *text)
{
	struct finding *f = result_add(r);

	f->kind = FK_LICENSE;
	f->method = m;
	f->expression = expr ? strdup(expr) : NULL;
	f->text = strdup(text);
	f->start_line = f->end_line = line;
	f->score = f->coverage = -1;
	return f;
}

static void file_init(struct file_result *r, const char *path)
{
	result_init(r);
	r->path = strdup(path);
	r->type = FT_TEXT;
	r->status = FS_SCANNED;
}

static const char exc_policy[] =
	"allow: [category:permissive]\n"
	"deny: [category:strong-copyleft]\n"
	"invalid-expression: fail\n"
	"unknown-text: warn\n"
	"partial-match: ignore\n"
	"exceptions:\n"
	"  - path: vendor/\n"
	"    reason: vendored copy, approved by legal\n"
	"  - path: \"gen/**/*.c\"\n"
	"    reason: generated by a GPL tool whose output is ours\n"
	"    allow: [GPL-3.0-only]\n"
	"  - package: left-pad\n"
	"    reason: LEGAL-7\n";

static void test_exceptions(void **state)
{
	struct policy *p = parse_ok(exc_policy);
	struct file_result r;
	struct policy_file_verdict fv;
	static const char *const pkgs[] = { "left-pad" };

	(void)state;
	file_init(&r, "t/src/a.c");
	add(&r, FM_SPDX_TAG, "GPL-2.0-only", 3, "SPDX-License-Identifier: GPL-2.0-only");
	policy_eval_file(p, &r, "src/a.c", NULL, 0, &fv);
	assert_int_equal(fv.verdict, POLICY_FAIL);
	assert_int_equal(fv.nhits, 1);
	assert_string_equal(fv.hits[0].rule->id, "deny/category:strong-copyleft");
	assert_int_equal(fv.hits[0].start_line, 3);
	assert_string_equal(fv.hits[0].evidence, "SPDX-License-Identifier: GPL-2.0-only");
	assert_null(fv.hits[0].waived);
	policy_file_verdict_release(&fv);

	/* the same file under vendor/: accepted, and the rule it broke kept */
	policy_eval_file(p, &r, "vendor/a.c", NULL, 0, &fv);
	assert_int_equal(fv.verdict, POLICY_PASS);
	assert_int_equal(fv.hits[0].raw, POLICY_FAIL);
	assert_string_equal(fv.hits[0].rule->id, "deny/category:strong-copyleft");
	assert_non_null(fv.hits[0].waived);
	assert_string_equal(fv.hits[0].waived->reason, "vendored copy, approved by legal");
	policy_file_verdict_release(&fv);

	/* an exception with an allow list accepts only what it lists */
	policy_eval_file(p, &r, "gen/x/a.c", NULL, 0, &fv);
	assert_int_equal(fv.verdict, POLICY_FAIL); /* GPL-2.0-only is not GPL-3.0-only */
	policy_file_verdict_release(&fv);
	free(r.findings[0].expression);
	r.findings[0].expression = strdup("GPL-3.0-only");
	policy_eval_file(p, &r, "gen/x/a.c", NULL, 0, &fv);
	assert_int_equal(fv.verdict, POLICY_PASS);
	assert_non_null(fv.hits[0].waived);
	policy_file_verdict_release(&fv);
	policy_eval_file(p, &r, "gen/x/a.h", NULL, 0, &fv); /* the glob wants *.c */
	assert_int_equal(fv.verdict, POLICY_FAIL);
	policy_file_verdict_release(&fv);

	/* by package name */
	policy_eval_file(p, &r, "node_modules/left-pad/index.js", pkgs, 1, &fv);
	assert_int_equal(fv.verdict, POLICY_PASS);
	assert_string_equal(fv.hits[0].waived->reason, "LEGAL-7");
	policy_file_verdict_release(&fv);
	policy_eval_file(p, &r, "node_modules/right-pad/index.js", NULL, 0, &fv);
	assert_int_equal(fv.verdict, POLICY_FAIL);
	policy_file_verdict_release(&fv);
	result_release(&r);
	policy_free(p);
}

static void test_treatments(void **state)
{
	struct policy *p = parse_ok(exc_policy);
	struct file_result r;
	struct policy_file_verdict fv;
	struct finding *f;

	(void)state;
	file_init(&r, "a.c");
	f = add(&r, FM_SPDX_TAG, NULL, 1, "SPDX-License-Identifier: MIT OR");
	f->problem = strdup("invalid SPDX expression: missing operand at the end");
	add(&r, FM_UNKNOWN, NULL, 10, "Permission is granted to frob");
	f = add(&r, FM_TEXT, NULL, 30, "Redistribution and use");
	f->problem = strdup("partial match: 60% of the BSD-3-Clause text");
	add(&r, FM_SPDX_TAG, "MIT", 2, "SPDX-License-Identifier: MIT");
	policy_eval_file(p, &r, "a.c", NULL, 0, &fv);
	assert_int_equal(fv.verdict, POLICY_FAIL);
	assert_int_equal(fv.nhits, 3); /* partial-match: ignore */
	assert_string_equal(fv.hits[0].rule->id, "invalid-expression/fail");
	assert_int_equal(fv.hits[0].verdict, POLICY_FAIL);
	assert_non_null(strstr(fv.hits[0].note, "missing operand"));
	assert_string_equal(fv.hits[1].rule->id, "unknown-text/warn");
	assert_int_equal(fv.hits[1].verdict, POLICY_REVIEW);
	assert_int_equal(fv.hits[1].start_line, 10);
	assert_string_equal(fv.hits[2].license, "MIT");
	assert_int_equal(fv.hits[2].verdict, POLICY_PASS);
	policy_file_verdict_release(&fv);
	result_release(&r);
	policy_free(p);
}

static void test_conflict_and_no_license(void **state)
{
	struct policy *p = parse_ok(main_policy); /* conflict: fail, no-license: warn */
	struct file_result r;
	struct policy_file_verdict fv;
	struct package *pk;

	(void)state;
	file_init(&r, "x.c");
	add(&r, FM_SPDX_TAG, "MIT", 1, "SPDX-License-Identifier: MIT");
	add(&r, FM_TEXT, "BSD-3-Clause", 5, "Redistribution and use in source");
	policy_eval_file(p, &r, "x.c", NULL, 0, &fv);
	assert_int_equal(fv.verdict, POLICY_FAIL);
	assert_int_equal(fv.nhits, 3);
	assert_string_equal(fv.hits[2].rule->id, "conflict/fail");
	assert_int_equal(fv.hits[2].start_line, 5);
	assert_non_null(strstr(fv.hits[2].note, "declared as MIT"));
	policy_file_verdict_release(&fv);
	result_release(&r);

	/* -only vs -or-later of one text is no conflict: the notice decides */
	file_init(&r, "y.c");
	add(&r, FM_SPDX_TAG, "GPL-2.0-or-later", 1, "SPDX-License-Identifier: GPL-2.0-or-later");
	add(&r, FM_TEXT, "GPL-2.0-only", 20, "GNU GENERAL PUBLIC LICENSE");
	policy_eval_file(p, &r, "y.c", NULL, 0, &fv);
	assert_int_equal(fv.nhits, 2);
	assert_int_equal(fv.verdict, POLICY_REVIEW); /* review/GPL-2.0-only, twice */
	policy_file_verdict_release(&fv);
	result_release(&r);

	file_init(&r, "README");
	policy_eval_file(p, &r, "README", NULL, 0, &fv);
	assert_int_equal(fv.verdict, POLICY_REVIEW);
	assert_string_equal(fv.hits[0].rule->id, "no-license/warn");
	policy_file_verdict_release(&fv);
	r.type = FT_BINARY; /* only text files want a license */
	policy_eval_file(p, &r, "README", NULL, 0, &fv);
	assert_int_equal(fv.nhits, 0);
	policy_file_verdict_release(&fv);
	result_release(&r);

	/* a manifest's declared license is judged as well */
	file_init(&r, "package.json");
	pk = result_add_package(&r);
	pk->name = strdup("leftish");
	pk->declared = strdup("AGPL-3.0-only");
	pk->declared_raw = strdup("AGPL-3.0");
	policy_eval_file(p, &r, "package.json", NULL, 0, &fv);
	assert_int_equal(fv.verdict, POLICY_FAIL);
	assert_string_equal(fv.hits[0].license, "AGPL-3.0-only");
	assert_string_equal(fv.hits[0].evidence, "package leftish declares license AGPL-3.0");
	policy_file_verdict_release(&fv);
	result_release(&r);
	policy_free(p);
}

/* --- judging in two steps, the memo ------------------------------------------ */

/* What a verdict says, as one comparable string. */
static char *verdict_str(const struct policy_file_verdict *fv)
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_printf(&b, "%d:", fv->verdict);
	for (i = 0; i < fv->nhits; i++) {
		const struct policy_hit *h = &fv->hits[i];

		buf_printf(&b, "[%s|%s|%s|%d|%d|%s|%u]", h->license, h->rule->id,
			   h->leaf ? h->leaf : "-", h->raw, h->verdict,
			   h->waived ? h->waived->reason : "-", h->start_line);
	}
	return buf_take(&b);
}

static void test_judge_then_apply(void **state)
{
	struct policy *p = parse_ok(exc_policy);
	struct policy_memo *m = policy_memo_new();
	struct file_result r;
	struct policy_file_verdict fv, raw, memo;
	struct package *pk;
	char *want, *got;
	int first;

	(void)state;
	file_init(&r, "t/gen/x/a.c");
	add(&r, FM_SPDX_TAG, "GPL-3.0-only", 1, "SPDX-License-Identifier: GPL-3.0-only");
	add(&r, FM_SPDX_TAG, "MIT", 2, "SPDX-License-Identifier: MIT");
	add(&r, FM_UNKNOWN, NULL, 9, "Permission is granted to frob");
	pk = result_add_package(&r);
	pk->name = strdup("gpl-thing");
	pk->declared = strdup("GPL-2.0-only");
	policy_eval_file(p, &r, "gen/x/a.c", NULL, 0, &fv);
	want = verdict_str(&fv);
	/* the allow list of the gen/ exception takes GPL-3.0-only, not GPL-2.0-only */
	assert_int_equal(fv.verdict, POLICY_FAIL);
	assert_int_equal(fv.nhits, 4);
	assert_non_null(fv.hits[0].waived);
	assert_null(fv.hits[3].waived);
	assert_string_equal(fv.hits[3].license, "GPL-2.0-only");

	/* raw first: no exception, every hit as the lists judge it */
	policy_judge_file(p, m, &r, 1, &raw);
	assert_int_equal(raw.nhits, 4);
	assert_int_equal(raw.verdict, POLICY_FAIL);
	assert_null(raw.hits[0].waived);
	assert_int_equal(raw.hits[0].verdict, POLICY_FAIL);
	/* then the exception: the same as in one step, memo or not */
	policy_exception_apply(p, policy_exception_for_path(p, "gen/x/a.c", &first), &raw);
	assert_false(first); /* gen/ comes before the package exception */
	got = verdict_str(&raw);
	assert_string_equal(got, want);
	free(got);
	policy_judge_file(p, m, &r, 1, &memo); /* every expression from the memo now */
	policy_exception_apply(p, policy_exception_for_path(p, "gen/x/a.c", &first), &memo);
	got = verdict_str(&memo);
	assert_string_equal(got, want);
	free(got);
	/* applying NULL gives the raw verdicts back */
	policy_exception_apply(p, NULL, &memo);
	assert_null(memo.hits[0].waived);
	assert_int_equal(memo.hits[0].verdict, POLICY_FAIL);
	policy_file_verdict_release(&memo);
	policy_file_verdict_release(&raw);

	/* keep_pass 0: the MIT hit (pass, no exception lowers a pass) is left out */
	policy_judge_file(p, m, &r, 0, &raw);
	assert_int_equal(raw.nhits, 3);
	assert_string_equal(raw.hits[0].license, "GPL-3.0-only");
	assert_string_equal(raw.hits[1].license, "(unknown license text)");
	assert_string_equal(raw.hits[2].license, "GPL-2.0-only");
	policy_file_verdict_release(&raw);

	/* no path exception covers src/: the package exception may decide */
	assert_null(policy_exception_for_path(p, "src/a.c", &first));
	assert_true(first);
	assert_non_null(policy_exception_for_path(p, "vendor/a.c", &first));
	assert_false(first);
	free(want);
	policy_file_verdict_release(&fv);
	result_release(&r);
	policy_memo_free(m);
	policy_free(p);
}

/* Past the memo's few thousand expressions, each is judged on its own. */
static void test_memo_full(void **state)
{
	struct policy *p = parse_ok(main_policy);
	struct policy_memo *m = policy_memo_new();
	struct policy_file_verdict fv;
	struct file_result r;
	char id[64];
	int i;

	(void)state;
	for (i = 0; i < 5000; i++) {
		file_init(&r, "a.c");
		snprintf(id, sizeof(id), "LicenseRef-x%d", i);
		add(&r, FM_SPDX_TAG, id, 1, "SPDX-License-Identifier: x");
		add(&r, FM_SPDX_TAG, i % 2 ? "GPL-3.0-only" : "MIT", 2, "x");
		add(&r, FM_SPDX_TAG, "MIT OR", 3, "x"); /* invalid, memoized as such */
		policy_judge_file(p, m, &r, 1, &fv);
		assert_int_equal(fv.nhits, 3);
		assert_string_equal(fv.hits[0].license, id);
		assert_string_equal(fv.hits[0].rule->id, "default/review");
		assert_string_equal(fv.hits[1].rule->id, i % 2 ? "deny/category:strong-copyleft"
							       : "allow/category:permissive");
		assert_string_equal(fv.hits[2].license, "(invalid expression)");
		policy_file_verdict_release(&fv);
		result_release(&r);
	}
	policy_memo_free(m);
	policy_free(p);
}

/* --- the gate: packages by directory, baseline ------------------------------- */

static void feed(struct check *ck, const char *path, const char *expr, const char *pkg)
{
	struct file_result r;

	file_init(&r, path);
	if (expr)
		add(&r, FM_SPDX_TAG, expr, 1, "SPDX-License-Identifier: x");
	if (pkg) {
		struct package *pk = result_add_package(&r);

		pk->name = strdup(pkg);
	}
	check_file(ck, &r);
	result_release(&r);
}

static struct check *gate(const struct policy *p, const char *baseline, int extra)
{
	static const char *const roots[] = { "t" };
	struct check *ck = check_new(p, roots, 1);
	struct perr e = { PERR_OK, "" };

	if (baseline)
		assert_int_equal(check_baseline(ck, baseline, &e), 0);
	/* walk order: node_modules/left-pad/lib/ before its package.json; the
	 * nearest manifest decides (evil is not left-pad); several manifests
	 * of one directory count together (py/) */
	feed(ck, "t/node_modules/left-pad/lib/x.js", "GPL-3.0-only", NULL);
	feed(ck, "t/node_modules/left-pad/node_modules/evil/index.js", "GPL-3.0-only", NULL);
	feed(ck, "t/node_modules/left-pad/node_modules/evil/package.json", NULL, "evil");
	feed(ck, "t/node_modules/left-pad/package.json", NULL, "left-pad");
	feed(ck, "t/py/PKG-INFO", NULL, "other");
	feed(ck, "t/py/mod.py", "GPL-3.0-only", NULL);
	feed(ck, "t/py/setup.cfg", NULL, "left-pad");
	feed(ck, "t/src/a.c", "GPL-3.0-only", NULL);
	feed(ck, "t/src/b.c", "MIT", NULL);
	if (extra)
		feed(ck, "t/src/c.c", "GPL-2.0-only", NULL);
	check_finish(ck);
	return ck;
}

/* The json report is printed as json-c prints the same document. */
static void assert_json_c_bytes(const char *path)
{
	json_object *o = json_object_from_file(path);
	FILE *f = fopen(path, "rb");
	char *got = calloc(1, 1 << 20);
	size_t n;

	assert_non_null(o);
	assert_non_null(f);
	n = fread(got, 1, (1 << 20) - 1, f);
	fclose(f);
	assert_true(n > 0 && got[n - 1] == '\n');
	got[n - 1] = '\0';
	assert_string_equal(got, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
					JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	free(got);
}

static void test_gate_packages_and_baseline(void **state)
{
	char *d = tmpdir_enter("check");
	struct policy *p = parse_ok(exc_policy);
	struct check *ck = gate(p, NULL, 0);
	struct perr e = { PERR_OK, "" };
	FILE *f;

	(void)state;
	check_free(ck);
	assert_int_equal(mkdir("t", 0755), 0); /* a directory root: rel is below it */
	ck = gate(p, NULL, 0);
	assert_int_equal(ck->sum.files, 9);
	assert_int_equal(ck->sum.violations, 2); /* evil/index.js, src/a.c */
	assert_int_equal(ck->sum.excepted, 2);   /* left-pad/lib/x.js, py/mod.py */
	assert_int_equal(ck->files[1].v.verdict, POLICY_FAIL);
	assert_int_equal(ck->files[5].v.verdict, POLICY_PASS);
	assert_string_equal(ck->files[7].rel, "src/a.c");
	f = fopen("base.json", "w");
	assert_int_equal(check_write(ck, "json", f, &e), 0);
	fclose(f);
	assert_json_c_bytes("base.json");
	check_free(ck);

	ck = check_new(p, NULL, 0); /* a path with bytes json escapes */
	feed(ck, "q\"uo\\te\x01\t\xc3\xa9/x.c", "GPL-3.0-only", NULL);
	check_finish(ck);
	f = fopen("odd.json", "w");
	assert_int_equal(check_write(ck, "json", f, &e), 0);
	fclose(f);
	assert_json_c_bytes("odd.json");
	f = fopen("odd.sarif", "w");
	assert_int_equal(check_write(ck, "sarif", f, &e), 0);
	fclose(f);
	assert_json_c_bytes("odd.sarif");
	check_free(ck);
	ck = check_new(p, NULL, 0);
	check_finish(ck);
	f = fopen("empty.json", "w");
	assert_int_equal(check_write(ck, "json", f, &e), 0);
	fclose(f);
	assert_json_c_bytes("empty.json");
	f = fopen("empty.sarif", "w");
	assert_int_equal(check_write(ck, "sarif", f, &e), 0);
	fclose(f);
	assert_json_c_bytes("empty.sarif");
	check_free(ck);

	ck = gate(p, "base.json", 0); /* the same violation again: not new */
	assert_int_equal(ck->sum.violations, 0);
	assert_int_equal(ck->sum.baselined, 2);
	check_free(ck);
	ck = gate(p, "base.json", 1); /* a new one fails */
	f = fopen("b.sarif", "w"); /* baselineState, suppressions, regions */
	assert_int_equal(check_write(ck, "sarif", f, &e), 0);
	fclose(f);
	assert_json_c_bytes("b.sarif");
	assert_int_equal(ck->sum.violations, 1);
	assert_int_equal(ck->sum.baselined, 2);
	assert_int_equal(ck->files[9].baselined[0], 0);
	check_free(ck);

	ck = check_new(p, NULL, 0);
	PUT("bad.json", "{\"files\": []}");
	assert_int_equal(check_baseline(ck, "bad.json", &e), -1);
	assert_non_null(strstr(e.msg, "no \"violations\" list"));
	PUT("bad2.json", "{\"violations\": [{\"path\": 1}]}");
	assert_int_equal(check_baseline(ck, "bad2.json", &e), -1);
	assert_non_null(strstr(e.msg, "violations[0]"));
	PUT("bad3.json", "{\"violations\": [");
	assert_int_equal(check_baseline(ck, "bad3.json", &e), -1);
	assert_int_equal(check_write(ck, "yaml", stdout, &e), -1);
	assert_int_equal(e.code, PERR_USAGE);
	check_free(ck);
	policy_free(p);
	tmpdir_remove(d);
}

/* Files are judged as they arrive; only a file with hits whose exception
 * may be one by package waits for check_finish, which finds the package
 * of a manifest that came after the file. */
static void test_gate_judges_in_the_sink(void **state)
{
	static const char pol[] =
		"default: allow\n"
		"deny: [category:strong-copyleft]\n"
		"exceptions:\n"
		"  - path: \"right/lib/gen/\"\n"
		"    reason: generated\n"
		"  - package: right\n"
		"    reason: LEGAL-9\n"
		"    allow: [GPL-3.0-only]\n";
	struct policy *p = parse_ok(pol), *nopkg = parse_ok(main_policy);
	static const char *const roots[] = { "t" };
	char *d = tmpdir_enter("sink");
	struct check *ck;

	(void)state;
	assert_int_equal(mkdir("t", 0755), 0); /* a directory root: rel is below it */
	ck = check_new(nopkg, roots, 1);
	/* no exception by package: nothing waits, the summary is complete */
	feed(ck, "t/a/x.c", "GPL-3.0-only", NULL);
	feed(ck, "t/a/y.c", "MIT", NULL);
	feed(ck, "t/a/package.json", NULL, "right");
	assert_int_equal(ck->npending, 0);
	assert_int_equal(ck->sum.files, 3);
	assert_int_equal(ck->sum.violations, 1);
	assert_int_equal(ck->files[1].v.nhits, 0); /* a pass is not kept */
	check_finish(ck);
	assert_int_equal(ck->sum.violations, 1);
	check_free(ck);

	ck = check_new(p, roots, 1);
	feed(ck, "t/right/lib/a.js", "GPL-3.0-only", NULL);     /* its allow list */
	feed(ck, "t/right/lib/b.js", "GPL-2.0-only", NULL);     /* not in it */
	feed(ck, "t/right/lib/c.js", "MIT", NULL);              /* passes anyway */
	feed(ck, "t/right/lib/gen/d.js", "GPL-2.0-only", NULL); /* a path exception first */
	feed(ck, "t/right/package.json", NULL, "right");
	feed(ck, "t/wrong/e.js", "GPL-3.0-only", NULL);
	feed(ck, "t/wrong/package.json", NULL, "wrong");
	assert_int_equal(ck->npending, 3); /* a.js, b.js, e.js */
	assert_int_equal(ck->sum.files, 4);
	check_finish(ck);
	assert_int_equal(ck->npending, 0);
	assert_int_equal(ck->sum.files, 7);
	assert_int_equal(ck->files[0].v.verdict, POLICY_PASS);
	assert_string_equal(ck->files[0].v.hits[0].waived->reason, "LEGAL-9");
	assert_int_equal(ck->files[1].v.verdict, POLICY_FAIL);
	assert_null(ck->files[1].v.hits[0].waived);
	assert_int_equal(ck->files[3].v.verdict, POLICY_PASS);
	assert_string_equal(ck->files[3].v.hits[0].waived->reason, "generated");
	assert_int_equal(ck->files[5].v.verdict, POLICY_FAIL);
	assert_int_equal(ck->sum.violations, 2);
	assert_int_equal(ck->sum.excepted, 2);
	assert_int_equal(ck->sum.pass, 5);
	check_free(ck);
	policy_free(nopkg);
	policy_free(p);
	tmpdir_remove(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_canonical_entries),
		cmocka_unit_test(test_parse_malformed),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_truth_table),
		cmocka_unit_test(test_leaf_reported),
		cmocka_unit_test(test_default_and_unknown_category),
		cmocka_unit_test(test_glob),
		cmocka_unit_test(test_glob_bound),
		cmocka_unit_test(test_judge_then_apply),
		cmocka_unit_test(test_memo_full),
		cmocka_unit_test(test_exceptions),
		cmocka_unit_test(test_treatments),
		cmocka_unit_test(test_conflict_and_no_license),
		cmocka_unit_test(test_gate_packages_and_baseline),
		cmocka_unit_test(test_gate_judges_in_the_sink),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
