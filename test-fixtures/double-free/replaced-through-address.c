/*
 * OpenSC pkcs15-pubkey.c shape (sc_pkcs15_pubkey_from_spki_fields): the key's EC parameters are copied in
 * (der.value = malloc), then sc_pkcs15_fix_ec_parameters(ctx, &pubkey->params) gets their address; it frees
 * params->der.value only to give it a new value (the OID's DER, or NULL). The caller's later free of the
 * key frees that new value, not the old one a second time. A helper that frees the field and leaves it
 * dangling does make that free a double free.
 */
#include <stdlib.h>
#include <string.h>

struct der {
	unsigned char *value;
	size_t len;
};

struct ec_parameters {
	struct der der;
	int named;
};

struct pubkey {
	struct ec_parameters params;
};

static const unsigned char prime256v1_oid[] = { 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07 };

static int fix_ec_parameters(struct ec_parameters *ecparams)
{
	if (ecparams->named) {
		if (ecparams->der.value)
			free(ecparams->der.value);
		ecparams->der.len = sizeof prime256v1_oid;
		ecparams->der.value = malloc(ecparams->der.len);
		if (ecparams->der.value == NULL)
			return -1;
		memcpy(ecparams->der.value, prime256v1_oid, ecparams->der.len);
	}
	return 0;
}

static int drop_ec_parameters(struct ec_parameters *ecparams)
{
	free(ecparams->der.value);
	return 0;
}

int pubkey_from_params(const unsigned char *der, size_t len, int named)
{
	struct pubkey pubkey;

	pubkey.params.named = named;
	// ok: double-free
	pubkey.params.der.value = malloc(len);
	if (pubkey.params.der.value == NULL)
		return -1;
	memcpy(pubkey.params.der.value, der, len);
	pubkey.params.der.len = len;
	if (fix_ec_parameters(&pubkey.params) < 0)
		return -1;
	free(pubkey.params.der.value);
	return 0;
}

int pubkey_dropped_params(const unsigned char *der, size_t len)
{
	struct pubkey pubkey;

	// ruleid: double-free
	pubkey.params.der.value = malloc(len);
	if (pubkey.params.der.value == NULL)
		return -1;
	memcpy(pubkey.params.der.value, der, len);
	drop_ec_parameters(&pubkey.params);
	free(pubkey.params.der.value);
	return 0;
}
