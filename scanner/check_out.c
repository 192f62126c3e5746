/* SPDX-License-Identifier: MIT */
/* check_out.c -- the gate's report: text, json, sarif (2.1.0), junit.
 *
 * Every writer reads the judged entries of a finished struct check and
 * lists the hits that are not a plain pass: violations (fail), warnings
 * (review), and what exceptions or the baseline accepted, each with its
 * file, lines, license, the policy rule and the evidence.  Output depends
 * only on the results and the policy, so it is the same for any -j. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "jsonw.h"
#include "text.h"
#include "version.h"

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

/* The length of the first line of the evidence, cut, for one-line displays. */
static size_t first_line_len(const char *s)
{
	return s ? text_cut(s, strcspn(s, "\r\n"), EVIDENCE_SHOWN) : 0;
}

static char *first_line(const char *s)
{
	return xstrndup(s ? s : "", first_line_len(s));
}

/* Appends, not printf: a failing tree has a line like this per file. */
static void describe(struct buf *b, const struct policy_hit *h)
{
	const struct policy_rule *r = h->rule;

	buf_adds(b, h->license);
	buf_adds(b, r->verdict == POLICY_FAIL ? ": denied by " : ": needs review by ");
	buf_adds(b, r->id);
	if (r->line) {
		buf_adds(b, " (policy line ");
		buf_add_u64(b, r->line);
		buf_addc(b, ')');
	}
	if (h->leaf && strcmp(h->leaf, h->license)) {
		buf_adds(b, ", decided by ");
		buf_adds(b, h->leaf);
	}
	if (h->note) {
		buf_adds(b, "; ");
		buf_adds(b, h->note);
	}
}

/* --- text -------------------------------------------------------------------- */

static int text_hit(void *ctx, const struct check_entry *en, size_t i)
{
	FILE *out = ctx;
	const struct policy_hit *h = &en->v.hits[i];
	const char *st = hit_state(en, i);
	const char *label = !strcmp(st, "fail") ? "FAIL" : !strcmp(st, "review") ? "REVIEW"
										      : "BASELINE";
	struct buf b = BUF_INIT;
	size_t n;
	int bad;

	if (h->waived)
		return 0;
	buf_adds(&b, label); /* "%-7s " */
	for (n = strlen(label); n < 7; n++)
		buf_addc(&b, ' ');
	buf_addc(&b, ' ');
	buf_adds(&b, en->r.path);
	if (h->start_line) {
		buf_addc(&b, ':');
		buf_add_u64(&b, h->start_line);
	}
	buf_adds(&b, ": ");
	describe(&b, h);
	buf_addc(&b, '\n');
	if ((n = first_line_len(h->evidence)) > 0) {
		buf_adds(&b, "        ");
		buf_add(&b, h->evidence, n);
		buf_addc(&b, '\n');
	}
	bad = fwrite(b.data, 1, b.len, out) != b.len;
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
	if (s->fail_baselined)
		fprintf(out, "(of the failing files, %llu fail only by violations the baseline "
			     "accepts)\n", (unsigned long long)s->fail_baselined);
	return fprintf(out, "%llu violations, %llu in the baseline, %llu warnings, "
			    "%llu accepted by exceptions, %llu scan errors: %s\n",
		       (unsigned long long)s->violations, (unsigned long long)s->baselined,
		       (unsigned long long)s->warnings, (unsigned long long)s->excepted,
		       (unsigned long long)s->failed,
		       s->failed ? "SCAN ERROR" : s->violations ? "FAIL" : "PASS") < 0 ? -1 : 0;
}

/* --- json -------------------------------------------------------------------- */

/* The json and sarif reports are written straight into a buffer, byte for
 * byte as json-c prints with JSON_C_TO_STRING_PRETTY | _SPACED |
 * _NOSLASHESCAPE (two spaces a level, "key": value, "[\n  ]" when empty):
 * the files list has a row per input, and a json-c tree of a kernel's
 * 78,000 rows cost more than judging them. */
struct pj {
	struct jw j;
	FILE *out;
	int bad; /* a write failed */
};

#define PJ_INIT(buf, out) { JW_INIT_PRETTY(buf), (out), 0 }

/* Writes what the buffer holds once it is over `over` bytes (0: all). */
static void pj_flush(struct pj *w, size_t over)
{
	struct buf *b = w->j.b;

	if (b->len <= over)
		return;
	w->bad |= fwrite(b->data, 1, b->len, w->out) != b->len;
	buf_reset(b);
}

