/*
 * hmac.c: HMAC-SHA-256 (RFC 2104) on libmd's SHA-256, for the audit key
 * (audit.c): a chain hash only the holder of the key can recompute.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sha2.h>
#include <sqlite3.h>

#include "complaint.h"
#include "internal.h"

void
hmac_init(struct hmac *h, const void *key, size_t n)
{
	uint8_t		 k[SHA256_BLOCK_LENGTH], ipad[SHA256_BLOCK_LENGTH];
	SHA2_CTX	 ctx;
	size_t		 i;

	/* A key longer than a block is replaced by its hash (RFC 2104). */
	memset(k, 0, sizeof(k));
	if (n > sizeof(k)) {
		SHA256Init(&ctx);
		SHA256Update(&ctx, key, n);
		SHA256Final(k, &ctx);
	} else if (n > 0)
		memcpy(k, key, n);
	for (i = 0; i < sizeof(k); i++) {
		ipad[i] = k[i] ^ 0x36;
		h->opad[i] = k[i] ^ 0x5c;
	}
	SHA256Init(&h->ctx);
	SHA256Update(&h->ctx, ipad, sizeof(ipad));
	explicit_bzero(k, sizeof(k));
	explicit_bzero(ipad, sizeof(ipad));
}

void
hmac_update(struct hmac *h, const void *p, size_t n)
{
	SHA256Update(&h->ctx, p, n);
}

void
hmac_end(struct hmac *h, char hex[65])
{
	uint8_t		 inner[SHA256_DIGEST_LENGTH];
	SHA2_CTX	 ctx;

	SHA256Final(inner, &h->ctx);
	SHA256Init(&ctx);
	SHA256Update(&ctx, h->opad, sizeof(h->opad));
	SHA256Update(&ctx, inner, sizeof(inner));
	SHA256End(&ctx, hex);
	explicit_bzero(h, sizeof(*h));
}

void
hmac_sha256(const void *key, size_t nkey, const void *p, size_t n,
    char hex[65])
{
	struct hmac	 h;

	hmac_init(&h, key, nkey);
	hmac_update(&h, p, n);
	hmac_end(&h, hex);
}
