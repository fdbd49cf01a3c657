/* Fuzz target for the project loader.
 *
 * Any input must load or fail with an MDK_PROJECT_ERROR; whatever loads
 * must save and load again to the same contents.  Built with clang, this is
 * a libFuzzer target.  Otherwise (gcc) main () below is a small driver: it
 * feeds every file of a corpus directory, then seeded random mutations of
 * them (of the raw bytes, or of the decompressed JSON, recompressed or not),
 * to the same LLVMFuzzerTestOneInput.
 *
 *   fuzz-project DIR [--mutations=N] [--seed=S]
 */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mdk-project.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* The input being tried, written out when a check fails. */
static const guint8 *current_data;
static size_t current_size;

static void
fail (const char *what)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "fuzz-project-failure.medaka", NULL);

  g_printerr ("fuzz-project: %s\n", what);
  if (g_file_set_contents (path, (const char *) current_data, current_size, NULL))
    g_printerr ("fuzz-project: the input is in %s\n", path);
  abort ();
}

static void
check (gboolean    ok,
       const char *what)
{
  if (!ok)
    fail (what);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkProject) project = mdk_project_load_from_bytes (bytes, &error);
  g_autoptr(MdkProject) again = NULL;
  g_autoptr(GBytes) saved = NULL;
  JsonNode *a, *b;

  current_data = data;
  current_size = size;
  if (project == NULL)
    {
      check (error != NULL && error->domain == MDK_PROJECT_ERROR, "failed without a project error");
      if (!g_utf8_validate (error->message, -1, NULL))
        {
          g_autofree char *escaped = g_strescape (error->message, NULL);

          g_printerr ("fuzz-project: %s\n", escaped);
          fail ("error message is not UTF-8");
        }
      return 0;
    }
  check (error == NULL, "loaded and set an error");

  saved = mdk_project_save_to_bytes (project, &error);
  check (saved != NULL, "could not save what was loaded");
  again = mdk_project_load_from_bytes (saved, &error);
  if (again == NULL)
    g_printerr ("fuzz-project: %s\n", error->message);
  check (again != NULL, "could not load what was saved");
  check (g_strcmp0 (mdk_project_get_notes (project), mdk_project_get_notes (again)) == 0, "notes differ");
  check (mdk_project_get_n_bookmarks (project) == mdk_project_get_n_bookmarks (again), "bookmark counts differ");
  for (guint i = 0; i < mdk_project_get_n_bookmarks (project); i++)
    {
      check (g_strcmp0 (mdk_project_get_bookmark_label (project, i),
                        mdk_project_get_bookmark_label (again, i)) == 0, "bookmark labels differ");
      check (json_node_equal (mdk_project_get_bookmark_genome (project, i),
                              mdk_project_get_bookmark_genome (again, i)), "bookmark genomes differ");
    }
  a = mdk_project_get_state (project);
  b = mdk_project_get_state (again);
  check ((a == NULL) == (b == NULL) && (a == NULL || json_node_equal (a, b)), "states differ");
  return 0;
}

#ifndef MDK_FUZZ_LIBFUZZER

static const char * const tokens[] = {
  "{", "}", "[", "]", "\"", ",", ":", "\\", "\\u0000", "\\ud800", "null", "true",
  "-1", "0", "1", "2", "1e400", "-0", "99999999999999999999", "0.5",
  "\"format\"", "\"version\"", "\"bookmarks\"", "\"state\"", "\"label\"", "\"genome\"",
  "\"notes\"", "\"saved\"", "\"comment\"", "\"name\"", "\"medaka-project\"", "\xff", "\xc3",
};

