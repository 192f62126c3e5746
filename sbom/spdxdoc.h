/* SPDX-License-Identifier: MIT */
/* spdxdoc.h -- SPDX 2.3 documents, JSON and tag-value, from one model.
 *
 * Both writers print the same sbom_doc (sbom.h), field for field:
 * creation info, packages (with hasFiles in JSON; in tag-value each
 * package is followed by its files, which is how that format says they
 * belong to it), files, extracted licensing infos, relationships.  Keys
 * come in a fixed order; JSON is streamed one element a line, so memory
 * stays that of the model.
 *
 *   spdxdoc_json(d, out)   0, or -1 when writing failed (errno set)
 *   spdxdoc_tv(d, out)
 *   spdxdoc_list_version()       the SPDX License List the embedded ids
 *                             come from ("3.28"), for licenseListVersion
 *
 * d and out are borrowed.  No state. */
#ifndef PETAL_SPDXDOC_H
#define PETAL_SPDXDOC_H

#include <stdio.h>

#include "sbom.h"

int spdxdoc_json(const struct sbom_doc *d, FILE *out);
int spdxdoc_tv(const struct sbom_doc *d, FILE *out);
const char *spdxdoc_list_version(void);

#endif
