#define G_LOG_DOMAIN "medaka-draw"

#include "config.h"

#include "mdk-network-export.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mdk-neat-export.h"
#include "mdk-network-draw.h"
#include "mdk-write.h"

/* White space around a drawing, in pixels or points. */
#define PAGE_MARGIN 16.0

static const MdkNetworkExportFormat formats[] = {
  { "png", N_("PNG image"), "png", "image/png" },
  { "svg", N_("SVG image"), "svg", "image/svg+xml" },
  { "pdf", N_("PDF document"), "pdf", "application/pdf" },
  { "json", N_("Medaka genome (JSON)"), "json", "application/json" },
  { "dot", N_("Graphviz graph (DOT)"), "dot", "text/vnd.graphviz" },
  { "c", N_("C source"), "c", "text/x-csrc" },
};

const MdkNetworkExportFormat *
mdk_network_export_get_formats (guint *n_formats)
{
  *n_formats = G_N_ELEMENTS (formats);
  return formats;
}

static const MdkNetworkExportFormat *
find_format (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (formats[i].id, id) == 0)
      return &formats[i];
  return NULL;
}

const MdkNetworkExportFormat *
mdk_network_export_format_for_file (GFile *file)
{
  g_autofree char *basename = NULL;
  const char *dot;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  basename = g_file_get_basename (file);
  dot = basename != NULL ? strrchr (basename, '.') : NULL;
  if (dot == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (dot + 1, formats[i].extension) == 0)
      return &formats[i];
  return NULL;
}

/* --------------------------------------------------------------- drawings */

typedef struct
{
  const MdkNeatGenome    *genome;
  const MdkNetworkLayout *layout;
  const char * const     *input_names;
  const char * const     *output_names;
} Page;

static void
draw_page (cairo_t  *cr,
           int       width,
           int       height,
           gpointer  user_data)
{
  const Page *page = user_data;
  MdkNetworkDrawOptions options;

  mdk_network_draw_options_init (&options);
  /* Dark text on white, whatever the desktop's theme. */
  options.foreground = (MdkRGBA) { 0x24 / 255.0, 0x1f / 255.0, 0x31 / 255.0, 1.0 };
  options.background = (MdkRGBA) { 1.0, 1.0, 1.0, 1.0 };

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_paint (cr);
  cairo_translate (cr, PAGE_MARGIN, PAGE_MARGIN);
  mdk_network_draw (cr, MAX (width - 2 * PAGE_MARGIN, 1.0), MAX (height - 2 * PAGE_MARGIN, 1.0),
                    page->genome, page->layout, page->input_names, page->output_names, &options);
  cairo_restore (cr);
}

gboolean
mdk_network_export_drawing (const MdkNeatGenome *genome,
                            const char * const  *input_names,
                            const char * const  *output_names,
                            GFile               *file,
                            const char          *format,
                            int                  width,
                            int                  height,
                            GError             **error)
{
  MdkNetworkLayout layout = { 0 };
  Page page = { genome, &layout, input_names, output_names };
  g_autofree char *title = NULL;
  char id[32];
  gboolean ok;

  g_return_val_if_fail (genome != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  mdk_network_layout (genome, &layout);
  /* Room for the columns and the names beside them, and for the rows. */
  if (width <= 0)
    width = CLAMP (150 * (int) layout.n_columns + 200, 480, 4000);
  if (height <= 0)
    height = CLAMP (56 * (int) layout.max_rows + 80, 320, 4000);

  g_snprintf (id, sizeof id, "%" G_GUINT64_FORMAT, genome->id);
  /* TRANSLATORS: the title of an exported PDF; %s is the genome's number. */
  title = g_strdup_printf (_("Genome %s"), id);
  ok = mdk_write_drawing (file, format, width, height, title, draw_page, &page, error);
  mdk_network_layout_clear (&layout);
  return ok;
}

/* ------------------------------------------------------------------ text */

static char *
genome_to_json_text (const MdkNeatGenome *genome,
                     const char * const  *input_names,
                     const char * const  *output_names)
{
  g_autoptr(JsonNode) root = mdk_neat_genome_to_json (genome, input_names, output_names);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}

gboolean
mdk_network_export (const MdkNeatGenome *genome,
                    const char * const  *input_names,
                    const char * const  *output_names,
                    GFile               *file,
                    const char          *format,
                    int                  width,
                    int                  height,
                    GError             **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (genome != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (find_format (format) == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   /* TRANSLATORS: the first %s is a file name, the second a
                    * format id such as “png”. */
                   _("Could not write “%s”: unknown format “%s”"),
                   name, format != NULL ? format : "");
      return FALSE;
    }

  if (mdk_write_is_drawing_format (format))
    return mdk_network_export_drawing (genome, input_names, output_names, file, format,
                                       width, height, error);

  if (g_strcmp0 (format, "json") == 0)
    text = genome_to_json_text (genome, input_names, output_names);
  else if (g_strcmp0 (format, "dot") == 0)
    text = mdk_neat_genome_to_dot (genome, input_names, output_names);
  else
    text = mdk_neat_genome_to_c (genome, NULL, input_names, output_names);

  if (text == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* TRANSLATORS: %s is a file name. */
                   _("Could not write “%s”: the genome is not valid"), name);
      return FALSE;
    }
  return mdk_write_text (file, text, error);
}
