/* mdk-history-plot.c: the run's history as one of the studio's charts */
#define G_LOG_DOMAIN "medaka-draw"

#include "config.h"

#include "mdk-history-plot.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mdk-write.h"

#define MAX_COLUMNS    MAX (5, MDK_MAX_STATS)
#define RATE_WINDOW    5     /* generations the evaluation rate averages over */

struct _MdkHistoryPlot
{
  MdkPlotKind  kind;
  MdkHistory  *history;
  MdkStatColumns columns;   /* MDK_PLOT_ALGORITHM: the statistics shown */

  /* x = generation and the plotted columns, full resolution. */
  GArray      *xs;
  GArray      *ys[MAX_COLUMNS];
  guint        n_columns;
};

/* GNOME palette colours that read on light and dark backgrounds. */
static const MdkRGBA color_blue = { 0.208, 0.518, 0.894, 1.0 };     /* #3584e4 */
static const MdkRGBA color_band = { 0.208, 0.518, 0.894, 0.22 };
static const MdkRGBA color_orange = { 0.902, 0.380, 0.0, 1.0 };     /* #e66100 */
static const MdkRGBA color_green = { 0.149, 0.635, 0.412, 1.0 };    /* #26a269 */
static const MdkRGBA color_purple = { 0.569, 0.255, 0.675, 1.0 };   /* #9141ac */
static const MdkRGBA color_brown = { 0.596, 0.416, 0.267, 1.0 };    /* #986a44 */
static const MdkRGBA color_red = { 0.753, 0.110, 0.157, 1.0 };      /* #c01c28 */
static const MdkRGBA color_phase = { 0.596, 0.416, 0.267, 0.16 };   /* #986a44, faint */
static const MdkRGBA * const stat_colors[] = {
  &color_orange, &color_blue, &color_green, &color_purple, &color_brown, &color_red,
};
G_STATIC_ASSERT (G_N_ELEMENTS (stat_colors) >= MDK_MAX_STATS);

static const char * const kind_ids[MDK_PLOT_N_KINDS] = {
  "fitness", "complexity", "species", "speed", "accuracy", "algorithm",
};

const char *
mdk_plot_kind_to_id (MdkPlotKind kind)
{
  g_return_val_if_fail (kind < MDK_PLOT_N_KINDS, NULL);
  return kind_ids[kind];
}

const char *
mdk_plot_kind_get_title (MdkPlotKind kind)
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
    case MDK_PLOT_ALGORITHM:
      return _("Algorithm");
    case MDK_PLOT_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static guint
model_columns (MdkHistoryPlot *self)
{
  switch (self->kind)
    {
    case MDK_PLOT_ALGORITHM:
      return self->columns.n;
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

MdkHistoryPlot *
mdk_history_plot_new (MdkPlotKind kind)
{
  MdkHistoryPlot *self;

  g_return_val_if_fail (kind < MDK_PLOT_N_KINDS, NULL);

  self = g_new0 (MdkHistoryPlot, 1);
  self->kind = kind;
  self->n_columns = model_columns (self);
  self->xs = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint c = 0; c < MAX_COLUMNS; c++)
    self->ys[c] = g_array_new (FALSE, FALSE, sizeof (double));
  return self;
}

void
mdk_history_plot_free (MdkHistoryPlot *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->history);
  g_array_unref (self->xs);
  for (guint c = 0; c < MAX_COLUMNS; c++)
    g_array_unref (self->ys[c]);
  g_free (self);
}

MdkPlotKind
mdk_history_plot_get_kind (MdkHistoryPlot *self)
{
  return self->kind;
}

/* Evaluations per second over the last RATE_WINDOW generations: the
 * difference of the cumulative counters, which smooths single noisy
 * generations away. */
double
mdk_history_plot_rate_at (const MdkGenerationStats *rows,
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
      out[0] = mdk_history_plot_rate_at (rows, i);
      break;
    case MDK_PLOT_ACCURACY:
      out[0] = r->best_train;
      out[1] = r->best_test;
      break;
    case MDK_PLOT_ALGORITHM:
      memcpy (out, r->extra, sizeof r->extra);
      break;
    case MDK_PLOT_SPECIES:
    case MDK_PLOT_N_KINDS:
    default:
      break;
    }
}

guint
mdk_history_plot_get_length (MdkHistoryPlot *self)
{
  return self->xs->len;
}

static const double *
model_x (MdkHistoryPlot *self)
{
  return (const double *) self->xs->data;
}

static const double *
model_y (MdkHistoryPlot *self,
         guint           column)
{
  return (const double *) self->ys[column]->data;
}

