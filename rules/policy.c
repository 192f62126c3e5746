/* SPDX-License-Identifier: MIT */
/* policy.c -- read a policy file.  See policy.h for the
 * file format in short and the order in which rules are consulted, and
 * README.md for the whole format.
 *
 * Reading: libyaml loads the document into nodes that keep their marks
 * (line, column), and a schema-driven walk (top-level keys, then each
 * key's own reader) builds struct policy.  Every complaint names the
 * node it is about.  The walk only descends where the schema says, so
 * aliases cannot make it loop or blow up.
 *
 * Judging is in policy_eval.c. */
#include "policy.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buf.h"
#include "text.h"

#define POLICY_MAX_BYTES (4u << 20) /* a policy file is small; cap what is read */

static const char *const use_names[POLICY_NUSES] = {
	"internal", "saas", "distribute-binary", "distribute-source",
};

static const char *const treat_names[POLICY_NTREAT] = {
	"unknown-text", "partial-match", "invalid-expression", "conflict", "no-license",
};

/* Defaults: fail what cannot be read, warn on what a person should look at. */
static const enum policy_verdict treat_default[POLICY_NTREAT] = {
	POLICY_REVIEW, POLICY_REVIEW, POLICY_FAIL, POLICY_REVIEW, POLICY_PASS,
};

static const char *const list_names[] = { "allow", "review", "deny" };
static const char *const action_names[] = { "ignore", "warn", "fail" };

const char *policy_verdict_name(enum policy_verdict v)
{
	return v == POLICY_PASS ? "pass" : v == POLICY_REVIEW ? "review" : "fail";
}

const char *policy_use_name(enum policy_use u)
{
	return (unsigned)u < POLICY_NUSES ? use_names[u] : "?";
}

int policy_use_parse(const char *s, enum policy_use *out)
{
	int i;

	for (i = 0; i < POLICY_NUSES; i++)
		if (!strcmp(s, use_names[i])) {
			*out = (enum policy_use)i;
			return 0;
		}
	return -1;
}

/* --- reading the YAML -------------------------------------------------------- */

struct rd {
	yaml_document_t *doc;
	struct policy *p;
	struct policy_pos *pos;
	struct perr *e;
};

