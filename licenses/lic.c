/* SPDX-License-Identifier: MIT */
/* lic.c -- look-ups in the generated id table.  See lic.h.
 *
 * lic_table[] (build/gen/lic_table.c, written by licenses/gen_ids.c) is
 * sorted by strcasecmp, then bytes, and gen_ids refuses two ids that differ
 * only in case, so a case-insensitive binary search finds at most one
 * entry.  The key is (pointer, length) because callers look up ids in the
 * middle of a scanned line; it may hold any byte, NUL included. */
#include "lic.h"

#include <string.h>

#include "lic_table.h"

/* ASCII only, as gen_ids' strcasecmp in the C locale: ids are ASCII. */
static int lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* strcasecmp(id, key) with key of len bytes. */
static int cmp_key(const char *id, const char *key, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		int a = lower((unsigned char)id[i]), b = lower((unsigned char)key[i]);

		if (a == '\0')
			return -1; /* id is a prefix of key: it sorts first */
		if (a != b)
			return a - b;
	}
	return id[len] != '\0'; /* id longer: it sorts after */
}

const struct lic_info *lic_find(const char *id, size_t len)
{
	size_t lo = 0, hi = lic_table_len;

	if (!id || !len)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_key(lic_table[mid].id, id, len);

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

size_t lic_family_len(const char *id)
{
	size_t n = strlen(id);

	if (n > 9 && !strcmp(id + n - 9, "-or-later"))
		return n - 9;
	if (n > 5 && !strcmp(id + n - 5, "-only"))
		return n - 5;
	return n && id[n - 1] == '+' ? n - 1 : n;
}
