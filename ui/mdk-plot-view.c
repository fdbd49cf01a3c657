/* mdk-plot-view.c: a live chart of the run's history
 *
 * The model is a full-resolution copy of the plotted columns, extended as
 * rows arrive.  From it an idle callback prepares an MdkPlot for the visible
 * x range: min/max per pixel column when there are more generations than
 * columns, so a run of 100 000 generations costs snapshot () what one of a
 * few thousand does.  snapshot () only draws that prepared plot.
 */
#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-plot-view.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mdk-plot.h"

#define MAX_COLUMNS    5
#define RATE_WINDOW    5     /* generations the evaluation rate averages over */
#define DRAG_THRESHOLD 4.0   /* pixels before a press becomes a zoom drag */
#define MIN_SPAN       4.0   /* generations: the deepest zoom */
#define EXPORT_WIDTH   1200
#define EXPORT_HEIGHT  800
/* Live updates: at most one preparation per MIN_INTERVAL (4 a second keeps
 * the curves moving; every frame is taken from evaluation when the UI shares
 * the cores with it, see docs/benchmarks.md), and never more than a fifth
 * of the main thread's time. */
#define MIN_INTERVAL   (G_USEC_PER_SEC / 4)

struct _MdkPlotView
{
  GtkWidget    parent_instance;

  MdkPlotKind  kind;
  MdkHistory  *history;
  gulong       changed_id;
  gboolean     log_scale;
  int          picked;

  /* The model: x = generation and the plotted columns, full resolution. */
  GArray      *xs;
  GArray      *ys[MAX_COLUMNS];
  guint        n_columns;

  /* The visible range when zoomed (in generations). */
  gboolean     zoomed;
  double       zoom_x0;
  double       zoom_x1;

  /* Prepared for snapshot (). */
  MdkPlot     *plot;
  guint        rebuild_id;
  gint64       rebuild_end;    /* monotonic µs */
  double       pace;           /* MIN_INTERVAL stretched by this (mdk-ui-pace.h) */
  gint64       rebuild_cost;   /* µs */
  gboolean     plot_valid;
  int          plot_width;
  int          plot_height;
  /* The drawn base layer, kept while the data and the size stay: the
   * crosshair then redraws only its own small overlay, and GTK's GL
   * renderer reuses the base's texture. */
  GskRenderNode *base_node;
  GdkRGBA      fg;
  cairo_rectangle_t overlay_bounds;

  /* Interaction */
  gboolean     pointer_inside;
  double       pointer_x;
  double       pointer_y;
  gboolean     dragging;
  double       drag_start_x;
};

enum
{
  PROP_0,
  PROP_KIND,
  PROP_HISTORY,
  PROP_LOG_SCALE,
  PROP_PICKED_GENERATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MdkPlotView, mdk_plot_view, GTK_TYPE_WIDGET)

/* GNOME palette colours that read on light and dark backgrounds. */
static const GdkRGBA color_blue = { 0.208, 0.518, 0.894, 1.0 };     /* #3584e4 */
static const GdkRGBA color_band = { 0.208, 0.518, 0.894, 0.22 };
static const GdkRGBA color_orange = { 0.902, 0.380, 0.0, 1.0 };     /* #e66100 */
static const GdkRGBA color_green = { 0.149, 0.635, 0.412, 1.0 };    /* #26a269 */
static const GdkRGBA color_purple = { 0.569, 0.255, 0.675, 1.0 };   /* #9141ac */
static const GdkRGBA color_phase = { 0.596, 0.416, 0.267, 0.16 };   /* #986a44, faint */

static guint
model_columns (MdkPlotKind kind)
{
  switch (kind)
    {
    case MDK_PLOT_FITNESS:
      return 5;   /* best, mean, median, mean − σ, mean + σ */
    case MDK_PLOT_COMPLEXITY:
      return 5;   /* mean hidden, champion hidden, mean and champion connections, phase */
    case MDK_PLOT_RATE:
      return 1;
    case MDK_PLOT_ACCURACY:
      return 2;   /* train, test */
    case MDK_PLOT_SPECIES:
    default:
      return 0;   /* read from the history's species samples */
    }
}

/* Evaluations per second over the last RATE_WINDOW generations: the
 * difference of the cumulative counters, which smooths single noisy
 * generations away. */
static double
rate_at (const MdkGenerationStats *rows,
         guint                     i)
{
  guint k = MIN (i + 1, RATE_WINDOW);
  double evals = (double) rows[i].evaluations;
  double secs = rows[i].seconds;

  if (i + 1 > k)
    {
      evals -= (double) rows[i - k].evaluations;
      secs -= rows[i - k].seconds;
    }
  return secs > 0 ? evals / secs : NAN;
}

static void
model_value (MdkPlotKind               kind,
             const MdkGenerationStats *rows,
             guint                     i,
             double                   *out)
{
  const MdkGenerationStats *r = &rows[i];

  switch (kind)
    {
    case MDK_PLOT_FITNESS:
      out[0] = r->best;
      out[1] = r->mean;
      out[2] = r->median;
      out[3] = r->mean - r->stdev;
      out[4] = r->mean + r->stdev;
      break;
    case MDK_PLOT_COMPLEXITY:
      out[0] = r->mean_hidden;
      out[1] = r->champion_hidden;
      out[2] = r->mean_connections;
      out[3] = r->champion_connections;
      out[4] = r->phase;
      break;
    case MDK_PLOT_RATE:
      out[0] = rate_at (rows, i);
      break;
    case MDK_PLOT_ACCURACY:
      out[0] = r->best_train;
      out[1] = r->best_test;
      break;
    case MDK_PLOT_SPECIES:
    default:
      break;
    }
}

static guint
model_length (MdkPlotView *self)
{
  return self->xs->len;
}

static const double *
model_x (MdkPlotView *self)
{
  return (const double *) self->xs->data;
}

static const double *
model_y (MdkPlotView *self,
         guint        column)
{
  return (const double *) self->ys[column]->data;
}

