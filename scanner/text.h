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
 *   text_high_bytes(s, n)    how many bytes are not ASCII (>= 0x80)
 *   text_escape(dst, b, n)   appends b to dst with invalid UTF-8 and
 *                            control bytes written \xNN, for display paths
 *   text_pct_encode(dst, s, keep)  appends s percent-encoded (RFC 3986
 *                            2.1, upper-case hex): all but the unreserved
 *                            bytes (ALPHA DIGIT - . _ ~) and those in keep
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
/* The bytes of s[0..n) that are 0x80 or above (not ASCII). */
size_t text_high_bytes(const char *s, size_t n);
void text_escape(struct buf *dst, const unsigned char *b, size_t n);
void text_pct_encode(struct buf *dst, const char *s, const char *keep);

/* Appends code point cp (<= 0x10ffff, not a surrogate) as UTF-8. */
void text_put_utf8(struct buf *dst, unsigned cp);

/* Lines, one definition for every detector: a line ends at \n, \r\n or a
 * lone \r (old Mac files), so a tag, a token and a text match in one file
 * agree on line numbers.
 *   text_line_end(p, end)          the line's terminator (or end)
 *   text_next_line(eol, end)       past that terminator
 *   text_line_start(text, p)       the start of the line holding p
 *   text_count_lines(p, lim, end)  terminators in [p, lim); end bounds
 *                                  the look at a \r's next byte
 *   text_cut(s, n, max)            n cut to max bytes, not inside a UTF-8
 *                                  sequence */
const char *text_line_end(const char *p, const char *end);
const char *text_next_line(const char *eol, const char *end);
const char *text_line_start(const char *text, const char *p);
unsigned text_count_lines(const char *p, const char *lim, const char *end);
size_t text_cut(const char *s, size_t n, size_t max);

#endif
