/* SPDX-License-Identifier: MIT */
/* xml.c -- the tiny XML element reader.  See xml.h.
 *
 * Recursive descent, one element per call of element(); the line of a
 * position is counted lazily from the last position asked (positions
 * only move forward). */
#include "xml.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"

struct xp {
	const char *p, *end;
	const char *counted; /* lines counted up to here */
	unsigned line;
	size_t nodes;
	struct perr *e;
};

static unsigned line_of(struct xp *x, const char *p)
{
	if (x->counted < p) { /* \n, \r\n or a lone \r, as text.h counts */
		x->line += text_count_lines(x->counted, p, x->end);
		x->counted = p;
	}
	return x->line;
}

static int fail(struct xp *x, const char *what)
{
	return perr_set(x->e, PERR_FILE, "line %u: %s", line_of(x, x->p), what);
}

void xml_free(struct xml_node *n)
{
	size_t i;

	if (!n)
		return;
	for (i = 0; i < n->nkids; i++)
		xml_free(n->kids[i]);
	for (i = 0; i < 2 * n->nattr; i++)
		free(n->attr[i]);
	free(n->attr);
	free(n->kids);
	free(n->name);
	free(n->text);
	free(n);
}

static int local_is(const char *name, const char *want)
{
	return !strcmp(name, want);
}

const struct xml_node *xml_next(const struct xml_node *n, const struct xml_node *after,
				const char *name)
{
	size_t i = 0;

	if (!n)
		return NULL;
	if (after)
		while (i < n->nkids && n->kids[i++] != after)
			;
	for (; i < n->nkids; i++)
		if (local_is(n->kids[i]->name, name))
			return n->kids[i];
	return NULL;
}

const struct xml_node *xml_child(const struct xml_node *n, const char *name)
{
	return xml_next(n, NULL, name);
}

const char *xml_attr(const struct xml_node *n, const char *name)
{
	size_t i;

	for (i = 0; n && i < n->nattr; i++)
		if (!strcmp(n->attr[2 * i], name))
			return n->attr[2 * i + 1];
	return NULL;
}

static int starts(struct xp *x, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(x->end - x->p) >= n && !memcmp(x->p, lit, n);
}

static void skip_ws(struct xp *x)
{
	while (x->p < x->end && strchr(" \t\r\n", *x->p) && *x->p)
		x->p++;
}

/* Past the next occurrence of lit, or an error naming what was open. */
static int skip_past(struct xp *x, const char *lit, const char *what)
{
	size_t n = strlen(lit);
	const char *q = x->p;

	for (; (size_t)(x->end - q) >= n; q++)
		if (!memcmp(q, lit, n)) {
			x->p = q + n;
			return 0;
		}
	return fail(x, what);
}

/* <!DOCTYPE ...> with an optional [internal subset], never interpreted. */
static int skip_doctype(struct xp *x)
{
	for (; x->p < x->end; x->p++) {
		if (*x->p == '[')
			return skip_past(x, "]", "unterminated DOCTYPE") < 0 ? -1
				: skip_past(x, ">", "unterminated DOCTYPE");
		if (*x->p == '>') {
			x->p++;
			return 0;
		}
	}
	return fail(x, "unterminated DOCTYPE");
}

/* Comments, processing instructions, DOCTYPE and white space. */
static int skip_misc(struct xp *x)
{
	for (;;) {
		skip_ws(x);
		if (starts(x, "<!--")) {
			if (skip_past(x, "-->", "unterminated comment") < 0)
				return -1;
		} else if (starts(x, "<?")) {
			if (skip_past(x, "?>", "unterminated processing instruction") < 0)
				return -1;
		} else if (starts(x, "<!DOCTYPE")) {
			if (skip_doctype(x) < 0)
				return -1;
		} else {
			return 0;
		}
	}
}

static int name_char(char c)
{
	return c && !strchr(" \t\r\n/>=<\"'&", c);
}

/* A name; the prefix before ':' dropped when local. */
static char *name(struct xp *x, int local)
{
	const char *s = x->p, *colon = NULL;

	while (x->p < x->end && name_char(*x->p)) {
		if (*x->p == ':')
			colon = x->p;
		x->p++;
	}
	if (x->p == s) {
		fail(x, "expected a name");
		return NULL;
	}
	if (local && colon && colon + 1 < x->p)
		s = colon + 1;
	return xstrndup(s, (size_t)(x->p - s));
}

