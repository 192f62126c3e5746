/* SPDX-License-Identifier: MIT */
/* test_match.c -- license text matching on the real reference texts:
 * every text identifies itself; common licenses survive reformatting;
 * look-alikes and prose do not match; several texts in one file keep
 * their own spans. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "match.h"
#include "text.h"

static struct idx idx;

static int setup(void **state)
{
	struct perr e;

	(void)state;
	return idx_open(&idx, &e);
}

enum { WITH_LINES = 1, TEXTS_ONLY = 2 };

/* Runs the matcher over text; returns the findings' "id:coverage[:lines]"
 * joined by spaces (partial matches as "~id:coverage").  TEXTS_ONLY: the
 * license texts and unknown text only, not the notices and references
 * (the README's examples of them are what they are). */
static char *matches_of(const char *text, size_t len, int how)
{
	struct match_ctx *m = match_ctx_new(&idx);
	struct match_opts o = { MATCH_MIN_COVERAGE };
	struct file_result r;
	struct buf b = BUF_INIT;
	size_t i;

	result_init(&r);
	match_file(m, text, len, &o, &r);
	for (i = 0; i < r.nfindings; i++) {
		const struct finding *f = &r.findings[i];

		if ((how & TEXTS_ONLY) && f->method != FM_TEXT && f->method != FM_UNKNOWN)
			continue;
		buf_printf(&b, "%s%s%s:%d", b.len ? " " : "", f->expression ? "" : "~", f->rule,
			   f->coverage);
		if (how & WITH_LINES)
			buf_printf(&b, ":%u-%u", f->start_line, f->end_line);
	}
	result_release(&r);
	match_ctx_free(m);
	return buf_take(&b);
}

static char *matches(const char *text, size_t len, int lines)
{
	return matches_of(text, len, lines ? WITH_LINES : 0);
}

/* Every reference text in the index is itself, fully. */
static void test_self_identification(void **state)
{
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < idx_ntexts(&idx); i++) {
		struct idx_lic L;
		struct buf want = BUF_INIT;
		char *got;

		idx_lic(&idx, i, &L);
		buf_printf(&want, "%s:100", L.id);
		got = matches(L.text, L.text_len, 0);
		if (strcmp(got, want.data)) {
			print_message("self: %s gave '%s'\n", L.id, got);
			bad++;
		}
		free(got);
		buf_release(&want);
	}
	assert_int_equal(bad, 0);
}

/* The licenses most often met (by the usual surveys of package registries). */
static const char *const common[] = {
	"MIT", "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause", "GPL-2.0-only", "GPL-3.0-only",
	"LGPL-2.1-only", "LGPL-3.0-only", "AGPL-3.0-only", "MPL-2.0", "ISC", "0BSD", "Unlicense",
	"CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-3.0", "EPL-1.0", "EPL-2.0", "Zlib",
	"BSL-1.0", "Artistic-2.0", "WTFPL", "MIT-0", "X11", "BSD-4-Clause", "BSD-3-Clause-Clear",
	"Apache-1.1", "MPL-1.1", "Python-2.0", "PostgreSQL", "OpenSSL", "OFL-1.1", "CDDL-1.0",
	"EUPL-1.2", "MS-PL", "NCSA", "Unicode-DFS-2016", "bzip2-1.0.6", "BlueOak-1.0.0",
};

typedef void (*transform_fn)(const char *in, size_t n, struct buf *out);

/* Paragraphs kept, words re-flowed to 40 columns. */
static void rewrap40(const char *in, size_t n, struct buf *out)
{
	size_t i = 0, col = 0;

	while (i < n) {
		size_t j = i;

		while (j < n && in[j] != ' ' && in[j] != '\n' && in[j] != '\t')
			j++;
		if (j > i) {
			if (col && col + (j - i) >= 40) {
				buf_addc(out, '\n');
				col = 0;
			} else if (col) {
				buf_addc(out, ' ');
				col++;
			}
			buf_add(out, in + i, j - i);
			col += j - i;
		}
		if (j < n && in[j] == '\n' && j + 1 < n && in[j + 1] == '\n') {
			buf_adds(out, "\n\n");
			col = 0;
			j++;
		}
		i = j + 1;
	}
}

