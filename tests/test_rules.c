/* SPDX-License-Identifier: MIT */
/* test_rules.c -- every rule of rules/data, compiled into the embedded
 * index, against its own examples, through the whole detector chain:
 * each positive example yields the rule and its expression, each
 * negative yields neither the rule nor another rule of its expression;
 * every rule's expression is valid and canonical; the index holds every
 * rule.  Then the precedence that rules/README.md promises. */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "detect.h"
#include "expr.h"
#include "lic.h"
#include "rulefile.h"

static struct idx idx;
static struct rulef_set rules = RULEF_SET_INIT;

static char *slurp(const char *path, size_t *len)
{
	struct buf b = BUF_INIT;
	char tmp[8192];
	size_t k;
	FILE *f = fopen(path, "rb");

	if (!f)
		return NULL;
	while ((k = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(&b, tmp, k);
	fclose(f);
	*len = b.len;
	return buf_take(&b);
}

static int setup(void **state)
{
	struct perr e;
	glob_t g;
	size_t i;

	(void)state;
	if (idx_open(&idx, &e) < 0 || glob("rules/data/*.rules", 0, NULL, &g) != 0)
		return -1;
	for (i = 0; i < g.gl_pathc; i++) {
		size_t len;
		char *data = slurp(g.gl_pathv[i], &len);

		if (!data || rulef_parse(&rules, g.gl_pathv[i], data, len, &e) < 0) {
			fprintf(stderr, "%s: %s\n", g.gl_pathv[i], data ? e.msg : "unreadable");
			return -1;
		}
		free(data);
	}
	globfree(&g);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rulef_release(&rules);
	return 0;
}

static void detect(const char *text, struct file_result *r)
{
	struct detect_opts o = { &idx, 90 };
	struct detect *d = detect_new(&o);

	result_init(r);
	r->path = xstrdup("example.c");
	detect_text(d, text, strlen(text), r);
	detect_free(d);
}

/* The expression a rule's finding should carry (exceptions: "WITH id"). */
static int finding_is(const struct finding *f, const struct rulef *r)
{
	char with[160];

	if (!f->expression || !r->expression)
		return 0;
	if (r->kind != RULEF_EXCEPTION)
		return !strcmp(f->expression, r->expression);
	snprintf(with, sizeof(with), " WITH %s", r->expression);
	return strstr(f->expression, with) != NULL;
}

static int lic_finding(const struct finding *f)
{
	return f->kind == FK_LICENSE && (f->method == FM_NOTICE || f->method == FM_REFERENCE);
}

static void dump(const char *what, const struct rulef *r, size_t k, const struct file_result *res)
{
	size_t i;

	fprintf(stderr, "%s:%u: rule %s, %s example %zu:", r->file, r->line, r->name, what, k + 1);
	for (i = 0; i < res->nfindings; i++)
		if (res->findings[i].kind == FK_LICENSE)
			fprintf(stderr, " [%s %s %s]", res->findings[i].rule,
				res->findings[i].expression ? res->findings[i].expression : "-",
				res->findings[i].problem ? res->findings[i].problem : "");
	fprintf(stderr, "\n");
}

/* A positive example yields the rule with its expression; a false
 * positive's example yields no notice or reference at all. */
static int positive_ok(const struct rulef *r, const struct file_result *res)
{
	size_t i;

	for (i = 0; i < res->nfindings; i++) {
		const struct finding *f = &res->findings[i];

		if (r->kind == RULEF_FALSE_POSITIVE && lic_finding(f))
			return 0;
		if (r->kind != RULEF_FALSE_POSITIVE && f->rule && !strcmp(f->rule, r->name))
			return r->expression ? finding_is(f, r) : f->expression == NULL;
	}
	return r->kind == RULEF_FALSE_POSITIVE;
}

/* A negative example yields neither the rule nor another of its expression. */
static int negative_ok(const struct rulef *r, const struct file_result *res)
{
	size_t i;

	for (i = 0; i < res->nfindings; i++) {
		const struct finding *f = &res->findings[i];

		if (f->rule && !strcmp(f->rule, r->name))
			return 0;
		if (lic_finding(f) && r->kind != RULEF_FALSE_POSITIVE && finding_is(f, r))
			return 0;
	}
	return 1;
}

static void test_examples(void **state)
{
	size_t i, k, bad = 0, n = 0;

	(void)state;
	for (i = 0; i < rules.n; i++) {
		const struct rulef *r = &rules.v[i];
		struct file_result res;

		for (k = 0; k < r->npositive; k++, n++) {
			detect(r->positive[k], &res);
			if (!positive_ok(r, &res) && ++bad)
				dump("positive", r, k, &res);
			result_release(&res);
		}
		for (k = 0; k < r->nnegative; k++, n++) {
			detect(r->negative[k], &res);
			if (!negative_ok(r, &res) && ++bad)
				dump("negative", r, k, &res);
			result_release(&res);
		}
	}
	fprintf(stderr, "%zu rules, %zu examples, %zu wrong\n", rules.n, n, bad);
	assert_true(rules.n > 0);
	assert_int_equal(bad, 0);
}

/* Every rule is in the index, under its name, with its kind and words. */
static void test_index_holds_rules(void **state)
{
	size_t i, k, found = 0;

	(void)state;
	assert_int_equal(idx_count(&idx) - idx_ntexts(&idx), rules.n);
	for (k = idx_ntexts(&idx); k < idx_count(&idx); k++) {
		struct idx_lic L;

		idx_lic(&idx, k, &L);
		for (i = 0; i < rules.n && strcmp(rules.v[i].name, L.id); i++)
			;
		assert_true(i < rules.n);
		assert_int_equal(L.kind, rules.v[i].kind + 1);
		assert_true(L.ntok >= 5);
		if (rules.v[i].expression)
			assert_string_equal(L.expr, rules.v[i].expression);
		found++;
	}
	assert_int_equal(found, rules.n);
}

/* Expressions are valid and written canonically; an exception's is a
 * listed exception id. */
static void test_expressions(void **state)
{
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < rules.n; i++) {
		const struct rulef *r = &rules.v[i];
		struct perr e;
		char *c;

		if (!r->expression)
			continue;
		if (r->kind == RULEF_EXCEPTION) {
			const struct lic_info *li = lic_find(r->expression, strlen(r->expression));

			if (!li || !li->exception || strcmp(li->id, r->expression)) {
				fprintf(stderr, "%s:%u: %s: not an exception id\n", r->file, r->line,
					r->expression);
				bad++;
			}
			continue;
		}
		c = expr_canonical(r->expression, strlen(r->expression), &e);
		if (!c || strcmp(c, r->expression)) {
			fprintf(stderr, "%s:%u: %s: %s\n", r->file, r->line, r->expression,
				c ? "not canonical" : e.msg);
			bad++;
		}
		free(c);
	}
	assert_int_equal(bad, 0);
}

/* The first run of digits in a rule's text outside its gaps, or NULL. */
static const char *first_number(const char *t, size_t *n)
{
	int gap = 0;

	for (; *t; t++) {
		if (!strncmp(t, "{{", 2) || !strncmp(t, "}}", 2))
			gap = t[0] == '{';
		if (!gap && *t >= '0' && *t <= '9') {
			*n = strspn(t, "0123456789");
			return t;
		}
	}
	return NULL;
}

/* Every number in a rule must match: a positive example whose version
 * number is changed (to 97, which no license has) no longer yields it. */
static void test_numbers_must_match(void **state)
{
	size_t i, checked = 0, bad = 0;

	(void)state;
	for (i = 0; i < rules.n; i++) {
		const struct rulef *r = &rules.v[i];
		struct file_result res;
		struct buf b = BUF_INIT;
		char num[16];
		const char *p, *q, *d;
		size_t n, k;

		if (r->kind == RULEF_FALSE_POSITIVE || !(d = first_number(r->text, &n)) || n >= sizeof(num))
			continue;
		memcpy(num, d, n);
		num[n] = '\0';
		for (p = r->positive[0]; (q = strstr(p, num)) != NULL; p = q + n) {
			buf_add(&b, p, (size_t)(q - p));
			buf_adds(&b, (q > r->positive[0] && q[-1] >= '0' && q[-1] <= '9') ||
				     (q[n] >= '0' && q[n] <= '9') ? num : "97");
		}
		buf_adds(&b, p);
		detect(b.data, &res);
		for (k = 0; k < res.nfindings; k++)
			if (res.findings[k].rule && !strcmp(res.findings[k].rule, r->name)) {
				fprintf(stderr, "%s:%u: %s still found with %s changed to 97\n", r->file,
					r->line, r->name, num);
				bad++;
			}
		checked++;
		result_release(&res);
		buf_release(&b);
	}
	fprintf(stderr, "%zu rules with numbers checked\n", checked);
	assert_true(checked > 0);
	assert_int_equal(bad, 0);
}

/* "Lesser" and "Affero" tell the GNU licenses apart: a GPL rule's
 * positive example made to say "Lesser General Public License" no longer
 * yields that rule. */
static void test_qualifiers_must_match(void **state)
{
	size_t i, k, checked = 0, bad = 0;

	(void)state;
	for (i = 0; i < rules.n; i++) {
		const struct rulef *r = &rules.v[i];
		struct file_result res;
		struct buf b = BUF_INIT;
		const char *p, *q;

		if (!r->expression || strncmp(r->expression, "GPL-", 4) ||
		    !strstr(r->text, "GNU General Public") || !strstr(r->positive[0], "General Public"))
			continue;
		for (p = r->positive[0]; (q = strstr(p, "General Public")) != NULL; p = q) {
			buf_add(&b, p, (size_t)(q - p));
			buf_adds(&b, "Lesser ");
			p = q;
			q = p + 1;
			buf_addc(&b, *p);
		}
		buf_adds(&b, p);
		detect(b.data, &res);
		for (k = 0; k < res.nfindings; k++)
			if (res.findings[k].rule && !strcmp(res.findings[k].rule, r->name)) {
				fprintf(stderr, "%s:%u: %s still found with 'Lesser' added\n", r->file,
					r->line, r->name);
				bad++;
			}
		checked++;
		result_release(&res);
		buf_release(&b);
	}
	fprintf(stderr, "%zu GPL rules checked with 'Lesser'\n", checked);
	assert_true(checked > 0);
	assert_int_equal(bad, 0);
}

static int has_expression(const struct file_result *r, const char *expr)
{
	size_t i;

	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].expression && !strcmp(r->findings[i].expression, expr) &&
		    !r->findings[i].problem)
			return 1;
	return 0;
}

