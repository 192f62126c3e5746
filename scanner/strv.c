/* SPDX-License-Identifier: MIT */
/* strv.c -- see strv.h. */
#include <stdlib.h>
#include <string.h>

#include "strv.h"

int strv_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t strv_sort_unique(char **v, size_t n)
{
	size_t i, k = 0;

	if (n > 1) /* qsort on a NULL array is undefined, even for 0 */
		qsort(v, n, sizeof(*v), strv_cmp);
	for (i = 0; i < n; i++) {
		if (k && !strcmp(v[k - 1], v[i]))
			free(v[i]);
		else
			v[k++] = v[i];
	}
	return k;
}

void strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