static void
mutate (GByteArray *buf,
        GRand      *rand)
{
  guint n = g_rand_int_range (rand, 1, 6);

  for (guint k = 0; k < n; k++)
    {
      guint len = buf->len;
      guint pos = len > 0 ? g_rand_int_range (rand, 0, len) : 0;

      switch (g_rand_int_range (rand, 0, 7))
        {
        case 0:   /* flip a bit */
          if (len > 0)
            buf->data[pos] ^= 1 << g_rand_int_range (rand, 0, 8);
          break;
        case 1:   /* a random byte */
          if (len > 0)
            buf->data[pos] = g_rand_int_range (rand, 0, 256);
          break;
        case 2:   /* truncate */
          g_byte_array_set_size (buf, pos);
          break;
        case 3:   /* delete a range */
          if (len > 0)
            g_byte_array_remove_range (buf, pos, g_rand_int_range (rand, 0, MIN (len - pos, 64) + 1));
          break;
        case 4:   /* insert a token */
          {
            const char *t = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];

            g_byte_array_set_size (buf, len + strlen (t));
            memmove (buf->data + pos + strlen (t), buf->data + pos, len - pos);
            memcpy (buf->data + pos, t, strlen (t));
          }
          break;
        case 5:   /* duplicate a range */
          if (len > 0)
            {
              guint n_dup = g_rand_int_range (rand, 1, MIN (len - pos, 128) + 1);
              g_autofree guint8 *copy = g_memdup2 (buf->data + pos, n_dup);

              g_byte_array_append (buf, copy, n_dup);
            }
          break;
        default:  /* overwrite with a few random bytes */
          for (guint i = pos; i < MIN (len, pos + 4); i++)
            buf->data[i] = g_rand_int_range (rand, 0, 256);
          break;
        }
    }
}

static GBytes *
gzip_convert (GBytes  *in,
              gboolean compress)
{
  g_autoptr(GConverter) conv = compress
    ? G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 1))
    : G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  g_autoptr(GInputStream) mem = g_memory_input_stream_new_from_bytes (in);
  g_autoptr(GInputStream) stream = g_converter_input_stream_new (mem, conv);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (g_output_stream_splice (out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL) < 0)
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) corpus = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GRand) rand = NULL;
  guint n_mutations = 2000;
  guint32 seed = 1;
  const char *name;
  const char *path = NULL;
  gint64 start = g_get_monotonic_time ();

  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--mutations="))
      n_mutations = (guint) g_ascii_strtoull (argv[i] + strlen ("--mutations="), NULL, 10);
    else if (g_str_has_prefix (argv[i], "--seed="))
      seed = (guint32) g_ascii_strtoull (argv[i] + strlen ("--seed="), NULL, 10);
    else
      path = argv[i];
  if (path == NULL)
    {
      g_printerr ("usage: %s DIR [--mutations=N] [--seed=S]\n", argv[0]);
      return 2;
    }

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *data = NULL;
      gsize len;

      if (!g_file_test (file, G_FILE_TEST_IS_REGULAR) ||
          !g_file_get_contents (file, &data, &len, &error))
        {
          g_clear_error (&error);
          continue;
        }
      LLVMFuzzerTestOneInput ((const guint8 *) data, len);
      g_ptr_array_add (corpus, g_bytes_new_take (g_steal_pointer (&data), len));
    }
  if (corpus->len == 0)
    {
      g_printerr ("no corpus in %s\n", path);
      return 1;
    }

  rand = g_rand_new_with_seed (seed);
  for (guint m = 0; m < n_mutations; m++)
    {
      GBytes *orig = g_ptr_array_index (corpus, g_rand_int_range (rand, 0, corpus->len));
      gsize len;
      const guint8 *data = g_bytes_get_data (orig, &len);
      g_autoptr(GBytes) plain = NULL;
      g_autoptr(GByteArray) buf = NULL;
      gboolean recompress = FALSE;

      /* Half the time, mutate the JSON inside a gzip file: raw mutations
       * mostly stop at the CRC. */
      if (len >= 2 && data[0] == 0x1f && data[1] == 0x8b && g_rand_boolean (rand))
        {
          plain = gzip_convert (orig, FALSE);
          if (plain != NULL)
            {
              data = g_bytes_get_data (plain, &len);
              recompress = g_rand_boolean (rand);
            }
        }
      buf = g_byte_array_sized_new (len + 64);
      g_byte_array_append (buf, data, len);
      mutate (buf, rand);
      if (recompress)
        {
          g_autoptr(GBytes) raw = g_bytes_new (buf->data, buf->len);
          g_autoptr(GBytes) packed = gzip_convert (raw, TRUE);

          LLVMFuzzerTestOneInput (g_bytes_get_data (packed, NULL), g_bytes_get_size (packed));
        }
      else
        LLVMFuzzerTestOneInput (buf->data, buf->len);
    }

  g_print ("fuzz-project: %u corpus files, %u mutations (seed %u) in %.2f s, no failures\n",
           corpus->len, n_mutations, seed, (g_get_monotonic_time () - start) / 1e6);
  return 0;
}

#endif
