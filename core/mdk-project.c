#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-project.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

G_DEFINE_QUARK (mdk-project-error-quark, mdk_project_error)

typedef struct
{
  char     *label;
  JsonNode *genome;
} Bookmark;

struct _MdkProject
{
  gatomicrefcount ref_count;
  JsonNode  *state;            /* object or NULL */
  char      *notes;
  GArray    *bookmarks;        /* of Bookmark */
  char      *medaka_version;
  GDateTime *saved;            /* UTC, or NULL */
  int        loaded_version;
};

/* Deep, so that later changes to the caller's tree do not reach the
 * project (json_node_copy () shares objects and arrays). */
static JsonNode *
json_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *src = json_node_get_object (node);
        g_autoptr(JsonObject) obj = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, src);
        while (json_object_iter_next (&iter, &name, &member))
          json_object_set_member (obj, name, json_deep_copy (member));
        copy = json_node_new (JSON_NODE_OBJECT);
        json_node_set_object (copy, obj);
        return copy;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *src = json_node_get_array (node);
        guint n = json_array_get_length (src);
        g_autoptr(JsonArray) arr = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (arr, json_deep_copy (json_array_get_element (src, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_set_array (copy, arr);
        return copy;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

static void
bookmark_clear (gpointer data)
{
  Bookmark *b = data;

  g_clear_pointer (&b->label, g_free);
  g_clear_pointer (&b->genome, json_node_unref);
}

MdkProject *
mdk_project_new (void)
{
  MdkProject *project = g_new0 (MdkProject, 1);

  g_atomic_ref_count_init (&project->ref_count);
  project->notes = g_strdup ("");
  project->bookmarks = g_array_new (FALSE, TRUE, sizeof (Bookmark));
  g_array_set_clear_func (project->bookmarks, bookmark_clear);
  project->medaka_version = g_strdup (PACKAGE_VERSION);
  project->loaded_version = MDK_PROJECT_FORMAT_VERSION;
  return project;
}

MdkProject *
mdk_project_ref (MdkProject *project)
{
  g_return_val_if_fail (project != NULL, NULL);

  g_atomic_ref_count_inc (&project->ref_count);
  return project;
}

void
mdk_project_unref (MdkProject *project)
{
  g_return_if_fail (project != NULL);

  if (!g_atomic_ref_count_dec (&project->ref_count))
    return;
  g_clear_pointer (&project->state, json_node_unref);
  g_free (project->notes);
  g_array_unref (project->bookmarks);
  g_free (project->medaka_version);
  g_clear_pointer (&project->saved, g_date_time_unref);
  g_free (project);
}

MdkProject *
mdk_project_dup (MdkProject *project)
{
  MdkProject *copy;

  g_return_val_if_fail (project != NULL, NULL);

  copy = mdk_project_new ();
  mdk_project_set_state (copy, project->state);
  mdk_project_set_notes (copy, project->notes);
  for (guint i = 0; i < project->bookmarks->len; i++)
    {
      Bookmark *b = &g_array_index (project->bookmarks, Bookmark, i);

      mdk_project_add_bookmark (copy, b->label, b->genome);
    }
  g_free (copy->medaka_version);
  copy->medaka_version = g_strdup (project->medaka_version);
  copy->saved = project->saved != NULL ? g_date_time_ref (project->saved) : NULL;
  copy->loaded_version = project->loaded_version;
  return copy;
}

void
mdk_project_set_state (MdkProject *project,
                       JsonNode   *state)
{
  g_return_if_fail (project != NULL);
  g_return_if_fail (state == NULL || JSON_NODE_HOLDS_OBJECT (state));

  g_clear_pointer (&project->state, json_node_unref);
  if (state != NULL)
    project->state = json_deep_copy (state);
}

/* Hands @state over: no copy, for a tree nobody else holds (a fresh
 * snapshot of a run, which can be large). */
void
mdk_project_take_state (MdkProject *project,
                        JsonNode   *state)
{
  g_return_if_fail (project != NULL);
  g_return_if_fail (state == NULL || JSON_NODE_HOLDS_OBJECT (state));

  g_clear_pointer (&project->state, json_node_unref);
  project->state = state;
}

JsonNode *
mdk_project_get_state (MdkProject *project)
{
  g_return_val_if_fail (project != NULL, NULL);

  return project->state;
}

const char *
mdk_project_get_notes (MdkProject *project)
{
  g_return_val_if_fail (project != NULL, NULL);

  return project->notes;
}

void
mdk_project_set_notes (MdkProject *project,
                       const char *notes)
{
  g_return_if_fail (project != NULL);
  g_return_if_fail (notes == NULL || g_utf8_validate (notes, -1, NULL));

  g_free (project->notes);
  project->notes = g_strdup (notes != NULL ? notes : "");
}

guint
mdk_project_get_n_bookmarks (MdkProject *project)
{
  g_return_val_if_fail (project != NULL, 0);

  return project->bookmarks->len;
}

const char *
mdk_project_get_bookmark_label (MdkProject *project,
                                guint       index)
{
  g_return_val_if_fail (project != NULL, NULL);
  g_return_val_if_fail (index < project->bookmarks->len, NULL);

  return g_array_index (project->bookmarks, Bookmark, index).label;
}

JsonNode *
mdk_project_get_bookmark_genome (MdkProject *project,
                                 guint       index)
{
  g_return_val_if_fail (project != NULL, NULL);
  g_return_val_if_fail (index < project->bookmarks->len, NULL);

  return g_array_index (project->bookmarks, Bookmark, index).genome;
}

static void
add_bookmark_owned (MdkProject *project,
                    const char *label,
                    JsonNode   *genome)
{
  Bookmark b = { g_strdup (label), genome };

  g_array_append_val (project->bookmarks, b);
}

void
mdk_project_add_bookmark (MdkProject *project,
                          const char *label,
                          JsonNode   *genome)
{
  g_return_if_fail (project != NULL);
  g_return_if_fail (label != NULL && g_utf8_validate (label, -1, NULL));
  g_return_if_fail (genome != NULL && JSON_NODE_HOLDS_OBJECT (genome));

  add_bookmark_owned (project, label, json_deep_copy (genome));
}

void
mdk_project_remove_bookmark (MdkProject *project,
                             guint       index)
{
  g_return_if_fail (project != NULL);
  g_return_if_fail (index < project->bookmarks->len);

  g_array_remove_index (project->bookmarks, index);
}

const char *
mdk_project_get_medaka_version (MdkProject *project)
{
  g_return_val_if_fail (project != NULL, NULL);

  return project->medaka_version;
}

GDateTime *
mdk_project_get_saved (MdkProject *project)
{
  g_return_val_if_fail (project != NULL, NULL);

  return project->saved;
}

int
mdk_project_get_loaded_version (MdkProject *project)
{
  g_return_val_if_fail (project != NULL, -1);

  return project->loaded_version;
}

/* ---------------------------------------------------------------- saving */

static char *
format_timestamp (GDateTime *dt)
{
  /* Whole seconds, "Z": the plainest ISO 8601 form. */
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static JsonNode *
build_document (MdkProject *project,
                GDateTime  *saved)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *stamp = format_timestamp (saved);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, MDK_PROJECT_FORMAT_ID);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, MDK_PROJECT_FORMAT_VERSION);
  json_builder_set_member_name (b, "medaka_version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  json_builder_set_member_name (b, "saved");
  json_builder_add_string_value (b, stamp);
  json_builder_set_member_name (b, "notes");
  json_builder_add_string_value (b, project->notes);
  json_builder_set_member_name (b, "bookmarks");
  json_builder_begin_array (b);
  for (guint i = 0; i < project->bookmarks->len; i++)
    {
      Bookmark *bm = &g_array_index (project->bookmarks, Bookmark, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, bm->label);
      json_builder_set_member_name (b, "genome");
      /* The builder takes a reference; the tree is only read. */
      json_builder_add_value (b, json_node_ref (bm->genome));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "state");
  if (project->state != NULL)
    json_builder_add_value (b, json_node_ref (project->state));
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean check_values (JsonNode *node,
                              GString  *path,
                              GError  **error);

static GBytes *
serialize (MdkProject *project,
           GDateTime  *saved,
           GError    **error)
{
  g_autoptr(JsonNode) root = build_document (project, saved);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  /* Level 1: most of a project is packed doubles, which no level shrinks
   * much, and level 6 took three times as long for 9 % less
   * (docs/benchmarks.md). */
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 1);
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GString) path = g_string_new (NULL);

  if (!check_values (root, path, error))
    return NULL;

  /* Compact: the file is compressed anyway, and the hand editor can run it
   * through a pretty-printer. */
  json_generator_set_root (gen, root);
  out = g_converter_output_stream_new (mem, G_CONVERTER (compressor));
  if (!json_generator_to_stream (gen, out, NULL, error) ||
      !g_output_stream_close (out, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

static GDateTime *
now_utc_seconds (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_new_utc (g_date_time_get_year (now),
                              g_date_time_get_month (now),
                              g_date_time_get_day_of_month (now),
                              g_date_time_get_hour (now),
                              g_date_time_get_minute (now),
                              g_date_time_get_second (now));
}

GBytes *
mdk_project_save_to_bytes (MdkProject *project,
                           GError    **error)
{
  g_autoptr(GDateTime) now = now_utc_seconds ();

  g_return_val_if_fail (project != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return serialize (project, now, error);
}

static gboolean
set_errno_error (GError    **error,
                 int         saved_errno,
                 const char *format,
                 const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               format, display, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* The previous file as "<name>~": a hard link when the filesystem has them,
 * else a copy. */
static gboolean
make_backup (const char *path,
             const char *backup,
             GError    **error)
{
  g_autoptr(GFile) src = NULL;
  g_autoptr(GFile) dst = NULL;

  if (g_unlink (backup) != 0 && errno != ENOENT)
    return set_errno_error (error, errno, _("Could not remove the old backup “%s”: %s"), backup);
  if (link (path, backup) == 0)
    return TRUE;
  src = g_file_new_for_path (path);
  dst = g_file_new_for_path (backup);
  return g_file_copy (src, dst, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                      NULL, NULL, NULL, error);
}

static void
sync_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  /* Best effort: some filesystems refuse to sync directories. */
  if (fd >= 0)
    {
      (void) g_fsync (fd);
      close (fd);
    }
}

gboolean
mdk_project_save (MdkProject *project,
                  GFile      *file,
                  GError    **error)
{
  g_autoptr(GDateTime) now = now_utc_seconds ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *backup = NULL;
  const guint8 *data;
  gsize len;
  gboolean had_old;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (project != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Projects can only be saved to local files, not “%s”"), uri);
      return FALSE;
    }

  bytes = serialize (project, now, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);

  tmp = g_strconcat (path, ".tmp-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_errno_error (error, errno, _("Could not create a temporary file beside “%s”: %s"), path);

  /* Keep the permissions of the file being replaced. */
  had_old = g_stat (path, &st) == 0;
  if (had_old)
    (void) fchmod (fd, st.st_mode & 07777);

  errno = 0;
  if (!write_all (fd, data, len) || g_fsync (fd) != 0)
    {
      int saved_errno = errno != 0 ? errno : EIO;

      close (fd);
      g_unlink (tmp);
      return set_errno_error (error, saved_errno, _("Could not write “%s”: %s"), tmp);
    }
  if (close (fd) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      return set_errno_error (error, saved_errno, _("Could not write “%s”: %s"), tmp);
    }

  backup = g_strconcat (path, "~", NULL);
  if (had_old && !make_backup (path, backup, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  if (g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      if (had_old)
        g_unlink (backup);
      return set_errno_error (error, saved_errno, _("Could not replace “%s”: %s"), path);
    }
  sync_directory (path);
  if (had_old)
    g_unlink (backup);

  g_clear_pointer (&project->saved, g_date_time_unref);
  project->saved = g_date_time_ref (now);
  g_free (project->medaka_version);
  project->medaka_version = g_strdup (PACKAGE_VERSION);
  project->loaded_version = MDK_PROJECT_FORMAT_VERSION;
  return TRUE;
}

/* --------------------------------------------------------------- loading */

/* Numbers in translatable messages go in as strings: xgettext cannot see
 * through G_GSIZE_FORMAT.  The buffer lives until the statement ends. */
#define OFFSET(n) (g_snprintf (offset_buf, sizeof offset_buf, "%" G_GSIZE_FORMAT, (gsize) (n)), offset_buf)
#define NUMBER(n) (g_snprintf (offset_buf, sizeof offset_buf, "%" G_GINT64_FORMAT, (gint64) (n)), offset_buf)

/* Inflates @data.  Input is fed in large chunks, but from @slow_from on one
 * byte at a time, so that a failing byte can be found.  On a damaged
 * stream, *@corrupt_at is the offset of the input being fed (G_MAXSIZE for
 * other errors). */
static GBytes *
inflate_gzip (const guint8 *data,
              gsize         len,
              gsize         slow_from,
              gsize        *corrupt_at,
              GError      **error)
{
  g_autoptr(GZlibDecompressor) dec = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize in_pos = 0;
  gsize out_len = 0;
  char offset_buf[32];

  *corrupt_at = G_MAXSIZE;
  g_byte_array_set_size (out, MIN (MAX (len * 4, 4096), MDK_PROJECT_MAX_SIZE));
  for (;;)
    {
      gsize chunk = in_pos < slow_from ? MIN (slow_from - in_pos, 1 << 16) : 1;
      gsize n_read = 0, n_written = 0;
      GConverterFlags flags;
      GConverterResult res;
      g_autoptr(GError) local = NULL;

      chunk = MIN (chunk, len - in_pos);
      flags = in_pos + chunk == len ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS;
      if (out->len - out_len < 4096)
        {
          if (out->len >= MDK_PROJECT_MAX_SIZE)
            {
              g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_CORRUPT,
                           _("Decompressed data larger than %u MiB at byte offset %s"),
                           (guint) (MDK_PROJECT_MAX_SIZE >> 20), OFFSET (in_pos));
              return NULL;
            }
          g_byte_array_set_size (out, MIN (out->len * 2, MDK_PROJECT_MAX_SIZE));
        }

      res = g_converter_convert (G_CONVERTER (dec), data + in_pos, chunk,
                                 out->data + out_len, out->len - out_len,
                                 flags, &n_read, &n_written, &local);
      if (res == G_CONVERTER_ERROR)
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
            {
              if (out->len >= MDK_PROJECT_MAX_SIZE)
                out_len = out->len;   /* reported above */
              else
                g_byte_array_set_size (out, MIN (out->len * 2, MDK_PROJECT_MAX_SIZE));
              continue;
            }
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            {
              if (in_pos + chunk < len)
                continue;   /* only "feed me more" */
              g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_CORRUPT,
                           _("The compressed data ends early, at byte offset %s: the file is truncated"),
                           OFFSET (len));
              return NULL;
            }
          *corrupt_at = in_pos;
          g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_CORRUPT,
                       _("Corrupt compressed data at byte offset %s: %s"),
                       OFFSET (in_pos), local->message);
          return NULL;
        }
      in_pos += n_read;
      out_len += n_written;
      if (res == G_CONVERTER_FINISHED)
        break;
      if (n_read == 0 && n_written == 0 && in_pos == len)
        {
          g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_CORRUPT,
                       _("The compressed data ends early, at byte offset %s: the file is truncated"),
                       OFFSET (len));
          return NULL;
        }
    }

  if (in_pos < len)
    {
      g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_CORRUPT,
                   _("Unexpected data after the end of the compressed stream, at byte offset %s"),
                   OFFSET (in_pos));
      return NULL;
    }
  g_byte_array_set_size (out, out_len);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static GBytes *
decompress (const guint8 *data,
            gsize         len,
            GError      **error)
{
  g_autoptr(GError) first = NULL;
  GBytes *result;
  gsize corrupt_at;

  result = inflate_gzip (data, len, len, &corrupt_at, &first);
  if (result != NULL)
    return result;
  if (corrupt_at == G_MAXSIZE)
    {
      g_propagate_error (error, g_steal_pointer (&first));
      return NULL;
    }
  /* Again, byte by byte from the failing chunk on, for the exact offset. */
  return inflate_gzip (data, len, corrupt_at, &corrupt_at, error);
}

/* JSON is refused deeper than MDK_PROJECT_MAX_DEPTH: json-glib's parser,
 * and our copies, recurse. */
static gboolean
check_depth (const char *text,
             gsize       len,
             GError    **error)
{
  gboolean in_string = FALSE, escaped = FALSE;
  guint depth = 0, line = 1;
  gsize line_start = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '\n')
        {
          line++;
          line_start = i + 1;
        }
      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > MDK_PROJECT_MAX_DEPTH)
            {
              g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_CORRUPT,
                           _("Line %u, column %u: JSON nested more than %d levels deep"),
                           line, (guint) g_utf8_strlen (text + line_start, i - line_start) + 1,
                           MDK_PROJECT_MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* What JSON cannot hold must not get into a project: json-glib decodes a
 * lone surrogate escape ("\ud800") into bytes that are not UTF-8, and reads
 * 1e400 as infinity, which it would then write as "inf". */
static gboolean
check_values (JsonNode *node,
               GString  *path,
               GError  **error)
{
  gsize len = path->len;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          if (!g_utf8_validate (name, -1, NULL))
            {
              if (path->len > 0)
                g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_CORRUPT,
                             _("%s: a member name is not valid UTF-8"), path->str);
              else
                g_set_error_literal (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_CORRUPT,
                                     _("A member name of the document is not valid UTF-8"));
              return FALSE;
            }
          g_string_append_printf (path, path->len > 0 ? ".%s" : "%s", name);
          if (!check_values (member, path, error))
            return FALSE;
          g_string_truncate (path, len);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *arr = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          g_string_append_printf (path, "[%u]", i);
          if (!check_values (json_array_get_element (arr, i), path, error))
            return FALSE;
          g_string_truncate (path, len);
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
           !g_utf8_validate (json_node_get_string (node), -1, NULL))
    {
      g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_CORRUPT,
                   _("%s: the string is not valid UTF-8"), path->str);
      return FALSE;
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE &&
           !isfinite (json_node_get_double (node)))
    {
      g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_INVALID,
                   _("%s: number out of range"), path->str);
      return FALSE;
    }
  return TRUE;
}

