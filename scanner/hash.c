/* SPDX-License-Identifier: MIT */
#include "hash.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>

static EVP_MD_CTX *start(const EVP_MD *md)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();

	if (!c || EVP_DigestInit_ex(c, md, NULL) != 1) {
		fprintf(stderr, "petal: libcrypto cannot start a digest\n");
		abort();
	}
	return c;
}

void hash_init(struct hash_ctx *h)
{
	h->sha1 = start(EVP_sha1());
	h->sha256 = start(EVP_sha256());
}

void hash_update(struct hash_ctx *h, const void *p, size_t n)
{
	if (!n)
		return;
	EVP_DigestUpdate(h->sha1, p, n);
	EVP_DigestUpdate(h->sha256, p, n);
}

void hash_final(struct hash_ctx *h, unsigned char sha1[20], unsigned char sha256[32])
{
	EVP_DigestFinal_ex(h->sha1, sha1, NULL);
	EVP_DigestFinal_ex(h->sha256, sha256, NULL);
	hash_release(h);
}

void hash_release(struct hash_ctx *h)
{
	EVP_MD_CTX_free(h->sha1);
	EVP_MD_CTX_free(h->sha256);
	h->sha1 = h->sha256 = NULL;
}

void hash_hex(const unsigned char *digest, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[2 * n] = '\0';
}
