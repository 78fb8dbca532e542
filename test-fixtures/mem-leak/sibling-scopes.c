/*
 * OpenSC p11test_case_readonly.c shape (verify_message_openssl): each case of the key-type switch declares
 * its own `const EVP_MD *md = NULL`. In the EC case the digest buffer is allocated only `if (md != NULL)` and
 * freed under the same test; that `md` is the EC case's own variable, whatever the RSA case did with its
 * `md`, so the test decides the same way both times.
 */
#include <stdlib.h>
#include <openssl/evp.h>

int verify_message(int key_type, int mech, unsigned char *message, size_t message_length, EVP_PKEY_CTX *ctx,
		   const unsigned char *sig, size_t sig_len)
{
	unsigned char *cmp_message = NULL;
	unsigned int cmp_message_length = 0;
	int rv;

	switch (key_type) {
	case EVP_PKEY_RSA: {
		const EVP_MD *md = NULL;
		if (mech == 1)
			md = EVP_sha256();
		rv = EVP_PKEY_CTX_set_signature_md(ctx, md);
		return rv;
	}
	case EVP_PKEY_EC: {
		const EVP_MD *md = NULL;
		switch (mech) {
		case 1:
			md = EVP_sha256();
			break;
		case 2:
			cmp_message = message;
			cmp_message_length = (unsigned)message_length;
			break;
		default:
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
		rv = EVP_PKEY_verify(ctx, sig, sig_len, cmp_message, cmp_message_length);
		if (md != NULL) {
			free(cmp_message);
		}
		return rv;
	}
	}
	return 0;
}