static const char gpl2plus[] =
	" * This program is free software; you can redistribute it and/or\n"
	" * modify it under the terms of the GNU General Public License\n"
	" * as published by the Free Software Foundation; either version 2\n"
	" * of the License, or (at your option) any later version.\n *\n";

/* A notice followed by a long disclaimer from another license (the
 * kernel's esas2r and mpt3sas headers: EPL-1.0's NO WARRANTY sections):
 * the disclaimer, too partial to name, does not silence the notice. */
static void test_notice_before_disclaimer(void **state)
{
	struct idx_lic L;
	struct file_result r;
	struct buf b = BUF_INIT;
	const char *from, *to;

	(void)state;
	idx_lic(&idx, (size_t)idx_find(&idx, "EPL-1.0"), &L);
	from = strstr(L.text, "NO WARRANTY");
	to = from ? strstr(from, "POSSIBILITY OF SUCH DAMAGES") : NULL;
	assert_non_null(to);
	buf_adds(&b, "/*\n * Copyright (c) 2001-2013 ACME, Inc.\n *\n");
	buf_adds(&b, gpl2plus);
	buf_add(&b, from, (size_t)(to - from) + 27);
	buf_adds(&b, "\n */\n#include <linux/kernel.h>\n");
	detect(b.data, &r);
	assert_true(has_expression(&r, "GPL-2.0-or-later"));
	result_release(&r);
	buf_release(&b);
}

