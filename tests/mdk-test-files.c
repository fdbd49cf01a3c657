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

/* Both folders hold the same files with the same bytes; returns how many. */
guint
mdk_test_assert_same_folders (const char *a,
                              const char *b)
{
  g_autoptr(GDir) dir = g_dir_open (a, 0, NULL);
  g_autoptr(GDir) other = g_dir_open (b, 0, NULL);
  const char *name;
  guint n = 0, m = 0;

  g_assert_nonnull (dir);
  g_assert_nonnull (other);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GBytes) x = mdk_test_read_bytes (a, name);
      g_autoptr(GBytes) y = mdk_test_read_bytes (b, name);

      if (!g_bytes_equal (x, y))
        g_error ("%s differs between %s and %s", name, a, b);
      n++;
    }
  while (g_dir_read_name (other) != NULL)
    m++;
  g_assert_cmpuint (n, ==, m);
  return n;
}
