/* SPDX-License-Identifier: MIT */
/* licmeta.h -- what petal knows about each license besides its text:
 * its category, and (to come) the obligations each kind of use triggers.
 *
 * The data is a file written by this project (rules/licmeta.*), compiled
 * into the binary; one entry per SPDX id of the embedded list.
 *
 *   lm_category_of(id)         the category of a canonical SPDX license or
 *                              exception id; LM_UNKNOWN when petal has none
 *   lm_category_name(c)        "permissive", "weak-copyleft", ...
 *   lm_category_parse(s, &c)   the reverse; 0, or -1 for an unknown name
 *
 * Everything is read-only data: safe from any thread. */
#ifndef PETAL_LICMETA_H
#define PETAL_LICMETA_H

enum lm_category {
	LM_PERMISSIVE,
	LM_WEAK_COPYLEFT,
	LM_STRONG_COPYLEFT,
	LM_NETWORK_COPYLEFT,
	LM_PUBLIC_DOMAIN,
	LM_SOURCE_AVAILABLE, /* non-commercial and source-available licenses */
	LM_PROPRIETARY_FREE,
	LM_UNKNOWN,
	LM_NCATEGORIES
};

enum lm_category lm_category_of(const char *id);
const char *lm_category_name(enum lm_category c);
int lm_category_parse(const char *s, enum lm_category *out);

#endif