/* Two exceptions after one notice: each makes its own WITH. */
static void test_two_exceptions(void **state)
{
	struct file_result r;
	struct buf b = BUF_INIT;
	size_t i;

	(void)state;
	buf_adds(&b, "/*\n");
	buf_adds(&b, gpl2plus);
	buf_adds(&b, " * As a special exception, the copyright holders of this library give you\n"
		     " * permission to link this library with independent modules to produce an\n"
		     " * executable, regardless of the license terms of these independent\n"
		     " * modules, and to copy and distribute the resulting executable under terms\n"
		     " * of your choice, provided that you also meet, for each linked independent\n"
		     " * module, the terms and conditions of the license of that module. An\n"
		     " * independent module is a module which is not derived from or based on\n"
		     " * this library.\n *\n"
		     " * As a special exception to the GNU General Public License, if you\n"
		     " * distribute this file as part of a program that contains a configuration\n"
		     " * script generated by Autoconf, you may include it under the same\n"
		     " * distribution terms that you use for the rest of that program.\n */\n");
	detect(b.data, &r);
	for (i = 0; i < r.nfindings; i++)
		assert_null(r.findings[i].problem);
	assert_true(has_expression(&r, "GPL-2.0-or-later WITH Classpath-exception-2.0"));
	assert_true(has_expression(&r, "GPL-2.0-or-later WITH Autoconf-exception-generic"));
	result_release(&r);
	buf_release(&b);
}