static void prefix_lines(const char *in, size_t n, struct buf *out, const char *pre)
{
	size_t i;

	buf_adds(out, pre);
	for (i = 0; i < n; i++) {
		buf_addc(out, in[i]);
		if (in[i] == '\n')
			buf_adds(out, pre);
	}
}

static void hash_prefix(const char *in, size_t n, struct buf *out)
{
	prefix_lines(in, n, out, "# ");
}

static void star_prefix(const char *in, size_t n, struct buf *out)
{
	prefix_lines(in, n, out, " * ");
}

static void slash_prefix(const char *in, size_t n, struct buf *out)
{
	prefix_lines(in, n, out, "// ");
}

static void c_comment(const char *in, size_t n, struct buf *out)
{
	buf_adds(out, "/*\n");
	star_prefix(in, n, out);
	buf_adds(out, "\n */\nint main(void) { return 0; }\n");
}

/* A copyright statement ("Copyright (c) ...", "Copyright <year> ...",
 * "Portions Copyright 1994 ...") at a line start: not terms. */
static int statement(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	if (len > 9 && !memcmp(s, "Portions ", 9))
		s += 9, len -= 9;
	return len > 11 && !memcmp(s, "Copyright ", 10) &&
	       (s[10] == '(' || s[10] == '<' || s[10] == '[' || (s[10] >= '0' && s[10] <= '9') ||
		!memcmp(s + 10, "\xc2\xa9", 2));
}

/* Each copyright statement becomes someone else's. */
static void new_holder(const char *in, size_t n, struct buf *out)
{
	size_t i = 0;

	while (i < n) {
		const char *eol = memchr(in + i, '\n', n - i);
		size_t len = eol ? (size_t)(eol - (in + i)) + 1 : n - i;

		if (statement(in + i, len))
			buf_adds(out, "Copyright (c) 2021-2023 ACME Corp. <legal@acme.example>\n");
		else
			buf_add(out, in + i, len);
		i += len;
	}
}

/* The first paragraph goes when it is a short title line. */
static void no_title(const char *in, size_t n, struct buf *out)
{
	const char *eol = memchr(in, '\n', n);
	size_t first = eol ? (size_t)(eol - in) : n;

	if (first < 60 && !memmem(in, first, "Copyright", 9) && first && in[first - 1] != '.')
		buf_add(out, in + first, n - first);
	else
		buf_add(out, in, n);
}

/* "1." at a line start becomes "a)", "2." "b)" ... */
static void renumber(const char *in, size_t n, struct buf *out)
{
	size_t i;
	int bol = 1;

	for (i = 0; i < n; i++) {
		size_t j = i;

		while (bol && j < n && (in[j] == ' ' || in[j] == '\t'))
			j++;
		if (bol && j + 1 < n && in[j] >= '1' && in[j] <= '9' && in[j + 1] == '.') {
			buf_add(out, in + i, j - i);
			buf_addc(out, (char)('a' + in[j] - '1'));
			buf_addc(out, ')');
			i = j + 1;
			bol = 0;
			continue;
		}
		buf_addc(out, in[i]);
		bol = in[i] == '\n';
	}
}

static void https(const char *in, size_t n, struct buf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (n - i >= 7 && !memcmp(in + i, "http://", 7)) {
			buf_adds(out, "https://");
			i += 6;
			continue;
		}
		buf_addc(out, in[i]);
	}
}

/* Typographer's quotes and en-dashes. */
static void curly(const char *in, size_t n, struct buf *out)
{
	size_t i;
	int open = 1;

	for (i = 0; i < n; i++) {
		if (in[i] == '"') {
			buf_adds(out, open ? "\xe2\x80\x9c" : "\xe2\x80\x9d");
			open = !open;
		} else if (in[i] == '\'') {
			buf_adds(out, "\xe2\x80\x99");
		} else if (in[i] == '-' && i && in[i - 1] == ' ') {
			buf_adds(out, "\xe2\x80\x93");
		} else {
			buf_addc(out, in[i]);
		}
	}
}

static void crlf(const char *in, size_t n, struct buf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (in[i] == '\n')
			buf_addc(out, '\r');
		buf_addc(out, in[i]);
	}
}

