/* SPDX-License-Identifier: MIT */
/* buf.h -- a growable byte buffer (git's strbuf, curl's dynbuf).
 *
 *   struct buf b = BUF_INIT;
 *   buf_add(&b, p, n); buf_printf(&b, "%d", x); buf_addc(&b, c);
 *   s = buf_take(&b);     hands the NUL-terminated bytes to the caller
 *   buf_release(&b);      frees and resets; the struct can be reused
 *
 * Invariants: data is NUL-terminated whenever len > 0 or cap > 0;
 * len < cap when data != NULL.  Allocation failure aborts: every caller
 * in petal treats it as fatal, and one place is better than a hundred. */
#ifndef PETAL_BUF_H
#define PETAL_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct buf {
	char *data; /* owned; NULL until the first add */
	size_t len; /* bytes used, excluding the NUL */
	size_t cap; /* bytes allocated */
};

#define BUF_INIT { NULL, 0, 0 }

void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *p, size_t n);
/* v in decimal, by hand: printf cost a tenth of a scan's output. */
void buf_add_u64(struct buf *b, uint64_t v);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void buf_reset(struct buf *b); /* len = 0, keeps the memory */
char *buf_take(struct buf *b); /* never NULL; caller frees */
void buf_release(struct buf *b);

/* malloc/realloc/strdup that abort with a message on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xstrdup0(const char *s); /* NULL stays NULL */

#endif
