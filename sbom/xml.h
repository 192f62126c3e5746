/* SPDX-License-Identifier: MIT */
/* xml.h -- a tiny XML element reader for pom.xml and *.nuspec.
 *
 * Reads well-formed XML into a tree of elements: local names (a prefix
 * "x:" is dropped), attributes, the character data directly inside each
 * element (the five predefined entities, character references and CDATA
 * decoded) and the line each element starts on.  Comments, processing
 * instructions and the DOCTYPE are skipped; entities a DTD would define
 * are an error, never expanded.  Mismatched tags, unterminated constructs
 * and text after the root element are errors.  Nesting is capped at
 * XML_MAX_DEPTH and elements at XML_MAX_NODES.
 *
 *   root = xml_parse(s, len, e)   NULL + e ("line 4: expected '>'") on error
 *   k = xml_child(n, "licenses")  first child element by local name, or NULL
 *   k = xml_next(n, k, "license") next sibling after k with that name
 *   v = xml_attr(n, "type")       attribute value, or NULL
 *   xml_free(root)                accepts NULL
 *
 * The tree is owned by root; everything returned is borrowed from it. */
#ifndef PETAL_XML_H
#define PETAL_XML_H

#include <stddef.h>

#include "perr.h"

#define XML_MAX_DEPTH 64
#define XML_MAX_NODES 100000

struct xml_node {
	char *name;              /* owned; local name */
	char **attr;             /* owned; name, value, name, value ... */
	size_t nattr;            /* pairs */
	char *text;              /* owned; character data directly inside, "" if none */
	struct xml_node **kids;  /* owned */
	size_t nkids, cap;
	unsigned line;           /* 1-based line of the start tag */
};

struct xml_node *xml_parse(const char *s, size_t len, struct perr *e);
const struct xml_node *xml_child(const struct xml_node *n, const char *name);
const struct xml_node *xml_next(const struct xml_node *n, const struct xml_node *after,
				const char *name);
const char *xml_attr(const struct xml_node *n, const char *name);
void xml_free(struct xml_node *n);

#endif