/* A short rule does not reach across inserted words: "licensed under the
 * PSF License Version 2 and the Zero-Clause BSD license" is not 0BSD
 * alone, and the plain sentence still is. */
static void test_short_rule_not_spread(void **state)
{
	struct file_result r;

	(void)state;
	detect("# This file is licensed under the PSF License Version 2 and the "
	       "Zero-Clause BSD license.\n", &r);
	assert_false(has_expression(&r, "0BSD"));
	result_release(&r);
	detect("# This file is licensed under the Zero-Clause BSD license.\n", &r);
	assert_true(has_expression(&r, "0BSD"));
	result_release(&r);
}

/* The rule file reader names the line and the reason. */
static void test_format_errors(void **state)
{
	static const struct {
		const char *in, *msg;
	} bad[] = {
		{ "kind: notice\n", "line 1: a stanza starts with rule:" },
		{ "rule: a\nkind: nope\n", "line 2: unknown kind 'nope'" },
		{ "rule: a\ncolour: red\n", "line 2: unknown field 'colour'" },
		{ "rule: A b\n", "line 1: bad rule name" },
		{ "rule: a\nkind: notice\nexpression: MIT\ntext: too few words\npositive: x\n"
		  "negative: y\n", "fewer than 5 words" },
		{ "rule: a\nkind: notice\nexpression: MIT\ntext: {{x}} one two three four five\n"
		  "positive: x\nnegative: y\n", "a gap may not start or end" },
		{ "rule: a\nkind: notice\nexpression: MIT\ntext: one two {{x three four five six\n"
		  "positive: x\nnegative: y\n", "unclosed gap" },
		{ "rule: a\nkind: notice\nexpression: MIT\ntext: one two three four five\n"
		  "positive: x\n", "needs a positive: and a negative:" },
		{ "rule: a\nkind: false-positive\nexpression: MIT\ntext: one two three four five\n"
		  "positive: x\nnegative: y\n", "has no expression" },
		{ "rule: a\nkind: notice\n text\n", "line 3: continuation line outside" },
		{ "rule: a\nkind: notice\nkind: notice\n", "line 3: repeated field 'kind'" },
		{ "rule: a\nkind: notice\nexpression: MIT\ntext: one two three four five\n"
		  "positive: x\nnegative: y\n\nrule: a\n", "line 8: duplicate rule name 'a'" },
		{ "rule: a\nminimum-coverage: 0\n", "line 2: minimum-coverage is a percentage: '0'" },
		{ "rule: a\nminimum-coverage: 80%\n", "line 2: minimum-coverage is a percentage: '80%'" },
		{ "rule: a\nminimum-coverage: 4294967346\n", "minimum-coverage is a percentage" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct rulef_set s = RULEF_SET_INIT;
		struct perr e;

		assert_int_equal(rulef_parse(&s, "t.rules", bad[i].in, strlen(bad[i].in), &e), -1);
		if (!strstr(e.msg, bad[i].msg))
			fail_msg("case %zu: got '%s', want '%s'", i, e.msg, bad[i].msg);
		rulef_release(&s);
	}
}

/* A multi-line value: one leading space removed, " ." an empty line. */
static void test_format_values(void **state)
{
	static const char in[] = "# c\nrule: r.1\nkind: reference\nexpression: none\n"
				 "text:\n one two\n .\n three four five\npositive: p\n"
				 "negative:\n   indented\nnote: a note\n";
	struct rulef_set s = RULEF_SET_INIT;
	struct perr e;

	(void)state;
	assert_int_equal(rulef_parse(&s, "t.rules", in, strlen(in), &e), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.v[0].text, "one two\n\nthree four five");
	assert_null(s.v[0].expression);
	assert_string_equal(s.v[0].negative[0], "  indented");
	assert_string_equal(s.v[0].note, "a note");
	assert_int_equal(s.v[0].line, 2);
	rulef_release(&s);
}

static int count_method(const struct file_result *r, enum finding_method m)
{
	size_t i;
	int n = 0;

	for (i = 0; i < r->nfindings; i++)
		n += r->findings[i].kind == FK_LICENSE && r->findings[i].method == m;
	return n;
}

/* A full text beats the notice in its own appendix. */
static void test_text_beats_notice(void **state)
{
	struct idx_lic L;
	struct file_result r;
	char *t;

	(void)state;
	idx_lic(&idx, (size_t)idx_find(&idx, "GPL-2.0-only"), &L);
	t = xstrndup(L.text, L.text_len);
	assert_non_null(strstr(t, "either version 2 of the License, or"));
	detect(t, &r);
	assert_int_equal(count_method(&r, FM_TEXT), 1);
	assert_int_equal(count_method(&r, FM_NOTICE), 0);
	result_release(&r);
	free(t);
}

/* Notice and tag disagree: both kept, the notice says it conflicts; a
 * text match of the GPL agrees with a tag of either GPL-2.0 form. */
static void test_tag_conflict(void **state)
{
	static const char conflict[] =
		"// SPDX-License-Identifier: MIT\n"
		"/* This program is free software; you can redistribute it and/or modify\n"
		" * it under the terms of the GNU General Public License as published by\n"
		" * the Free Software Foundation; either version 2 of the License, or\n"
		" * (at your option) any later version. */\n";
	static const char agree[] =
		"// SPDX-License-Identifier: GPL-2.0-or-later\n"
		"/* This program is free software; you can redistribute it and/or modify\n"
		" * it under the terms of the GNU General Public License as published by\n"
		" * the Free Software Foundation; either version 2 of the License, or\n"
		" * (at your option) any later version. */\n";
	struct file_result r;
	size_t i;

	(void)state;
	detect(conflict, &r);
	assert_int_equal(count_method(&r, FM_SPDX_TAG), 1);
	assert_int_equal(count_method(&r, FM_NOTICE), 1);
	for (i = 0; i < r.nfindings; i++)
		if (r.findings[i].method == FM_NOTICE) {
			assert_string_equal(r.findings[i].expression, "GPL-2.0-or-later");
			assert_non_null(strstr(r.findings[i].problem, "conflicts with the SPDX tag at line 1"));
		}
	result_release(&r);
	detect(agree, &r);
	assert_int_equal(count_method(&r, FM_NOTICE), 1);
	for (i = 0; i < r.nfindings; i++)
		assert_null(r.findings[i].problem);
	assert_string_equal(r.expression, "GPL-2.0-or-later");
	result_release(&r);
}

/* One detector for many files, as a worker uses it: it remembers parsed
 * expressions, and what it says of a file must not depend on the files
 * before it.  More distinct tags than it remembers, valid, deprecated and
 * invalid, twice over, with and without a conflicting notice; each file
 * against a fresh detector, and the known answers. */
static void test_files_in_a_row(void **state)
{
	static const char *const tags[] = {
		"GPL-2.0", "GPL-2.0+", "MIT", "FOO-1.0", "GPL-2.0 OR BSD-3-Clause", "(MIT",
		"LGPL-2.1+", "Apache-2.0", "BSD-2-Clause", "ISC", "GPL-2.0 WITH Linux-syscall-note",
		"MPL-2.0", "Zlib", "X11", "0BSD", "Unlicense", "CC0-1.0", "BSL-1.0", "LGPL-2.0",
		"MIT AND MIT", "gpl-2.0-only",
	};
	static const char notice[] =
		"/* This program is free software; you can redistribute it and/or modify\n"
		" * it under the terms of the GNU General Public License as published by\n"
		" * the Free Software Foundation; either version 2 of the License, or\n"
		" * (at your option) any later version. */\n";
	struct detect_opts o = { &idx, 90 };
	struct detect *d = detect_new(&o);
	size_t i, k, ntags = sizeof(tags) / sizeof(tags[0]);

	(void)state;
	for (i = 0; i < 4 * ntags; i++) {
		struct buf t = BUF_INIT;
		struct file_result r, fresh;

		buf_printf(&t, "// SPDX-License-Identifier: %s\n%s", tags[i % ntags],
			   i / ntags % 2 ? notice : "int x;\n");
		result_init(&r);
		r.path = xstrdup("example.c");
		detect_text(d, t.data, t.len, &r);
		detect(t.data, &fresh);
		assert_int_equal(r.nfindings, fresh.nfindings);
		for (k = 0; k < r.nfindings; k++) {
			const struct finding *a = &r.findings[k], *b = &fresh.findings[k];

			assert_int_equal(a->method, b->method);
			assert_true(!a->expression == !b->expression);
			if (a->expression)
				assert_string_equal(a->expression, b->expression);
			assert_true(!a->problem == !b->problem);
			if (a->problem)
				assert_string_equal(a->problem, b->problem);
		}
		assert_true(!r.expression == !fresh.expression);
		if (r.expression)
			assert_string_equal(r.expression, fresh.expression);
		if (i % ntags == 0 && i / ntags % 2 == 0)
			assert_string_equal(r.expression, "GPL-2.0-only");
		if (i % ntags == 1 && i / ntags % 2 == 1)
			assert_string_equal(r.expression, "GPL-2.0-or-later");
		if (i % ntags == 2 && i / ntags % 2 == 1)
			assert_non_null(strstr(r.findings[1].problem, "conflicts with the SPDX tag"));
		if (i % ntags == 3)
			assert_non_null(strstr(r.findings[0].problem, "unknown license id 'FOO-1.0'"));
		if (i % ntags == 19 && i / ntags % 2 == 0)
			assert_string_equal(r.expression, "MIT");
		result_release(&r);
		result_release(&fresh);
		buf_release(&t);
	}
	detect_free(d);
}

/* A GPL text cannot say -only or -or-later: it agrees with a tag of
 * either form of its version, and conflicts with another license's. */
static void test_text_agrees_with_family_tag(void **state)
{
	struct idx_lic L;
	struct file_result r;
	struct buf b = BUF_INIT;
	size_t i, conflicts;
	const char *tag[] = { "GPL-2.0-or-later", "GPL-2.0-only", "MIT" };
	size_t t;

	(void)state;
	idx_lic(&idx, (size_t)idx_find(&idx, "GPL-2.0-only"), &L);
	for (t = 0; t < 3; t++) {
		buf_reset(&b);
		buf_printf(&b, "SPDX-License-Identifier: %s\n\n", tag[t]);
		buf_add(&b, L.text, L.text_len);
		detect(b.data, &r);
		assert_int_equal(count_method(&r, FM_TEXT), 1);
		for (i = 0, conflicts = 0; i < r.nfindings; i++)
			conflicts += r.findings[i].problem &&
				     strstr(r.findings[i].problem, "conflicts with the SPDX tag") != NULL;
		assert_int_equal(conflicts, t == 2);
		result_release(&r);
	}
	buf_release(&b);
}

/* An exception with no license near it is said so, with no expression. */
static void test_lone_exception(void **state)
{
	static const char lone[] =
		"As a special exception, the copyright holders of this library give you\n"
		"permission to link this library with independent modules to produce an\n"
		"executable, regardless of the license terms of these independent\n"
		"modules, and to copy and distribute the resulting executable under\n"
		"terms of your choice, provided that you also meet the terms.\n";
	struct file_result r;
	size_t i, n = 0;

	(void)state;
	detect(lone, &r);
	for (i = 0; i < r.nfindings; i++)
		if (r.findings[i].problem && strstr(r.findings[i].problem, "license exception")) {
			assert_null(r.findings[i].expression);
			n++;
		}
	assert_int_equal(n, 1);
	assert_null(r.expression);
	result_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_errors),
		cmocka_unit_test(test_format_values),
		cmocka_unit_test(test_index_holds_rules),
		cmocka_unit_test(test_expressions),
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_numbers_must_match),
		cmocka_unit_test(test_qualifiers_must_match),
		cmocka_unit_test(test_text_beats_notice),
		cmocka_unit_test(test_tag_conflict),
		cmocka_unit_test(test_text_agrees_with_family_tag),
		cmocka_unit_test(test_lone_exception),
		cmocka_unit_test(test_notice_before_disclaimer),
		cmocka_unit_test(test_two_exceptions),
		cmocka_unit_test(test_short_rule_not_spread),
		cmocka_unit_test(test_files_in_a_row),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