/* Also for other JSON files Medaka reads (genomes): the same checks and
 * the same line-and-column errors. */
JsonNode *
mdk_project_parse_json (const char *text,
                        gsize       len,
                        GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  const char *end = NULL;
  char offset_buf[32];

  if (!g_utf8_validate_len (text, len, &end))
    {
      g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_CORRUPT,
                   _("Invalid UTF-8 text at byte offset %s of the document"),
                   OFFSET ((gsize) (end - text)));
      return NULL;
    }
  if (!check_depth (text, len, error))
    return NULL;
  if (!json_parser_load_from_data (parser, text, (gssize) len, &local))
    {
      /* The message may quote broken strings. */
      g_autofree char *msg = g_utf8_make_valid (local->message, -1);
      guint line, column;
      int skip = 0;

      /* json-glib says "<data>:LINE:COL: Parse error: WHAT". */
      if (sscanf (msg, "<data>:%u:%u: %n", &line, &column, &skip) == 2 && skip > 0)
        {
          const char *what = msg + skip;

          if (g_str_has_prefix (what, "Parse error: "))
            what += strlen ("Parse error: ");
          g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_CORRUPT,
                       _("Line %u, column %u: not valid JSON: %s"), line, column, what);
        }
      else
        g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_CORRUPT,
                     _("Not valid JSON: %s"), msg);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_CORRUPT,
                   _("The document is empty"));
      return NULL;
    }
  {
    g_autoptr(JsonNode) root = json_parser_steal_root (parser);
    g_autoptr(GString) path = g_string_new (NULL);

    if (!check_values (root, path, error))
      return NULL;
    return g_steal_pointer (&root);
  }
}