/* UTF-16LE with a BOM, decoded back the way the pipeline does. */
static void utf16(const char *in, size_t n, struct buf *out)
{
	struct buf wide = BUF_INIT, dec = BUF_INIT;
	const char *t;
	size_t i, tn;

	buf_add(&wide, "\xff\xfe", 2);
	for (i = 0; i < n; i++) { /* the texts are ASCII and Latin-1-ish; fine for a test */
		buf_addc(&wide, in[i]);
		buf_addc(&wide, 0);
	}
	text_decode((const unsigned char *)wide.data, wide.len, ENC_UTF16LE, &dec, &t, &tn);
	buf_add(out, t, tn);
	buf_release(&wide);
	buf_release(&dec);
}

static const struct {
	const char *name;
	transform_fn fn;
} transforms[] = {
	{ "rewrap40", rewrap40 },     { "hash", hash_prefix },   { "star", star_prefix },
	{ "slash", slash_prefix },    { "c-comment", c_comment }, { "holder", new_holder },
	{ "no-title", no_title },     { "renumber", renumber },   { "https", https },
	{ "curly", curly },           { "crlf", crlf },           { "utf16", utf16 },
};

/* Every common license, reformatted every way, is still itself (>= 99%). */
static void test_robustness(void **state)
{
	size_t i, t, bad = 0;

	(void)state;
	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++) {
		int k = idx_find(&idx, common[i]);
		struct idx_lic L;

		assert_true(k >= 0);
		idx_lic(&idx, (size_t)k, &L);
		for (t = 0; t < sizeof(transforms) / sizeof(transforms[0]); t++) {
			struct buf out = BUF_INIT;
			char *got, want[64];
			int cov = 0;

			transforms[t].fn(L.text, L.text_len, &out);
			got = matches(out.data, out.len, 0);
			snprintf(want, sizeof(want), "%s:", L.id);
			if (strncmp(got, want, strlen(want)) || strchr(got, ' ') ||
			    (cov = atoi(got + strlen(want))) < 99) {
				print_message("robust: %s %s gave '%s'\n", L.id, transforms[t].name, got);
				bad++;
			}
			free(got);
			buf_release(&out);
		}
	}
	assert_int_equal(bad, 0);
}

static char *text_of(const char *id)
{
	struct idx_lic L;
	int k = idx_find(&idx, id);

	assert_true(k >= 0);
	idx_lic(&idx, (size_t)k, &L);
	return strndup(L.text, L.text_len);
}

/* Replaces every occurrence of from in s (owned, freed) by to. */
static char *replace_all(char *s, const char *from, const char *to)
{
	struct buf b = BUF_INIT;
	const char *p = s, *q;

	while ((q = strstr(p, from)) != NULL) {
		buf_add(&b, p, (size_t)(q - p));
		buf_adds(&b, to);
		p = q + strlen(from);
	}
	buf_adds(&b, p);
	free(s);
	return buf_take(&b);
}

/* licenses/variables.tsv: the parts of a text the SPDX template lets
 * change.  BSD-3-Clause written for "the author" (bcryptjs' LICENSE) is
 * BSD-3-Clause, fully; the HP twin that names HP stays itself. */
static void test_replaceable_text(void **state)
{
	char *t = text_of("BSD-3-Clause"), *got;

	(void)state;
	t = replace_all(t, "COPYRIGHT HOLDERS AND CONTRIBUTORS", "AUTHOR");
	t = replace_all(t, "COPYRIGHT HOLDER OR CONTRIBUTORS", "AUTHOR");
	t = replace_all(t, "Neither the name of the copyright holder nor the names of its "
			   "contributors may", "The name of the author may not");
	assert_non_null(strstr(t, "The name of the author may not be used"));
	got = matches(t, strlen(t), 0);
	assert_string_equal(got, "BSD-3-Clause:100");
	free(got);
	free(t);
	t = text_of("BSD-3-Clause-HP");
	got = matches(t, strlen(t), 0);
	assert_string_equal(got, "BSD-3-Clause-HP:100");
	free(got);
	free(t);
}

/* A COPYING.LESSER holds the LGPL-3.0's own terms without the GPL-3.0
 * that SPDX's text appends: still LGPL-3.0; the GPL-3.0 alone is not. */
static void test_lgpl3_without_gpl3(void **state)
{
	char *t = text_of("LGPL-3.0-only"), *cut = strstr(t, "GNU GENERAL PUBLIC LICENSE"), *got;

	(void)state;
	assert_non_null(cut);
	*cut = '\0';
	got = matches(t, strlen(t), 0);
	assert_string_equal(got, "LGPL-3.0-only:100");
	free(got);
	free(t);
	t = text_of("GPL-3.0-only");
	got = matches(t, strlen(t), 0);
	assert_string_equal(got, "GPL-3.0-only:100");
	free(got);
	free(t);
}

