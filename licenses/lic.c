/* SPDX-License-Identifier: MIT */
/* lic.c -- look-ups in the generated id table.  See lic.h. */
#include "lic.h"

#include <strings.h>

#include "lic_table.h"

/* The table is sorted by strcasecmp, then bytes; ids differ case-insensitively
 * in practice, so the first case-insensitive hit is the one. */
const struct lic_info *lic_find(const char *id, size_t len)
{
	size_t lo = 0, hi = lic_table_len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *m = lic_table[mid].id;
		int c = strncasecmp(m, id, len);

		if (c == 0 && m[len] != '\0')
			c = 1; /* m is longer: it sorts after */
		if (c == 0)
			return &lic_table[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

size_t lic_count(void)
{
	return lic_table_len;
}

const struct lic_info *lic_at(size_t i)
{
	return i < lic_table_len ? &lic_table[i] : NULL;
}

const char *lic_list_version(void)
{
	return lic_table_version;
}
