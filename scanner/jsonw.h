/* SPDX-License-Identifier: MIT */
/* jsonw.h -- JSON written straight into a buffer, byte for byte as json-c
 * prints it plain (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE).
 *
 * The per-file records are the hot path of a scan's output: building
 * json-c objects for each of them cost a sixth of a kernel scan.  The
 * documents written once per run (summaries, SBOMs) keep json-c.
 *
 *   struct jw w = JW_INIT(&buf);
 *   jw_open(&w, NULL, '{');          a value: key NULL in arrays and at the top
 *   jw_str(&w, "path", s);           NULL prints null
 *   jw_int(&w, "size", n);
 *   jw_open(&w, "findings", '['); ... jw_close(&w, ']');
 *   jw_close(&w, '}');
 *
 * JW_INIT_PRETTY(&buf) writes as json-c's JSON_C_TO_STRING_PRETTY |
 * _SPACED | _NOSLASHESCAPE does (two spaces a level, "key": value, an
 * empty array "[\n  ]"): the check reports, whose file lists have a row
 * per input.
 *
 * Strings are escaped as json-c does: " \ and \b \f \n \r \t by name, the
 * other bytes below 0x20 as \u00xx, everything else (UTF-8) as it is.
 * The buffer is the caller's; no other state. */
#ifndef PETAL_JSONW_H
#define PETAL_JSONW_H

#include <stdint.h>

#include "buf.h"

struct jw {
	struct buf *b;
	int first;  /* nothing written yet in the open object or array */
	int pretty; /* json-c's pretty layout */
	int depth;  /* open objects and arrays (pretty only) */
};

#define JW_INIT(buf) { (buf), 1, 0, 0 }
#define JW_INIT_PRETTY(buf) { (buf), 1, 1, 0 }

void jw_open(struct jw *w, const char *key, char c);
void jw_close(struct jw *w, char c);
void jw_str(struct jw *w, const char *key, const char *v);
void jw_int(struct jw *w, const char *key, int64_t v);
void jw_uint(struct jw *w, const char *key, uint64_t v);
void jw_bool(struct jw *w, const char *key, int v);
/* s as a JSON string, quotes included. */
void jw_escape(struct buf *b, const char *s);

#endif
