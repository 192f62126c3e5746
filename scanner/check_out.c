/* SPDX-License-Identifier: MIT */
/* check_out.c -- the gate's report: text, json, sarif (2.1.0), junit.
 *
 * Every writer reads the judged entries of a finished struct check and
 * lists the hits that are not a plain pass: violations (fail), warnings
 * (review), and what exceptions or the baseline accepted, each with its
 * file, lines, license, the policy rule and the evidence.  Output depends
 * only on the results and the policy, so it is the same for any -j. */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "text.h"
#include "version.h"

#define JSON_FLAGS (JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | \
		    JSON_C_TO_STRING_NOSLASHESCAPE)
#define EVIDENCE_SHOWN 200 /* bytes of evidence in text and junit output */

/* Visits every hit worth reporting: not a pass, or a pass an exception made. */
typedef int (*hit_fn)(void *ctx, const struct check_entry *en, size_t i);

static int each_hit(const struct check *ck, hit_fn fn, void *ctx)
{
	size_t i, j;

	for (i = 0; i < ck->nfiles; i++)
		for (j = 0; j < ck->files[i].v.nhits; j++)
			if (ck->files[i].v.hits[j].raw > POLICY_PASS &&
			    fn(ctx, &ck->files[i], j) < 0)
				return -1;
	return 0;
}

static const char *hit_state(const struct check_entry *en, size_t i)
{
	const struct policy_hit *h = &en->v.hits[i];

	if (h->waived)
		return "excepted";
	if (en->baselined && en->baselined[i])
		return "baseline";
	return policy_verdict_name(h->verdict);
}

/* The first line of the evidence, cut, for one-line displays. */
static char *first_line(const char *s)
{
	size_t n = s ? strcspn(s, "\r\n") : 0;

	return xstrndup(s ? s : "", text_cut(s ? s : "", n, EVIDENCE_SHOWN));
}

static void describe(struct buf *b, const struct policy_hit *h)
{
	const struct policy_rule *r = h->rule;

	buf_printf(b, "%s: %s %s", h->license,
		   r->verdict == POLICY_FAIL ? "denied by" : "needs review by", r->id);
	if (r->line)
		buf_printf(b, " (policy line %u)", r->line);
	if (h->leaf && strcmp(h->leaf, h->license))
		buf_printf(b, ", decided by %s", h->leaf);
	if (h->note)
		buf_printf(b, "; %s", h->note);
}

/* --- text -------------------------------------------------------------------- */

static int text_hit(void *ctx, const struct check_entry *en, size_t i)
{
	FILE *out = ctx;
	const struct policy_hit *h = &en->v.hits[i];
	const char *st = hit_state(en, i);
	struct buf b = BUF_INIT;
	char *ev;
	int bad;

	if (h->waived)
		return 0;
	describe(&b, h);
	ev = first_line(h->evidence);
	bad = fprintf(out, "%-7s %s", !strcmp(st, "fail") ? "FAIL" : !strcmp(st, "review")
				      ? "REVIEW" : "BASELINE", en->r.path) < 0;
	if (h->start_line)
		bad |= fprintf(out, ":%u", h->start_line) < 0;
	bad |= fprintf(out, ": %s\n", b.data) < 0;
	if (*ev)
		bad |= fprintf(out, "        %s\n", ev) < 0;
	free(ev);
	buf_release(&b);
	return bad ? -1 : 0;
}

int check_write_text(const struct check *ck, FILE *out)
{
	const struct check_summary *s = &ck->sum;
	size_t i;

	if (each_hit(ck, text_hit, out) < 0)
		return -1;
	for (i = 0; i < ck->nfiles; i++)
		if (ck->files[i].r.status == FS_FAILED)
			fprintf(out, "ERROR   %s: %s\n", ck->files[i].r.path,
				ck->files[i].r.error ? ck->files[i].r.error : "failed");
	fprintf(out, "\npetal check (use: %s): %llu files: %llu pass, %llu review, %llu fail\n",
		policy_use_name(ck->p->use), (unsigned long long)s->files,
		(unsigned long long)s->pass, (unsigned long long)s->review,
		(unsigned long long)s->fail);
	return fprintf(out, "%llu violations, %llu in the baseline, %llu warnings, "
			    "%llu accepted by exceptions, %llu scan errors: %s\n",
		       (unsigned long long)s->violations, (unsigned long long)s->baselined,
		       (unsigned long long)s->warnings, (unsigned long long)s->excepted,
		       (unsigned long long)s->failed,
		       s->failed ? "SCAN ERROR" : s->violations ? "FAIL" : "PASS") < 0 ? -1 : 0;
}