static int json_hit(void *ctx, const struct check_entry *en, size_t i)
{
	const struct policy_hit *h = &en->v.hits[i];
	struct pj *w = ctx;

	jw_open(&w->j, NULL, '{');
	jw_str(&w->j, "path", en->r.path);
	jw_str(&w->j, "license", h->license);
	jw_str(&w->j, "rule", h->rule->id);
	jw_str(&w->j, "verdict", policy_verdict_name(h->raw));
	jw_str(&w->j, "state", hit_state(en, i));
	jw_str(&w->j, "decided_by", h->leaf);
	if (h->start_line) {
		jw_int(&w->j, "start_line", h->start_line);
		jw_int(&w->j, "end_line", h->end_line);
	}
	jw_str(&w->j, "evidence", h->evidence);
	jw_str(&w->j, "note", h->note);
	if (h->rule->line)
		jw_int(&w->j, "policy_line", h->rule->line);
	if (h->waived) {
		jw_str(&w->j, "exception", h->waived->reason);
		jw_int(&w->j, "exception_line", h->waived->line);
	}
	jw_close(&w->j, '}');
	pj_flush(w, 1u << 20);
	return 0;
}

static void json_summary(struct pj *w, const struct check_summary *s)
{
	jw_open(&w->j, "summary", '{');
	jw_uint(&w->j, "files", s->files);
	jw_uint(&w->j, "pass", s->pass);
	jw_uint(&w->j, "review", s->review);
	jw_uint(&w->j, "fail", s->fail);
	jw_uint(&w->j, "fail_baselined", s->fail_baselined);
	jw_uint(&w->j, "violations", s->violations);
	jw_uint(&w->j, "baselined", s->baselined);
	jw_uint(&w->j, "warnings", s->warnings);
	jw_uint(&w->j, "excepted", s->excepted);
	jw_uint(&w->j, "scan_errors", s->failed);
	jw_close(&w->j, '}');
}

int check_write_json(const struct check *ck, FILE *out)
{
	struct buf b = BUF_INIT;
	struct pj w = PJ_INIT(&b, out);
	size_t i;

	jw_open(&w.j, NULL, '{');
	jw_str(&w.j, "tool", "petal");
	jw_str(&w.j, "version", PETAL_VERSION);
	jw_str(&w.j, "use", policy_use_name(ck->p->use));
	jw_open(&w.j, "files", '[');
	for (i = 0; i < ck->nfiles; i++) {
		const struct check_entry *en = &ck->files[i];

		jw_open(&w.j, NULL, '{');
		jw_str(&w.j, "path", en->r.path);
		jw_str(&w.j, "verdict", en->r.status == FS_FAILED ? "error"
				      : policy_verdict_name(en->v.verdict));
		jw_str(&w.j, "status", result_status_name(en->r.status));
		jw_str(&w.j, "expression", en->r.expression);
		if (en->r.error) /* why it failed, or why it was skipped */
			jw_str(&w.j, "error", en->r.error);
		jw_close(&w.j, '}');
		pj_flush(&w, 1u << 20);
	}
	jw_close(&w.j, ']');
	jw_open(&w.j, "violations", '[');
	each_hit(ck, json_hit, &w);
	jw_close(&w.j, ']');
	json_summary(&w, &ck->sum);
	jw_close(&w.j, '}');
	buf_addc(&b, '\n');
	pj_flush(&w, 0);
	buf_release(&b);
	return w.bad ? -1 : 0;
}

/* --- sarif ------------------------------------------------------------------- */

/* Written as the json report is (struct pj): a failing tree has a result
 * per violation.  The rules come first in the document, so every rule a
 * result names is collected before anything is written. */
struct sarif {
	const struct check *ck;
	const struct policy_rule **rules; /* owned array, borrowed rules */
	size_t nrules;
	struct pj *w;
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

static int hit_rule(void *ctx, const struct check_entry *en, size_t i)
{
	rule_index(ctx, en->v.hits[i].rule);
	return 0;
}

/* The rules that can give a result, in policy order, deduplicated, then
 * any other a hit names. */
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
	each_hit(s->ck, hit_rule, s);
}

static const char *level(enum policy_verdict v)
{
	return v == POLICY_FAIL ? "error" : v == POLICY_REVIEW ? "warning" : "note";
}