/* Extends the model with the history's rows from @first on. */
static void
update_model (MdkPlotView *self,
              guint        first)
{
  GArray *rows = self->history != NULL ? mdk_history_get_rows (self->history) : NULL;
  guint length = rows != NULL ? rows->len : 0;
  double values[MAX_COLUMNS];

  first = MIN (first, model_length (self));
  g_array_set_size (self->xs, first);
  for (guint c = 0; c < self->n_columns; c++)
    g_array_set_size (self->ys[c], first);

  for (guint i = first; i < length; i++)
    {
      double x = i;

      model_value (self->kind, (const MdkGenerationStats *) rows->data, i, values);
      g_array_append_val (self->xs, x);
      for (guint c = 0; c < self->n_columns; c++)
        g_array_append_val (self->ys[c], values[c]);
    }
}

static void
visible_range (MdkPlotView *self,
               double      *x0,
               double      *x1)
{
  guint n = model_length (self);

  if (self->zoomed)
    {
      *x0 = self->zoom_x0;
      *x1 = self->zoom_x1;
    }
  else
    {
      *x0 = 0.0;
      *x1 = n > 0 ? n - 1.0 : 0.0;
    }
}

/* Adds model column @column to @series over [@x0, @x1] with the raw
 * neighbours outside so that lines run to the edges. */
static void
add_line (MdkPlotView   *self,
          MdkPlotSeries *series,
          guint          column,
          double         x0,
          double         x1,
          guint          n_columns,
          MdkPlotColumn *buckets)
{
  const double *x = model_x (self), *y = model_y (self, column);
  guint n = model_length (self);
  guint i0 = mdk_plot_lower_bound (x, n, x0);
  guint i1 = mdk_plot_lower_bound (x, n, nextafter (x1, INFINITY));

  if (i0 > 0)
    mdk_plot_series_add (series, x[i0 - 1], y[i0 - 1], y[i0 - 1]);
  if (i1 - i0 <= n_columns)
    {
      mdk_plot_series_reserve (series, i1 - i0 + 2);
      for (guint i = i0; i < i1; i++)
        mdk_plot_series_add (series, x[i], y[i], y[i]);
    }
  else
    {
      mdk_plot_series_reserve (series, n_columns + 2);
      mdk_plot_decimate (x, y, n, x0, x1, n_columns, buckets);
      for (guint b = 0; b < n_columns; b++)
        mdk_plot_series_add_column (series, &buckets[b]);
    }
  if (i1 < n)
    mdk_plot_series_add (series, x[i1], y[i1], y[i1]);
}

/* A band between model columns @lo and @hi: per bucket the lowest @lo and
 * the highest @hi. */
static void
add_band (MdkPlotView   *self,
          MdkPlotSeries *series,
          guint          lo,
          guint          hi,
          double         x0,
          double         x1,
          guint          n_columns,
          MdkPlotColumn *buckets)
{
  const double *x = model_x (self), *ylo = model_y (self, lo), *yhi = model_y (self, hi);
  guint n = model_length (self);
  guint i0 = mdk_plot_lower_bound (x, n, x0);
  guint i1 = mdk_plot_lower_bound (x, n, nextafter (x1, INFINITY));
  guint first = i0 > 0 ? i0 - 1 : i0, end = i1 < n ? i1 + 1 : i1;

  if (i1 - i0 <= n_columns)
    {
      for (guint i = first; i < end; i++)
        mdk_plot_series_add (series, x[i], ylo[i], yhi[i]);
      return;
    }

  {
    g_autofree MdkPlotColumn *upper = g_new (MdkPlotColumn, n_columns);

    if (first < i0)
      mdk_plot_series_add (series, x[first], ylo[first], yhi[first]);
    mdk_plot_decimate (x, ylo, n, x0, x1, n_columns, buckets);
    mdk_plot_decimate (x, yhi, n, x0, x1, n_columns, upper);
    for (guint b = 0; b < n_columns; b++)
      {
        if (buckets[b].n == 0 && buckets[b].n_missing == 0)
          continue;
        mdk_plot_series_add (series, buckets[b].x,
                             buckets[b].n > 0 ? buckets[b].min : NAN,
                             upper[b].n > 0 ? upper[b].max : NAN);
      }
    if (end > i1)
      mdk_plot_series_add (series, x[i1], ylo[i1], yhi[i1]);
  }
}

/* Phased search: the generations bred while simplifying, shaded behind the
 * complexity lines from 0 to the top of the visible values.  One block per
 * run of such generations, so long runs stay cheap to draw. */
static void
add_simplifying (MdkPlotView *self,
                 MdkPlot     *plot,
                 double       x0,
                 double       x1)
{
  const double *x = model_x (self), *phase = model_y (self, 4);
  guint n = model_length (self);
  guint i0 = mdk_plot_lower_bound (x, n, x0);
  guint i1 = mdk_plot_lower_bound (x, n, nextafter (x1, INFINITY));
  MdkPlotSeries *series = NULL;
  double top = 0.0;

  for (guint i = i0; i < i1; i++)
    for (guint c = 0; c < 4; c++)
      if (isfinite (model_y (self, c)[i]))
        top = MAX (top, model_y (self, c)[i]);
  for (guint i = i0; i < i1; i++)
    {
      guint end = i;

      if (phase[i] != MDK_SEARCH_PHASE_SIMPLIFY)
        continue;
      while (end + 1 < i1 && phase[end + 1] == MDK_SEARCH_PHASE_SIMPLIFY)
        end++;
      if (series == NULL)
        series = mdk_plot_add_series (plot, MDK_PLOT_STYLE_BAND, _("Simplifying (phased search)"),
                                      &color_phase);
      mdk_plot_series_add (series, MAX (x[i] - 0.5, x0), 0.0, top);
      mdk_plot_series_add (series, MIN (x[end] + 0.5, x1), 0.0, top);
      mdk_plot_series_add (series, x[end], NAN, NAN);
      i = end;
    }
}

typedef struct
{
  guint32  id;
  GArray  *entries;   /* Entry, by bucket */
} Layer;

typedef struct
{
  guint  bucket;
  double sum;
} Entry;

static void
layer_free (gpointer data)
{
  Layer *layer = data;

  g_array_unref (layer->entries);
  g_free (layer);
}

static int
compare_layers (gconstpointer a,
                gconstpointer b)
{
  const Layer *x = *(Layer * const *) a, *y = *(Layer * const *) b;

  return (x->id > y->id) - (x->id < y->id);
}

/* The species samples of @generation, or of the last earlier generation
 * that has some: reports are coalesced, so not every generation has them. */
