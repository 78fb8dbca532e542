/*
 * OpenSC asn1.c / pkcs15-prkey.c style: the status variable holds the project's named error codes, and the
 * cleanup frees only when it says failure. `ret = SC_ERROR_INVALID_ASN1_OBJECT; goto err;` reaches
 * `if (ret != SC_SUCCESS)` with the branch decided.
 */
#include <stdlib.h>
#include <string.h>

#define SC_SUCCESS 0
#define SC_ERROR_INVALID_ASN1_OBJECT -1401
#define SC_ERROR_OUT_OF_MEMORY -1404

enum encoding { ENC_DER, ENC_PEM };

struct sc_object {
	unsigned char *value;
	size_t len;
};

int decode_object(const unsigned char *in, size_t inlen, struct sc_object *out)
{
	int ret = SC_SUCCESS;
	// ok: mem-leak
	unsigned char *buf = malloc(inlen);

	if (buf == NULL)
		return SC_ERROR_OUT_OF_MEMORY;
	if (inlen < 2 || in[0] != 0x30) {
		ret = SC_ERROR_INVALID_ASN1_OBJECT;
		goto err;
	}
	memcpy(buf, in, inlen);
	out->value = buf;
	out->len = inlen;
err:
	if (ret != SC_SUCCESS)
		free(buf);
	return ret;
}

int encode_object(const struct sc_object *obj, enum encoding enc, unsigned char **out)
{
	enum encoding type = ENC_DER;
	// ok: mem-leak
	unsigned char *der = malloc(obj->len);

	if (der == NULL)
		return SC_ERROR_OUT_OF_MEMORY;
	memcpy(der, obj->value, obj->len);
	if (enc == ENC_PEM)
		type = ENC_PEM;
	if (type == ENC_DER) {
		*out = der;
		return SC_SUCCESS;
	}
	free(der);
	return SC_ERROR_INVALID_ASN1_OBJECT;
}
