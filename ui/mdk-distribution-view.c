/* mdk-distribution-view.c: histogram and rank plot of one generation
 *
 * Two MdkPlots prepared whenever the history, the generation, the quantity
 * or the size changes: a histogram (Freedman–Diaconis bins, at most
 * MAX_BINS) and the values sorted best first.  Side by side when the widget
 * is wide, stacked when it is tall.
 */
#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-distribution-view.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mdk-plot.h"
#include "mdk-ui-color.h"

#define MAX_BINS      40
#define MAX_LOOK_BACK 5000   /* generations searched for the latest distribution */

struct _MdkDistributionView
{
  GtkWidget                parent_instance;

  MdkHistory              *history;
  gulong                   changed_id;
  int                      generation;    /* -1: the latest */
  MdkDistributionQuantity  quantity;

  /* Prepared for snapshot (). */
  MdkPlot                 *histogram;
  MdkPlot                 *ranks;
  int                      shown;         /* the generation drawn, or -1 */
  guint                    n_values;
  gboolean                 valid;
  guint                    rebuild_id;
  gboolean                 side_by_side;
  int                      width;
  int                      height;
};

enum
{
  PROP_0,
  PROP_HISTORY,
  PROP_GENERATION,
  PROP_QUANTITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MdkDistributionView, mdk_distribution_view, GTK_TYPE_WIDGET)

static const MdkRGBA color_bars = { 0.208, 0.518, 0.894, 1.0 };    /* #3584e4 */
static const MdkRGBA color_ranks = { 0.902, 0.380, 0.0, 1.0 };     /* #e66100 */

static const char *
quantity_label (MdkDistributionQuantity quantity)
{
  switch (quantity)
    {
    case MDK_DISTRIBUTION_FITNESS:
      return _("Fitness");
    case MDK_DISTRIBUTION_HIDDEN:
      return _("Hidden nodes");
    case MDK_DISTRIBUTION_CONNECTIONS:
      return _("Connections");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The values to show, or NULL; sets the generation they belong to. */
static const double *
find_values (MdkDistributionView *self,
             int                 *generation,
             guint               *n)
{
  const double *values[3];
  guint length;

  *generation = -1;
  *n = 0;
  if (self->history == NULL)
    return NULL;
  length = mdk_history_get_length (self->history);

  if (self->generation >= 0)
    {
      if (!mdk_history_get_distribution (self->history, self->generation,
                                         &values[0], &values[1], &values[2], n))
        return NULL;
      *generation = self->generation;
      return values[self->quantity];
    }

  for (guint k = 0; k < MIN (length, MAX_LOOK_BACK); k++)
    {
      guint g = length - 1 - k;

      if (mdk_history_get_distribution (self->history, g, &values[0], &values[1], &values[2], n))
        {
          *generation = g;
          return values[self->quantity];
        }
    }
  return NULL;
}

static int
compare_descending (gconstpointer a,
                    gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x < y) - (x > y);
}

static void
prepare (MdkDistributionView *self)
{
  const char *label = quantity_label (self->quantity);
  gboolean integer = self->quantity != MDK_DISTRIBUTION_FITNESS;
  g_autofree char *title = NULL;
  g_autofree double *sorted = NULL;
  const double *values;
  int generation;
  guint n, m = 0;

  mdk_plot_clear_series (self->histogram);
  mdk_plot_clear_series (self->ranks);
  values = find_values (self, &generation, &n);
  self->shown = generation;

  if (generation >= 0)
    {
      g_autofree char *number = mdk_plot_format_number (generation, 1.0);

      if (self->generation < 0)
        title = g_strdup_printf (_("Generation %s (latest)"), number);
      else
        title = g_strdup_printf (_("Generation %s"), number);
    }
  mdk_plot_set_title (self->histogram, title);
  mdk_plot_set_title (self->ranks, _("Ranked, highest first"));
  mdk_plot_set_axis_labels (self->histogram, label, _("Genomes"));
  mdk_plot_set_axis_labels (self->ranks, _("Rank"), label);
  mdk_plot_set_x_integer (self->histogram, integer);
  mdk_plot_set_x_integer (self->ranks, TRUE);
  mdk_plot_set_include_zero (self->histogram, TRUE);
  mdk_plot_set_include_zero (self->ranks, integer);

  if (self->generation >= 0)
    {
      g_autofree char *number = mdk_plot_format_number (self->generation, 1.0);
      g_autofree char *empty = g_strdup_printf (_("No per-genome values kept for generation %s"), number);

      mdk_plot_set_empty_text (self->histogram, empty);
    }
  else
    mdk_plot_set_empty_text (self->histogram, _("No per-genome values yet"));
  mdk_plot_set_empty_text (self->ranks, NULL);

  sorted = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]))
      sorted[m++] = values[i];
  self->n_values = m;
  if (m == 0)
    return;

  {
    double start, width;
    guint bins = mdk_plot_histogram_bins (sorted, m, integer, MAX_BINS, &start, &width);
    g_autofree guint *counts = g_new0 (guint, MAX (bins, 1));
    MdkPlotSeries *series;

    for (guint i = 0; i < m; i++)
      {
        double b = floor ((sorted[i] - start) / width);
        counts[(guint) CLAMP (b, 0, bins - 1.0)]++;
      }
    series = mdk_plot_add_series (self->histogram, MDK_PLOT_STYLE_BARS, NULL, &color_bars);
    mdk_plot_series_set_bar_width (series, width);
    for (guint b = 0; b < bins; b++)
      mdk_plot_series_add (series, start + (b + 0.5) * width, 0.0, counts[b]);
  }

  {
    MdkPlotSeries *series;

    qsort (sorted, m, sizeof (double), compare_descending);
    series = mdk_plot_add_series (self->ranks, MDK_PLOT_STYLE_LINE, NULL, &color_ranks);
    mdk_plot_series_set_markers (series, TRUE);
    mdk_plot_series_reserve (series, m);
    for (guint i = 0; i < m; i++)
      mdk_plot_series_add (series, i + 1.0, sorted[i], sorted[i]);
  }
}