static const MdkSpeciesSample *
species_at (MdkHistory *history,
            guint       generation,
            guint      *n)
{
  for (guint g = generation + 1; g-- > 0;)
    {
      const MdkSpeciesSample *samples = mdk_history_get_species (history, g, n);
      if (samples != NULL)
        return samples;
    }
  *n = 0;
  return NULL;
}

/* Stacked areas of the species sizes, oldest species at the bottom.  With
 * more generations than columns each bucket shows the mean size over its
 * generations, which keeps the stack's total equal to the mean total. */
static void
add_species (MdkPlotView *self,
             MdkPlot     *plot,
             double       x0,
             double       x1,
             guint        n_columns)
{
  guint n = model_length (self);
  guint i0 = mdk_plot_lower_bound (model_x (self), n, x0);
  guint i1 = mdk_plot_lower_bound (model_x (self), n, nextafter (x1, INFINITY));
  gboolean decimate = i1 - i0 > n_columns;
  guint n_buckets = decimate ? n_columns : i1 - i0;
  double scale = x1 > x0 ? n_columns / (x1 - x0) : 0.0;
  g_autoptr(GHashTable) by_id = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (layer_free);
  g_autoptr(GPtrArray) cache = g_ptr_array_new ();
  g_autofree guint *bucket_n = g_new0 (guint, MAX (n_buckets, 1));
  g_autofree double *bucket_x = g_new0 (double, MAX (n_buckets, 1));
  g_autofree double *base = g_new0 (double, MAX (n_buckets, 1));
  const MdkSpeciesSample *samples = NULL;
  guint n_samples = 0;

  if (self->history == NULL || n_buckets == 0)
    return;

  if (i0 > 0)
    samples = species_at (self->history, i0 - 1, &n_samples);
  for (guint g = i0; g < i1; g++)
    {
      guint ns;
      const MdkSpeciesSample *s = mdk_history_get_species (self->history, g, &ns);
      guint b;

      if (s != NULL)
        {
          samples = s;
          n_samples = ns;
        }
      if (decimate)
        b = MIN ((guint) ((g - x0) * scale), n_columns - 1);
      else
        b = g - i0;
      bucket_n[b]++;
      bucket_x[b] += g;

      if (cache->len < n_samples)
        g_ptr_array_set_size (cache, n_samples);
      for (guint j = 0; j < n_samples; j++)
        {
          /* Samples keep their order between generations, so the layer
           * of the same position last time is nearly always the one. */
          Layer *layer = cache->pdata[j];
          Entry *last;

          if (layer == NULL || layer->id != samples[j].species_id)
            {
              layer = g_hash_table_lookup (by_id, GUINT_TO_POINTER (samples[j].species_id));
              if (layer == NULL)
                {
                  layer = g_new0 (Layer, 1);
                  layer->id = samples[j].species_id;
                  layer->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
                  g_ptr_array_add (layers, layer);
                  g_hash_table_insert (by_id, GUINT_TO_POINTER (layer->id), layer);
                }
              cache->pdata[j] = layer;
            }
          last = layer->entries->len > 0
                   ? &g_array_index (layer->entries, Entry, layer->entries->len - 1) : NULL;
          if (last != NULL && last->bucket == b)
            last->sum += samples[j].size;
          else
            {
              Entry e = { b, samples[j].size };
              g_array_append_val (layer->entries, e);
            }
        }
    }

  for (guint b = 0; b < n_buckets; b++)
    if (bucket_n[b] > 0)
      bucket_x[b] /= bucket_n[b];

  g_ptr_array_sort (layers, compare_layers);
  for (guint l = 0; l < layers->len; l++)
    {
      Layer *layer = layers->pdata[l];
      const Entry *e = (const Entry *) layer->entries->data;
      guint first = e[0].bucket, last = e[layer->entries->len - 1].bucket, k = 0;

      /* One bucket of size 0 on either side: the layer grows from and
       * shrinks to nothing instead of leaving a wedge under the next. */
      if (first > 0)
        first--;
      if (last + 1 < n_buckets)
        last++;
      MdkPlotSeries *series;
      GdkRGBA color;

      mdk_history_species_color (layer->id, &color);
      series = mdk_plot_add_series (plot, MDK_PLOT_STYLE_AREA, NULL, &color);
      mdk_plot_series_reserve (series, last - first + 1);
      for (guint b = first; b <= last; b++)
        {
          double size = 0.0;

          if (bucket_n[b] == 0)
            continue;
          if (k < layer->entries->len && e[k].bucket == b)
            size = e[k++].sum / bucket_n[b];
          mdk_plot_series_add (series, bucket_x[b], base[b], base[b] + size);
          base[b] += size;
        }
    }
}

