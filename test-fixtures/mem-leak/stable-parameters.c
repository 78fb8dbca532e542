/*
 * OpenSC card-cac.c shape: a parameter nothing writes is tested by an early return before the allocation
 * (`if (!initialize) return r;`), so a later return under the same test cannot be reached while the private
 * data is held. The dataflow starts at the allocation; what the paths to it say of the parameter comes along.
 */
#include <stdlib.h>

struct card { int type; void *drv_data; };
struct priv_data { int applets; };

int select_ccc(struct card *card);
int select_aca(struct card *card);
int process_ccc(struct card *card, struct priv_data *priv);

int find_and_initialize(struct card *card, int initialize)
{
	int r;
	struct priv_data *priv = NULL;

	if (card->drv_data)
		return 0;

	r = select_ccc(card);
	if (r == 0) {
		if (!initialize) /* match card only */
			return r;

		// ok: mem-leak
		priv = calloc(1, sizeof(*priv));
		if (!priv)
			return -1;
		r = process_ccc(card, priv);
		if (r == 0) {
			card->type = 2;
			card->drv_data = priv;
			return r;
		}
	}

	r = select_aca(card);
	if (r == 0) {
		if (!initialize) /* match card only */
			return r;
		if (!priv) {
			priv = calloc(1, sizeof(*priv));
			if (!priv)
				return -1;
		}
		card->drv_data = priv;
		return 0;
	}
	free(priv);
	return r;
}

/* The same test guards the allocation and the return, but the parameter is written in between: reported. */
int find_with_retry(struct card *card, int initialize)
{
	struct priv_data *priv = NULL;

	if (!initialize)
		return 0;
	// ruleid: mem-leak
	priv = calloc(1, sizeof(*priv));
	if (!priv)
		return -1;
	initialize = select_aca(card);
	if (!initialize)
		return 0;
	card->drv_data = priv;
	return 1;
}
