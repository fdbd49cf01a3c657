#define G_LOG_DOMAIN "medaka-draw"

#include "config.h"

#include "mdk-export.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mdk-network-export.h"
#include "mdk-write.h"

static const char * const history_formats[] = { "csv", NULL };
static const char * const genome_formats[] = { "json", "dot", "c", "svg", "pdf", "png", NULL };
static const char * const plot_formats[] = { "svg", "pdf", "png", "csv", NULL };

const char * const *
mdk_export_get_formats (MdkExportParts part)
{
  switch (part)
    {
    case MDK_EXPORT_HISTORY:
      return history_formats;
    case MDK_EXPORT_GENOME:
      return genome_formats;
    case MDK_EXPORT_PLOTS:
      return plot_formats;
    case MDK_EXPORT_ALL:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
mdk_export_is_format (const char *format)
{
  return g_strv_contains ((const char * const *) history_formats, format) ||
         g_strv_contains ((const char * const *) genome_formats, format) ||
         g_strv_contains ((const char * const *) plot_formats, format);
}

static void
file_clear (gpointer data)
{
  MdkExportFile *file = data;

  g_free (file->name);
}

static void
add_file (GArray         *plan,
          MdkExportParts  part,
          const char     *format,
          MdkPlotKind     plot,
          const char     *stem)
{
  MdkExportFile file = { part, format, plot, g_strdup_printf ("%s.%s", stem, format) };

  g_array_append_val (plan, file);
}

/* The formats of @part that @formats asks for, in the part's order. */
static void
add_part (GArray             *plan,
          MdkExportParts      part,
          MdkPlotKind         plot,
          const char         *stem,
          const char * const *formats)
{
  for (const char * const *f = mdk_export_get_formats (part); *f != NULL; f++)
    if (formats == NULL || g_strv_contains (formats, *f))
      add_file (plan, part, *f, plot, stem);
}

GArray *
mdk_export_plan (const MdkExportSource *source,
                 MdkExportParts         parts,
                 const char * const    *formats)
{
  GArray *plan = g_array_new (FALSE, FALSE, sizeof (MdkExportFile));

  g_return_val_if_fail (source != NULL && MDK_IS_HISTORY (source->history), plan);

  g_array_set_clear_func (plan, file_clear);
  if (parts & MDK_EXPORT_HISTORY)
    add_part (plan, MDK_EXPORT_HISTORY, 0, "history", formats);
  if ((parts & MDK_EXPORT_GENOME) && source->genome != NULL)
    add_part (plan, MDK_EXPORT_GENOME, 0, source->genome_name, formats);
  if (parts & MDK_EXPORT_PLOTS)
    for (MdkPlotKind kind = 0; kind < MDK_PLOT_N_KINDS; kind++)
      {
        g_autoptr(MdkHistoryPlot) chart = mdk_history_plot_new (kind);

        /* Always the three curves of a run; the others where they apply. */
        mdk_history_plot_set_columns (chart, source->columns);
        mdk_history_plot_set_history (chart, source->history);
        if ((kind != MDK_PLOT_SPECIES && kind != MDK_PLOT_ACCURACY && kind != MDK_PLOT_ALGORITHM) ||
            mdk_history_plot_has_data (chart))
          add_part (plan, MDK_EXPORT_PLOTS, kind, mdk_plot_kind_to_id (kind), formats);
      }
  if ((parts & MDK_EXPORT_PLOTS) && source->behaviours != NULL &&
      mdk_behaviour_space_has_data (source->behaviours))
    add_part (plan, MDK_EXPORT_PLOTS, MDK_EXPORT_BEHAVIOUR_SPACE, "behaviours", formats);
  return plan;
}

static gboolean
graph_is_recurrent (const MdkNeatGenome *genome)
{
  g_autoptr(MdkNetwork) net = mdk_network_new ();

  mdk_neat_genome_decode (genome, net);
  return mdk_network_is_recurrent (net);
}

gboolean
mdk_export_write_genome (const MdkExportSource  *source,
                         GFile                  *file,
                         const char             *format,
                         GError                **error)
{
  g_autoptr(MdkNeatGenome) genome = NULL;

  g_return_val_if_fail (source != NULL && source->genome != NULL, FALSE);

  /* A genome of another kind is shown as its graph, but its file is its own
   * document; standalone C only computes what the graph form computes. */
  if (source->native != NULL && g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(JsonNode) node = mdk_optimizer_genome_document (source->klass, source->native,
                                                                source->input_names, source->output_names,
                                                                source->fitness);
      g_autofree char *text = json_to_string (node, TRUE);

      return mdk_write_text (file, text, error);
    }
  if (source->native != NULL && g_strcmp0 (format, "c") == 0 && graph_is_recurrent (source->genome))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Could not write “%s”: standalone C is written from the graph form, which updates "
                     "a recurrent (Elman) layer in place and so does not compute what this network computes"),
                   name);
      return FALSE;
    }

  /* The fitness of a copy may be missing: the champion is copied before
   * the optimizer hears its result. */
  genome = mdk_neat_genome_copy (source->genome);
  if (isfinite (source->fitness))
    {
      genome->fitness = source->fitness;
      genome->fitness_valid = TRUE;
    }
  return mdk_network_export (genome, source->input_names, source->output_names, file, format,
                             0, 0, error);
}

gboolean
mdk_export_write (const MdkExportSource  *source,
                  GArray                 *plan,
                  GFile                  *dir,
                  GError                **error)
{
  MdkHistoryPlot *charts[MDK_PLOT_N_KINDS] = { NULL };
  gboolean ok = TRUE;

  g_return_val_if_fail (source != NULL && MDK_IS_HISTORY (source->history), FALSE);
  g_return_val_if_fail (G_IS_FILE (dir), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; ok && i < plan->len; i++)
    {
      const MdkExportFile *item = &g_array_index (plan, MdkExportFile, i);
      g_autoptr(GFile) file = g_file_get_child (dir, item->name);

      switch (item->part)
        {
        case MDK_EXPORT_HISTORY:
          {
            GArray *rows = mdk_history_get_rows (source->history);
            g_autofree char *csv = mdk_stats_rows_to_csv ((const MdkGenerationStats *) rows->data,
                                                          rows->len, source->columns);

            ok = mdk_write_text (file, csv, error);
          }
          break;
        case MDK_EXPORT_GENOME:
          ok = mdk_export_write_genome (source, file, item->format, error);
          break;
        case MDK_EXPORT_PLOTS:
          if (item->plot == MDK_EXPORT_BEHAVIOUR_SPACE)
            {
              ok = mdk_behaviour_space_write (source->behaviours, file, item->format,
                                              MDK_BEHAVIOUR_SPACE_EXPORT_WIDTH,
                                              MDK_BEHAVIOUR_SPACE_EXPORT_HEIGHT, error);
              break;
            }
          if (charts[item->plot] == NULL)
            {
              charts[item->plot] = mdk_history_plot_new (item->plot);
              mdk_history_plot_set_columns (charts[item->plot], source->columns);
              mdk_history_plot_set_history (charts[item->plot], source->history);
            }
          ok = mdk_history_plot_export (charts[item->plot], file, item->format,
                                        MDK_HISTORY_PLOT_EXPORT_WIDTH,
                                        MDK_HISTORY_PLOT_EXPORT_HEIGHT, error);
          break;
        case MDK_EXPORT_ALL:
        default:
          g_assert_not_reached ();
        }
    }
  for (guint k = 0; k < MDK_PLOT_N_KINDS; k++)
    mdk_history_plot_free (charts[k]);
  return ok;
}
