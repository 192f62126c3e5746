/* SPDX-License-Identifier: MIT */
/* ntia.c -- NTIA minimum elements in an SPDX 2.3 JSON document; see ntia.h. */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "ntia.h"
#include "strv.h"
#include "text.h"

#define NTIA_DEPTH 64 /* nesting accepted in the input */

/* The string at o[k], or NULL when absent, not a string, or empty. */
static const char *get_str(json_object *o, const char *k)
{
	json_object *v;
	const char *s;

	if (!json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, k, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	s = json_object_get_string(v);
	return s && *s ? s : NULL;
}

static json_object *get_array(json_object *o, const char *k)
{
	json_object *v;

	if (!json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, k, &v) ||
	    !json_object_is_type(v, json_type_array))
		return NULL;
	return v;
}

/* "2024-01-02T03:04:05Z" */
static int is_timestamp(const char *s)
{
	static const char form[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;

	if (!s || strlen(s) != sizeof(form) - 1)
		return 0;
	for (i = 0; form[i]; i++)
		if (form[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != form[i])
			return 0;
	return 1;
}

/* One line per missing element; ids and names come from the input, so
 * control bytes (a newline would make two lines) are escaped. */
static int missing(struct buf *out, const char *id, const char *name, const char *what)
{
	if (id)
		text_escape(out, (const unsigned char *)id, strlen(id));
	else
		buf_adds(out, "(no SPDXID)");
	if (name) {
		buf_adds(out, " (");
		text_escape(out, (const unsigned char *)name, strlen(name));
		buf_addc(out, ')');
	}
	buf_printf(out, ": %s\n", what);
	return 1;
}

/* Every element has an SPDXID and none appears twice. */
static int unique_ids(json_object *doc, struct buf *out)
{
	static const char *const lists[] = { "packages", "files", "snippets" };
	const char **ids = NULL;
	size_t n = 0, i, j, bad = 0;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		json_object *a = get_array(doc, lists[i]);
		size_t m = a ? json_object_array_length(a) : 0;

		ids = realloc(ids, (n + m + 1) * sizeof(*ids));
		if (!ids)
			abort();
		for (j = 0; j < m; j++) {
			json_object *el = json_object_array_get_idx(a, j);
			const char *id = get_str(el, "SPDXID");

			if (id)
				ids[n++] = id;
			else
				bad += (size_t)missing(out, NULL, get_str(el, "name") ? get_str(el, "name")
						       : get_str(el, "fileName"), "no SPDXID");
		}
	}
	qsort(ids, n, sizeof(*ids), strv_cmp);
	for (i = 1; i < n; i++)
		if (!strcmp(ids[i - 1], ids[i]) && (i < 2 || strcmp(ids[i - 2], ids[i])))
			bad += (size_t)missing(out, ids[i], NULL, "SPDXID used more than once");
	free(ids);
	return (int)bad;
}

/* "Person: " or "Organization: " with nothing after it names no one. */
static int supplier_named(const char *s)
{
	const char *c = strchr(s, ':');

	if (c && (!strncmp(s, "Person:", 7) || !strncmp(s, "Organization:", 13)))
		s = c + 1;
	return s[strspn(s, " \t")] != '\0';
}

static int check_package(json_object *p, struct buf *out)
{
	const char *id = get_str(p, "SPDXID"), *name = get_str(p, "name");
	const char *sup = get_str(p, "supplier");
	int bad = 0;

	if (!name)
		bad += missing(out, id, NULL, "no name");
	if (!get_str(p, "versionInfo"))
		bad += missing(out, id, name, "no version (versionInfo)");
	if (!sup || !strcmp(sup, "NOASSERTION") || !strcmp(sup, "NONE") || !supplier_named(sup))
		bad += missing(out, id, name, "no supplier");
	return bad;
}

static int describes(json_object *doc)
{
	json_object *rels = get_array(doc, "relationships"), *dd = get_array(doc, "documentDescribes");
	size_t i, n = rels ? json_object_array_length(rels) : 0;

	if (dd && json_object_array_length(dd))
		return 1;
	for (i = 0; i < n; i++) {
		json_object *r = json_object_array_get_idx(rels, i);
		const char *from = get_str(r, "spdxElementId"), *type = get_str(r, "relationshipType");

		if (from && type && !strcmp(from, "SPDXRef-DOCUMENT") && !strcmp(type, "DESCRIBES"))
			return 1;
	}
	return 0;
}

static int check_doc(json_object *doc, struct buf *out)
{
	json_object *ci, *creators, *pkgs = get_array(doc, "packages");
	const char *did = get_str(doc, "SPDXID");
	size_t i, n = pkgs ? json_object_array_length(pkgs) : 0;
	int bad = 0;

	if (!json_object_object_get_ex(doc, "creationInfo", &ci))
		ci = NULL;
	creators = get_array(ci, "creators");
	if (!creators || !json_object_array_length(creators))
		bad += missing(out, did, NULL, "no author (creationInfo.creators)");
	if (!is_timestamp(get_str(ci, "created")))
		bad += missing(out, did, NULL, "no timestamp (creationInfo.created, YYYY-MM-DDThh:mm:ssZ)");
	if (!describes(doc))
		bad += missing(out, did, NULL, "no relationship: the document DESCRIBES no package");
	if (!n)
		bad += missing(out, did, NULL, "no package");
	for (i = 0; i < n; i++)
		bad += check_package(json_object_array_get_idx(pkgs, i), out);
	if (!did)
		bad += missing(out, NULL, NULL, "the document has no SPDXID");
	return bad + unique_ids(doc, out);
}

static int only_space(const char *p, size_t n)
{
	for (; n; p++, n--)
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			return 0;
	return 1;
}

int ntia_check(const char *json, size_t len, struct buf *out, struct perr *e)
{
	struct json_tokener *tok = json_tokener_new_ex(NTIA_DEPTH);
	json_object *doc;
	int bad;

	if (!tok)
		abort();
	if (len > (size_t)INT32_MAX) {
		json_tokener_free(tok);
		return perr_set(e, PERR_FILE, "over 2 GB: not read");
	}
	doc = json_tokener_parse_ex(tok, json, (int)len);
	if (!doc || json_tokener_get_error(tok) != json_tokener_success) {
		enum json_tokener_error err = json_tokener_get_error(tok);

		perr_set(e, PERR_FILE, "not JSON: %s at byte %zu",
			 err == json_tokener_continue ? "the document ends early"
						      : json_tokener_error_desc(err),
			 json_tokener_get_parse_end(tok));
		json_object_put(doc);
		json_tokener_free(tok);
		return -1;
	}
	if (!only_space(json + json_tokener_get_parse_end(tok), len - json_tokener_get_parse_end(tok))) {
		perr_set(e, PERR_FILE, "not JSON: trailing bytes at byte %zu",
			 json_tokener_get_parse_end(tok));
		json_object_put(doc);
		json_tokener_free(tok);
		return -1;
	}
	json_tokener_free(tok);
	if (!json_object_is_type(doc, json_type_object) || !get_str(doc, "spdxVersion")) {
		json_object_put(doc);
		return perr_set(e, PERR_FILE, "not an SPDX JSON document (no spdxVersion)");
	}
	bad = check_doc(doc, out);
	json_object_put(doc);
	return bad;
}
