#ifndef LOG_H
#define LOG_H

#include <stdio.h>

void sc_do_log(void *ctx, int level, const char *file, int line, const char *func, const char *fmt, ...);

#define SC_LOG_DEBUG_NORMAL 3

#define SC_FUNC_RETURN(ctx, level, r) do { \
	int _ret = r; \
	if (_ret <= 0) { \
		sc_do_log(ctx, level, __FILE__, __LINE__, __func__, "returning with: %d\n", _ret); \
	} else { \
		sc_do_log(ctx, level, __FILE__, __LINE__, __func__, "returning\n"); \
	} \
	return _ret; \
} while(0)
#define LOG_FUNC_RETURN(ctx, r) SC_FUNC_RETURN((ctx), SC_LOG_DEBUG_NORMAL, (r))

#define SC_TEST_RET(ctx, level, r, text) do { \
	int _ret = (r); \
	if (_ret < 0) { \
		sc_do_log(ctx, level, __FILE__, __LINE__, __func__, "%s: %d\n", (text), _ret); \
		return _ret; \
	} \
} while(0)
#define LOG_TEST_RET(ctx, r, text) SC_TEST_RET((ctx), SC_LOG_DEBUG_NORMAL, (r), (text))

#define SC_TEST_GOTO_ERR(ctx, level, r, text) do { \
	int _ret = (r); \
	if (_ret < 0) { \
		sc_do_log(ctx, level, __FILE__, __LINE__, __func__, "%s: %d\n", (text), _ret); \
		goto err; \
	} \
} while(0)
#define LOG_TEST_GOTO_ERR(ctx, r, text) SC_TEST_GOTO_ERR((ctx), SC_LOG_DEBUG_NORMAL, (r), (text))

#define return_if_null(p, msg, ec) \
	if ((p) == NULL) { \
		fprintf(stderr, "%s\n", msg); \
		return ec; \
	}

#define goto_error(r, v, msg, label) \
	{ \
		r = v; \
		fprintf(stderr, "%s\n", msg); \
		goto label; \
	}

#endif
