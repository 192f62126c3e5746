/* SPDX-License-Identifier: MIT */
/* cmd_obligations.c -- `petal obligations [options] [PATH...]`: what the
 * licenses found ask of one use, grouped by license (rules/oblig.h).
 *
 * Also the scan shared with `petal notice` (cmd_notice.c): the common
 * options (cli.h) and -u, the pipeline into an oblig sink. */
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cmd.h"
#include "lic.h"
#include "version.h"

#define TEXT_FILES 20    /* paths listed per license in text output */

static const char oblig_usage[] =
	"usage: petal obligations [options] [PATH...]\n"
	"\n"
	"Scans directories, files and archives (default: .) and says, for each license\n"
	"found, which files and packages bring it, whom to credit, and what it asks of\n"
	"the use.  Where an expression offers a choice (A OR B), the less demanding\n"
	"license for the use is taken, and the choice is listed.  Inputs not analysed\n"
	"are listed at the end with the reason each.\n"
	"\n"
	"  -u, --use USE          internal, saas, distribute-binary (default),\n"
	"                         distribute-source\n"
	"  -f, --format FMT       text (default), json\n";

static const char oblig_exit[] = "Exit: 0 done, 2 usage error, 3 some inputs failed.\n";

static const struct option oblig_opts[] = {
	{ "use", required_argument, NULL, 'u' },
	{ NULL, 0, NULL, 0 },
};

static int oblig_opt(struct cli *c, int opt, const char *arg, void *ctx)
{
	struct oblig_cli *a = ctx;

	if (opt != 'u')
		return -1;
	if (lm_use_parse(arg, &a->use) < 0) {
		fprintf(stderr, "petal %s: unknown use: '%s'\n", c->name, arg);
		return -1;
	}
	return 0;
}

int oblig_cli_begin(struct oblig_cli *a, int argc, char **argv)
{
	int rc = cli_parse(&a->c, argc, argv, "u:", oblig_opts, oblig_opt, a);

	if (rc <= 0 || cli_open(&a->c) < 0)
		return rc == 0 ? EXIT_DONE : EXIT_USAGE;
	if (!a->c.format)
		a->c.format = a->c.formats[0];
	a->o = oblig_new(a->use);
	if (cli_run(&a->c, oblig_file, a->o) != 0) {
		cli_discard(&a->c);
		return EXIT_INPUT;
	}
	oblig_finish(a->o);
	return -1;
}

int oblig_cli_end(struct oblig_cli *a, int rc)
{
	if (rc < 0)
		rc = cli_close(&a->c, 0) < 0 || a->c.failures ? EXIT_INPUT : EXIT_DONE;
	oblig_free(a->o);
	a->o = NULL;
	cli_free(&a->c);
	return rc;
}

/* --- output -------------------------------------------------------------- */

static void put_obligs(FILE *f, unsigned bits, enum lm_scope scope)
{
	int i, n = 0;

	for (i = 0; i < LM_NOBLIGS; i++) {
		if (!(bits & 1u << i))
			continue;
		fprintf(f, "%s%s", n++ ? ", " : "", lm_oblig_name(1u << i));
		if ((1u << i) & (LM_DISCLOSE_SOURCE | LM_NETWORK_DISCLOSURE))
			fprintf(f, " (%s)", lm_scope_name(scope));
	}
	fputs(n ? "\n" : "none\n", f);
}

static void put_list(FILE *f, const char *label, const struct oblig_strs *s, size_t max)
{
	size_t i;

	if (!s->n)
		return;
	fprintf(f, "  %s (%zu):\n", label, s->n);
	for (i = 0; i < s->n && i < max; i++)
		fprintf(f, "    %s\n", s->v[i]);
	if (s->n > max)
		fprintf(f, "    ... %zu more (--format json lists all)\n", s->n - max);
}

static void text_group(FILE *f, const struct oblig_group *g)
{
	fprintf(f, "\n%s  [%s, %s]\n", g->license, lm_category_name(g->category),
		lm_basis_name(g->basis));
	if (*g->note)
		fprintf(f, "  note: %s\n", g->note);
	fputs("  obligations: ", f);
	if (g->res.unknown)
		fputs("unknown: review the license text\n", f);
	else
		put_obligs(f, g->res.oblig, g->res.scope);
	put_list(f, "files", &g->files, TEXT_FILES);
	put_list(f, "packages", &g->packages, TEXT_FILES);
	put_list(f, "copyright holders", &g->holders, (size_t)-1);
	put_list(f, "NOTICE files to reproduce", &g->notices, (size_t)-1);
}

/* Every input not analysed, all of them: what the obligations miss. */
static void text_unread(FILE *f, const struct oblig *o)
{
	size_t i, n = oblig_nunread(o);

	if (!n)
		return;
	fprintf(f, "\nNot analysed (%zu): licenses in these inputs are not counted above\n", n);
	for (i = 0; i < n; i++) {
		const struct oblig_unread *u = oblig_unread(o, i);

		fprintf(f, "  %s (%s: %s)\n", u->path, u->status, u->reason);
	}
}

