/* SPDX-License-Identifier: MIT */
/* hash.h -- SHA-1 and SHA-256 together, fed as bytes stream past.
 *
 * Checksums are computed while a file or archive entry is read, never by
 * reading it again (libcrypto's EVP; SHA-NI where the CPU has it).
 *
 *   struct hash_ctx h;
 *   hash_init(&h); hash_update(&h, p, n) ...; hash_final(&h, sha1, sha256);
 *   hash_hex(digest, n, out)   out must hold 2n+1 bytes
 *
 * hash_final releases the context; hash_release releases one abandoned
 * midway.  One context per stream; contexts are not shared by threads. */
#ifndef PETAL_HASH_H
#define PETAL_HASH_H

#include <stddef.h>

struct hash_ctx {
	void *sha1;   /* owned EVP_MD_CTX */
	void *sha256; /* owned EVP_MD_CTX */
};

void hash_init(struct hash_ctx *h);
void hash_update(struct hash_ctx *h, const void *p, size_t n);
void hash_final(struct hash_ctx *h, unsigned char sha1[20], unsigned char sha256[32]);
void hash_release(struct hash_ctx *h);
void hash_hex(const unsigned char *digest, size_t n, char *out);

#endif