static int char_ref(struct xp *x, const char *r, size_t n, struct buf *b)
{
	unsigned long cp = 0;
	int hex = n > 1 && r[1] == 'x';
	size_t i;

	for (i = hex ? 2 : 1; i < n; i++) {
		char c = r[i];
		int d = c >= '0' && c <= '9' ? c - '0'
			: hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
			: hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

		if (d < 0 || cp > 0x10ffff)
			return fail(x, "bad character reference");
		cp = cp * (hex ? 16 : 10) + (unsigned long)d;
	}
	if (i == (hex ? 2u : 1u) || cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return fail(x, "bad character reference");
	text_put_utf8(b, (unsigned)cp);
	return 0;
}

/* &...; at x->p, decoded into b. */
static int entity(struct xp *x, struct buf *b)
{
	static const char *const names[] = { "lt", "gt", "amp", "quot", "apos" };
	static const char chars[] = "<>&\"'";
	const char *semi = x->p + 1;
	size_t n, i;

	while (semi < x->end && semi - x->p < 12 && *semi != ';')
		semi++;
	if (semi == x->end || *semi != ';')
		return fail(x, "'&' that starts no entity");
	n = (size_t)(semi - x->p - 1);
	for (i = 0; i < 5; i++)
		if (n == strlen(names[i]) && !memcmp(x->p + 1, names[i], n)) {
			buf_addc(b, chars[i]);
			x->p = semi + 1;
			return 0;
		}
	if (n && x->p[1] == '#') {
		if (char_ref(x, x->p + 1, n, b) < 0)
			return -1;
		x->p = semi + 1;
		return 0;
	}
	return fail(x, "unknown entity (DTD entities are not read)");
}

static int attr_value(struct xp *x, struct buf *b)
{
	char q;

	if (x->p == x->end || (*x->p != '"' && *x->p != '\''))
		return fail(x, "expected a quoted attribute value");
	q = *x->p++;
	while (x->p < x->end && *x->p != q) {
		if (*x->p == '<')
			return fail(x, "'<' in an attribute value");
		if (*x->p == '&') {
			if (entity(x, b) < 0)
				return -1;
			continue;
		}
		buf_addc(b, *x->p++);
	}
	if (x->p == x->end)
		return fail(x, "unterminated attribute value");
	x->p++;
	return 0;
}

static int attribute(struct xp *x, struct xml_node *n)
{
	struct buf v = BUF_INIT;
	char *k = name(x, 1);

	if (!k)
		return -1;
	skip_ws(x);
	if (x->p == x->end || *x->p != '=') {
		free(k);
		return fail(x, "expected '=' after an attribute name");
	}
	x->p++;
	skip_ws(x);
	if (attr_value(x, &v) < 0) {
		free(k);
		buf_release(&v);
		return -1;
	}
	n->attr = xrealloc(n->attr, (n->nattr + 1) * 2 * sizeof(*n->attr));
	n->attr[2 * n->nattr] = k;
	n->attr[2 * n->nattr + 1] = buf_take(&v);
	n->nattr++;
	return 0;
}

static struct xml_node *element(struct xp *x, int depth);

static int add_kid(struct xml_node *n, struct xml_node *k)
{
	if (n->nkids == n->cap) {
		n->cap = n->cap ? n->cap * 2 : 4;
		n->kids = xrealloc(n->kids, n->cap * sizeof(*n->kids));
	}
	n->kids[n->nkids++] = k;
	return 0;
}

/* </name> closing n; x->p at "</". */
static int end_tag(struct xp *x, struct xml_node *n)
{
	char *nm;
	int same;

	x->p += 2;
	if (!(nm = name(x, 1)))
		return -1;
	same = !strcmp(nm, n->name);
	free(nm);
	if (!same)
		return fail(x, "end tag does not match its start tag");
	skip_ws(x);
	if (x->p == x->end || *x->p != '>')
		return fail(x, "expected '>'");
	x->p++;
	return 0;
}

/* Everything between the start tag and the end tag of n. */
static int content(struct xp *x, struct xml_node *n, int depth)
{
	struct buf t = BUF_INIT;
	struct xml_node *k;
	int rc = -1;

	for (;;) {
		if (x->p == x->end) {
			fail(x, "unterminated element");
			break;
		}
		if (*x->p == '&') {
			if (entity(x, &t) < 0)
				break;
		} else if (*x->p != '<') {
			buf_addc(&t, *x->p++);
		} else if (starts(x, "</")) {
			rc = end_tag(x, n);
			break;
		} else if (starts(x, "<![CDATA[")) {
			const char *s = x->p += 9;

			if (skip_past(x, "]]>", "unterminated CDATA") < 0)
				break;
			buf_add(&t, s, (size_t)(x->p - 3 - s));
		} else if (starts(x, "<!--") || starts(x, "<?")) {
			if (skip_past(x, *(x->p + 1) == '!' ? "-->" : "?>",
				      "unterminated comment") < 0)
				break;
		} else {
			if (!(k = element(x, depth + 1)))
				break;
			add_kid(n, k);
		}
	}
	n->text = buf_take(&t);
	return rc;
}

/* <name attr="v" ...> content </name>, or <name ... />. */
static struct xml_node *element(struct xp *x, int depth)
{
	struct xml_node *n;

	if (depth > XML_MAX_DEPTH) {
		perr_set(x->e, PERR_LIMIT, "line %u: nested deeper than %d", line_of(x, x->p),
			 XML_MAX_DEPTH);
		return NULL;
	}
	if (++x->nodes > XML_MAX_NODES) {
		perr_set(x->e, PERR_LIMIT, "line %u: over %d elements", line_of(x, x->p),
			 XML_MAX_NODES);
		return NULL;
	}
	n = xcalloc(1, sizeof(*n));
	n->line = line_of(x, x->p);
	x->p++;
	if (!(n->name = name(x, 1)))
		goto bad;
	for (;;) {
		skip_ws(x);
		if (starts(x, "/>")) {
			x->p += 2;
			n->text = xstrdup("");
			return n;
		}
		if (x->p < x->end && *x->p == '>')
			break;
		if (x->p == x->end) {
			fail(x, "unterminated start tag");
			goto bad;
		}
		if (attribute(x, n) < 0)
			goto bad;
	}
	x->p++;
	if (content(x, n, depth) < 0)
		goto bad;
	return n;
bad:
	xml_free(n);
	return NULL;
}

struct xml_node *xml_parse(const char *s, size_t len, struct perr *e)
{
	struct xp x = { s, s + len, s, 1, 0, e };
	struct xml_node *root;

	if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		x.p += 3;
	if (skip_misc(&x) < 0)
		return NULL;
	if (x.p == x.end || *x.p != '<') {
		fail(&x, "expected the root element");
		return NULL;
	}
	if (!(root = element(&x, 0)))
		return NULL;
	if (skip_misc(&x) < 0 || (x.p != x.end && fail(&x, "text after the root element") < 0)) {
		xml_free(root);
		return NULL;
	}
	return root;
}