static gboolean
invalid (GError    **error,
         const char *path,
         const char *what)
{
  /* TRANSLATORS: a member path such as "bookmarks[2].label", then what is
   * wrong with it */
  g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_INVALID, _("%s: %s"), path, what);
  return FALSE;
}

/* Member @name of @obj when it is a string (or absent and !required). */
static gboolean
get_string (JsonObject  *obj,
            const char  *prefix,
            const char  *name,
            gboolean     required,
            const char **value,
            GError     **error)
{
  g_autofree char *path = prefix != NULL ? g_strdup_printf ("%s.%s", prefix, name) : g_strdup (name);
  JsonNode *node = json_object_get_member (obj, name);

  *value = NULL;
  if (node == NULL)
    return required ? invalid (error, path, _("missing")) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, path, _("must be a string"));
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
check_members (JsonObject         *obj,
               const char         *prefix,
               const char * const *known,
               GError            **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, obj);
  while (json_object_iter_next (&iter, &name, &member))
    if (!g_strv_contains (known, name))
      {
        g_autofree char *path = prefix != NULL ? g_strdup_printf ("%s.%s", prefix, name) : g_strdup (name);

        return invalid (error, path, _("unknown member"));
      }
  return TRUE;
}

/* Renames member @from to @to, refusing files that have both. */
static gboolean
rename_member (JsonObject *obj,
               const char *prefix,
               const char *from,
               const char *to,
               GError    **error)
{
  JsonNode *node = json_object_get_member (obj, from);

  if (node == NULL)
    return TRUE;
  if (json_object_has_member (obj, to))
    {
      g_autofree char *path = prefix != NULL ? g_strdup_printf ("%s.%s", prefix, to) : g_strdup (to);

      return invalid (error, path, _("present together with its old name"));
    }
  json_object_set_member (obj, to, json_node_ref (node));
  json_object_remove_member (obj, from);
  return TRUE;
}

