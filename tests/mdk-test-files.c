#include "config.h"

#include "mdk-test-files.h"

GBytes *
mdk_test_read_bytes (const char *dir,
                     const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    g_error ("%s could not be read", path);
  return g_bytes_new_take (data, length);
}
