/* SPDX-License-Identifier: MIT */
/* vcode.h -- the SPDX package verification code (SPDX 2.3, clause 7.9).
 *
 * The code is the SHA-1 of the concatenated lower-case hex SHA-1 values of
 * the package's files, sorted in ascending (byte) order, leaving out the
 * excluded files (the SBOM file itself).  Duplicate values are kept: two
 * files with the same content count twice, as the spec's algorithm does.
 *
 *   vcode_compute(sha1s, n, out)   out gets 40 hex digits and a NUL
 *
 * sha1s is borrowed and left as it was (a sorted copy is made).  No state,
 * safe from any thread. */
#ifndef PETAL_VCODE_H
#define PETAL_VCODE_H

#include <stddef.h>

void vcode_compute(const unsigned char (*sha1s)[20], size_t n, char out[41]);

#endif