/* {"text": s} under key. */
static void pj_text(struct pj *w, const char *key, const char *s)
{
	jw_open(&w->j, key, '{');
	jw_str(&w->j, "text", s);
	jw_close(&w->j, '}');
}

static void sarif_rule(struct pj *w, const struct policy_rule *r)
{
	struct buf b = BUF_INIT;

	jw_open(&w->j, NULL, '{');
	jw_str(&w->j, "id", r->id);
	buf_adds(&b, r->verdict == POLICY_FAIL ? "Denied by the policy: "
					       : "Needs review under the policy: ");
	buf_adds(&b, r->entry);
	pj_text(w, "shortDescription", b.data);
	buf_release(&b);
	jw_open(&w->j, "defaultConfiguration", '{');
	jw_str(&w->j, "level", level(r->verdict));
	jw_close(&w->j, '}');
	jw_open(&w->j, "properties", '{');
	if (r->line)
		jw_int(&w->j, "policyLine", r->line);
	jw_str(&w->j, "entry", r->entry);
	jw_close(&w->j, '}');
	jw_close(&w->j, '}');
}

/* A relative URI reference: unreserved bytes, '/' and '!' kept. */
static char *uri_path(const char *s)
{
	struct buf b = BUF_INIT;

	text_pct_encode(&b, s, "/!");
	return buf_take(&b);
}

/* "locations": [one physical location], with the hit's region if any. */
static void locations(struct pj *w, const struct check *ck, const struct check_entry *en,
		      const struct policy_hit *h)
{
	char *u = uri_path(ck->roots[en->root].uri ? en->rel : en->r.path);
	char base[32];

	jw_open(&w->j, "locations", '[');
	jw_open(&w->j, NULL, '{');
	jw_open(&w->j, "physicalLocation", '{');
	jw_open(&w->j, "artifactLocation", '{');
	jw_str(&w->j, "uri", u);
	free(u);
	if (ck->roots[en->root].uri) {
		snprintf(base, sizeof(base), "ROOT%zu", en->root);
		jw_str(&w->j, "uriBaseId", base);
	}
	jw_close(&w->j, '}');
	if (h && h->start_line) {
		jw_open(&w->j, "region", '{');
		jw_int(&w->j, "startLine", h->start_line);
		jw_int(&w->j, "endLine", h->end_line >= h->start_line ? h->end_line : h->start_line);
		if (h->evidence)
			pj_text(w, "snippet", h->evidence);
		jw_close(&w->j, '}');
	}
	jw_close(&w->j, '}');
	jw_close(&w->j, '}');
	jw_close(&w->j, ']');
}

static int sarif_hit(void *ctx, const struct check_entry *en, size_t i)
{
	struct sarif *s = ctx;
	struct pj *w = s->w;
	const struct policy_hit *h = &en->v.hits[i];
	struct buf b = BUF_INIT;

	jw_open(&w->j, NULL, '{');
	jw_str(&w->j, "ruleId", h->rule->id);
	jw_uint(&w->j, "ruleIndex", rule_index(s, h->rule));
	jw_str(&w->j, "level", level(h->raw));
	describe(&b, h);
	pj_text(w, "message", b.data);
	buf_release(&b);
	locations(w, s->ck, en, h);
	if (s->ck->nbase)
		jw_str(&w->j, "baselineState", en->baselined[i] ? "unchanged" : "new");
	if (h->waived) {
		jw_open(&w->j, "suppressions", '[');
		jw_open(&w->j, NULL, '{');
		jw_str(&w->j, "kind", "external");
		jw_str(&w->j, "status", "accepted");
		jw_str(&w->j, "justification", h->waived->reason);
		jw_close(&w->j, '}');
		jw_close(&w->j, ']');
	}
	jw_close(&w->j, '}');
	pj_flush(w, 1u << 20);
	return 0;
}

static void sarif_tool(struct sarif *s)
{
	struct pj *w = s->w;
	size_t i;

	jw_open(&w->j, "tool", '{');
	jw_open(&w->j, "driver", '{');
	jw_str(&w->j, "name", "petal");
	jw_str(&w->j, "version", PETAL_VERSION);
	jw_open(&w->j, "rules", '[');
	for (i = 0; i < s->nrules; i++)
		sarif_rule(w, s->rules[i]);
	jw_close(&w->j, ']');
	jw_close(&w->j, '}');
	jw_close(&w->j, '}');
}