/* --- json -------------------------------------------------------------------- */

static void jset(json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, v ? json_object_new_string(v) : NULL);
}

static void jint(json_object *o, const char *k, uint64_t v)
{
	json_object_object_add(o, k, json_object_new_int64((int64_t)v));
}

static json_object *hit_json(const struct check_entry *en, size_t i)
{
	const struct policy_hit *h = &en->v.hits[i];
	json_object *o = json_object_new_object();

	jset(o, "path", en->r.path);
	jset(o, "license", h->license);
	jset(o, "rule", h->rule->id);
	jset(o, "verdict", policy_verdict_name(h->raw));
	jset(o, "state", hit_state(en, i));
	jset(o, "decided_by", h->leaf);
	if (h->start_line) {
		jint(o, "start_line", h->start_line);
		jint(o, "end_line", h->end_line);
	}
	jset(o, "evidence", h->evidence);
	jset(o, "note", h->note);
	if (h->rule->line)
		jint(o, "policy_line", h->rule->line);
	if (h->waived) {
		jset(o, "exception", h->waived->reason);
		jint(o, "exception_line", h->waived->line);
	}
	return o;
}

static int json_hit(void *ctx, const struct check_entry *en, size_t i)
{
	json_object_array_add(ctx, hit_json(en, i));
	return 0;
}

static json_object *summary_json(const struct check_summary *s)
{
	json_object *o = json_object_new_object();

	jint(o, "files", s->files);
	jint(o, "pass", s->pass);
	jint(o, "review", s->review);
	jint(o, "fail", s->fail);
	jint(o, "violations", s->violations);
	jint(o, "baselined", s->baselined);
	jint(o, "warnings", s->warnings);
	jint(o, "excepted", s->excepted);
	jint(o, "scan_errors", s->failed);
	return o;
}

int check_write_json(const struct check *ck, FILE *out)
{
	json_object *o = json_object_new_object(), *files = json_object_new_array();
	json_object *viol = json_object_new_array();
	size_t i;
	int rc;

	jset(o, "tool", "petal");
	jset(o, "version", PETAL_VERSION);
	jset(o, "use", policy_use_name(ck->p->use));
	for (i = 0; i < ck->nfiles; i++) {
		const struct check_entry *en = &ck->files[i];
		json_object *f = json_object_new_object();

		jset(f, "path", en->r.path);
		jset(f, "verdict", en->r.status == FS_FAILED ? "error"
				   : policy_verdict_name(en->v.verdict));
		jset(f, "status", result_status_name(en->r.status));
		jset(f, "expression", en->r.expression);
		if (en->r.error) /* why it failed, or why it was skipped */
			jset(f, "error", en->r.error);
		json_object_array_add(files, f);
	}
	json_object_object_add(o, "files", files);
	each_hit(ck, json_hit, viol);
	json_object_object_add(o, "violations", viol);
	json_object_object_add(o, "summary", summary_json(&ck->sum));
	rc = fprintf(out, "%s\n", json_object_to_json_string_ext(o, JSON_FLAGS));
	json_object_put(o);
	return rc < 0 ? -1 : 0;
}

/* --- sarif ------------------------------------------------------------------- */

struct sarif {
	const struct check *ck;
	const struct policy_rule **rules; /* owned array, borrowed rules */
	size_t nrules;
	json_object *results;
};

static size_t rule_index(struct sarif *s, const struct policy_rule *r)
{
	size_t i;

	for (i = 0; i < s->nrules; i++)
		if (!strcmp(s->rules[i]->id, r->id))
			return i;
	s->rules = xrealloc(s->rules, (s->nrules + 1) * sizeof(*s->rules));
	s->rules[s->nrules] = r;
	return s->nrules++;
}