static int bad(struct rd *r, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int bad(struct rd *r, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;

	r->pos->line = (unsigned)n->start_mark.line + 1;
	r->pos->col = (unsigned)n->start_mark.column + 1;
	r->e->code = PERR_USAGE;
	va_start(ap, fmt);
	vsnprintf(r->e->msg, sizeof(r->e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static const char *kind_name(const yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE ? "a scalar"
	       : n->type == YAML_SEQUENCE_NODE ? "a list" : "a mapping";
}

/* The scalar's text, or NULL (and the error set) for anything else.
 * Scalars with a NUL byte are refused: they would be cut silently. */
static const char *scalar(struct rd *r, const yaml_node_t *n, const char *what)
{
	const char *s = (const char *)n->data.scalar.value;

	if (n->type != YAML_SCALAR_NODE)
		return bad(r, n, "%s: expected a scalar, found %s", what, kind_name(n)), NULL;
	if (strlen(s) != n->data.scalar.length)
		return bad(r, n, "%s: contains a NUL byte", what), NULL;
	return s;
}

/* Writes at most 60 bytes of s as text_escape shows them. */
static void quote(struct buf *b, const char *s)
{
	size_t n = strlen(s), k = text_cut(s, n, 60);

	text_escape(b, (const unsigned char *)s, k);
	if (k < n)
		buf_adds(b, "...");
}

static int one_of(struct rd *r, const yaml_node_t *n, const char *what,
		  const char *const *names, int count, int *out)
{
	const char *s = scalar(r, n, what);
	struct buf b = BUF_INIT;
	int i;

	if (!s)
		return -1;
	for (i = 0; i < count; i++)
		if (!strcmp(s, names[i])) {
			*out = i;
			return 0;
		}
	quote(&b, s);
	buf_printf(&b, "' (one of");
	for (i = 0; i < count; i++)
		buf_printf(&b, "%s %s", i ? "," : "", names[i]);
	bad(r, n, "%s: unknown value '%s)", what, b.data);
	buf_release(&b);
	return -1;
}

static struct policy_rule *scope_add(struct policy_scope *s)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 8;
		s->rules = xrealloc(s->rules, s->cap * sizeof(*s->rules));
	}
	memset(&s->rules[s->n], 0, sizeof(s->rules[0]));
	return &s->rules[s->n++];
}

static int entry_category(struct rd *r, const yaml_node_t *n, const char *name,
			  struct policy_rule *rule)
{
	struct buf b = BUF_INIT;
	int i;

	if (lm_category_parse(name, &rule->cat) == 0) {
		rule->is_category = 1;
		return 0;
	}
	quote(&b, name);
	buf_adds(&b, "' (one of");
	for (i = 0; i < LM_NCATEGORIES; i++)
		buf_printf(&b, "%s %s", i ? "," : "", lm_category_name((enum lm_category)i));
	bad(r, n, "unknown category '%s)", b.data);
	buf_release(&b);
	return -1;
}

/* An entry is "category:NAME" or one license: id, id+, id WITH exception,
 * LicenseRef-x.  It is stored canonical, so deprecated spellings match. */
static int entry(struct rd *r, const yaml_node_t *n, const char *scope, int list,
		 struct policy_scope *s)
{
	const char *v = scalar(r, n, "a list entry");
	struct perr pe = { PERR_OK, "" };
	struct expr *x;
	struct policy_rule *rule;
	struct buf b = BUF_INIT;

	if (!v)
		return -1;
	if (!strncmp(v, "category:", 9)) {
		struct policy_rule tmp = { 0 };

		if (entry_category(r, n, v + 9, &tmp) < 0)
			return -1;
		rule = scope_add(s);
		*rule = tmp;
		rule->entry = xstrdup(v);
	} else {
		if (!(x = expr_parse(v, strlen(v), &pe)))
			return bad(r, n, "invalid license entry: %s", pe.msg);
		if (x->kind == EXPR_AND || x->kind == EXPR_OR) {
			expr_free(x);
			return bad(r, n, "an entry is one license, not an expression "
					 "(write one entry per license)");
		}
		rule = scope_add(s);
		rule->entry = expr_to_string(x);
		expr_free(x);
	}
	rule->verdict = (enum policy_verdict)list;
	rule->line = (unsigned)n->start_mark.line + 1;
	rule->col = (unsigned)n->start_mark.column + 1;
	buf_printf(&b, "%s%s/%s", scope, list_names[list], rule->entry);
	rule->id = buf_take(&b);
	return 0;
}

static int list(struct rd *r, const yaml_node_t *n, const char *scope, int which,
		struct policy_scope *s)
{
	yaml_node_item_t *it;

	if (n->type != YAML_SEQUENCE_NODE)
		return bad(r, n, "%s: expected a list, found %s", list_names[which], kind_name(n));
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++)
		if (entry(r, yaml_document_get_node(r->doc, *it), scope, which, s) < 0)
			return -1;
	return 0;
}

typedef int (*pair_fn)(struct rd *r, const char *key, const yaml_node_t *k,
		       const yaml_node_t *v, void *ctx);

/* Calls fn for each key of the mapping n; a repeated key is an error. */
static int each_pair(struct rd *r, const yaml_node_t *n, const char *what, pair_fn fn,
		     void *ctx)
{
	yaml_node_pair_t *pr, *q;

	if (n->type != YAML_MAPPING_NODE)
		return bad(r, n, "%s: expected a mapping, found %s", what, kind_name(n));
	for (pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top; pr++) {
		const yaml_node_t *k = yaml_document_get_node(r->doc, pr->key);
		const char *key = scalar(r, k, "a key");

		if (!key)
			return -1;
		for (q = n->data.mapping.pairs.start; q < pr; q++) {
			const yaml_node_t *k2 = yaml_document_get_node(r->doc, q->key);

			if (!strcmp((const char *)k2->data.scalar.value, key))
				return bad(r, k, "'%s' is given twice", key);
		}
		if (fn(r, key, k, yaml_document_get_node(r->doc, pr->value), ctx) < 0)
			return -1;
	}
	return 0;
}

static int list_index(const char *key)
{
	int i;

	for (i = 0; i < 3; i++)
		if (!strcmp(key, list_names[i]))
			return i;
	return -1;
}

static int unknown_key(struct rd *r, const yaml_node_t *k, const char *key, const char *where,
		       const char *known)
{
	struct buf b = BUF_INIT;

	quote(&b, key);
	bad(r, k, "unknown key '%s' in %s (known: %s)", b.data, where, known);
	buf_release(&b);
	return -1;
}

struct when_ctx {
	const char *scope;
	struct policy_scope *s;
};

static int when_lists(struct rd *r, const char *key, const yaml_node_t *k, const yaml_node_t *v,
		      void *ctx)
{
	struct when_ctx *w = ctx;
	int i = list_index(key);

	if (i < 0)
		return unknown_key(r, k, key, "a 'when' block", "allow, review, deny");
	return list(r, v, w->scope, i, w->s);
}

static int when_use(struct rd *r, const char *key, const yaml_node_t *k, const yaml_node_t *v,
		    void *ctx)
{
	enum policy_use u;
	char scope[64];
	struct when_ctx w;

	(void)ctx;
	if (policy_use_parse(key, &u) < 0)
		return unknown_key(r, k, key, "'when'",
				   "internal, saas, distribute-binary, distribute-source");
	snprintf(scope, sizeof(scope), "when.%s/", key);
	w.scope = scope;
	w.s = &r->p->when[u];
	return each_pair(r, v, key, when_lists, &w);
}

/* "a//b/" is "a/b/": an empty segment in a path glob means nothing. */
static char *squeeze_slashes(const char *s)
{
	char *out = xstrdup(s), *w = out;

	for (; *s; s++)
		if (*s != '/' || w == out || w[-1] != '/')
			*w++ = *s;
	*w = '\0';
	return out;
}

struct exc_ctx {
	struct policy_exception *x;
	const yaml_node_t *allow;
};

static int exc_key(struct rd *r, const char *key, const yaml_node_t *k, const yaml_node_t *v,
		   void *ctx)
{
	struct exc_ctx *c = ctx;
	const char *s;

	if (!strcmp(key, "allow")) {
		c->allow = v;
		return 0;
	}
	if (strcmp(key, "path") && strcmp(key, "package") && strcmp(key, "reason"))
		return unknown_key(r, k, key, "an exception", "path, package, reason, allow");
	if (!(s = scalar(r, v, key)))
		return -1;
	if (!*s || strspn(s, " \t") == strlen(s))
		return bad(r, v, "%s: empty", key);
	if (!strcmp(key, "path"))
		c->x->path = squeeze_slashes(s);
	else if (!strcmp(key, "package"))
		c->x->package = xstrdup(s);
	else
		c->x->reason = xstrdup(s);
	return 0;
}

static int exception(struct rd *r, const yaml_node_t *n, size_t index)
{
	struct policy *p = r->p;
	struct exc_ctx c = { NULL, NULL };
	char scope[64];

	p->exc = xrealloc(p->exc, (p->nexc + 1) * sizeof(*p->exc));
	c.x = memset(&p->exc[p->nexc++], 0, sizeof(*p->exc));
	c.x->line = (unsigned)n->start_mark.line + 1;
	if (each_pair(r, n, "an exception", exc_key, &c) < 0)
		return -1;
	if (!c.x->path == !c.x->package)
		return bad(r, n, "an exception needs either 'path' (a glob) or 'package' (a name)");
	if (!c.x->reason)
		return bad(r, n, "an exception needs a 'reason'");
	if (!c.allow)
		return 0;
	c.x->has_allow = 1;
	snprintf(scope, sizeof(scope), "exceptions[%zu]/", index);
	if (c.allow->type != YAML_SEQUENCE_NODE)
		return bad(r, c.allow, "allow: expected a list, found %s", kind_name(c.allow));
	return list(r, c.allow, scope, POLICY_PASS, &c.x->allow);
}

static int exceptions(struct rd *r, const yaml_node_t *n)
{
	yaml_node_item_t *it;

	if (n->type != YAML_SEQUENCE_NODE)
		return bad(r, n, "exceptions: expected a list, found %s", kind_name(n));
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++)
		if (exception(r, yaml_document_get_node(r->doc, *it),
			      (size_t)(it - n->data.sequence.items.start) + 1) < 0)
			return -1;
	return 0;
}