/* License terms in wording no known text uses (written here, for this
 * test): a reviewer is told; the same words as a list are not prose. */
static void test_novel_license_text(void **state)
{
	static const char novel[] =
		"Frobnitz Community Terms\n\n"
		"The maintainers hereby grant you permission to use, copy and modify the\n"
		"program, and to distribute or redistribute it, subject to the conditions\n"
		"below.  No right to sublicense is granted.  The licensee must keep these\n"
		"terms with every copy; redistribution in any form must carry them too.\n"
		"The licensor gives no warranty: all warranties of merchantability or\n"
		"fitness, and of noninfringement, are disclaimed.  In no case is the\n"
		"licensor liable for damages, whether incidental, consequential or\n"
		"exemplary, in contract or in tort (negligence included), nor for any\n"
		"patent infringement.  A breach of these terms ends your rights at once;\n"
		"upon termination you must cease use.  This grant is perpetual and\n"
		"irrevocable otherwise, and no royalty is due.  Any derivative of the\n"
		"program is licensed under these same terms, notwithstanding anything\n"
		"herein or in the documentation thereof.  The courts of the licensor's\n"
		"jurisdiction decide all disputes, and you agree to indemnify the\n"
		"licensor against all obligations arising from your use.\n";
	static const char list[] =
		"static const char *terms[] = { \"permission\", \"granted\", \"redistribute\",\n"
		"\"modify\", \"distribute\", \"sublicense\", \"warranty\", \"warranties\",\n"
		"\"merchantability\", \"fitness\", \"liability\", \"liable\", \"damages\",\n"
		"\"infringement\", \"licensee\", \"licensor\", \"royalty\", \"perpetual\",\n"
		"\"irrevocable\", \"indemnify\", \"disclaimer\", \"derivative\", \"tort\" };\n";
	struct match_ctx *m = match_ctx_new(&idx);
	struct match_opts o = { MATCH_MIN_COVERAGE };
	struct file_result r;

	(void)state;
	result_init(&r);
	match_file(m, novel, strlen(novel), &o, &r);
	assert_int_equal(r.nfindings, 1);
	assert_int_equal(r.findings[0].method, FM_UNKNOWN);
	assert_null(r.findings[0].expression);
	assert_non_null(strstr(r.findings[0].problem, "distinct legal terms"));
	assert_true(r.findings[0].start_line <= 3 && r.findings[0].end_line == 17);
	result_release(&r);
	result_init(&r);
	match_file(m, list, strlen(list), &o, &r);
	assert_int_equal(r.nfindings, 0);
	result_release(&r);
	match_ctx_free(m);
}

/* Prose, code and a bare license name are not license texts. */
static void test_negatives(void **state)
{
	static const char *const texts[] = {
		"GPL\n",
		"This project is licensed under the GPL. See the LICENSE file for details.\n",
		"int main(int argc, char **argv)\n{\n\t/* parse the options */\n\treturn 0;\n}\n",
		"The quick brown fox jumps over the lazy dog. Permission to land was granted by\n"
		"the tower; the pilot had a license and a warranty card in her pocket, and she\n"
		"said the copyright on the song belonged to someone else entirely.\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char *got = matches(texts[i], strlen(texts[i]), 0);

		if (*got)
			fail_msg("'%s' matched %s", texts[i], got);
		free(got);
	}
}

/* This project's own sources, tags removed, match nothing. */
static void test_own_sources(void **state)
{
	static const char *const files[] = { "scanner/pipeline.c", "scanner/arc.c", "rules/expr.c",
					      "rules/match.c", "README.md" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[512], *got, *data;
		FILE *f;
		long n;

		snprintf(path, sizeof(path), "%s/%s", getenv("SRC") ? getenv("SRC") : ".", files[i]);
		f = fopen(path, "rb");
		assert_non_null(f);
		fseek(f, 0, SEEK_END);
		n = ftell(f);
		fseek(f, 0, SEEK_SET);
		data = malloc((size_t)n + 1);
		assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
		fclose(f);
		memcpy(data, "/* no tag here: the first line is gone ", 39 < n ? 39 : (size_t)n);
		got = matches_of(data, (size_t)n, TEXTS_ONLY);
		if (*got)
			fail_msg("%s matched %s", files[i], got);
		free(got);
		free(data);
	}
}

