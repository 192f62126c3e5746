/* SPDX-License-Identifier: MIT */
/* mani_json.c -- package.json (npm) and composer.json, read with json-c
 * in strict mode (what npm's and composer's own JSON.parse accept).
 *
 * npm: "license" is an SPDX expression; the legacy forms, an object
 * {"type","url"} or a "licenses" list of them, are read as what npm's own
 * SBOM writer makes of them: the list as OR.  composer: "license" is a
 * string or a list, and the list is a choice (OR) by composer's schema. */
#include <json-c/json.h>
#include <string.h>

#include "buf.h"
#include "mani_int.h"
#include "text.h"

static json_object *parse(struct mani_doc *d)
{
	struct json_tokener *tok = json_tokener_new_ex(64);
	const char *s = d->text;
	size_t n = d->len;
	json_object *o;
	enum json_tokener_error err;
	struct buf b = BUF_INIT;

	if (n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		s += 3, n -= 3;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	o = json_tokener_parse_ex(tok, s, (int)n);
	err = json_tokener_get_error(tok);
	if (!o || err != json_tokener_success) {
		size_t at = json_tokener_get_parse_end(tok);

		if (err == json_tokener_continue || err == json_tokener_success)
			buf_printf(&b, "truncated JSON (%s)", n ? "unexpected end" : "empty file");
		else
			buf_printf(&b, "line %u: %s", mani_line_of(s, s + (at < n ? at : n), s + n),
				   json_tokener_error_desc(err));
		mani_malformed(d, NULL, b.data);
		buf_release(&b);
		json_object_put(o);
		o = NULL;
	} else if (!json_object_is_type(o, json_type_object)) {
		mani_malformed(d, NULL, "not a JSON object");
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	return o;
}

static const char *str(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* The line of top-level key "key" (0 if not found): a walk over the
 * text that skips strings and counts nesting. */
static unsigned key_line(const struct mani_doc *d, const char *key)
{
	const char *p = d->text, *end = d->text + d->len, *s;
	size_t kl = strlen(key);
	unsigned line = 1;
	int depth = 0;

	for (; p < end; p++) {
		if (*p == '\n' || *p == '\r')
			line += text_count_lines(p, p + 1, end);
		else if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']')
			depth--;
		if (*p != '"')
			continue;
		for (s = ++p; p < end && *p != '"'; p++)
			if (*p == '\\')
				p++;
		if (depth == 1 && (size_t)(p - s) == kl && !memcmp(s, key, kl)) {
			const char *q = p + 1;

			while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
				q++;
			if (q < end && *q == ':')
				return line;
		}
	}
	return 0;
}

/* An author: "Name <mail> (url)" as written, or {"name": ...}. */
static const char *person(json_object *o)
{
	if (!o)
		return NULL;
	if (json_object_is_type(o, json_type_string))
		return json_object_get_string(o);
	if (json_object_is_type(o, json_type_object))
		return str(o, "name");
	if (json_object_is_type(o, json_type_array) && json_object_array_length(o))
		return person(json_object_array_get_idx(o, 0));
	return NULL;
}

/* Strings of a list: each a string, or an object's "type" (else "url"). */
static size_t list_items(json_object *a, char **v, size_t cap)
{
	size_t i, n = 0, len = json_object_array_length(a);

	for (i = 0; i < len && n < cap; i++) {
		json_object *it = json_object_array_get_idx(a, i);
		const char *s = NULL;

		if (json_object_is_type(it, json_type_string))
			s = json_object_get_string(it);
		else if (json_object_is_type(it, json_type_object))
			s = str(it, "type") ? str(it, "type") : str(it, "url");
		if (s)
			v[n++] = (char *)s;
	}
	return n;
}

#define MAX_LIST 32

static void license_value(struct mani_doc *d, struct package *p, json_object *v,
			  unsigned line, const char *list_note)
{
	char *items[MAX_LIST];
	size_t n;

	if (json_object_is_type(v, json_type_string)) {
		const char *s = json_object_get_string(v);

		mani_license(d, p, s, strlen(s), line, 0, NULL);
	} else if (json_object_is_type(v, json_type_object)) {
		const char *s = str(v, "type") ? str(v, "type") : str(v, "url");

		if (s)
			mani_license(d, p, s, strlen(s), line, 0, "legacy license object");
		else
			mani_problem(d, p, line, "license object without \"type\" or \"url\"");
	} else if (json_object_is_type(v, json_type_array)) {
		if ((n = list_items(v, items, MAX_LIST)) > 0)
			mani_license_list(d, p, items, n, line, "OR", list_note);
		else
			mani_problem(d, p, line, "empty license list");
	} else {
		mani_problem(d, p, line, "license is neither a string nor a list");
	}
}


/* The package's name; with scoped, "ns/name" puts ns in the namespace. */
static void set_name(struct package *p, const char *name, int scoped)
{
	const char *slash = scoped && name ? strchr(name, '/') : NULL;

	if (slash) {
		mani_setn(&p->namespace, name, (size_t)(slash - name));
		mani_set(&p->name, slash + 1);
	} else {
		mani_set(&p->name, name);
	}
}

void mani_read_npm(struct mani_doc *d)
{
	json_object *o = parse(d), *lic = NULL, *lics = NULL, *author = NULL;
	const char *name;
	struct package *p;

	if (!o)
		return;
	name = str(o, "name");
	json_object_object_get_ex(o, "license", &lic);
	json_object_object_get_ex(o, "licenses", &lics);
	if (!name && !str(o, "version") && !lic && !lics) {
		json_object_put(o); /* {"type":"module"} and the like declare nothing */
		return;
	}
	p = mani_package(d, "npm");
	set_name(p, name, name && name[0] == '@'); /* "@scope/name" */
	mani_set(&p->version, str(o, "version"));
	mani_set(&p->homepage, str(o, "homepage"));
	json_object_object_get_ex(o, "author", &author);
	mani_set(&p->supplier, person(author));
	if (lic)
		license_value(d, p, lic, key_line(d, "license"),
			      "a list of licenses read as OR (npm)");
	else if (lics)
		license_value(d, p, lics, key_line(d, "licenses"),
			      "legacy \"licenses\" list read as OR, as npm does");
	json_object_put(o);
}

void mani_read_composer(struct mani_doc *d)
{
	json_object *o = parse(d), *lic = NULL, *authors = NULL;
	const char *name;
	struct package *p;

	if (!o)
		return;
	name = str(o, "name");
	json_object_object_get_ex(o, "license", &lic);
	if (!name && !lic) {
		json_object_put(o);
		return;
	}
	p = mani_package(d, "composer");
	set_name(p, name, 1); /* "vendor/name" */
	mani_set(&p->version, str(o, "version"));
	mani_set(&p->homepage, str(o, "homepage"));
	json_object_object_get_ex(o, "authors", &authors);
	mani_set(&p->supplier, person(authors));
	if (lic)
		license_value(d, p, lic, key_line(d, "license"),
			      "a list of licenses is a choice (OR) in composer.json");
	json_object_put(o);
}
