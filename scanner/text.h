/* SPDX-License-Identifier: MIT */
/* text.h -- bytes to UTF-8 for the detectors, and safe display strings.
 *
 * Detectors read UTF-8.  text_decode() checks a buffer that ftype_sniff
 * called text: valid UTF-8 (plain ASCII is the fast path) is used in place;
 * anything else is converted into out: Latin-1 byte by byte, UTF-16 (with
 * its BOM) by code units, unpaired surrogates as U+FFFD.  A UTF-8 BOM is
 * kept: detectors treat it as white space.
 *
 *   enc = text_decode(b, n, hint, &out, &t, &tn)
 *       hint: the ftype_sniff encoding; returns the encoding actually used.
 *       t/tn: the UTF-8 text, pointing into b or into out (a reusable
 *       buffer owned by the caller).
 *   text_utf8_len(b, n)      length of the longest valid UTF-8 prefix
 *   text_escape(dst, b, n)   appends b to dst with invalid UTF-8 and
 *                            control bytes written \xNN, for display paths
 *
 * Threads: no state; one `out` buffer per thread. */
#ifndef PETAL_TEXT_H
#define PETAL_TEXT_H

#include <stddef.h>

#include "buf.h"
#include "ftype.h"

enum text_enc text_decode(const unsigned char *b, size_t n, enum text_enc hint,
			  struct buf *out, const char **t, size_t *tn);
size_t text_utf8_len(const unsigned char *b, size_t n);
void text_escape(struct buf *dst, const unsigned char *b, size_t n);

/* Appends code point cp (<= 0x10ffff, not a surrogate) as UTF-8. */
void text_put_utf8(struct buf *dst, unsigned cp);

#endif