static const char *
kind_title (MdkPlotKind kind)
{
  switch (kind)
    {
    case MDK_PLOT_FITNESS:
      return _("Fitness");
    case MDK_PLOT_COMPLEXITY:
      return _("Complexity");
    case MDK_PLOT_SPECIES:
      return _("Species");
    case MDK_PLOT_RATE:
      return _("Evaluations per second");
    case MDK_PLOT_ACCURACY:
      return _("Accuracy");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Fills @plot with the series of the visible range, decimated to
 * @n_columns buckets. */
static void
build_plot (MdkPlotView *self,
            MdkPlot     *plot,
            guint        n_columns)
{
  g_autofree MdkPlotColumn *buckets = g_new (MdkPlotColumn, MAX (n_columns, 1));
  double x0, x1;
  MdkPlotSeries *s;

  mdk_plot_clear_series (plot);
  mdk_plot_set_title (plot, kind_title (self->kind));
  mdk_plot_set_axis_labels (plot, _("Generation"),
                            self->kind == MDK_PLOT_SPECIES ? _("Genomes") : NULL);
  mdk_plot_set_x_integer (plot, TRUE);
  mdk_plot_set_include_zero (plot, self->kind != MDK_PLOT_FITNESS &&
                                   self->kind != MDK_PLOT_ACCURACY);
  mdk_plot_set_log_scale (plot, self->log_scale);
  if (model_length (self) == 0)
    mdk_plot_set_empty_text (plot, _("No generations yet"));
  else if (self->kind == MDK_PLOT_ACCURACY)
    mdk_plot_set_empty_text (plot, _("This task reports no accuracy"));
  else if (self->kind == MDK_PLOT_SPECIES)
    mdk_plot_set_empty_text (plot, _("No species recorded yet"));
  else
    mdk_plot_set_empty_text (plot, self->log_scale ? _("No positive values to show on a log scale")
                                                   : _("No values yet"));

  visible_range (self, &x0, &x1);
  mdk_plot_set_x_range (plot, x0, x1);
  if (model_length (self) == 0)
    return;

  switch (self->kind)
    {
    case MDK_PLOT_FITNESS:
      add_band (self, mdk_plot_add_series (plot, MDK_PLOT_STYLE_BAND, _("Mean ± σ"), &color_band),
                3, 4, x0, x1, n_columns, buckets);
      add_line (self, mdk_plot_add_series (plot, MDK_PLOT_STYLE_LINE, _("Median"), &color_green),
                2, x0, x1, n_columns, buckets);
      add_line (self, mdk_plot_add_series (plot, MDK_PLOT_STYLE_LINE, _("Mean"), &color_blue),
                1, x0, x1, n_columns, buckets);
      s = mdk_plot_add_series (plot, MDK_PLOT_STYLE_LINE, _("Best"), &color_orange);
      mdk_plot_series_set_line_width (s, 2.0);
      add_line (self, s, 0, x0, x1, n_columns, buckets);
      break;

    case MDK_PLOT_COMPLEXITY:
      add_simplifying (self, plot, x0, x1);
      add_line (self, mdk_plot_add_series (plot, MDK_PLOT_STYLE_LINE, _("Connections (mean)"),
                                           &color_blue), 2, x0, x1, n_columns, buckets);
      s = mdk_plot_add_series (plot, MDK_PLOT_STYLE_LINE, _("Connections (champion)"), &color_blue);
      mdk_plot_series_set_dashed (s, TRUE);
      add_line (self, s, 3, x0, x1, n_columns, buckets);
      add_line (self, mdk_plot_add_series (plot, MDK_PLOT_STYLE_LINE, _("Hidden nodes (mean)"),
                                           &color_purple), 0, x0, x1, n_columns, buckets);
      s = mdk_plot_add_series (plot, MDK_PLOT_STYLE_LINE, _("Hidden nodes (champion)"), &color_purple);
      mdk_plot_series_set_dashed (s, TRUE);
      add_line (self, s, 1, x0, x1, n_columns, buckets);
      break;

    case MDK_PLOT_SPECIES:
      add_species (self, plot, x0, x1, n_columns);
      break;

    case MDK_PLOT_RATE:
      s = mdk_plot_add_series (plot, MDK_PLOT_STYLE_LINE, NULL, &color_green);
      mdk_plot_series_set_line_width (s, 2.0);
      add_line (self, s, 0, x0, x1, n_columns, buckets);
      break;

    case MDK_PLOT_ACCURACY:
      add_line (self, mdk_plot_add_series (plot, MDK_PLOT_STYLE_LINE, _("Training"), &color_blue),
                0, x0, x1, n_columns, buckets);
      add_line (self, mdk_plot_add_series (plot, MDK_PLOT_STYLE_LINE, _("Test"), &color_orange),
                1, x0, x1, n_columns, buckets);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
apply_style (MdkPlotView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &self->fg);
  mdk_plot_set_colors (self->plot, &self->fg, NULL);
  mdk_plot_set_font (self->plot, pango_context_get_font_description (context));
}

static void update_hover (MdkPlotView *self);

static void
overlay_changed (MdkPlotView *self)
{
  mdk_plot_get_overlay_bounds (self->plot, &self->overlay_bounds);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Prepares the plot for the current data, range and size. */
static void
rebuild (MdkPlotView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gint64 start = g_get_monotonic_time ();

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
  /* One bucket per pixel column of the widget: the plot area is a bit
   * narrower, so a bucket never spans more than a pixel. */
  build_plot (self, self->plot, width > 0 ? (guint) width : EXPORT_WIDTH);
  mdk_plot_set_marker (self->plot, self->picked >= 0 ? self->picked : NAN);
  self->plot_valid = TRUE;
  self->plot_width = width;
  self->plot_height = height;
  if (width > 0 && height > 0)
    {
      apply_style (self);
      mdk_plot_layout (self->plot, gtk_widget_get_pango_context (widget), width, height);
      mdk_plot_prerender (self->plot, gtk_widget_get_scale_factor (widget));
    }
  update_hover (self);
  overlay_changed (self);
  self->rebuild_end = g_get_monotonic_time ();
  self->rebuild_cost = self->rebuild_end - start;
}

static gboolean
rebuild_idle (gpointer data)
{
  MdkPlotView *self = data;

  self->rebuild_id = 0;
  /* A hidden plot prepares when it is shown again (map). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Coalesces the history's changes into one rebuild before the next frame,
 * or later when the last one was recent: a fast run reports many times a
 * second, and the plots need not follow every report.  The session adds
 * species samples right after the rows, so waiting also lets them arrive. */
static void
queue_rebuild (MdkPlotView *self)
{
  gint64 wait;

  self->plot_valid = FALSE;
  if (self->rebuild_id != 0)
    return;
  wait = self->rebuild_end + MAX (MIN_INTERVAL * self->pace, 4 * self->rebuild_cost) -
         g_get_monotonic_time ();
  if (wait <= 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, rebuild_idle, self, NULL);
  else
    self->rebuild_id = g_timeout_add_full (G_PRIORITY_HIGH_IDLE + 10, wait / 1000 + 1,
                                           rebuild_idle, self, NULL);
}

static void
ensure_plot (MdkPlotView *self)
{
  if (!self->plot_valid)
    rebuild (self);
}

/* Hover */

static char *
format_value_line (const char *label,
                   double      value)
{
  g_autofree char *number = mdk_plot_format_number (value, NAN);

  /* TRANSLATORS: a series' name and its value in the plot's hover box */
  return g_strdup_printf (C_("plot hover", "%s: %s"), label, number);
}

static void
add_value_line (MdkPlot       *plot,
                const GdkRGBA *color,
                const char    *label,
                double         value)
{
  g_autofree char *text = format_value_line (label, value);

  mdk_plot_add_hover_line (plot, color, value, text);
}

static int
compare_samples (gconstpointer a,
                 gconstpointer b)
{
  const MdkSpeciesSample *x = a, *y = b;

  return (x->species_id > y->species_id) - (x->species_id < y->species_id);
}

static void
update_hover (MdkPlotView *self)
{
  cairo_rectangle_t area;
  g_autofree char *number = NULL;
  g_autofree char *heading = NULL;
  guint n = model_length (self);
  double x0, x1, gx;
  guint g;

  if (!self->pointer_inside || self->dragging || n == 0 ||
      !mdk_plot_get_area (self->plot, &area) ||
      self->pointer_x < area.x || self->pointer_x > area.x + area.width ||
      self->pointer_y < area.y || self->pointer_y > area.y + area.height)
    {
      mdk_plot_set_hover (self->plot, NAN, NULL);
      return;
    }

  visible_range (self, &x0, &x1);
  gx = round (mdk_plot_pixel_to_x (self->plot, self->pointer_x));
  gx = CLAMP (gx, ceil (x0), floor (x1));
  gx = CLAMP (gx, 0, n - 1);
  g = (guint) gx;
  number = mdk_plot_format_number (g, 1.0);
  heading = g_strdup_printf (_("Generation %s"), number);
  mdk_plot_set_hover (self->plot, g, heading);

  switch (self->kind)
    {
    case MDK_PLOT_FITNESS:
      {
        double mean = model_y (self, 1)[g];
        double sigma = (model_y (self, 4)[g] - model_y (self, 3)[g]) / 2;

        add_value_line (self->plot, &color_orange, _("Best"), model_y (self, 0)[g]);
        add_value_line (self->plot, &color_blue, _("Mean"), mean);
        add_value_line (self->plot, &color_green, _("Median"), model_y (self, 2)[g]);
        add_value_line (self->plot, NULL, _("Standard deviation"), sigma);
      }
      break;

    case MDK_PLOT_COMPLEXITY:
      add_value_line (self->plot, &color_blue, _("Connections (mean)"), model_y (self, 2)[g]);
      add_value_line (self->plot, &color_blue, _("Connections (champion)"), model_y (self, 3)[g]);
      add_value_line (self->plot, &color_purple, _("Hidden nodes (mean)"), model_y (self, 0)[g]);
      add_value_line (self->plot, &color_purple, _("Hidden nodes (champion)"), model_y (self, 1)[g]);
      if (model_y (self, 4)[g] != MDK_SEARCH_PHASE_NONE)
        mdk_plot_add_hover_line (self->plot, NULL, NAN,
                                 model_y (self, 4)[g] == MDK_SEARCH_PHASE_SIMPLIFY
                                 ? _("Phase: simplifying") : _("Phase: complexifying"));
      break;

    case MDK_PLOT_RATE:
      add_value_line (self->plot, &color_green, _("Evaluations per second"), model_y (self, 0)[g]);
      break;

    case MDK_PLOT_ACCURACY:
      add_value_line (self->plot, &color_blue, _("Training"), model_y (self, 0)[g]);
      add_value_line (self->plot, &color_orange, _("Test"), model_y (self, 1)[g]);
      break;

    case MDK_PLOT_SPECIES:
      {
        guint ns, total = 0;
        const MdkSpeciesSample *samples = species_at (self->history, g, &ns);
        g_autofree MdkSpeciesSample *sorted = g_memdup2 (samples, sizeof (MdkSpeciesSample) * ns);
        g_autofree char *count = NULL;
        gboolean found = FALSE;
        double below = 0.0;

        /* Same stacking order as the areas: by id. */
        if (ns > 0)
          qsort (sorted, ns, sizeof (MdkSpeciesSample), compare_samples);
        for (guint i = 0; i < ns; i++)
          total += sorted[i].size;
        count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u species", "%u species", ns), ns);
        mdk_plot_add_hover_line (self->plot, NULL, NAN, count);
        {
          g_autofree char *total_text = NULL;
          g_autofree char *total_number = mdk_plot_format_number (total, 1.0);

          total_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s genome in all",
                                                     "%s genomes in all", total), total_number);
          mdk_plot_add_hover_line (self->plot, NULL, NAN, total_text);
        }

        /* The species under the pointer, if any. */
        for (guint i = 0; i < ns && !found; i++)
          {
            double top = below + sorted[i].size;
            double py_top = mdk_plot_y_to_pixel (self->plot, top);
            double py_below = mdk_plot_y_to_pixel (self->plot, below);

            if (self->pointer_y >= py_top && self->pointer_y <= py_below)
              {
                g_autofree char *size = mdk_plot_format_number (sorted[i].size, 1.0);
                g_autofree char *text = NULL;
                GdkRGBA color;

                mdk_history_species_color (sorted[i].species_id, &color);
                text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Species %u: %s genome",
                                                     "Species %u: %s genomes", sorted[i].size),
                                        sorted[i].species_id, size);
                found = TRUE;
                mdk_plot_add_hover_line (self->plot, &color, NAN, text);
              }
            below = top;
          }
      }
      break;

    default:
      break;
    }
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           MdkPlotView              *self)
{
  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  if (!self->plot_valid)
    return;
  update_hover (self);
  overlay_changed (self);
}

static void
on_leave (GtkEventControllerMotion *controller,
          MdkPlotView              *self)
{
  self->pointer_inside = FALSE;
  mdk_plot_set_hover (self->plot, NAN, NULL);
  overlay_changed (self);
}

/* Zoom */

static void
set_range (MdkPlotView *self,
           double       x0,
           double       x1)
{
  guint n = model_length (self);
  double last = n > 0 ? n - 1.0 : 0.0;
  double span;

  if (x1 < x0)
    {
      double t = x0;
      x0 = x1;
      x1 = t;
    }
  span = MAX (x1 - x0, MIN (MIN_SPAN, last));
  if (n < 2 || span >= last)
    {
      mdk_plot_view_reset_zoom (self);
      return;
    }
  x0 = CLAMP (x0, 0.0, last - span);
  self->zoomed = TRUE;
  self->zoom_x0 = x0;
  self->zoom_x1 = x0 + span;
  rebuild (self);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               MdkPlotView    *self)
{
  self->drag_start_x = x;
  self->dragging = FALSE;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                MdkPlotView    *self)
{
  double a, b;

  if (!self->dragging)
    {
      if (fabs (dx) < DRAG_THRESHOLD || !self->plot_valid)
        return;
      /* A drag, not a click: the click gesture lets go. */
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      mdk_plot_set_hover (self->plot, NAN, NULL);
    }
  a = mdk_plot_pixel_to_x (self->plot, self->drag_start_x);
  b = mdk_plot_pixel_to_x (self->plot, self->drag_start_x + dx);
  mdk_plot_set_selection (self->plot, a, b);
  overlay_changed (self);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             MdkPlotView    *self)
{
  double a, b;

  if (!self->dragging)
    return;
  self->dragging = FALSE;
  mdk_plot_set_selection (self->plot, NAN, NAN);
  overlay_changed (self);
  a = mdk_plot_pixel_to_x (self->plot, self->drag_start_x);
  b = mdk_plot_pixel_to_x (self->plot, self->drag_start_x + dx);
  mdk_plot_view_zoom (self, a, b);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           MdkPlotView              *self)
{
  double x0, x1, center, factor;

  if (model_length (self) < 2 || dy == 0 || !self->plot_valid)
    return FALSE;
  visible_range (self, &x0, &x1);
  center = self->pointer_inside ? mdk_plot_pixel_to_x (self->plot, self->pointer_x)
                                : (x0 + x1) / 2;
  center = CLAMP (center, x0, x1);
  factor = pow (1.2, dy);
  mdk_plot_view_zoom (self, center - (center - x0) * factor, center + (x1 - center) * factor);
  return TRUE;
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            MdkPlotView     *self)
{
  if (n_press == 2)
    mdk_plot_view_reset_zoom (self);
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             MdkPlotView     *self)
{
  cairo_rectangle_t area;
  guint n = model_length (self);
  double g;

  if (n_press != 1 || self->dragging || n == 0 || !self->plot_valid ||
      !mdk_plot_get_area (self->plot, &area) ||
      x < area.x || x > area.x + area.width || y < area.y || y > area.y + area.height)
    return;
  g = round (mdk_plot_pixel_to_x (self->plot, x));
  mdk_plot_view_set_picked_generation (self, (int) CLAMP (g, 0, n - 1));
}

/* GtkWidget */

static void
on_history_changed (MdkHistory  *history,
                    guint        first,
                    MdkPlotView *self)
{
  guint length = mdk_history_get_length (history);

  update_model (self, first);
  if (self->zoomed && self->zoom_x1 > length - 1.0)
    self->zoomed = FALSE;
  if (self->picked >= (int) length)
    mdk_plot_view_set_picked_generation (self, -1);
  queue_rebuild (self);
}

static void
mdk_plot_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  MdkPlotView *self = MDK_PLOT_VIEW (widget);

  if (!self->plot_valid || width != self->plot_width || height != self->plot_height)
    rebuild (self);
}