void
mdk_history_plot_update (MdkHistoryPlot *self,
                         guint           first)
{
  GArray *rows = self->history != NULL ? mdk_history_get_rows (self->history) : NULL;
  guint length = rows != NULL ? rows->len : 0;
  double values[MAX_COLUMNS];

  first = MIN (first, mdk_history_plot_get_length (self));
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

void
mdk_history_plot_set_columns (MdkHistoryPlot       *self,
                              const MdkStatColumns *columns)
{
  if (columns != NULL)
    self->columns = *columns;
  else
    memset (&self->columns, 0, sizeof self->columns);
  self->n_columns = model_columns (self);
  mdk_history_plot_update (self, 0);
}

void
mdk_history_plot_set_history (MdkHistoryPlot *self,
                              MdkHistory     *history)
{
  g_return_if_fail (history == NULL || MDK_IS_HISTORY (history));

  g_set_object (&self->history, history);
  mdk_history_plot_update (self, 0);
}

guint
mdk_history_plot_count_range (MdkHistoryPlot *self,
                              double          x0,
                              double          x1)
{
  guint n = mdk_history_plot_get_length (self);

  return mdk_plot_lower_bound (model_x (self), n, nextafter (x1, INFINITY))
         - mdk_plot_lower_bound (model_x (self), n, x0);
}

gboolean
mdk_history_plot_has_data (MdkHistoryPlot *self)
{
  guint n = mdk_history_plot_get_length (self);

  switch (self->kind)
    {
    case MDK_PLOT_SPECIES:
      for (guint g = 0; self->history != NULL && g < n; g++)
        {
          guint ns;
          if (mdk_history_get_species (self->history, g, &ns) != NULL && ns > 0)
            return TRUE;
        }
      return FALSE;
    case MDK_PLOT_ACCURACY:
      for (guint g = 0; g < n; g++)
        if (isfinite (model_y (self, 0)[g]) || isfinite (model_y (self, 1)[g]))
          return TRUE;
      return FALSE;
    case MDK_PLOT_ALGORITHM:
      return self->n_columns > 0 && n > 0;
    case MDK_PLOT_FITNESS:
    case MDK_PLOT_COMPLEXITY:
    case MDK_PLOT_RATE:
    case MDK_PLOT_N_KINDS:
    default:
      return n > 0;
    }
}

/* Phased search: the generations bred while simplifying, shaded behind the
 * complexity lines from 0 to the top of the visible values.  One block per
 * run of such generations, so long runs stay cheap to draw. */
static void
add_simplifying (MdkHistoryPlot *self,
                 MdkPlot        *plot,
                 double          x0,
                 double          x1)
{
  const double *x = model_x (self), *phase = model_y (self, 4);
  guint n = mdk_history_plot_get_length (self);
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

/* Statistics that span orders of magnitude (a step size, a condition
 * number) are always drawn on a log scale. */
static gboolean
all_log_scale (MdkHistoryPlot *self)
{
  gboolean all = self->kind == MDK_PLOT_ALGORITHM && self->n_columns > 0;

  for (guint c = 0; c < self->n_columns && all; c++)
    all = self->columns.specs[c].log_scale;
  return all;
}

/* Adds model column @column to @series over [@x0, @x1] with the raw
 * neighbours outside so that lines run to the edges. */
static void
add_line (MdkHistoryPlot *self,
          MdkPlotSeries  *series,
          guint           column,
          double          x0,
          double          x1,
          guint           n_columns,
          MdkPlotColumn  *buckets)
{
  const double *x = model_x (self), *y = model_y (self, column);
  guint n = mdk_history_plot_get_length (self);
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
add_band (MdkHistoryPlot *self,
          MdkPlotSeries  *series,
          guint           lo,
          guint           hi,
          double          x0,
          double          x1,
          guint           n_columns,
          MdkPlotColumn  *buckets)
{
  const double *x = model_x (self), *ylo = model_y (self, lo), *yhi = model_y (self, hi);
  guint n = mdk_history_plot_get_length (self);
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
add_species (MdkHistoryPlot *self,
             MdkPlot        *plot,
             double          x0,
             double          x1,
             guint           n_columns)
{
  guint n = mdk_history_plot_get_length (self);
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
      MdkRGBA color;

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

void
mdk_history_plot_build (MdkHistoryPlot *self,
                        MdkPlot        *plot,
                        double          x0,
                        double          x1,
                        gboolean        log_scale,
                        guint           n_columns)
{
  g_autofree MdkPlotColumn *buckets = g_new (MdkPlotColumn, MAX (n_columns, 1));
  guint length = mdk_history_plot_get_length (self);
  MdkPlotSeries *s;

  mdk_plot_clear_series (plot);
  mdk_plot_set_title (plot, self->kind == MDK_PLOT_ALGORITHM && self->columns.title != NULL
                            ? _(self->columns.title) : mdk_plot_kind_get_title (self->kind));
  mdk_plot_set_axis_labels (plot, _("Generation"),
                            self->kind == MDK_PLOT_SPECIES ? _("Genomes") : NULL);
  mdk_plot_set_x_integer (plot, TRUE);
  mdk_plot_set_include_zero (plot, self->kind != MDK_PLOT_FITNESS &&
                                   self->kind != MDK_PLOT_ACCURACY);
  log_scale |= all_log_scale (self);
  mdk_plot_set_log_scale (plot, log_scale);
  if (self->kind == MDK_PLOT_ALGORITHM && self->n_columns == 0)
    mdk_plot_set_empty_text (plot, _("This algorithm reports no statistics of its own"));
  else if (length == 0)
    mdk_plot_set_empty_text (plot, _("No generations yet"));
  else if (self->kind == MDK_PLOT_ACCURACY)
    mdk_plot_set_empty_text (plot, _("This task reports no accuracy"));
  else if (self->kind == MDK_PLOT_SPECIES)
    mdk_plot_set_empty_text (plot, _("No species recorded yet"));
  else
    mdk_plot_set_empty_text (plot, log_scale ? _("No positive values to show on a log scale")
                                             : _("No values yet"));

  mdk_plot_set_x_range (plot, x0, x1);
  if (length == 0)
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

    case MDK_PLOT_ALGORITHM:
      for (guint c = 0; c < self->n_columns; c++)
        add_line (self, mdk_plot_add_series (plot, MDK_PLOT_STYLE_LINE, _(self->columns.specs[c].label),
                                             stat_colors[c]), c, x0, x1, n_columns, buckets);
      break;

    case MDK_PLOT_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* Hover */

static void
add_value_line (MdkPlot       *plot,
                const MdkRGBA *color,
                const char    *label,
                double         value)
{
  g_autofree char *number = mdk_plot_format_number (value, NAN);
  /* TRANSLATORS: a series' name and its value in the plot's hover box */
  g_autofree char *text = g_strdup_printf (C_("plot hover", "%s: %s"), label, number);

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
hover_species (MdkHistoryPlot *self,
               MdkPlot        *plot,
               guint           g,
               double          pointer_y)
{
  guint ns, total = 0;
  const MdkSpeciesSample *samples = species_at (self->history, g, &ns);
  g_autofree MdkSpeciesSample *sorted = g_memdup2 (samples, sizeof (MdkSpeciesSample) * ns);
  g_autofree char *count = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *total_number = NULL;
  double below = 0.0;

  /* Same stacking order as the areas: by id. */
  if (ns > 0)
    qsort (sorted, ns, sizeof (MdkSpeciesSample), compare_samples);
  for (guint i = 0; i < ns; i++)
    total += sorted[i].size;
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u species", "%u species", ns), ns);
  mdk_plot_add_hover_line (plot, NULL, NAN, count);
  total_number = mdk_plot_format_number (total, 1.0);
  total_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s genome in all",
                                             "%s genomes in all", total), total_number);
  mdk_plot_add_hover_line (plot, NULL, NAN, total_text);

  /* The species under the pointer, if any. */
  for (guint i = 0; i < ns; i++)
    {
      double top = below + sorted[i].size;

      if (pointer_y >= mdk_plot_y_to_pixel (plot, top) &&
          pointer_y <= mdk_plot_y_to_pixel (plot, below))
        {
          g_autofree char *size = mdk_plot_format_number (sorted[i].size, 1.0);
          g_autofree char *text = NULL;
          MdkRGBA color;

          mdk_history_species_color (sorted[i].species_id, &color);
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Species %u: %s genome",
                                               "Species %u: %s genomes", sorted[i].size),
                                  sorted[i].species_id, size);
          mdk_plot_add_hover_line (plot, &color, NAN, text);
          return;
        }
      below = top;
    }
}

void
mdk_history_plot_hover (MdkHistoryPlot *self,
                        MdkPlot        *plot,
                        guint           g,
                        double          pointer_y)
{
  g_autofree char *number = mdk_plot_format_number (g, 1.0);
  g_autofree char *heading = g_strdup_printf (_("Generation %s"), number);

  g_return_if_fail (g < mdk_history_plot_get_length (self));

  mdk_plot_set_hover (plot, g, heading);
  switch (self->kind)
    {
    case MDK_PLOT_FITNESS:
      {
        double mean = model_y (self, 1)[g];
        double sigma = (model_y (self, 4)[g] - model_y (self, 3)[g]) / 2;

        add_value_line (plot, &color_orange, _("Best"), model_y (self, 0)[g]);
        add_value_line (plot, &color_blue, _("Mean"), mean);
        add_value_line (plot, &color_green, _("Median"), model_y (self, 2)[g]);
        add_value_line (plot, NULL, _("Standard deviation"), sigma);
      }
      break;

    case MDK_PLOT_COMPLEXITY:
      add_value_line (plot, &color_blue, _("Connections (mean)"), model_y (self, 2)[g]);
      add_value_line (plot, &color_blue, _("Connections (champion)"), model_y (self, 3)[g]);
      add_value_line (plot, &color_purple, _("Hidden nodes (mean)"), model_y (self, 0)[g]);
      add_value_line (plot, &color_purple, _("Hidden nodes (champion)"), model_y (self, 1)[g]);
      if (model_y (self, 4)[g] != MDK_SEARCH_PHASE_NONE)
        mdk_plot_add_hover_line (plot, NULL, NAN,
                                 model_y (self, 4)[g] == MDK_SEARCH_PHASE_SIMPLIFY
                                 ? _("Phase: simplifying") : _("Phase: complexifying"));
      break;

    case MDK_PLOT_RATE:
      add_value_line (plot, &color_green, _("Evaluations per second"), model_y (self, 0)[g]);
      break;

    case MDK_PLOT_ACCURACY:
      add_value_line (plot, &color_blue, _("Training"), model_y (self, 0)[g]);
      add_value_line (plot, &color_orange, _("Test"), model_y (self, 1)[g]);
      break;

    case MDK_PLOT_SPECIES:
      hover_species (self, plot, g, pointer_y);
      break;

    case MDK_PLOT_ALGORITHM:
      for (guint c = 0; c < self->n_columns; c++)
        add_value_line (plot, stat_colors[c], _(self->columns.specs[c].label), model_y (self, c)[g]);
      break;

    case MDK_PLOT_N_KINDS:
    default:
      break;
    }
}

/* Export */

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

static const char * const csv_headers[MDK_PLOT_N_KINDS] = {
  "generation,best,mean,median,stdev\n",
  "generation,mean_hidden,champion_hidden,mean_connections,champion_connections,phase\n",
  "generation,species,size,best_fitness\n",
  "generation,evaluations,seconds,evaluations_per_second\n",
  "generation,best_train,best_test\n",
  "generation",   /* and the statistics' ids */
};

char *
mdk_history_plot_to_csv (MdkHistoryPlot *self)
{
  GString *out = g_string_new (csv_headers[self->kind]);
  GArray *rows = self->history != NULL ? mdk_history_get_rows (self->history) : NULL;
  guint n = rows != NULL ? rows->len : 0;
  const MdkGenerationStats *r = rows != NULL ? (const MdkGenerationStats *) rows->data : NULL;

  if (self->kind == MDK_PLOT_ALGORITHM)
    {
      for (guint c = 0; c < self->n_columns; c++)
        g_string_append_printf (out, ",%s", self->columns.specs[c].id);
      g_string_append_c (out, '\n');
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
          append_number (out, mdk_history_plot_rate_at (r, i));
          break;
        case MDK_PLOT_ACCURACY:
          g_string_append_printf (out, "%u", r[i].generation);
          append_number (out, r[i].best_train);
          append_number (out, r[i].best_test);
          break;
        case MDK_PLOT_ALGORITHM:
          g_string_append_printf (out, "%u", r[i].generation);
          for (guint c = 0; c < self->n_columns; c++)
            append_number (out, r[i].extra[c]);
          break;
        case MDK_PLOT_N_KINDS:
        default:
          g_assert_not_reached ();
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

gboolean
mdk_history_plot_export (MdkHistoryPlot  *self,
                         GFile           *file,
                         const char      *format,
                         int              width,
                         int              height,
                         GError         **error)
{
  guint n = mdk_history_plot_get_length (self);
  g_autoptr(MdkPlot) plot = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_strcmp0 (format, "csv") == 0)
    {
      g_autofree char *csv = mdk_history_plot_to_csv (self);
      return mdk_write_text (file, csv, error);
    }
  plot = mdk_plot_new ();
  mdk_history_plot_build (self, plot, 0.0, n > 0 ? n - 1.0 : 0.0, FALSE, width);
  return mdk_plot_write (plot, file, format, width, height, error);
}