/* The rules that can give a result, in policy order, deduplicated. */
static void collect_rules(struct sarif *s)
{
	const struct policy *p = s->ck->p;
	size_t i, u;

	for (i = 0; i < p->top.n; i++)
		if (p->top.rules[i].verdict > POLICY_PASS)
			rule_index(s, &p->top.rules[i]);
	for (u = 0; u < POLICY_NUSES; u++)
		for (i = 0; i < p->when[u].n; i++)
			if (u == p->use && p->when[u].rules[i].verdict > POLICY_PASS)
				rule_index(s, &p->when[u].rules[i]);
	for (i = 0; i < POLICY_NTREAT; i++)
		if (p->treat[i].verdict > POLICY_PASS)
			rule_index(s, &p->treat[i]);
	if (p->dflt.verdict > POLICY_PASS)
		rule_index(s, &p->dflt);
}

static const char *level(enum policy_verdict v)
{
	return v == POLICY_FAIL ? "error" : v == POLICY_REVIEW ? "warning" : "note";
}

static json_object *rule_json(const struct policy_rule *r)
{
	json_object *o = json_object_new_object(), *d = json_object_new_object();
	json_object *c = json_object_new_object(), *pr = json_object_new_object();
	struct buf b = BUF_INIT;

	jset(o, "id", r->id);
	buf_printf(&b, "%s %s", r->verdict == POLICY_FAIL ? "Denied by the policy:"
							  : "Needs review under the policy:", r->entry);
	jset(d, "text", b.data);
	buf_release(&b);
	json_object_object_add(o, "shortDescription", d);
	jset(c, "level", level(r->verdict));
	json_object_object_add(o, "defaultConfiguration", c);
	if (r->line)
		jint(pr, "policyLine", r->line);
	jset(pr, "entry", r->entry);
	json_object_object_add(o, "properties", pr);
	return o;
}

/* A relative URI reference: unreserved bytes, '/' and '!' kept. */
static char *uri_path(const char *s)
{
	struct buf b = BUF_INIT;

	text_pct_encode(&b, s, "/!");
	return buf_take(&b);
}

static json_object *location(const struct check *ck, const struct check_entry *en,
			     const struct policy_hit *h)
{
	json_object *loc = json_object_new_object(), *ph = json_object_new_object();
	json_object *art = json_object_new_object();
	char *u = uri_path(ck->roots[en->root].uri ? en->rel : en->r.path);
	char base[32];

	jset(art, "uri", u);
	free(u);
	if (ck->roots[en->root].uri) {
		snprintf(base, sizeof(base), "ROOT%zu", en->root);
		jset(art, "uriBaseId", base);
	}
	json_object_object_add(ph, "artifactLocation", art);
	if (h && h->start_line) {
		json_object *rg = json_object_new_object();

		jint(rg, "startLine", h->start_line);
		jint(rg, "endLine", h->end_line >= h->start_line ? h->end_line : h->start_line);
		if (h->evidence) {
			json_object *sn = json_object_new_object();

			jset(sn, "text", h->evidence);
			json_object_object_add(rg, "snippet", sn);
		}
		json_object_object_add(ph, "region", rg);
	}
	json_object_object_add(loc, "physicalLocation", ph);
	return loc;
}

static int sarif_hit(void *ctx, const struct check_entry *en, size_t i)
{
	struct sarif *s = ctx;
	const struct policy_hit *h = &en->v.hits[i];
	json_object *o = json_object_new_object(), *m = json_object_new_object();
	json_object *locs = json_object_new_array();
	struct buf b = BUF_INIT;

	jset(o, "ruleId", h->rule->id);
	jint(o, "ruleIndex", rule_index(s, h->rule));
	jset(o, "level", level(h->raw));
	describe(&b, h);
	jset(m, "text", b.data);
	buf_release(&b);
	json_object_object_add(o, "message", m);
	json_object_array_add(locs, location(s->ck, en, h));
	json_object_object_add(o, "locations", locs);
	if (s->ck->nbase)
		jset(o, "baselineState", en->baselined[i] ? "unchanged" : "new");
	if (h->waived) {
		json_object *sup = json_object_new_array(), *one = json_object_new_object();

		jset(one, "kind", "external");
		jset(one, "status", "accepted");
		jset(one, "justification", h->waived->reason);
		json_object_array_add(sup, one);
		json_object_object_add(o, "suppressions", sup);
	}
	json_object_array_add(s->results, o);
	return 0;
}

