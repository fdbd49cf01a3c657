#define G_LOG_DOMAIN "medaka-draw"

#include "config.h"

#include "mdk-write.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <string.h>

gboolean
mdk_write_is_drawing_format (const char *format)
{
  return g_strcmp0 (format, "png") == 0 || g_strcmp0 (format, "svg") == 0 ||
         g_strcmp0 (format, "pdf") == 0;
}

void
mdk_write_set_error (GError       **error,
                     GFile         *file,
                     const GError  *cause)
{
  g_autofree char *name = g_file_get_parse_name (file);
  int code = cause->domain == G_IO_ERROR ? cause->code : G_IO_ERROR_FAILED;

  /* GIO's own messages usually name the file already. */
  if (strstr (cause->message, name) != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, code, cause->message);
      return;
    }
  g_set_error (error, G_IO_ERROR, code,
               /* TRANSLATORS: the first %s is a file name, the second why it
                * could not be written. */
               _("Could not write “%s”: %s"), name, cause->message);
}

static gboolean
write_bytes (GFile       *file,
             const char  *data,
             gsize        length,
             GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (!g_file_replace_contents (file, data, length, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &local))
    {
      mdk_write_set_error (error, file, local);
      return FALSE;
    }
  return TRUE;
}

gboolean
mdk_write_text (GFile       *file,
                const char  *text,
                GError     **error)
{
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  return write_bytes (file, text, strlen (text), error);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* PDFs carry their creation time; SOURCE_DATE_EPOCH (seconds since 1970,
 * https://reproducible-builds.org/specs/source-date-epoch/) fixes it, so
 * that two exports of the same run are the same bytes. */
static void
set_pdf_date (cairo_surface_t *surface)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 seconds;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *text = NULL;

  if (epoch == NULL || !g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64, &seconds, NULL))
    return;
  time = g_date_time_new_from_unix_utc ((gint64) seconds);
  if (time == NULL)
    return;
  text = g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, text);
}

typedef struct
{
  GHashTable *numbers;   /* cairo's number → ours, as strings */
} Renumbering;

static gboolean
renumber_surface (const GMatchInfo *match,
                  GString          *out,
                  gpointer          user_data)
{
  Renumbering *r = user_data;
  g_autofree char *prefix = g_match_info_fetch (match, 1);
  g_autofree char *number = g_match_info_fetch (match, 2);
  const char *ours = g_hash_table_lookup (r->numbers, number);

  if (ours == NULL)
    {
      ours = g_strdup_printf ("%u", g_hash_table_size (r->numbers) + 1);
      g_hash_table_insert (r->numbers, g_steal_pointer (&number), (char *) ours);
    }
  g_string_append_printf (out, "%ssurface%s", prefix, ours);
  return FALSE;
}

/* Cairo names SVG groups "surfaceN" after a counter of the whole process,
 * so the same drawing made in the studio and in medaka-cli would differ;
 * numbered in order of appearance they are the same bytes. */
static char *
renumber_svg (const char *svg,
              gsize       length,
              gsize      *new_length)
{
  g_autoptr(GRegex) regex = g_regex_new ("(id=\"|#)surface([0-9]+)", 0, 0, NULL);
  Renumbering r = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free) };
  char *result;

  result = g_regex_replace_eval (regex, svg, length, 0, 0, renumber_surface, &r, NULL);
  g_hash_table_unref (r.numbers);
  *new_length = strlen (result);
  return result;
}

gboolean
mdk_write_drawing (GFile        *file,
                   const char   *format,
                   int           width,
                   int           height,
                   const char   *title,
                   MdkDrawFunc   draw,
                   gpointer      user_data,
                   GError      **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!mdk_write_is_drawing_format (format))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   /* TRANSLATORS: the first %s is a file name, the second a
                    * format id such as “png”. */
                   _("Could not write “%s”: unknown drawing format “%s”"),
                   name, format != NULL ? format : "");
      return FALSE;
    }

  bytes = g_byte_array_new ();
  if (g_str_equal (format, "png"))
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  else if (g_str_equal (format, "svg"))
    {
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      /* Pixels, like the PNG: in points it would open 4/3 larger. */
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
    }
  else
    {
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
      if (title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Medaka");
      set_pdf_date (surface);
    }

  cr = cairo_create (surface);
  draw (cr, width, height, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && g_str_equal (format, "png"))
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autoptr(GError) cause = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                     cairo_status_to_string (status));
      mdk_write_set_error (error, file, cause);
      return FALSE;
    }
  if (g_str_equal (format, "svg"))
    {
      gsize length;
      g_autofree char *svg = renumber_svg ((const char *) bytes->data, bytes->len, &length);

      return write_bytes (file, svg, length, error);
    }
  return write_bytes (file, (const char *) bytes->data, bytes->len, error);
}
