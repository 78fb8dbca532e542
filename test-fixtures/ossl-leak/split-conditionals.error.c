/*
 * mosquitto security_default.c style: an `#ifdef` arm ends in `}else` and the block after `#endif` belongs to
 * it, so the function cannot parse with every arm in place. It is read in the configuration that parses (the
 * `#ifdef` arm kept); every `X509_free(...); continue;` then stays in its loop, and the one path that forgets
 * the certificate is found.
 */
#include <string.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

struct client {
	SSL *ssl;
	char *username;
	int use_psk;
	struct client *next;
};

void disconnect_auth(struct client *c);

void recheck_identities(struct client *clients)
{
	struct client *context;
	X509_NAME *name;

	for(context = clients; context; context = context->next){
#ifdef WITH_TLS_PSK
		if(context->use_psk){
			if(!context->username){
				disconnect_auth(context);
				continue;
			}
		}else
#endif /* WITH_TLS_PSK */
		{
			// ruleid: ossl-leak
			// ok: double-free, use-after-free
			X509 *client_cert = SSL_get_peer_certificate(context->ssl);
			if(!client_cert){
				disconnect_auth(context);
				continue;
			}
			name = X509_get_subject_name(client_cert);
			if(!name){
				X509_free(client_cert);
				disconnect_auth(context);
				continue;
			}
			if(X509_NAME_entry_count(name) == 0){
				disconnect_auth(context);
				continue; /* the certificate is left behind */
			}
			X509_free(client_cert);
		}
	}
}
