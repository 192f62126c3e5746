/* SPDX-License-Identifier: MIT */
/* version.h -- petal's version, one place. */
#ifndef PETAL_VERSION_H
#define PETAL_VERSION_H

#define PETAL_VERSION "0.1.0"

#endif