static void
mdk_plot_view_map (GtkWidget *widget)
{
  MdkPlotView *self = MDK_PLOT_VIEW (widget);

  GTK_WIDGET_CLASS (mdk_plot_view_parent_class)->map (widget);
  /* Without a size yet, size_allocate () prepares. */
  if (!self->plot_valid && gtk_widget_get_width (widget) > 0)
    rebuild (self);
}

static void
mdk_plot_view_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  MdkPlotView *self = MDK_PLOT_VIEW (widget);

  GTK_WIDGET_CLASS (mdk_plot_view_parent_class)->css_changed (widget, change);
  /* The font may have changed: lay out again before the next frame. */
  if (self->plot_valid)
    queue_rebuild (self);
}

static void
mdk_plot_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else
    {
      *minimum = 140;
      *natural = 280;
    }
}

static void
mdk_plot_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  MdkPlotView *self = MDK_PLOT_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const cairo_rectangle_t *ob = &self->overlay_bounds;
  GdkRGBA fg;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  /* The theme may have switched between light and dark. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  if (!gdk_rgba_equal (&fg, &self->fg))
    {
      self->fg = fg;
      mdk_plot_set_colors (self->plot, &fg, NULL);
      g_clear_pointer (&self->base_node, gsk_render_node_unref);
    }

  if (self->base_node == NULL)
    {
      GtkSnapshot *base = gtk_snapshot_new ();

      cr = gtk_snapshot_append_cairo (base, &GRAPHENE_RECT_INIT (0, 0, width, height));
      mdk_plot_draw_layers (self->plot, cr, width, height, MDK_PLOT_LAYER_BASE);
      cairo_destroy (cr);
      self->base_node = gtk_snapshot_free_to_node (base);
    }
  if (self->base_node != NULL)
    gtk_snapshot_append_node (snapshot, self->base_node);

  if (ob->width > 0 && ob->height > 0)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (ob->x, ob->y, ob->width, ob->height));
      mdk_plot_draw_layers (self->plot, cr, width, height, MDK_PLOT_LAYER_OVERLAY);
      cairo_destroy (cr);
    }
}

static void
mdk_plot_view_dispose (GObject *object)
{
  MdkPlotView *self = MDK_PLOT_VIEW (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->history != NULL)
    g_clear_signal_handler (&self->changed_id, self->history);
  g_clear_object (&self->history);
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
  G_OBJECT_CLASS (mdk_plot_view_parent_class)->dispose (object);
}

static void
mdk_plot_view_finalize (GObject *object)
{
  MdkPlotView *self = MDK_PLOT_VIEW (object);

  g_array_unref (self->xs);
  for (guint c = 0; c < MAX_COLUMNS; c++)
    g_array_unref (self->ys[c]);
  mdk_plot_free (self->plot);
  G_OBJECT_CLASS (mdk_plot_view_parent_class)->finalize (object);
}

static void
mdk_plot_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MdkPlotView *self = MDK_PLOT_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_LOG_SCALE:
      g_value_set_boolean (value, self->log_scale);
      break;
    case PROP_PICKED_GENERATION:
      g_value_set_int (value, self->picked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdk_plot_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MdkPlotView *self = MDK_PLOT_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      self->n_columns = model_columns (self->kind);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      kind_title (self->kind), -1);
      break;
    case PROP_HISTORY:
      mdk_plot_view_set_history (self, g_value_get_object (value));
      break;
    case PROP_LOG_SCALE:
      mdk_plot_view_set_log_scale (self, g_value_get_boolean (value));
      break;
    case PROP_PICKED_GENERATION:
      mdk_plot_view_set_picked_generation (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdk_plot_view_class_init (MdkPlotViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdk_plot_view_dispose;
  object_class->finalize = mdk_plot_view_finalize;
  object_class->get_property = mdk_plot_view_get_property;
  object_class->set_property = mdk_plot_view_set_property;
  widget_class->measure = mdk_plot_view_measure;
  widget_class->size_allocate = mdk_plot_view_size_allocate;
  widget_class->map = mdk_plot_view_map;
  widget_class->snapshot = mdk_plot_view_snapshot;
  widget_class->css_changed = mdk_plot_view_css_changed;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, MDK_PLOT_FITNESS, MDK_PLOT_ACCURACY, MDK_PLOT_FITNESS,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, MDK_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOG_SCALE] =
    g_param_spec_boolean ("log-scale", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PICKED_GENERATION] =
    g_param_spec_int ("picked-generation", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "plot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mdk_plot_view_init (MdkPlotView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  self->picked = -1;
  self->pace = 1.0;
  self->plot = mdk_plot_new ();
  self->xs = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint c = 0; c < MAX_COLUMNS; c++)
    self->ys[c] = g_array_new (FALSE, FALSE, sizeof (double));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_pressed), self);
  g_signal_connect (gesture, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  g_signal_connect_swapped (widget, "notify::scale-factor", G_CALLBACK (queue_rebuild), self);
  gtk_widget_set_cursor_from_name (widget, "crosshair");
  gtk_widget_set_focusable (widget, FALSE);
}

GtkWidget *
mdk_plot_view_new (MdkPlotKind kind)
{
  return g_object_new (MDK_TYPE_PLOT_VIEW, "kind", kind, NULL);
}

MdkPlotKind
mdk_plot_view_get_kind (MdkPlotView *self)
{
  g_return_val_if_fail (MDK_IS_PLOT_VIEW (self), MDK_PLOT_FITNESS);
  return self->kind;
}

void
mdk_plot_view_set_history (MdkPlotView *self,
                           MdkHistory  *history)
{
  g_return_if_fail (MDK_IS_PLOT_VIEW (self));
  g_return_if_fail (history == NULL || MDK_IS_HISTORY (history));

  if (self->history == history)
    return;
  if (self->history != NULL)
    g_clear_signal_handler (&self->changed_id, self->history);
  g_set_object (&self->history, history);
  if (history != NULL)
    self->changed_id = g_signal_connect (history, "changed", G_CALLBACK (on_history_changed), self);
  self->zoomed = FALSE;
  update_model (self, 0);
  if (self->picked >= 0)
    mdk_plot_view_set_picked_generation (self, -1);
  queue_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

/* While running, live updates come at most every MIN_INTERVAL × @pace. */
void
mdk_plot_view_set_pace (MdkPlotView *self,
                        double       pace)
{
  g_return_if_fail (MDK_IS_PLOT_VIEW (self));
  self->pace = MAX (pace, 1.0);
}