static json_object *sarif_tool(struct sarif *s)
{
	json_object *tool = json_object_new_object(), *drv = json_object_new_object();
	json_object *rules = json_object_new_array();
	size_t i;

	jset(drv, "name", "petal");
	jset(drv, "version", PETAL_VERSION);
	for (i = 0; i < s->nrules; i++)
		json_object_array_add(rules, rule_json(s->rules[i]));
	json_object_object_add(drv, "rules", rules);
	json_object_object_add(tool, "driver", drv);
	return tool;
}

static json_object *sarif_invocation(const struct check *ck)
{
	json_object *inv = json_object_new_object(), *notes = json_object_new_array();
	size_t i;

	for (i = 0; i < ck->nfiles; i++) {
		const struct check_entry *en = &ck->files[i];
		json_object *n, *m, *locs;
		struct buf b = BUF_INIT;

		if (en->r.status != FS_FAILED)
			continue;
		n = json_object_new_object(), m = json_object_new_object();
		locs = json_object_new_array();
		buf_printf(&b, "%s: %s", en->r.path, en->r.error ? en->r.error : "failed");
		jset(m, "text", b.data);
		buf_release(&b);
		jset(n, "level", "error");
		json_object_object_add(n, "message", m);
		json_object_array_add(locs, location(ck, en, NULL));
		json_object_object_add(n, "locations", locs);
		json_object_array_add(notes, n);
	}
	json_object_object_add(inv, "executionSuccessful",
			       json_object_new_boolean(ck->sum.failed == 0));
	json_object_object_add(inv, "toolExecutionNotifications", notes);
	return inv;
}

static json_object *sarif_bases(const struct check *ck)
{
	json_object *o = json_object_new_object();
	size_t i;

	for (i = 0; i < ck->nroots; i++)
		if (ck->roots[i].uri) {
			json_object *b = json_object_new_object();
			char name[32];

			snprintf(name, sizeof(name), "ROOT%zu", i);
			jset(b, "uri", ck->roots[i].uri);
			json_object_object_add(o, name, b);
		}
	return o;
}

int check_write_sarif(const struct check *ck, FILE *out)
{
	struct sarif s = { ck, NULL, 0, json_object_new_array() };
	json_object *o = json_object_new_object(), *runs = json_object_new_array();
	json_object *run = json_object_new_object(), *invs = json_object_new_array();
	int rc;

	collect_rules(&s);
	each_hit(ck, sarif_hit, &s);
	jset(o, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	jset(o, "version", "2.1.0");
	json_object_object_add(run, "tool", sarif_tool(&s));
	json_object_array_add(invs, sarif_invocation(ck));
	json_object_object_add(run, "invocations", invs);
	json_object_object_add(run, "originalUriBaseIds", sarif_bases(ck));
	json_object_object_add(run, "results", s.results);
	json_object_array_add(runs, run);
	json_object_object_add(o, "runs", runs);
	rc = fprintf(out, "%s\n", json_object_to_json_string_ext(o, JSON_FLAGS));
	json_object_put(o);
	free(s.rules);
	return rc < 0 ? -1 : 0;
}

/* --- junit ------------------------------------------------------------------- */

/* XML 1.0 text: markup escaped; control bytes and U+FFFE/U+FFFF (not
 * allowed in XML) become U+FFFD.  Input is valid UTF-8 (result.h). */
static void xml(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; p && *p; p++) {
		if (*p == '&')
			buf_adds(b, "&amp;");
		else if (*p == '<')
			buf_adds(b, "&lt;");
		else if (*p == '>')
			buf_adds(b, "&gt;");
		else if (*p == '"')
			buf_adds(b, "&quot;");
		else if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			buf_adds(b, "\xEF\xBF\xBD");
		else if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
			buf_adds(b, "\xEF\xBF\xBD"), p += 2;
		else
			buf_addc(b, (char)*p);
	}
}

