/* Shared helpers of the tests that check written files. */
#pragma once

#include <glib.h>

/* The contents of @dir/@name; fails the test when it cannot be read. */
GBytes *mdk_test_read_bytes (const char *dir,
                             const char *name);
/* Both folders hold the same files with the same bytes; returns how many. */
guint   mdk_test_assert_same_folders (const char *a,
                                      const char *b);