void
mdk_plot_view_set_log_scale (MdkPlotView *self,
                             gboolean     log_scale)
{
  g_return_if_fail (MDK_IS_PLOT_VIEW (self));

  log_scale = !!log_scale;
  if (self->log_scale == log_scale)
    return;
  self->log_scale = log_scale;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_SCALE]);
}

gboolean
mdk_plot_view_get_log_scale (MdkPlotView *self)
{
  g_return_val_if_fail (MDK_IS_PLOT_VIEW (self), FALSE);
  return self->log_scale;
}

void
mdk_plot_view_reset_zoom (MdkPlotView *self)
{
  g_return_if_fail (MDK_IS_PLOT_VIEW (self));

  if (!self->zoomed)
    return;
  self->zoomed = FALSE;
  rebuild (self);
}

void
mdk_plot_view_zoom (MdkPlotView *self,
                    double       x0,
                    double       x1)
{
  g_return_if_fail (MDK_IS_PLOT_VIEW (self));
  set_range (self, x0, x1);
}

void
mdk_plot_view_get_x_range (MdkPlotView *self,
                           double      *x0,
                           double      *x1)
{
  g_return_if_fail (MDK_IS_PLOT_VIEW (self));
  visible_range (self, x0, x1);
}

guint
mdk_plot_view_get_n_points (MdkPlotView *self)
{
  double x0, x1;
  guint n;

  g_return_val_if_fail (MDK_IS_PLOT_VIEW (self), 0);
  n = model_length (self);
  if (!self->zoomed)
    return n;
  visible_range (self, &x0, &x1);
  return mdk_plot_lower_bound (model_x (self), n, nextafter (x1, INFINITY))
         - mdk_plot_lower_bound (model_x (self), n, x0);
}