/* Splits the widget between the two plots and lays them out. */
static void
layout (MdkDistributionView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  MdkRGBA fg;

  self->width = w;
  self->height = h;
  if (w <= 0 || h <= 0)
    return;
  fg = mdk_ui_get_foreground (widget);
  mdk_plot_set_colors (self->histogram, &fg, NULL);
  mdk_plot_set_colors (self->ranks, &fg, NULL);
  mdk_plot_set_font (self->histogram, font);
  mdk_plot_set_font (self->ranks, font);
  self->side_by_side = w >= 1.2 * h;
  if (self->side_by_side)
    {
      mdk_plot_layout (self->histogram, context, w / 2, h);
      mdk_plot_layout (self->ranks, context, w - w / 2, h);
    }
  else
    {
      mdk_plot_layout (self->histogram, context, w, h / 2);
      mdk_plot_layout (self->ranks, context, w, h - h / 2);
    }
}

static void
rebuild (MdkDistributionView *self)
{
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  prepare (self);
  layout (self);
  self->valid = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
rebuild_idle (gpointer data)
{
  MdkDistributionView *self = data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* The session stores a generation's values right after its row, so the
 * rebuild waits for the main loop to come back. */
static void
queue_rebuild (MdkDistributionView *self)
{
  self->valid = FALSE;
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, rebuild_idle, self, NULL);
}

static void
on_history_changed (MdkHistory          *history,
                    guint                first,
                    MdkDistributionView *self)
{
  if (self->generation < 0 || (guint) self->generation >= first)
    queue_rebuild (self);
}

static void
mdk_distribution_view_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  MdkDistributionView *self = MDK_DISTRIBUTION_VIEW (widget);

  if (!self->valid)
    rebuild (self);
  else if (width != self->width || height != self->height)
    layout (self);
}

static void
mdk_distribution_view_css_changed (GtkWidget         *widget,
                                   GtkCssStyleChange *change)
{
  MdkDistributionView *self = MDK_DISTRIBUTION_VIEW (widget);

  GTK_WIDGET_CLASS (mdk_distribution_view_parent_class)->css_changed (widget, change);
  if (self->valid)
    queue_rebuild (self);
}

static void
mdk_distribution_view_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 280;
}

static void
mdk_distribution_view_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  MdkDistributionView *self = MDK_DISTRIBUTION_VIEW (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  MdkRGBA fg;
  cairo_t *cr;

  if (w <= 0 || h <= 0)
    return;
  fg = mdk_ui_get_foreground (widget);
  mdk_plot_set_colors (self->histogram, &fg, NULL);
  mdk_plot_set_colors (self->ranks, &fg, NULL);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (self->side_by_side)
    {
      mdk_plot_draw (self->histogram, cr, w / 2, h);
      if (self->n_values > 0)
        {
          cairo_translate (cr, w / 2, 0);
          mdk_plot_draw (self->ranks, cr, w - w / 2, h);
        }
    }
  else
    {
      mdk_plot_draw (self->histogram, cr, w, h / 2);
      if (self->n_values > 0)
        {
          cairo_translate (cr, 0, h / 2);
          mdk_plot_draw (self->ranks, cr, w, h - h / 2);
        }
    }
  cairo_destroy (cr);
}

