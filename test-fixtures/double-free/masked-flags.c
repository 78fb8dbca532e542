/*
 * libevent test/regress_http.c shape (http_cancel_test): a test's type is a bit set, and the same bit
 * `type & SERVER_TIMEOUT` decides both whether the backlog is filled and whether it is refilled after the
 * connections are freed. `type` is never written, so the bit is one value for the whole call: the refill
 * always follows the free it depends on, and the final free never sees a freed array.
 */
#include <stdlib.h>

struct conn;
void conn_free(struct conn *c);
struct conn *conn_new(int port);

enum cancel_test_type {
	BASIC = 1,
	BY_HOST = 2,
	NO_NS = 4,
	INACTIVE_SERVER = 8,
	SERVER_TIMEOUT = 16,
};

static void
free_backlog(struct conn **conns)
{
	struct conn *c, **orig = conns;

	if (!conns)
		return;

	while ((c = *conns++))
		conn_free(c);
	free(orig);
}

static struct conn **
fill_backlog(int port)
{
	struct conn **conns = calloc(257, sizeof(*conns));
	int i;

	if (!conns)
		return NULL;
	for (i = 0; i < 256; ++i)
		conns[i] = conn_new(port);
	conns[i] = NULL;
	return conns;
}

int
cancel_test(int type, int port)
{
	struct conn **conns = NULL;

	if (type & SERVER_TIMEOUT)
		// ok: double-free
		conns = fill_backlog(port);

	if (type & INACTIVE_SERVER)
		port = 0;

	free_backlog(conns);
	if (type & SERVER_TIMEOUT)
		conns = fill_backlog(port);

	free_backlog(conns);
	return 0;
}

/* The refill is under another bit than the fill: with SERVER_TIMEOUT set and NO_NS clear the array freed
 * above is freed again. */
int
cancel_test_other_bit(int type, int port)
{
	struct conn **conns = NULL;

	if (type & SERVER_TIMEOUT)
		// ruleid: double-free
		conns = fill_backlog(port);

	free_backlog(conns);
	if (type & NO_NS)
		conns = fill_backlog(port);

	free_backlog(conns);
	return 0;
}
