/* SPDX-License-Identifier: MIT */
/* strv.h -- arrays of owned strings (char **v with a count n), the small
 * things every list of ids, names and licenses in petal needs.
 *
 *   qsort(v, n, sizeof(*v), strv_cmp)   byte order, for qsort and bsearch
 *   n = strv_sort_unique(v, n)          sorted, repeats freed; v may be
 *                                       NULL when n is 0
 *   strv_free(v, n)                     frees each string and v
 *
 * Ownership: v and its strings are the caller's, malloc'ed; sort_unique
 * frees the repeats it drops, strv_free everything.  Threads: no state. */
#ifndef PETAL_STRV_H
#define PETAL_STRV_H

#include <stddef.h>

int strv_cmp(const void *a, const void *b);
size_t strv_sort_unique(char **v, size_t n);
void strv_free(char **v, size_t n);

#endif