static void
mdk_distribution_view_dispose (GObject *object)
{
  MdkDistributionView *self = MDK_DISTRIBUTION_VIEW (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->history != NULL)
    g_clear_signal_handler (&self->changed_id, self->history);
  g_clear_object (&self->history);
  G_OBJECT_CLASS (mdk_distribution_view_parent_class)->dispose (object);
}

static void
mdk_distribution_view_finalize (GObject *object)
{
  MdkDistributionView *self = MDK_DISTRIBUTION_VIEW (object);

  mdk_plot_free (self->histogram);
  mdk_plot_free (self->ranks);
  G_OBJECT_CLASS (mdk_distribution_view_parent_class)->finalize (object);
}

static void
mdk_distribution_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MdkDistributionView *self = MDK_DISTRIBUTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_GENERATION:
      g_value_set_int (value, self->generation);
      break;
    case PROP_QUANTITY:
      g_value_set_int (value, self->quantity);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdk_distribution_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MdkDistributionView *self = MDK_DISTRIBUTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      mdk_distribution_view_set_history (self, g_value_get_object (value));
      break;
    case PROP_GENERATION:
      mdk_distribution_view_set_generation (self, g_value_get_int (value));
      break;
    case PROP_QUANTITY:
      mdk_distribution_view_set_quantity (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdk_distribution_view_class_init (MdkDistributionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdk_distribution_view_dispose;
  object_class->finalize = mdk_distribution_view_finalize;
  object_class->get_property = mdk_distribution_view_get_property;
  object_class->set_property = mdk_distribution_view_set_property;
  widget_class->measure = mdk_distribution_view_measure;
  widget_class->size_allocate = mdk_distribution_view_size_allocate;
  widget_class->snapshot = mdk_distribution_view_snapshot;
  widget_class->css_changed = mdk_distribution_view_css_changed;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, MDK_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GENERATION] =
    g_param_spec_int ("generation", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUANTITY] =
    g_param_spec_int ("quantity", NULL, NULL, MDK_DISTRIBUTION_FITNESS,
                      MDK_DISTRIBUTION_CONNECTIONS, MDK_DISTRIBUTION_FITNESS,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "distribution");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mdk_distribution_view_init (MdkDistributionView *self)
{
  self->generation = -1;
  self->shown = -1;
  self->histogram = mdk_plot_new ();
  self->ranks = mdk_plot_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Distribution of one generation"), -1);
}

GtkWidget *
mdk_distribution_view_new (void)
{
  return g_object_new (MDK_TYPE_DISTRIBUTION_VIEW, NULL);
}

void
mdk_distribution_view_set_history (MdkDistributionView *self,
                                   MdkHistory          *history)
{
  g_return_if_fail (MDK_IS_DISTRIBUTION_VIEW (self));
  g_return_if_fail (history == NULL || MDK_IS_HISTORY (history));

  if (self->history == history)
    return;
  if (self->history != NULL)
    g_clear_signal_handler (&self->changed_id, self->history);
  g_set_object (&self->history, history);
  if (history != NULL)
    self->changed_id = g_signal_connect (history, "changed", G_CALLBACK (on_history_changed), self);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

void
mdk_distribution_view_set_generation (MdkDistributionView *self,
                                      int                  generation)
{
  g_return_if_fail (MDK_IS_DISTRIBUTION_VIEW (self));

  generation = MAX (generation, -1);
  if (self->generation == generation)
    return;
  self->generation = generation;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATION]);
}

void
mdk_distribution_view_set_quantity (MdkDistributionView     *self,
                                    MdkDistributionQuantity  quantity)
{
  g_return_if_fail (MDK_IS_DISTRIBUTION_VIEW (self));
  g_return_if_fail (quantity <= MDK_DISTRIBUTION_CONNECTIONS);

  if (self->quantity == quantity)
    return;
  self->quantity = quantity;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUANTITY]);
}

guint
mdk_distribution_view_get_n_values (MdkDistributionView *self)
{
  g_return_val_if_fail (MDK_IS_DISTRIBUTION_VIEW (self), 0);
  if (!self->valid)
    rebuild (self);
  return self->n_values;
}

int
mdk_distribution_view_get_shown_generation (MdkDistributionView *self)
{
  g_return_val_if_fail (MDK_IS_DISTRIBUTION_VIEW (self), -1);
  if (!self->valid)
    rebuild (self);
  return self->shown;
}
