/*
 * OpenDKIM / libevent style hand-overs into places the function does not own: a list whose head lives in a
 * context reached through a pointer typedef (`typedef struct msgctx *msgctx;`), thread-specific storage, and
 * the argument a callback is scheduled with.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct event_base;
struct timeval;
int event_base_once(struct event_base *base, int fd, short events, void (*cb)(int, short, void *), void *arg, const struct timeval *tv);

struct addrlist {
	char *a_addr;
	struct addrlist *a_next;
};

struct msgctx {
	struct addrlist *mctx_rcptlist;
};
typedef struct msgctx * msgctx;

struct connctx {
	msgctx cctx_msg;
};

static pthread_key_t logkey;

int add_recipient(struct connctx *cc, const char *addr)
{
	msgctx dfc = cc->cctx_msg;
	struct addrlist *a;
	// ok: mem-leak
	char *copy = strdup(addr);

	if (copy == NULL)
		return -1;
	// ok: mem-leak
	a = (struct addrlist *) malloc(sizeof(struct addrlist));
	if (a == NULL) {
		free(copy);
		return -1;
	}
	a->a_next = dfc->mctx_rcptlist;
	a->a_addr = copy;
	dfc->mctx_rcptlist = a;
	return 0;
}

char *log_buffer(void)
{
	char *buf = pthread_getspecific(logkey);

	if (buf == NULL) {
		// ok: mem-leak
		buf = malloc(1024);
		if (buf == NULL)
			return NULL;
		(void) pthread_setspecific(logkey, buf);
	}
	return buf;
}

struct trickle_state {
	char *chunk;
	int remaining;
};

static void trickle_cb(int fd, short what, void *arg)
{
	struct trickle_state *state = arg;

	(void) fd;
	(void) what;
	free(state->chunk);
	free(state);
}

int schedule_trickle(struct event_base *base, const struct timeval *when)
{
	// ok: mem-leak
	struct trickle_state *state = malloc(sizeof(*state));

	if (state == NULL)
		return -1;
	state->chunk = NULL;
	state->remaining = 3;
	return event_base_once(base, -1, 1, trickle_cb, state, when);
}
