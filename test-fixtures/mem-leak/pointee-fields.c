#include <stdlib.h>
#include <string.h>

/* A helper given the address of the caller's pointer frees what it points to and the buffers it holds
 * (OpenSC card-epass2003.c: epass2003_sm_free_wrapped_apdu(card, NULL, &apdu)). */

struct apdu {
	unsigned char *data;
	unsigned char *resp;
	size_t datalen;
};

static void free_wrapped_apdu(struct apdu **sm_apdu)
{
	if (!sm_apdu || !*sm_apdu)
		return;
	free((unsigned char *)(*sm_apdu)->data);
	free((*sm_apdu)->resp);
	free(*sm_apdu);
	*sm_apdu = NULL;
}

int transmit(struct apdu *apdu);

int get_data(size_t len)
{
	struct apdu *apdu = calloc(1, sizeof(struct apdu));
	int r;

	if (!apdu)
		return -1;
	/* ok: mem-leak */
	apdu->data = malloc(len);
	if (!apdu->data) {
		free_wrapped_apdu(&apdu);
		return -1;
	}
	/* ok: mem-leak */
	apdu->resp = calloc(1, len);
	r = transmit(apdu);
	free_wrapped_apdu(&apdu);
	return r;
}
