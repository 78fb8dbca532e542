/*
 * OpenDKIM opendkim.c shape (dkimf_xs_export): each new Lua global is linked onto the message's list
 * (`msg->mctx_luaglobalt = lg`) and only then given its value (`lg->lg_value = malloc(…)` or strdup). The
 * list owns lg, and lg owns its value: dkimf_cleanup frees both. A field filled after its object was stored
 * away is not this function's to free. An object whose value fails before it is stored is still this
 * function's, and leaks on that return.
 */
#include <stdlib.h>
#include <string.h>

struct luaglobal {
	int lg_type;
	void *lg_value;
	struct luaglobal *lg_next;
};

struct msgctx {
	struct luaglobal *mctx_luaglobalh;
	struct luaglobal *mctx_luaglobalt;
};

int export_globals(struct msgctx *msg, const char **values, int n)
{
	int c;

	for (c = 0; c < n; c++) {
		struct luaglobal *lg;

		lg = malloc(sizeof *lg);
		if (lg == NULL)
			return -1;
		lg->lg_type = c % 2;
		lg->lg_next = NULL;

		if (msg->mctx_luaglobalh == NULL)
			msg->mctx_luaglobalh = lg;
		else
			msg->mctx_luaglobalt->lg_next = lg;

		msg->mctx_luaglobalt = lg;

		switch (lg->lg_type) {
		case 0:
			// ok: mem-leak
			lg->lg_value = malloc(sizeof(double));
			if (lg->lg_value != NULL)
				memset(lg->lg_value, 0, sizeof(double));
			break;
		case 1:
			// ok: mem-leak
			lg->lg_value = strdup(values[c]);
			break;
		}
	}
	return 0;
}

int export_one(struct msgctx *msg, const char *value)
{
	// ruleid: mem-leak
	struct luaglobal *lg = malloc(sizeof *lg);

	if (lg == NULL)
		return -1;
	lg->lg_value = strdup(value);
	if (lg->lg_value == NULL)
		return -1;
	lg->lg_next = NULL;
	msg->mctx_luaglobalt = lg;
	return 0;
}