static void write_text(FILE *f, const struct oblig *o)
{
	const struct oblig_totals *t = oblig_totals(o);
	size_t i;

	fprintf(f, "Obligations for %s: %zu license%s in %llu of %llu files and packages",
		lm_use_name(oblig_use(o)), oblig_ngroups(o), oblig_ngroups(o) == 1 ? "" : "s",
		(unsigned long long)t->with_license, (unsigned long long)t->files);
	if (oblig_nunread(o))
		fprintf(f, "; %zu not analysed (listed at the end)", oblig_nunread(o));
	fputc('\n', f);
	for (i = 0; i < oblig_ngroups(o); i++)
		text_group(f, oblig_group(o, i));
	if (oblig_nchoices(o))
		fprintf(f, "\nChoices made (A OR B: the less demanding for %s):\n",
			lm_use_name(oblig_use(o)));
	for (i = 0; i < oblig_nchoices(o); i++) {
		const struct oblig_choice *c = oblig_choice(o, i);

		fprintf(f, "  %s -> %s  (%llu)\n", c->expression, c->chosen,
			(unsigned long long)c->count);
	}
	fputs("\nAll together: ", f);
	put_obligs(f, t->oblig, t->scope);
	if (t->review)
		fprintf(f, "To review: %zu license%s without data\n", t->review,
			t->review == 1 ? "" : "s");
	if (t->invalid)
		fprintf(f, "Invalid expressions skipped: %llu\n", (unsigned long long)t->invalid);
	text_unread(f, o);
}

static json_object *strs_json(const struct oblig_strs *s)
{
	json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; i < s->n; i++)
		json_object_array_add(a, json_object_new_string(s->v[i]));
	return a;
}

static json_object *obligs_json(unsigned bits)
{
	json_object *a = json_object_new_array();
	int i;

	for (i = 0; i < LM_NOBLIGS; i++)
		if (bits & 1u << i)
			json_object_array_add(a, json_object_new_string(lm_oblig_name(1u << i)));
	return a;
}

static json_object *group_json(const struct oblig_group *g)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "license", json_object_new_string(g->license));
	json_object_object_add(o, "category", json_object_new_string(lm_category_name(g->category)));
	json_object_object_add(o, "basis", json_object_new_string(lm_basis_name(g->basis)));
	json_object_object_add(o, "note", *g->note ? json_object_new_string(g->note) : NULL);
	json_object_object_add(o, "review", json_object_new_boolean(g->res.unknown));
	json_object_object_add(o, "obligations", obligs_json(g->res.oblig));
	json_object_object_add(o, "source_scope", json_object_new_string(lm_scope_name(g->res.scope)));
	json_object_object_add(o, "files", strs_json(&g->files));
	json_object_object_add(o, "packages", strs_json(&g->packages));
	json_object_object_add(o, "holders", strs_json(&g->holders));
	json_object_object_add(o, "notice_files", strs_json(&g->notices));
	return o;
}

static json_object *unread_json(const struct oblig *o)
{
	json_object *a = json_object_new_array(), *u;
	size_t i;

	for (i = 0; i < oblig_nunread(o); i++) {
		const struct oblig_unread *r = oblig_unread(o, i);

		u = json_object_new_object();
		json_object_object_add(u, "path", json_object_new_string(r->path));
		json_object_object_add(u, "status", json_object_new_string(r->status));
		json_object_object_add(u, "reason", json_object_new_string(r->reason));
		json_object_array_add(a, u);
	}
	return a;
}

static void write_json(FILE *f, const struct oblig *o)
{
	const struct oblig_totals *t = oblig_totals(o);
	json_object *d = json_object_new_object(), *a = json_object_new_array(), *s;
	size_t i;

	json_object_object_add(d, "tool", json_object_new_string("petal"));
	json_object_object_add(d, "version", json_object_new_string(PETAL_VERSION));
	json_object_object_add(d, "license_list", json_object_new_string(lic_list_version()));
	json_object_object_add(d, "use", json_object_new_string(lm_use_name(oblig_use(o))));
	for (i = 0; i < oblig_ngroups(o); i++)
		json_object_array_add(a, group_json(oblig_group(o, i)));
	json_object_object_add(d, "licenses", a);
	a = json_object_new_array();
	for (i = 0; i < oblig_nchoices(o); i++) {
		const struct oblig_choice *c = oblig_choice(o, i);

		s = json_object_new_object();
		json_object_object_add(s, "expression", json_object_new_string(c->expression));
		json_object_object_add(s, "chosen", json_object_new_string(c->chosen));
		json_object_object_add(s, "why", json_object_new_string(c->why));
		json_object_object_add(s, "count", json_object_new_int64((int64_t)c->count));
		json_object_array_add(a, s);
	}
	json_object_object_add(d, "choices", a);
	json_object_object_add(d, "not_analysed", unread_json(o));
	s = json_object_new_object();
	json_object_object_add(s, "files", json_object_new_int64((int64_t)t->files));
	json_object_object_add(s, "with_license", json_object_new_int64((int64_t)t->with_license));
	json_object_object_add(s, "invalid_expressions", json_object_new_int64((int64_t)t->invalid));
	json_object_object_add(s, "obligations", obligs_json(t->oblig));
	json_object_object_add(s, "source_scope", json_object_new_string(lm_scope_name(t->scope)));
	json_object_object_add(s, "review", json_object_new_int64((int64_t)t->review));
	json_object_object_add(s, "failed", json_object_new_int64((int64_t)t->failed));
	json_object_object_add(s, "not_analysed", json_object_new_int64((int64_t)oblig_nunread(o)));
	json_object_object_add(d, "summary", s);
	fprintf(f, "%s\n", json_object_to_json_string_ext(d, JSON_C_TO_STRING_PRETTY |
							 JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(d);
}

int cmd_obligations(int argc, char **argv)
{
	static const char *const formats[] = { "text", "json", NULL };
	struct oblig_cli a = { .c = { .name = "obligations", .usage = oblig_usage,
				      .exit_help = oblig_exit, .formats = formats,
				      .what = "report" },
			       .use = LM_USE_BINARY };
	int rc = oblig_cli_begin(&a, argc, argv);

	errno = 0; /* what a failed write sets is the reason given */
	if (rc < 0 && !strcmp(a.c.format, "json"))
		write_json(a.c.out, a.o);
	else if (rc < 0)
		write_text(a.c.out, a.o);
	return oblig_cli_end(&a, rc);
}
