/* SPDX-License-Identifier: MIT */
/* report_json.c -- the result model as JSON (one document) and JSON Lines.
 *
 * Field names are DESIGN's result model, a contract.  Records are written
 * straight into a buffer (jsonw.h: as json-c would print them), one per
 * line, in path order, so the json document streams too: {"tool":...,
 * "files":[ <record>,\n ... ], "summary":{...}}; the summary is built
 * with json-c.  Key order is fixed by the code below. */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "jsonw.h"
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

static void finding_json(struct jw *w, const struct finding *f)
{
	size_t i;

	jw_open(w, NULL, '{');
	jw_str(w, "kind", result_kind_name(f->kind));
	if (f->kind == FK_LICENSE) {
		jw_str(w, "method", result_method_name(f->method));
		jw_str(w, "expression", f->expression);
	}
	if (f->problem)
		jw_str(w, "problem", f->problem);
	if (f->note)
		jw_str(w, "note", f->note);
	if (f->start_line) {
		jw_int(w, "start_line", f->start_line);
		jw_int(w, "end_line", f->end_line ? f->end_line : f->start_line);
	}
	if (f->score >= 0)
		jw_int(w, "score", f->score);
	if (f->coverage >= 0)
		jw_int(w, "coverage", f->coverage);
	if (f->extra_words >= 0) {
		jw_open(w, "unmatched_words", '{');
		jw_int(w, "file", f->extra_words);
		jw_int(w, "reference", f->missing_words);
		jw_close(w, '}');
	}
	if (f->rule)
		jw_str(w, "rule", f->rule);
	jw_str(w, "text", f->text);
	if (f->kind == FK_COPYRIGHT) {
		jw_open(w, "holders", '[');
		for (i = 0; i < f->nholders; i++)
			jw_str(w, NULL, f->holders[i]);
		jw_close(w, ']');
		jw_str(w, "years", f->years);
	}
	jw_close(w, '}');
}

static void package_json(struct jw *w, const struct package *p)
{
	jw_open(w, NULL, '{');
	jw_str(w, "ecosystem", p->ecosystem);
	jw_str(w, "namespace", p->namespace);
	jw_str(w, "name", p->name);
	jw_str(w, "version", p->version);
	jw_str(w, "declared", p->declared);
	jw_str(w, "declared_raw", p->declared_raw);
	jw_str(w, "supplier", p->supplier);
	jw_str(w, "homepage", p->homepage);
	jw_str(w, "problem", p->problem);
	jw_close(w, '}');
}

static void add_hex(struct jw *w, const char *k, const unsigned char *d, size_t n)
{
	char hex[65];

	hash_hex(d, n, hex);
	jw_str(w, k, hex);
}

/* One record, the result model's field order. */
static void record_json(struct buf *b, const struct file_result *r)
{
	struct jw w = JW_INIT(b);
	size_t i;

	jw_open(&w, NULL, '{');
	jw_str(&w, "path", r->path);
	jw_str(&w, "type", result_type_name(r->type));
	jw_str(&w, "status", result_status_name(r->status));
	jw_int(&w, "size", (int64_t)r->size);
	if (r->has_hashes) {
		add_hex(&w, "sha1", r->sha1, 20);
		add_hex(&w, "sha256", r->sha256, 32);
	}
	if (r->encoding)
		jw_str(&w, "encoding", r->encoding);
	if (r->mime)
		jw_str(&w, "mime", r->mime);
	if (r->target)
		jw_str(&w, "target", r->target);
	if (r->truncated)
		jw_bool(&w, "truncated", 1);
	jw_str(&w, "expression", r->expression);
	jw_open(&w, "findings", '[');
	for (i = 0; i < r->nfindings; i++)
		finding_json(&w, &r->findings[i]);
	jw_close(&w, ']');
	if (r->npackages) {
		jw_open(&w, "packages", '[');
		for (i = 0; i < r->npackages; i++)
			package_json(&w, &r->packages[i]);
		jw_close(&w, ']');
	}
	jw_str(&w, "error", r->error);
	jw_close(&w, '}');
}

static int put_record(struct report *rp, const struct file_result *r, const char *sep)
{
	struct buf b = BUF_INIT;
	int bad;

	buf_adds(&b, sep);
	record_json(&b, r);
	bad = fwrite(b.data, 1, b.len, rp->out) != b.len;
	buf_release(&b);
	return bad ? -1 : 0;
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