static void set_rule(struct policy_rule *rule, const char *name, enum policy_verdict v,
		     const char *word, const yaml_node_t *n)
{
	struct buf b = BUF_INIT;

	free(rule->id);
	free(rule->entry);
	buf_printf(&b, "%s/%s", name, word);
	rule->id = buf_take(&b);
	rule->entry = xstrdup(name);
	rule->verdict = v;
	rule->line = n ? (unsigned)n->start_mark.line + 1 : 0;
	rule->col = n ? (unsigned)n->start_mark.column + 1 : 0;
}

static int top_key(struct rd *r, const char *key, const yaml_node_t *k, const yaml_node_t *v,
		   void *ctx)
{
	static const char *const dflt_words[] = { "allow", "review", "deny" };
	int i;

	(void)ctx;
	if ((i = list_index(key)) >= 0)
		return list(r, v, "", i, &r->p->top);
	for (i = 0; i < POLICY_NTREAT; i++)
		if (!strcmp(key, treat_names[i])) {
			int a;

			if (one_of(r, v, key, action_names, 3, &a) < 0)
				return -1;
			set_rule(&r->p->treat[i], key, (enum policy_verdict)a, action_names[a], v);
			return 0;
		}
	if (!strcmp(key, "default")) {
		if (one_of(r, v, key, dflt_words, 3, &i) < 0)
			return -1;
		set_rule(&r->p->dflt, "default", (enum policy_verdict)i, dflt_words[i], v);
		return 0;
	}
	if (!strcmp(key, "use"))
		return one_of(r, v, key, use_names, POLICY_NUSES, &i) < 0 ? -1
		       : (r->p->use = (enum policy_use)i, 0);
	if (!strcmp(key, "version")) {
		const char *s = scalar(r, v, key);

		return !s ? -1 : strcmp(s, "1") ? bad(r, v, "version: only 1 is known") : 0;
	}
	if (!strcmp(key, "when"))
		return each_pair(r, v, "when", when_use, NULL);
	if (!strcmp(key, "exceptions"))
		return exceptions(r, v);
	return unknown_key(r, k, key, "the policy",
			   "version, use, default, allow, review, deny, when, exceptions, "
			   "unknown-text, partial-match, invalid-expression, conflict, no-license");
}