/* Version 0 → 1: "comment" became "notes", a bookmark's "name" its
 * "label".  @root is a private, mutable copy. */
static gboolean
migrate_0_to_1 (JsonObject *root,
                GError    **error)
{
  JsonNode *bookmarks;

  if (!rename_member (root, NULL, "comment", "notes", error))
    return FALSE;
  bookmarks = json_object_get_member (root, "bookmarks");
  if (bookmarks != NULL && JSON_NODE_HOLDS_ARRAY (bookmarks))
    {
      JsonArray *arr = json_node_get_array (bookmarks);

      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *bm = json_array_get_element (arr, i);
          g_autofree char *path = g_strdup_printf ("bookmarks[%u]", i);

          if (JSON_NODE_HOLDS_OBJECT (bm) &&
              !rename_member (json_node_get_object (bm), path, "name", "label", error))
            return FALSE;
        }
    }
  return TRUE;
}

/* migrations[v] takes a version v document to version v + 1. */
static gboolean (* const migrations[MDK_PROJECT_FORMAT_VERSION]) (JsonObject *, GError **) = {
  migrate_0_to_1,
};

static gboolean
read_document (MdkProject *project,
               JsonNode   *root_node,
               GError    **error)
{
  static const char * const known[] = {
    "format", "version", "medaka_version", "saved", "notes", "bookmarks", "state", NULL
  };
  static const char * const known_bookmark[] = { "label", "genome", NULL };
  JsonObject *root;
  JsonNode *node;
  const char *format, *str;
  gint64 version;
  char offset_buf[32];

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_NOT_PROJECT,
                   _("Not a Medaka project: the document is not a JSON object"));
      return FALSE;
    }
  root = json_node_get_object (root_node);
  node = json_object_get_member (root, "format");
  format = node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node) : NULL;
  if (g_strcmp0 (format, MDK_PROJECT_FORMAT_ID) != 0)
    {
      g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_NOT_PROJECT,
                   _("Not a Medaka project: “format” is not “%s”"), MDK_PROJECT_FORMAT_ID);
      return FALSE;
    }

  node = json_object_get_member (root, "version");
  if (node == NULL)
    return invalid (error, "version", _("missing"));
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, "version", _("must be an integer"));
  version = json_node_get_int (node);
  if (version < 0)
    return invalid (error, "version", _("must not be negative"));
  if (version > MDK_PROJECT_FORMAT_VERSION)
    {
      g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_NEWER_VERSION,
                   _("Made by a newer Medaka (format %s); this Medaka reads up to %d"),
                   NUMBER (version), MDK_PROJECT_FORMAT_VERSION);
      return FALSE;
    }

  if (version < MDK_PROJECT_FORMAT_VERSION)
    {
      /* Migrate a copy: @root_node may be shared. */
      g_autoptr(JsonNode) copy = json_deep_copy (root_node);
      JsonObject *obj = json_node_get_object (copy);

      for (gint64 v = version; v < MDK_PROJECT_FORMAT_VERSION; v++)
        if (!migrations[v] (obj, error))
          {
            g_prefix_error (error, _("Migrating from format %d: "), (int) v);
            return FALSE;
          }
      json_object_set_int_member (obj, "version", MDK_PROJECT_FORMAT_VERSION);
      if (!read_document (project, copy, error))
        return FALSE;
      project->loaded_version = (int) version;
      return TRUE;
    }

  if (!check_members (root, NULL, known, error))
    return FALSE;

  if (!get_string (root, NULL, "medaka_version", FALSE, &str, error))
    return FALSE;
  g_free (project->medaka_version);
  project->medaka_version = g_strdup (str != NULL ? str : "");

  if (!get_string (root, NULL, "saved", FALSE, &str, error))
    return FALSE;
  if (str != NULL)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (str, NULL);

      if (dt == NULL)
        return invalid (error, "saved", _("must be an ISO 8601 date and time with a time zone"));
      project->saved = g_date_time_to_utc (dt);
    }

  if (!get_string (root, NULL, "notes", FALSE, &str, error))
    return FALSE;
  mdk_project_set_notes (project, str);

  node = json_object_get_member (root, "bookmarks");
  if (node != NULL)
    {
      JsonArray *arr;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return invalid (error, "bookmarks", _("must be an array"));
      arr = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *bm = json_array_get_element (arr, i);
          g_autofree char *path = g_strdup_printf ("bookmarks[%u]", i);
          g_autofree char *genome_path = NULL;
          JsonObject *bobj;
          JsonNode *genome;
          const char *label;

          if (!JSON_NODE_HOLDS_OBJECT (bm))
            return invalid (error, path, _("must be an object"));
          bobj = json_node_get_object (bm);
          if (!check_members (bobj, path, known_bookmark, error) ||
              !get_string (bobj, path, "label", TRUE, &label, error))
            return FALSE;
          genome = json_object_get_member (bobj, "genome");
          genome_path = g_strdup_printf ("%s.genome", path);
          if (genome == NULL)
            return invalid (error, genome_path, _("missing"));
          if (!JSON_NODE_HOLDS_OBJECT (genome))
            return invalid (error, genome_path, _("must be an object"));
          /* The parsed tree is private: sharing it is safe. */
          add_bookmark_owned (project, label, json_node_copy (genome));
        }
    }

  node = json_object_get_member (root, "state");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, "state", _("must be an object or null"));
      project->state = json_node_copy (node);
    }

  project->loaded_version = MDK_PROJECT_FORMAT_VERSION;
  return TRUE;
}

