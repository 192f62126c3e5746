/* SPDX-License-Identifier: MIT */
/* lic.h -- the SPDX license and exception ids compiled into petal.
 *
 * The table is generated at build time by licenses/gen_ids.c from the
 * pinned npm packages spdx-license-list and spdx-exceptions (checked
 * against their integrity hashes by licenses/fetch.sh), plus our own
 * licenses/deprecated.tsv, which maps each deprecated id to its
 * replacement expression.  Nothing here is written at run time.
 *
 *   lic_find(id, len)   case-insensitive look-up of a license or exception
 *   lic_count()         number of entries, licenses and exceptions
 *   lic_at(i)           entry i, sorted by id (case-insensitive, then bytes)
 *   lic_list_version()  e.g. "spdx-license-list@6.12.0 spdx-exceptions@2.5.0"
 *   lic_family_len(id)  the length of id's family: id without "-only",
 *                       "-or-later" or a final '+' (GPL-2.0-only,
 *                       GPL-2.0-or-later and GPL-2.0 are one text)
 *
 * Everything returned points into static, read-only data. */
#ifndef PETAL_LIC_H
#define PETAL_LIC_H

#include <stddef.h>

struct lic_info {
	const char *id;          /* canonical case, e.g. "GPL-2.0-only" */
	const char *name;        /* full name; exceptions: the id */
	const char *replacement; /* deprecated: the expression to use instead */
	unsigned char osi;        /* OSI approved */
	unsigned char deprecated; /* listed in licenses/deprecated.tsv */
	unsigned char exception;  /* a license exception (for WITH) */
};

const struct lic_info *lic_find(const char *id, size_t len);
size_t lic_count(void);
const struct lic_info *lic_at(size_t i);
const char *lic_list_version(void);
size_t lic_family_len(const char *id);

#endif