static struct policy *policy_new(void)
{
	struct policy *p = xcalloc(1, sizeof(*p));
	int i;

	p->use = POLICY_USE_DIST_BINARY;
	set_rule(&p->dflt, "default", POLICY_REVIEW, "review", NULL);
	for (i = 0; i < POLICY_NTREAT; i++)
		set_rule(&p->treat[i], treat_names[i], treat_default[i],
			 action_names[treat_default[i]], NULL);
	return p;
}

static int load_doc(yaml_parser_t *ps, yaml_document_t *doc, struct policy_pos *pos,
		    struct perr *e)
{
	if (yaml_parser_load(ps, doc))
		return 0;
	pos->line = (unsigned)ps->problem_mark.line + 1;
	pos->col = (unsigned)ps->problem_mark.column + 1;
	return perr_set(e, PERR_USAGE, "invalid YAML: %s%s%s",
			ps->problem ? ps->problem : "syntax error",
			ps->context ? " " : "", ps->context ? ps->context : "");
}

static int read_doc(yaml_parser_t *ps, yaml_document_t *doc, struct policy *p,
		    struct policy_pos *pos, struct perr *e)
{
	struct rd r = { doc, p, pos, e };
	yaml_node_t *root = yaml_document_get_root_node(doc);
	yaml_document_t more;
	int rc;

	if (!root)
		return perr_set(e, PERR_USAGE, "empty policy: expected a mapping of rules");
	if (each_pair(&r, root, "the policy", top_key, NULL) < 0)
		return -1;
	if (load_doc(ps, &more, pos, e) < 0)
		return -1;
	rc = yaml_document_get_root_node(&more) != NULL;
	if (rc)
		bad(&r, yaml_document_get_root_node(&more), "a policy is one YAML document");
	yaml_document_delete(&more);
	return rc ? -1 : 0;
}

struct policy *policy_parse(const char *text, size_t len, struct policy_pos *pos,
			    struct perr *e)
{
	struct policy *p = policy_new();
	yaml_parser_t ps;
	yaml_document_t doc;
	int rc;

	pos->line = pos->col = 0;
	if (!yaml_parser_initialize(&ps)) {
		policy_free(p);
		return perr_set(e, PERR_FATAL, "out of memory"), NULL;
	}
	yaml_parser_set_input_string(&ps, (const unsigned char *)text, len);
	rc = load_doc(&ps, &doc, pos, e);
	if (rc == 0) {
		rc = read_doc(&ps, &doc, p, pos, e);
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&ps);
	if (rc < 0) {
		policy_free(p);
		return NULL;
	}
	return p;
}

struct policy *policy_load(const char *path, struct policy_pos *pos, struct perr *e)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	struct policy *p = NULL;
	char chunk[8192];
	size_t n;

	pos->line = pos->col = 0;
	if (!f)
		return perr_set(e, PERR_USAGE, "cannot read: %s", strerror(errno)), NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && b.len <= POLICY_MAX_BYTES)
		buf_add(&b, chunk, n);
	if (ferror(f))
		perr_set(e, PERR_USAGE, "cannot read: %s", strerror(errno));
	else if (b.len > POLICY_MAX_BYTES)
		perr_set(e, PERR_USAGE, "over %u bytes: not a policy file", POLICY_MAX_BYTES);
	else
		p = policy_parse(b.data ? b.data : "", b.len, pos, e);
	fclose(f);
	buf_release(&b);
	return p;
}

void policy_set_use(struct policy *p, enum policy_use use)
{
	p->use = use;
}

static void scope_release(struct policy_scope *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->rules[i].id);
		free(s->rules[i].entry);
	}
	free(s->rules);
}

void policy_free(struct policy *p)
{
	size_t i;

	if (!p)
		return;
	free(p->dflt.id);
	free(p->dflt.entry);
	for (i = 0; i < POLICY_NTREAT; i++) {
		free(p->treat[i].id);
		free(p->treat[i].entry);
	}
	scope_release(&p->top);
	for (i = 0; i < POLICY_NUSES; i++)
		scope_release(&p->when[i]);
	for (i = 0; i < p->nexc; i++) {
		free(p->exc[i].path);
		free(p->exc[i].package);
		free(p->exc[i].reason);
		scope_release(&p->exc[i].allow);
	}
	free(p->exc);
	free(p);
}