/* Two texts in one file, each with its own span; a text twice is twice. */
static void test_concatenated(void **state)
{
	char *mit = text_of("MIT"), *bsd = text_of("BSD-3-Clause"), *got;
	struct buf b = BUF_INIT;

	(void)state;
	buf_printf(&b, "%s\n---- and the vendored part ----\n\n%s", mit, bsd);
	got = matches(b.data, b.len, 1);
	/* MIT is lines 1-18; the BSD text (11 lines) starts at 21 with its copyright
	 * line, which is not terms: its terms are lines 23-31 */
	assert_string_equal(got, "MIT:100:1-18 BSD-3-Clause:100:23-31");
	free(got);
	buf_reset(&b);
	buf_printf(&b, "%s\n\n%s", mit, mit);
	got = matches(b.data, b.len, 1);
	assert_string_equal(got, "MIT:100:1-18 MIT:100:20-37");
	free(got);
	buf_release(&b);
	free(mit);
	free(bsd);
}

/* Old Mac line ends (a lone \r) count as lines, as they do for tags. */
static void test_cr_lines(void **state)
{
	char *mit = text_of("MIT"), *got;
	size_t i;

	(void)state;
	for (i = 0; mit[i]; i++)
		if (mit[i] == '\n')
			mit[i] = '\r';
	got = matches(mit, strlen(mit), 1);
	assert_string_equal(got, "MIT:100:1-18");
	free(got);
	free(mit);
}

/* Near twins are told apart by the words that differ. */
static void test_twins(void **state)
{
	static const char *const ids[] = { "BSD-2-Clause", "BSD-3-Clause", "BSD-4-Clause",
					   "BSD-3-Clause-Clear", "0BSD", "MIT", "MIT-0", "X11", "ISC",
					   "Apache-1.1", "Apache-2.0", "GPL-2.0-only", "GPL-3.0-only",
					   "LGPL-2.1-only", "LGPL-3.0-only", "AGPL-3.0-only", "MPL-1.1",
					   "MPL-2.0", "CC-BY-3.0", "CC-BY-4.0", "CC-BY-SA-4.0",
					   "Unlicense", "CC0-1.0" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		char *t = text_of(ids[i]), *got = matches(t, strlen(t), 0), want[64];

		snprintf(want, sizeof(want), "%s:100", ids[i]);
		assert_string_equal(got, want);
		free(got);
		free(t);
	}
}

/* A quarter of a long license text is license-like but no license: it is
 * reported as unknown license text, with the closest known one. */
static void test_unknown(void **state)
{
	char *epl = text_of("EPL-1.0");
	size_t n = strlen(epl), a = n * 60 / 100, b = n * 85 / 100;
	struct match_ctx *m = match_ctx_new(&idx);
	struct match_opts o = { MATCH_MIN_COVERAGE };
	struct file_result r;

	(void)state;
	result_init(&r);
	match_file(m, epl + a, b - a, &o, &r);
	assert_int_equal(r.nfindings, 1);
	assert_int_equal(r.findings[0].method, FM_UNKNOWN);
	assert_null(r.findings[0].expression);
	assert_non_null(strstr(r.findings[0].problem, "license-like text not identified"));
	assert_non_null(strstr(r.findings[0].problem, "closest: "));
	assert_true(r.findings[0].start_line >= 1 && r.findings[0].end_line > r.findings[0].start_line);
	/* the span, whole, for an SBOM's extracted text */
	assert_non_null(r.findings[0].span);
	assert_non_null(strstr(epl + a, r.findings[0].span));
	assert_true(strlen(r.findings[0].span) > strlen(r.findings[0].text) + 1000);
	result_release(&r);
	match_ctx_free(m);
	free(epl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_self_identification),
		cmocka_unit_test(test_robustness),
		cmocka_unit_test(test_negatives),
		cmocka_unit_test(test_own_sources),
		cmocka_unit_test(test_concatenated),
		cmocka_unit_test(test_twins),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_cr_lines),
		cmocka_unit_test(test_replaceable_text),
		cmocka_unit_test(test_lgpl3_without_gpl3),
		cmocka_unit_test(test_novel_license_text),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