static void junit_lines(struct buf *b, const struct check_entry *en, int fails)
{
	size_t i;

	for (i = 0; i < en->v.nhits; i++) {
		const struct policy_hit *h = &en->v.hits[i];
		int is_fail = h->verdict == POLICY_FAIL && !en->baselined[i];
		struct buf d = BUF_INIT;
		char *ev;

		if (h->raw == POLICY_PASS || is_fail != fails)
			continue;
		describe(&d, h);
		ev = first_line(h->evidence);
		buf_printf(b, "%s", fails ? "" : hit_state(en, i));
		if (!fails && h->waived)
			buf_printf(b, " (%s)", h->waived->reason);
		buf_printf(b, "%s%s:%u: ", fails ? "" : ": ", en->r.path, h->start_line);
		xml(b, d.data);
		if (*ev) {
			buf_adds(b, "\n    ");
			xml(b, ev);
		}
		buf_addc(b, '\n');
		free(ev);
		buf_release(&d);
	}
}

static void junit_case(struct buf *b, const struct check_entry *en)
{
	struct buf t = BUF_INIT;
	size_t i, nfail = 0;

	buf_adds(b, "    <testcase classname=\"petal.check\" name=\"");
	xml(b, en->r.path);
	buf_adds(b, "\">\n");
	if (en->r.status == FS_FAILED) {
		buf_adds(b, "      <error message=\"");
		xml(b, en->r.error ? en->r.error : "failed");
		buf_adds(b, "\" type=\"scan-error\"/>\n    </testcase>\n");
		return;
	}
	if (en->r.status == FS_SKIPPED) { /* not read: excluded, a link, a FIFO... */
		buf_adds(b, "      <skipped message=\"");
		xml(b, en->r.error ? en->r.error : "skipped");
		buf_adds(b, "\"/>\n    </testcase>\n");
		return;
	}
	for (i = 0; i < en->v.nhits; i++)
		nfail += en->v.hits[i].verdict == POLICY_FAIL && !en->baselined[i];
	if (nfail) {
		buf_printf(b, "      <failure message=\"%zu policy violation%s\" type=\"policy\">",
			   nfail, nfail > 1 ? "s" : "");
		junit_lines(b, en, 1);
		buf_adds(b, "</failure>\n");
	}
	junit_lines(&t, en, 0);
	if (t.len) {
		buf_adds(b, "      <system-out>");
		buf_add(b, t.data, t.len);
		buf_adds(b, "</system-out>\n");
	}
	buf_release(&t);
	buf_adds(b, "    </testcase>\n");
}

int check_write_junit(const struct check *ck, FILE *out)
{
	const struct check_summary *s = &ck->sum;
	uint64_t nfail = 0, nskip = 0;
	struct buf b = BUF_INIT;
	size_t i, j;

	for (i = 0; i < ck->nfiles; i++) {
		const struct check_entry *en = &ck->files[i];

		nskip += en->r.status == FS_SKIPPED;
		for (j = 0; en->r.status != FS_FAILED && j < en->v.nhits; j++)
			if (en->v.hits[j].verdict == POLICY_FAIL && !en->baselined[j]) {
				nfail++;
				break;
			}
	}
	buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		       "<testsuites name=\"petal check\" tests=\"%llu\" failures=\"%llu\" "
		       "errors=\"%llu\">\n"
		       "  <testsuite name=\"license policy (use: %s)\" tests=\"%llu\" "
		       "failures=\"%llu\" errors=\"%llu\" skipped=\"%llu\">\n",
		   (unsigned long long)s->files, (unsigned long long)nfail,
		   (unsigned long long)s->failed, policy_use_name(ck->p->use),
		   (unsigned long long)s->files, (unsigned long long)nfail,
		   (unsigned long long)s->failed, (unsigned long long)nskip);
	for (i = 0; i < ck->nfiles; i++) {
		junit_case(&b, &ck->files[i]);
		if (b.len > (1u << 20) && fwrite(b.data, 1, b.len, out) != b.len)
			return buf_release(&b), -1;
		if (b.len > (1u << 20))
			buf_reset(&b);
	}
	buf_adds(&b, "  </testsuite>\n</testsuites>\n");
	i = fwrite(b.data, 1, b.len, out) == b.len;
	buf_release(&b);
	return i ? 0 : -1;
}
