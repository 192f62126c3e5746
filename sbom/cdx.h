/* SPDX-License-Identifier: MIT */
/* cdx.h -- CycloneDX 1.6 JSON from the SBOM model (sbom.h).
 *
 * The root package is metadata.component; every other package is a
 * component nested in its parent's "components" (an assembly: CONTAINS),
 * archives typed "file", manifest packages "library".  A package's
 * declared license (or, with --conclude, the detected one) is its
 * "licenses" expression; with both, the concluded expression is the
 * property petal:licenseConcluded (1.6 holds one expression).  What was
 * found in its files is evidence.licenses (SPDX ids as ids, anything else
 * -- "A WITH B", LicenseRef-x -- as names, a LicenseRef with its text).
 * A manifest's http(s) homepage is a "website" external reference.
 *
 * With files (--cdx-files) each input is a "file" component exactly
 * once, in the package holding it: a file read with hashes and its own
 * license and copyright evidence (petal:status and petal:reason when it
 * failed, was read in part or not opened); a symlink, special, skipped or
 * failed input without hashes, with petal:status (symlink, skipped,
 * failed) and petal:reason.  Without files, metadata.properties names
 * the inputs without content (petal:undescribed, as SPDX's comment,
 * capped) and the files read in part (petal:partial).  dependencies
 * lists every component once: a package dependsOn the manifest packages
 * in its node_modules/, vendor/, third_party/; files depend on nothing.
 * serialNumber is the model's content-derived UUID.
 *
 *   cdx_json(d, files, out)   0, or -1 when writing failed
 *
 * d and out are borrowed.  The document is built whole, then printed; no
 * state, one thread per document. */
#ifndef PETAL_CDX_H
#define PETAL_CDX_H

#include <stdio.h>

#include "sbom.h"

int cdx_json(const struct sbom_doc *d, int files, FILE *out);

#endif
