/* SPDX-License-Identifier: MIT */
/* ntia.h -- check an SPDX 2.3 JSON document for the NTIA minimum elements.
 *
 * The minimum elements (NTIA, "The Minimum Elements For a Software Bill
 * of Materials", 2021) as SPDX 2.3 fields: supplier (PackageSupplier, not
 * NOASSERTION), component name (name), version (versionInfo), unique
 * identifiers (an SPDXID on the document and every package and file, none
 * twice), relationships (the document DESCRIBES a package, through
 * relationships or documentDescribes), author of the SBOM data
 * (creationInfo.creators) and timestamp (creationInfo.created, ISO 8601
 * UTC as SPDX writes it).  The input is untrusted: any JSON at all.
 *
 *   n = ntia_check(json, len, out, e)   appends one line per missing
 *       element to out ("SPDXRef-x (name): no supplier"); returns how many,
 *       or -1 with e set (PERR_FILE) when the bytes are not a JSON object
 *
 * out is the caller's.  No state, safe from any thread. */
#ifndef PETAL_NTIA_H
#define PETAL_NTIA_H

#include <stddef.h>

#include "buf.h"
#include "perr.h"

int ntia_check(const char *json, size_t len, struct buf *out, struct perr *e);

#endif
