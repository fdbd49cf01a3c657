/* Shared helpers of the tests that check written files. */
#pragma once

#include <glib.h>

/* The contents of @dir/@name; fails the test when it cannot be read. */
GBytes *mdk_test_read_bytes (const char *dir,
                             const char *name);