MdkProject *
mdk_project_load_from_bytes (GBytes  *bytes,
                             GError **error)
{
  g_autoptr(MdkProject) project = NULL;
  g_autoptr(GBytes) inflated = NULL;
  g_autoptr(JsonNode) root = NULL;
  const guint8 *data;
  gsize len, i;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (len == 0)
    {
      g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_CORRUPT,
                   _("The file is empty"));
      return NULL;
    }
  if (len >= 2 && data[0] == 0x1f && data[1] == 0x8b)
    {
      inflated = decompress (data, len, error);
      if (inflated == NULL)
        return NULL;
      data = g_bytes_get_data (inflated, &len);
    }
  else
    {
      /* Plain JSON, for hand editing: skip a byte order mark and blanks;
       * anything but "{" is not ours at all. */
      if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
        {
          data += 3;
          len -= 3;
        }
      for (i = 0; i < len && g_ascii_isspace (data[i]); i++)
        ;
      if (i == len || data[i] != '{')
        {
          g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_NOT_PROJECT,
                       _("Not a Medaka project: neither gzip-compressed nor a JSON object"));
          return NULL;
        }
    }

  root = mdk_project_parse_json ((const char *) data, len, error);
  if (root == NULL)
    return NULL;
  project = mdk_project_new ();
  if (!read_document (project, root, error))
    return NULL;
  return g_steal_pointer (&project);
}

MdkProject *
mdk_project_load (GFile   *file,
                  GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_load_contents (file, NULL, &contents, &len, NULL, error))
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  return mdk_project_load_from_bytes (bytes, error);
}