guint
mdk_plot_view_get_n_series (MdkPlotView *self)
{
  g_return_val_if_fail (MDK_IS_PLOT_VIEW (self), 0);
  ensure_plot (self);
  return mdk_plot_get_n_series (self->plot);
}

int
mdk_plot_view_get_picked_generation (MdkPlotView *self)
{
  g_return_val_if_fail (MDK_IS_PLOT_VIEW (self), -1);
  return self->picked;
}

void
mdk_plot_view_set_picked_generation (MdkPlotView *self,
                                     int          generation)
{
  g_return_if_fail (MDK_IS_PLOT_VIEW (self));

  generation = MAX (generation, -1);
  if (self->picked == generation)
    return;
  self->picked = generation;
  mdk_plot_set_marker (self->plot, generation >= 0 ? generation : NAN);
  overlay_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PICKED_GENERATION]);
}

/* Export */

typedef struct
{
  GOutputStream *stream;
  GError        *error;
} WriteClosure;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  WriteClosure *w = closure;

  if (w->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (w->stream, data, length, NULL, NULL, &w->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static void
set_write_error (GError     **error,
                 GFile       *file,
                 int          code,
                 const char  *message)
{
  g_autofree char *name = g_file_get_parse_name (file);

  /* TRANSLATORS: the first %s is a file name, the second the reason */
  g_set_error (error, G_IO_ERROR, code, _("Could not write “%s”: %s"), name, message);
}

/* The shortest text that reads back as the same double; empty for NaN. */
static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, ',');
  if (!isfinite (value))
    return;
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);
  g_string_append (out, buffer);
}

