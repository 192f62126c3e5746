/* SPDX-License-Identifier: MIT */
/* report_json.c -- the result model as JSON (one document) and JSON Lines.
 *
 * Field names are DESIGN's result model, a contract.  Records are built
 * with json-c and printed plain, one per line, in path order, so the json
 * document streams too: {"tool":..., "files":[ <record>,\n ... ],
 * "summary":{...}}.  Key order is fixed by the code below. */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "lic.h"
#include "report.h"
#include "version.h"

#define JSON_FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

static void add_str(json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, v ? json_object_new_string(v) : NULL);
}

static void add_int(json_object *o, const char *k, int64_t v)
{
	json_object_object_add(o, k, json_object_new_int64(v));
}

static json_object *finding_json(const struct finding *f)
{
	json_object *o = json_object_new_object();
	size_t i;

	add_str(o, "kind", result_kind_name(f->kind));
	if (f->kind == FK_LICENSE) {
		add_str(o, "method", result_method_name(f->method));
		add_str(o, "expression", f->expression);
	}
	if (f->problem)
		add_str(o, "problem", f->problem);
	if (f->note)
		add_str(o, "note", f->note);
	if (f->start_line) {
		add_int(o, "start_line", f->start_line);
		add_int(o, "end_line", f->end_line ? f->end_line : f->start_line);
	}
	if (f->score >= 0)
		add_int(o, "score", f->score);
	if (f->coverage >= 0)
		add_int(o, "coverage", f->coverage);
	if (f->extra_words >= 0) {
		json_object *u = json_object_new_object();

		add_int(u, "file", f->extra_words);
		add_int(u, "reference", f->missing_words);
		json_object_object_add(o, "unmatched_words", u);
	}
	if (f->rule)
		add_str(o, "rule", f->rule);
	add_str(o, "text", f->text);
	if (f->kind == FK_COPYRIGHT) {
		json_object *h = json_object_new_array();

		for (i = 0; i < f->nholders; i++)
			json_object_array_add(h, json_object_new_string(f->holders[i]));
		json_object_object_add(o, "holders", h);
		add_str(o, "years", f->years);
	}
	return o;
}

static json_object *package_json(const struct package *p)
{
	json_object *o = json_object_new_object();

	add_str(o, "ecosystem", p->ecosystem);
	add_str(o, "namespace", p->namespace);
	add_str(o, "name", p->name);
	add_str(o, "version", p->version);
	add_str(o, "declared", p->declared);
	add_str(o, "declared_raw", p->declared_raw);
	add_str(o, "supplier", p->supplier);
	add_str(o, "homepage", p->homepage);
	add_str(o, "problem", p->problem);
	return o;
}

static void add_hex(json_object *o, const char *k, const unsigned char *d, size_t n)
{
	char hex[65];

	hash_hex(d, n, hex);
	add_str(o, k, hex);
}

static json_object *record_json(const struct file_result *r)
{
	json_object *o = json_object_new_object(), *fs = json_object_new_array();
	size_t i;

	add_str(o, "path", r->path);
	add_str(o, "type", result_type_name(r->type));
	add_str(o, "status", result_status_name(r->status));
	add_int(o, "size", (int64_t)r->size);
	if (r->has_hashes) {
		add_hex(o, "sha1", r->sha1, 20);
		add_hex(o, "sha256", r->sha256, 32);
	}
	if (r->encoding)
		add_str(o, "encoding", r->encoding);
	if (r->mime)
		add_str(o, "mime", r->mime);
	if (r->target)
		add_str(o, "target", r->target);
	if (r->truncated)
		json_object_object_add(o, "truncated", json_object_new_boolean(1));
	add_str(o, "expression", r->expression);
	for (i = 0; i < r->nfindings; i++)
		json_object_array_add(fs, finding_json(&r->findings[i]));
	json_object_object_add(o, "findings", fs);
	if (r->npackages) {
		json_object *ps = json_object_new_array();

		for (i = 0; i < r->npackages; i++)
			json_object_array_add(ps, package_json(&r->packages[i]));
		json_object_object_add(o, "packages", ps);
	}
	add_str(o, "error", r->error);
	return o;
}

static int put_record(struct report *rp, const struct file_result *r, const char *sep)
{
	json_object *o = record_json(r);
	int rc = fprintf(rp->out, "%s%s", sep, json_object_to_json_string_ext(o, JSON_FLAGS));

	json_object_put(o);
	return rc < 0 ? -1 : 0;
}

static json_object *summary_json(const struct report_summary *s)
{
	json_object *o = json_object_new_object(), *t = json_object_new_object();
	json_object *lics = json_object_new_array();
	struct report_license **v;
	size_t i, n;

	add_int(o, "files", (int64_t)s->files);
	add_int(o, "bytes", (int64_t)s->bytes);
	for (i = 0; i <= FT_SKIPPED; i++)
		add_int(t, result_type_name(i), (int64_t)s->by_type[i]);
	json_object_object_add(o, "types", t);
	add_int(o, "scanned", (int64_t)s->by_status[FS_SCANNED]);
	add_int(o, "skipped", (int64_t)s->by_status[FS_SKIPPED]);
	add_int(o, "failed", (int64_t)s->by_status[FS_FAILED]);
	add_int(o, "with_license", (int64_t)s->with_license);
	add_int(o, "text_without_license", (int64_t)s->text_without);
	add_int(o, "problems", (int64_t)s->problems);
	v = report_licenses_sorted(s, &n);
	for (i = 0; i < n; i++) {
		json_object *l = json_object_new_object();

		add_str(l, "expression", v[i]->expression);
		add_int(l, "files", (int64_t)v[i]->files);
		json_object_array_add(lics, l);
	}
	free(v);
	json_object_object_add(o, "licenses", lics);
	return o;
}

static int json_begin(struct report *rp)
{
	return fprintf(rp->out, "{\"tool\":\"petal\",\"version\":\"%s\",\"license_list\":\"%s\","
			       "\"files\":[",
		       PETAL_VERSION, lic_list_version()) < 0 ? -1 : 0;
}

static int json_file(struct report *rp, const struct file_result *r)
{
	return put_record(rp, r, rp->nwritten++ ? ",\n" : "\n");
}

static int json_end(struct report *rp)
{
	json_object *s = summary_json(&rp->sum);
	int rc = fprintf(rp->out, "\n],\n\"summary\":%s}\n",
			 json_object_to_json_string_ext(s, JSON_FLAGS));

	json_object_put(s);
	return rc < 0 ? -1 : 0;
}

static int jsonl_file(struct report *rp, const struct file_result *r)
{
	if (put_record(rp, r, "") < 0 || fputc('\n', rp->out) == EOF)
		return -1;
	return 0;
}

const struct report_ops report_json_ops = { "json", json_begin, json_file, json_end };
const struct report_ops report_jsonl_ops = { "jsonl", NULL, jsonl_file, NULL };