static void sarif_invocations(struct pj *w, const struct check *ck)
{
	size_t i;

	jw_open(&w->j, "invocations", '[');
	jw_open(&w->j, NULL, '{');
	jw_bool(&w->j, "executionSuccessful", ck->sum.failed == 0);
	jw_open(&w->j, "toolExecutionNotifications", '[');
	for (i = 0; i < ck->nfiles; i++) {
		const struct check_entry *en = &ck->files[i];
		struct buf b = BUF_INIT;

		if (en->r.status != FS_FAILED)
			continue;
		buf_adds(&b, en->r.path);
		buf_adds(&b, ": ");
		buf_adds(&b, en->r.error ? en->r.error : "failed");
		jw_open(&w->j, NULL, '{');
		jw_str(&w->j, "level", "error");
		pj_text(w, "message", b.data);
		buf_release(&b);
		locations(w, ck, en, NULL);
		jw_close(&w->j, '}');
		pj_flush(w, 1u << 20);
	}
	jw_close(&w->j, ']');
	jw_close(&w->j, '}');
	jw_close(&w->j, ']');
}

static void sarif_bases(struct pj *w, const struct check *ck)
{
	size_t i;
	char name[32];

	jw_open(&w->j, "originalUriBaseIds", '{');
	for (i = 0; i < ck->nroots; i++)
		if (ck->roots[i].uri) {
			snprintf(name, sizeof(name), "ROOT%zu", i);
			jw_open(&w->j, name, '{');
			jw_str(&w->j, "uri", ck->roots[i].uri);
			jw_close(&w->j, '}');
		}
	jw_close(&w->j, '}');
}

int check_write_sarif(const struct check *ck, FILE *out)
{
	struct buf b = BUF_INIT;
	struct pj w = PJ_INIT(&b, out);
	struct sarif s = { ck, NULL, 0, &w };

	collect_rules(&s);
	jw_open(&w.j, NULL, '{');
	jw_str(&w.j, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	jw_str(&w.j, "version", "2.1.0");
	jw_open(&w.j, "runs", '[');
	jw_open(&w.j, NULL, '{');
	sarif_tool(&s);
	sarif_invocations(&w, ck);
	sarif_bases(&w, ck);
	jw_open(&w.j, "results", '[');
	each_hit(ck, sarif_hit, &s);
	jw_close(&w.j, ']');
	jw_close(&w.j, '}');
	jw_close(&w.j, ']');
	jw_close(&w.j, '}');
	buf_addc(&b, '\n');
	pj_flush(&w, 0);
	buf_release(&b);
	free(s.rules);
	return w.bad ? -1 : 0;
}

/* --- junit ------------------------------------------------------------------- */

/* XML 1.0 text: markup escaped; control bytes and U+FFFE/U+FFFF (not
 * allowed in XML) become U+FFFD.  Input is valid UTF-8 (result.h). */
static int xml_plain(unsigned char c)
{
	return c >= 0x20 ? c != '&' && c != '<' && c != '>' && c != '"' && c != 0xEF
			 : c == '\t' || c == '\n' || c == '\r';
}

/* Runs of plain bytes are copied whole: a report has a name per file. */
static void xml(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (p && *p) {
		const unsigned char *run = p;

		while (xml_plain(*p))
			p++;
		buf_add(b, run, (size_t)(p - run));
		if (!*p)
			break;
		if (*p == '&')
			buf_adds(b, "&amp;");
		else if (*p == '<')
			buf_adds(b, "&lt;");
		else if (*p == '>')
			buf_adds(b, "&gt;");
		else if (*p == '"')
			buf_adds(b, "&quot;");
		else if (*p < 0x20)
			buf_adds(b, "\xEF\xBF\xBD");
		else if (p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) /* *p is 0xEF */
			buf_adds(b, "\xEF\xBF\xBD"), p += 2;
		else
			buf_addc(b, (char)*p);
		p++;
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
		if (!fails)
			buf_adds(b, hit_state(en, i));
		if (!fails && h->waived) {
			buf_adds(b, " (");
			xml(b, h->waived->reason);
			buf_addc(b, ')');
		}
		buf_adds(b, fails ? "" : ": ");
		xml(b, en->r.path);
		buf_addc(b, ':');
		buf_add_u64(b, h->start_line);
		buf_adds(b, ": ");
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