static char *
build_csv (MdkPlotView *self)
{
  GString *out = g_string_new (NULL);
  GArray *rows = self->history != NULL ? mdk_history_get_rows (self->history) : NULL;
  guint n = rows != NULL ? rows->len : 0;
  const MdkGenerationStats *r = rows != NULL ? (const MdkGenerationStats *) rows->data : NULL;

  switch (self->kind)
    {
    case MDK_PLOT_FITNESS:
      g_string_append (out, "generation,best,mean,median,stdev\n");
      break;
    case MDK_PLOT_COMPLEXITY:
      g_string_append (out, "generation,mean_hidden,champion_hidden,mean_connections,champion_connections,phase\n");
      break;
    case MDK_PLOT_SPECIES:
      g_string_append (out, "generation,species,size,best_fitness\n");
      break;
    case MDK_PLOT_RATE:
      g_string_append (out, "generation,evaluations,seconds,evaluations_per_second\n");
      break;
    case MDK_PLOT_ACCURACY:
      g_string_append (out, "generation,best_train,best_test\n");
      break;
    default:
      g_assert_not_reached ();
    }

  for (guint i = 0; i < n; i++)
    {
      switch (self->kind)
        {
        case MDK_PLOT_FITNESS:
          g_string_append_printf (out, "%u", r[i].generation);
          append_number (out, r[i].best);
          append_number (out, r[i].mean);
          append_number (out, r[i].median);
          append_number (out, r[i].stdev);
          break;
        case MDK_PLOT_COMPLEXITY:
          g_string_append_printf (out, "%u", r[i].generation);
          append_number (out, r[i].mean_hidden);
          g_string_append_printf (out, ",%u", r[i].champion_hidden);
          append_number (out, r[i].mean_connections);
          g_string_append_printf (out, ",%u,%s", r[i].champion_connections,
                                  mdk_search_phase_to_id (r[i].phase));
          break;
        case MDK_PLOT_SPECIES:
          {
            guint ns;
            const MdkSpeciesSample *s = mdk_history_get_species (self->history, i, &ns);

            /* Long format: one line per species and recorded generation. */
            for (guint j = 0; j < ns; j++)
              {
                g_string_append_printf (out, "%u,%u,%u", r[i].generation, s[j].species_id, s[j].size);
                append_number (out, s[j].best_fitness);
                g_string_append_c (out, '\n');
              }
          }
          continue;
        case MDK_PLOT_RATE:
          g_string_append_printf (out, "%u,%" G_GUINT64_FORMAT, r[i].generation, r[i].evaluations);
          append_number (out, r[i].seconds);
          append_number (out, rate_at (r, i));
          break;
        case MDK_PLOT_ACCURACY:
          g_string_append_printf (out, "%u", r[i].generation);
          append_number (out, r[i].best_train);
          append_number (out, r[i].best_test);
          break;
        default:
          g_assert_not_reached ();
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* Opens @file for replacing; the error (from GIO) names the file. */
static GOutputStream *
open_for_export (GFile   *file,
                 GError **error)
{
  return G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                          NULL, error));
}

/* Closes @stream, keeping the original file when something failed. */
static gboolean
finish_export (GOutputStream  *stream,
               GFile          *file,
               GError         *write_error,
               const char     *failure,
               GError        **error)
{
  if (write_error != NULL || failure != NULL)
    {
      g_autoptr(GCancellable) cancel = g_cancellable_new ();

      /* A cancelled close leaves the destination as it was. */
      g_cancellable_cancel (cancel);
      g_output_stream_close (stream, cancel, NULL);
      if (write_error != NULL)
        set_write_error (error, file, write_error->code, write_error->message);
      else
        set_write_error (error, file, G_IO_ERROR_FAILED, failure);
      g_clear_error (&write_error);
      return FALSE;
    }
  if (!g_output_stream_close (stream, NULL, &write_error))
    {
      set_write_error (error, file, write_error->code, write_error->message);
      g_error_free (write_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
export_csv (MdkPlotView  *self,
            GFile        *file,
            GError      **error)
{
  g_autofree char *csv = build_csv (self);
  g_autoptr(GOutputStream) stream = open_for_export (file, error);
  GError *write_error = NULL;

  if (stream == NULL)
    return FALSE;
  g_output_stream_write_all (stream, csv, strlen (csv), NULL, NULL, &write_error);
  return finish_export (stream, file, write_error, NULL, error);
}

static gboolean
export_drawing (MdkPlotView  *self,
                GFile        *file,
                const char   *format,
                GError      **error)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  static const GdkRGBA paper = { 1, 1, 1, 1 }, ink = { 0.12, 0.12, 0.13, 1 };
  g_autoptr(GOutputStream) stream = NULL;
  WriteClosure closure = { NULL, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  MdkPlot *plot;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    {
      width = EXPORT_WIDTH;
      height = EXPORT_HEIGHT;
    }

  stream = open_for_export (file, error);
  if (stream == NULL)
    return FALSE;
  closure.stream = stream;

  if (g_str_equal (format, "svg"))
    surface = cairo_svg_surface_create_for_stream (write_to_stream, &closure, width, height);
  else if (g_str_equal (format, "pdf"))
    surface = cairo_pdf_surface_create_for_stream (write_to_stream, &closure, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  /* A document on white paper, whatever the theme. */
  plot = mdk_plot_new ();
  build_plot (self, plot, width);
  mdk_plot_set_colors (plot, &ink, &paper);
  mdk_plot_set_font (plot, pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
  cr = cairo_create (surface);
  mdk_plot_draw (plot, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  mdk_plot_free (plot);

  if (status == CAIRO_STATUS_SUCCESS && g_str_equal (format, "png"))
    status = cairo_surface_write_to_png_stream (surface, write_to_stream, &closure);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return finish_export (stream, file, closure.error,
                        status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status) : NULL,
                        error);
}

gboolean
mdk_plot_view_export (MdkPlotView  *self,
                      GFile        *file,
                      const char   *format,
                      GError      **error)
{
  g_return_val_if_fail (MDK_IS_PLOT_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_str_equal (format, "csv"))
    return export_csv (self, file, error);
  if (g_str_equal (format, "png") || g_str_equal (format, "svg") || g_str_equal (format, "pdf"))
    return export_drawing (self, file, format, error);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("Cannot export a plot as “%s”"), format);
  return FALSE;
}
