/* SPDX-License-Identifier: MIT */
/* cdx.h -- CycloneDX 1.6 JSON from the SBOM model (sbom.h).
 *
 * The root package is metadata.component; every other package is a
 * component nested in its parent's "components" (an assembly: CONTAINS),
 * archives typed "file", manifest packages "library".  A package's
 * declared license (or, with --conclude, the detected one) is its
 * "licenses" expression; what was found in its files is
 * evidence.licenses (SPDX ids as ids, anything else -- "A WITH B",
 * LicenseRef-x -- as names).  With files (--cdx-files) each file is a
 * "file" component with hashes and its own license and copyright
 * evidence.  dependencies lists every package, with dependsOn for the
 * DEPENDS_ON ones.  serialNumber is the model's content-derived UUID.
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
