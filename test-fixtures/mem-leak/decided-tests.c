/*
 * Tests decided before the allocation stay decided while nothing writes the tested variable.
 *
 * OpenSC p11test_case_readonly.c shape: `md` is chosen by a switch, the digest buffer is allocated only under
 * `if (md != NULL)`, and freed later under the same test. OpenSC card-iasecc.c shape: a PIN cache entry is
 * either found in the list or allocated when `current` is NULL, and linked into the global list under the same
 * `if (!current)`. curl ossl_verifyhost shape: a `free_cn` flag set right after the allocation says whether the
 * name is freed at the end.
 */
#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/asn1.h>

struct mechanism { unsigned long mech; unsigned long hash; int result_flags; };

int verify_ec_signature(struct mechanism *mech, EVP_PKEY_CTX *ctx, const unsigned char *message, size_t message_length,
		const unsigned char *sig, size_t sig_len)
{
	const EVP_MD *md = NULL;
	unsigned char *cmp_message = NULL;
	unsigned int cmp_message_length = 0;
	int rv;

	switch (mech->hash) {
	case 1:
		md = EVP_sha256();
		break;
	case 2:
		md = EVP_sha384();
		break;
	case 3:
		/* raw ECDSA: the message is the digest */
		break;
	default:
		EVP_PKEY_CTX_free(ctx);
		return 0;
	}

	if (md != NULL) {
		// ok: mem-leak
		cmp_message = malloc(EVP_MAX_MD_SIZE);
		if (cmp_message == NULL)
			return -1;
		rv = EVP_Digest(message, message_length, cmp_message, &cmp_message_length, md, NULL);
		if (rv != 1) {
			free(cmp_message);
			return -1;
		}
	}

	if (EVP_PKEY_verify_init(ctx) != 1) {
		free(cmp_message);
		return -1;
	}

	rv = EVP_PKEY_verify(ctx, sig, sig_len, md ? cmp_message : message, md ? cmp_message_length : message_length);
	if (md != NULL) {
		free(cmp_message);
	}
	EVP_PKEY_CTX_free(ctx);
	if (rv == 1) {
		mech->result_flags |= 1;
		return 1;
	}
	return 0;
}

struct pin_status {
	int reference;
	unsigned char sha1[20];
	struct pin_status *next;
	struct pin_status *prev;
};

static struct pin_status *checked_pins;

int pin_cache_verified(int reference, const unsigned char *pin, size_t pin_len)
{
	struct pin_status *current = NULL;
	struct pin_status *pin_status = NULL;

	for (current = checked_pins; current; current = current->next)
		if (current->reference == reference)
			break;

	if (current) {
		pin_status = current;
	} else {
		// ok: mem-leak
		pin_status = calloc(1, sizeof(struct pin_status));
		if (!pin_status)
			return -1;
	}

	pin_status->reference = reference;
	if (pin)
		EVP_Digest(pin, pin_len, pin_status->sha1, NULL, EVP_sha1(), NULL);
	else
		memset(pin_status->sha1, 0, sizeof(pin_status->sha1));

	if (!current) {
		if (!checked_pins) {
			checked_pins = pin_status;
		} else {
			checked_pins->prev = pin_status;
			pin_status->next = checked_pins;
			checked_pins = pin_status;
		}
	}
	return 0;
}

int check_common_name(X509_NAME *name, int i, const char *hostname)
{
	int result = 0;
	unsigned char *cn = NULL;
	int cnlen = 0;
	int free_cn = 0;

	if (i >= 0) {
		const ASN1_STRING *tmp = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
		if (tmp) {
			if (ASN1_STRING_type(tmp) == V_ASN1_UTF8STRING) {
				cnlen = ASN1_STRING_length(tmp);
				cn = (unsigned char *)ASN1_STRING_get0_data(tmp);
			} else {
				// ok: ossl-leak
				cnlen = ASN1_STRING_to_UTF8(&cn, tmp);
				free_cn = 1;
			}
			if ((cnlen <= 0) || !cn)
				result = -1;
			else if ((size_t)cnlen != strlen((char *)cn))
				result = -2;
		}
	}

	if (result)
		;
	else if (!cn)
		result = -3;
	else if (strcmp((const char *)cn, hostname) != 0)
		result = -4;
	if (free_cn)
		OPENSSL_free(cn);
	return result;
}

int check_common_name_leaky(X509_NAME *name, int i, const char *hostname)
{
	unsigned char *cn = NULL;
	int cnlen;
	int matched = 0;
	const ASN1_STRING *tmp = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));

	if (!tmp)
		return -1;
	// ruleid: ossl-leak
	cnlen = ASN1_STRING_to_UTF8(&cn, tmp);
	if (cnlen <= 0)
		return -1;
	if (strcmp((const char *)cn, hostname) == 0)
		matched = 1;
	if (matched)
		OPENSSL_free(cn);
	return matched;
}
