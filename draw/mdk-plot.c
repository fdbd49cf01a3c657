/* mdk-plot.c: chart drawing with Cairo, apart from any widget */
#define G_LOG_DOMAIN "medaka-draw"

#include "config.h"

#include "mdk-plot.h"

#include <math.h>
#include <string.h>

#include "mdk-write.h"

typedef struct
{
  double x;
  double lo;
  double hi;
} Vertex;

struct _MdkPlotSeries
{
  MdkPlot      *plot;
  MdkPlotStyle  style;
  char         *label;
  MdkRGBA       color;
  double        line_width;
  double        bar_width;
  gboolean      dashed;
  gboolean      markers;
  GArray       *vertices;   /* Vertex */
};

typedef struct
{
  double   value;   /* in data units */
  char    *label;   /* NULL for a minor tick */
  int      width;
  int      height;
} Tick;

typedef struct
{
  MdkRGBA   color;
  gboolean  has_color;
  double    y;
  char     *text;
} HoverLine;

typedef struct
{
  MdkPlotSeries *series;
  double         x;   /* left of the swatch */
  double         y;   /* top of the row */
  int            text_width;
} LegendItem;

struct _MdkPlot
{
  GPtrArray            *series;
  char                 *title;
  char                 *x_label;
  char                 *y_label;
  char                 *empty_text;
  MdkRGBA               fg;
  MdkRGBA               bg;
  gboolean              has_bg;
  PangoFontDescription *font;
  PangoFontDescription *bold_font;
  gboolean              log_scale;
  gboolean              x_integer;
  gboolean              include_zero;
  double                want_x0;
  double                want_x1;
  double                sel_x0;
  double                sel_x1;
  double                marker_x;
  double                hover_x;
  char                 *hover_heading;
  GArray               *hover_lines;   /* HoverLine */

  /* The layout: valid while laid_out, for width × height. */
  gboolean              laid_out;
  int                   width;
  int                   height;
  PangoContext         *context;       /* from the caller, or NULL */
  PangoLayout          *layout;        /* measures and draws every text */
  int                   line_height;
  int                   pad;
  cairo_rectangle_t     area;
  double                x0;
  double                x1;
  double                y0;            /* log10 units on a log scale */
  double                y1;
  gboolean              empty;
  GArray               *x_ticks;       /* Tick */
  GArray               *y_ticks;       /* Tick */
  GArray               *legend;        /* LegendItem */
  int                   title_height;
  cairo_surface_t      *data_image;    /* the series, drawn ahead, or NULL */
};

static const double dash_pattern[] = { 6.0, 4.0 };

static void
tick_clear (gpointer data)
{
  Tick *tick = data;

  g_free (tick->label);
}

static void
hover_line_clear (gpointer data)
{
  HoverLine *line = data;

  g_free (line->text);
}

static void
series_free (gpointer data)
{
  MdkPlotSeries *series = data;

  g_free (series->label);
  g_array_unref (series->vertices);
  g_free (series);
}

MdkPlot *
mdk_plot_new (void)
{
  MdkPlot *plot = g_new0 (MdkPlot, 1);

  plot->series = g_ptr_array_new_with_free_func (series_free);
  plot->fg = (MdkRGBA) { 0.1, 0.1, 0.1, 1.0 };
  plot->want_x0 = plot->want_x1 = NAN;
  plot->sel_x0 = plot->sel_x1 = NAN;
  plot->marker_x = NAN;
  plot->hover_x = NAN;
  plot->hover_lines = g_array_new (FALSE, TRUE, sizeof (HoverLine));
  g_array_set_clear_func (plot->hover_lines, hover_line_clear);
  plot->x_ticks = g_array_new (FALSE, TRUE, sizeof (Tick));
  g_array_set_clear_func (plot->x_ticks, tick_clear);
  plot->y_ticks = g_array_new (FALSE, TRUE, sizeof (Tick));
  g_array_set_clear_func (plot->y_ticks, tick_clear);
  plot->legend = g_array_new (FALSE, TRUE, sizeof (LegendItem));
  mdk_plot_set_font (plot, NULL);
  return plot;
}

void
mdk_plot_free (MdkPlot *plot)
{
  if (plot == NULL)
    return;
  g_ptr_array_unref (plot->series);
  g_free (plot->title);
  g_free (plot->x_label);
  g_free (plot->y_label);
  g_free (plot->empty_text);
  g_free (plot->hover_heading);
  g_array_unref (plot->hover_lines);
  g_array_unref (plot->x_ticks);
  g_array_unref (plot->y_ticks);
  g_array_unref (plot->legend);
  pango_font_description_free (plot->font);
  pango_font_description_free (plot->bold_font);
  g_clear_object (&plot->layout);
  g_clear_object (&plot->context);
  g_clear_pointer (&plot->data_image, cairo_surface_destroy);
  g_free (plot);
}

static void
invalidate (MdkPlot *plot)
{
  plot->laid_out = FALSE;
  g_clear_pointer (&plot->data_image, cairo_surface_destroy);
}

static void
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

void
mdk_plot_set_title (MdkPlot    *plot,
                    const char *title)
{
  replace_string (&plot->title, title);
  invalidate (plot);
}

void
mdk_plot_set_axis_labels (MdkPlot    *plot,
                          const char *x_label,
                          const char *y_label)
{
  replace_string (&plot->x_label, x_label);
  replace_string (&plot->y_label, y_label);
  invalidate (plot);
}

void
mdk_plot_set_empty_text (MdkPlot    *plot,
                         const char *text)
{
  replace_string (&plot->empty_text, text);
}

void
mdk_plot_set_colors (MdkPlot       *plot,
                     const MdkRGBA *foreground,
                     const MdkRGBA *background)
{
  if (foreground != NULL)
    plot->fg = *foreground;
  plot->has_bg = background != NULL;
  if (background != NULL)
    plot->bg = *background;
}

void
mdk_plot_set_font (MdkPlot                    *plot,
                   const PangoFontDescription *font)
{
  g_clear_pointer (&plot->font, pango_font_description_free);
  g_clear_pointer (&plot->bold_font, pango_font_description_free);
  plot->font = font != NULL ? pango_font_description_copy (font)
                            : pango_font_description_from_string ("Sans 9");
  plot->bold_font = pango_font_description_copy (plot->font);
  pango_font_description_set_weight (plot->bold_font, PANGO_WEIGHT_BOLD);
  invalidate (plot);
}

void
mdk_plot_set_log_scale (MdkPlot  *plot,
                        gboolean  log_scale)
{
  plot->log_scale = !!log_scale;
  invalidate (plot);
}

gboolean
mdk_plot_get_log_scale (MdkPlot *plot)
{
  return plot->log_scale;
}

void
mdk_plot_set_x_integer (MdkPlot  *plot,
                        gboolean  integer)
{
  plot->x_integer = !!integer;
  invalidate (plot);
}

void
mdk_plot_set_include_zero (MdkPlot  *plot,
                           gboolean  include_zero)
{
  plot->include_zero = !!include_zero;
  invalidate (plot);
}

void
mdk_plot_set_x_range (MdkPlot *plot,
                      double   x0,
                      double   x1)
{
  plot->want_x0 = x0;
  plot->want_x1 = x1;
  invalidate (plot);
}

void
mdk_plot_set_selection (MdkPlot *plot,
                        double   x0,
                        double   x1)
{
  plot->sel_x0 = MIN (x0, x1);
  plot->sel_x1 = MAX (x0, x1);
}

void
mdk_plot_set_marker (MdkPlot *plot,
                     double   x)
{
  plot->marker_x = x;
}

void
mdk_plot_set_hover (MdkPlot    *plot,
                    double      x,
                    const char *heading)
{
  plot->hover_x = x;
  replace_string (&plot->hover_heading, heading);
  g_array_set_size (plot->hover_lines, 0);
}

void
mdk_plot_add_hover_line (MdkPlot       *plot,
                         const MdkRGBA *color,
                         double         y,
                         const char    *text)
{
  HoverLine line = { { 0 }, color != NULL, y, g_strdup (text) };

  if (color != NULL)
    line.color = *color;
  g_array_append_val (plot->hover_lines, line);
}

void
mdk_plot_clear_series (MdkPlot *plot)
{
  g_ptr_array_set_size (plot->series, 0);
  invalidate (plot);
}

MdkPlotSeries *
mdk_plot_add_series (MdkPlot       *plot,
                     MdkPlotStyle   style,
                     const char    *label,
                     const MdkRGBA *color)
{
  MdkPlotSeries *series = g_new0 (MdkPlotSeries, 1);

  series->plot = plot;
  series->style = style;
  series->label = g_strdup (label);
  series->color = *color;
  series->line_width = 1.5;
  series->bar_width = 1.0;
  series->vertices = g_array_new (FALSE, FALSE, sizeof (Vertex));
  g_ptr_array_add (plot->series, series);
  invalidate (plot);
  return series;
}

guint
mdk_plot_get_n_series (MdkPlot *plot)
{
  return plot->series->len;
}

MdkPlotSeries *
mdk_plot_get_series (MdkPlot *plot,
                     guint    index)
{
  g_return_val_if_fail (index < plot->series->len, NULL);
  return g_ptr_array_index (plot->series, index);
}

void
mdk_plot_series_set_dashed (MdkPlotSeries *series,
                            gboolean       dashed)
{
  series->dashed = !!dashed;
}

void
mdk_plot_series_set_line_width (MdkPlotSeries *series,
                                double         width)
{
  series->line_width = width;
}

void
mdk_plot_series_set_bar_width (MdkPlotSeries *series,
                               double         width)
{
  series->bar_width = width;
  invalidate (series->plot);
}

void
mdk_plot_series_set_markers (MdkPlotSeries *series,
                             gboolean       markers)
{
  series->markers = !!markers;
}

void
mdk_plot_series_reserve (MdkPlotSeries *series,
                         guint          n_vertices)
{
  guint len = series->vertices->len;

  g_array_set_size (series->vertices, len + n_vertices);
  g_array_set_size (series->vertices, len);
}

void
mdk_plot_series_add (MdkPlotSeries *series,
                     double         x,
                     double         lo,
                     double         hi)
{
  Vertex v = { x, lo, hi };

  g_array_append_val (series->vertices, v);
  invalidate (series->plot);
}

void
mdk_plot_series_add_column (MdkPlotSeries       *series,
                            const MdkPlotColumn *column)
{
  if (column->n == 0)
    {
      /* Only missing values: a gap.  An empty bucket adds nothing, so the
       * line joins its neighbours. */
      if (column->n_missing > 0)
        mdk_plot_series_add (series, column->x, NAN, NAN);
      return;
    }
  mdk_plot_series_add (series, column->x, column->min, column->max);
}

guint
mdk_plot_series_get_n_vertices (MdkPlotSeries *series)
{
  return series->vertices->len;
}

/* Numbers and ticks */

char *
mdk_plot_format_number (double value,
                        double step)
{
  double a;
  int decimals;

  if (isnan (value))
    return g_strdup ("—");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "−∞");

  if (isfinite (step) && step > 0)
    {
      double scaled = step;

      if (fabs (value) < step * 1e-6)
        value = 0.0;
      if (MAX (fabs (value), step) >= 1e12 || step < 1e-8)
        return g_strdup_printf ("%'g", value);
      /* As many decimals as the step has: 0.25 needs 2, 5 needs none. */
      for (decimals = 0; decimals < 9; decimals++, scaled *= 10.0)
        if (fabs (scaled - round (scaled)) <= 1e-6 * scaled)
          break;
      return g_strdup_printf ("%'.*f", decimals, value);
    }

  a = fabs (value);
  if (a == 0.0)
    return g_strdup_printf ("%'.0f", 0.0);
  if (a < 1e-3 || a >= 1e12)
    return g_strdup_printf ("%'.4g", value);
  /* Five significant digits, written without an exponent. */
  decimals = CLAMP (4 - (int) floor (log10 (a)), 0, 8);
  return g_strdup_printf ("%'.*f", decimals, value);
}

static double
nice_step (double range,
           int    max_ticks)
{
  double raw, magnitude, f;

  if (!(range > 0) || max_ticks < 1)
    return 1.0;
  raw = range / max_ticks;
  magnitude = pow (10.0, floor (log10 (raw)));
  f = raw / magnitude;
  if (f <= 1.0)
    f = 1.0;
  else if (f <= 2.0)
    f = 2.0;
  else if (f <= 2.5)
    f = 2.5;
  else if (f <= 5.0)
    f = 5.0;
  else
    f = 10.0;
  return f * magnitude;
}

static void
measure (MdkPlot    *plot,
         const char *text,
         gboolean    bold,
         int        *width,
         int        *height)
{
  pango_layout_set_font_description (plot->layout, bold ? plot->bold_font : plot->font);
  pango_layout_set_text (plot->layout, text, -1);
  pango_layout_get_pixel_size (plot->layout, width, height);
}

static void
add_tick (MdkPlot *plot,
          GArray  *ticks,
          double   value,
          double   step,
          gboolean major)
{
  Tick tick = { value, NULL, 0, 0 };

  if (major)
    {
      tick.label = mdk_plot_format_number (value, step);
      measure (plot, tick.label, FALSE, &tick.width, &tick.height);
    }
  g_array_append_val (ticks, tick);
}

static void
linear_ticks (MdkPlot  *plot,
              GArray   *ticks,
              double    lo,
              double    hi,
              double    step)
{
  double first = ceil (lo / step - 1e-9);
  double last = floor (hi / step + 1e-9);

  for (double k = first; k <= last && ticks->len < 100; k += 1.0)
    add_tick (plot, ticks, k * step, step, TRUE);
}

static void
log_ticks (MdkPlot *plot,
           GArray  *ticks,
           double   l0,
           double   l1,
           int      max_ticks)
{
  static const double mantissas_125[] = { 1, 2, 5 };
  double span = l1 - l0;

  if (span >= 2.5)
    {
      int every = MAX (1, (int) ceil (span / max_ticks));

      for (int d = (int) ceil (l0 - 1e-9); d <= (int) floor (l1 + 1e-9); d++)
        {
          double v = pow (10.0, d);
          if (((d % every) + every) % every == 0)
            add_tick (plot, ticks, v, v, TRUE);
          else if (every <= 2)
            add_tick (plot, ticks, v, v, FALSE);
        }
      /* Faint lines at 2…9 × 10^d when the decades are few. */
      if (every == 1 && span <= 6)
        for (int d = (int) floor (l0); d <= (int) floor (l1); d++)
          for (int m = 2; m <= 9; m++)
            {
              double v = m * pow (10.0, d);
              if (log10 (v) >= l0 && log10 (v) <= l1)
                add_tick (plot, ticks, v, v, FALSE);
            }
      return;
    }

  /* Less than a few decades: 1, 2, 5 × 10^d, else plain linear ticks. */
  for (int d = (int) floor (l0) - 1; d <= (int) ceil (l1); d++)
    for (guint m = 0; m < G_N_ELEMENTS (mantissas_125); m++)
      {
        double v = mantissas_125[m] * pow (10.0, d);
        double lv = log10 (v);
        if (lv >= l0 - 1e-9 && lv <= l1 + 1e-9)
          add_tick (plot, ticks, v, pow (10.0, d), TRUE);
      }
  if (ticks->len < 3)
    {
      double lo = pow (10.0, l0), hi = pow (10.0, l1);

      g_array_set_size (ticks, 0);
      linear_ticks (plot, ticks, lo, hi, nice_step (hi - lo, max_ticks));
    }
}

static gboolean
value_ok (MdkPlot *plot,
          double   y)
{
  return isfinite (y) && (!plot->log_scale || y > 0);
}

/* The x extent of the data, or FALSE without any vertex. */
static gboolean
data_x_extent (MdkPlot *plot,
               double  *x0,
               double  *x1)
{
  double lo = INFINITY, hi = -INFINITY;

  for (guint s = 0; s < plot->series->len; s++)
    {
      MdkPlotSeries *series = g_ptr_array_index (plot->series, s);
      const Vertex *v = (const Vertex *) series->vertices->data;
      double pad = series->style == MDK_PLOT_STYLE_BARS ? series->bar_width / 2 : 0;

      for (guint i = 0; i < series->vertices->len; i++)
        if (isfinite (v[i].x))
          {
            lo = MIN (lo, v[i].x - pad);
            hi = MAX (hi, v[i].x + pad);
          }
    }
  *x0 = lo;
  *x1 = hi;
  return lo <= hi;
}

static gboolean
data_y_extent (MdkPlot *plot,
               double  *y0,
               double  *y1)
{
  double lo = INFINITY, hi = -INFINITY;
  double eps = (plot->x1 - plot->x0) * 1e-9;

  for (guint s = 0; s < plot->series->len; s++)
    {
      MdkPlotSeries *series = g_ptr_array_index (plot->series, s);
      const Vertex *v = (const Vertex *) series->vertices->data;

      for (guint i = 0; i < series->vertices->len; i++)
        {
          if (v[i].x < plot->x0 - eps || v[i].x > plot->x1 + eps)
            continue;
          if (value_ok (plot, v[i].lo))
            {
              lo = MIN (lo, v[i].lo);
              hi = MAX (hi, v[i].lo);
            }
          if (value_ok (plot, v[i].hi))
            {
              lo = MIN (lo, v[i].hi);
              hi = MAX (hi, v[i].hi);
            }
        }
    }
  *y0 = lo;
  *y1 = hi;
  return lo <= hi;
}

static void
layout_x_range (MdkPlot *plot)
{
  double x0 = plot->want_x0, x1 = plot->want_x1;

  if (!isfinite (x0) || !isfinite (x1) || x0 > x1)
    {
      if (!data_x_extent (plot, &x0, &x1))
        {
          x0 = 0.0;
          x1 = 1.0;
        }
    }
  if (x0 == x1)
    {
      double d = plot->x_integer ? 1.0 : MAX (fabs (x0) * 0.1, 0.5);
      x0 -= d;
      x1 += d;
    }
  plot->x0 = x0;
  plot->x1 = x1;
}

/* Sets y0, y1 and the y ticks for an area @height pixels tall. */
static void
layout_y_axis (MdkPlot *plot,
               double   height)
{
  int max_ticks = CLAMP ((int) (height / (plot->line_height * 2.4)), 2, 10);
  double lo, hi;

  g_array_set_size (plot->y_ticks, 0);
  plot->empty = !data_y_extent (plot, &lo, &hi);
  if (plot->empty)
    {
      plot->y0 = 0.0;
      plot->y1 = 1.0;
      return;
    }

  if (plot->log_scale)
    {
      double l0 = log10 (lo), l1 = log10 (hi);
      double margin = l1 > l0 ? (l1 - l0) * 0.04 : 0.1;

      plot->y0 = l0 - margin;
      plot->y1 = l1 + margin;
      log_ticks (plot, plot->y_ticks, plot->y0, plot->y1, max_ticks);
      return;
    }

  if (plot->include_zero)
    {
      lo = MIN (lo, 0.0);
      hi = MAX (hi, 0.0);
    }
  if (lo == hi)
    {
      double d = MAX (fabs (lo) * 0.1, 1.0);
      lo -= d;
      hi += d;
    }
  {
    double step = nice_step (hi - lo, max_ticks);

    plot->y0 = floor (lo / step + 1e-9) * step;
    plot->y1 = ceil (hi / step - 1e-9) * step;
    if (plot->y1 <= plot->y0)
      plot->y1 = plot->y0 + step;
    linear_ticks (plot, plot->y_ticks, plot->y0, plot->y1, step);
  }
}

static void
layout_x_axis (MdkPlot *plot,
               double   width)
{
  g_autofree char *sample = NULL;
  int sample_w, sample_h, max_ticks;
  double step;

  g_array_set_size (plot->x_ticks, 0);
  /* The widest label is about that of the largest magnitude. */
  sample = mdk_plot_format_number (MAX (fabs (plot->x0), fabs (plot->x1)),
                                   plot->x_integer ? 1.0 : nice_step (plot->x1 - plot->x0, 10));
  measure (plot, sample, FALSE, &sample_w, &sample_h);
  max_ticks = CLAMP ((int) (width / (sample_w + 2.0 * plot->line_height)), 2, 12);
  step = nice_step (plot->x1 - plot->x0, max_ticks);
  if (plot->x_integer)
    step = MAX (1.0, round (step));
  linear_ticks (plot, plot->x_ticks, plot->x0, plot->x1, step);
}

static void
layout_legend (MdkPlot *plot,
               int      width,
               int     *top)
{
  int swatch = plot->line_height * 3 / 2;
  int gap = plot->line_height;
  int title_w = 0, title_h = 0, total = 0, x, y;
  gboolean same_row;

  g_array_set_size (plot->legend, 0);
  for (guint s = 0; s < plot->series->len; s++)
    {
      MdkPlotSeries *series = g_ptr_array_index (plot->series, s);
      LegendItem item = { series, 0, 0, 0 };
      int h;

      if (series->label == NULL)
        continue;
      measure (plot, series->label, FALSE, &item.text_width, &h);
      total += (total > 0 ? gap : 0) + swatch + 4 + item.text_width;
      g_array_append_val (plot->legend, item);
    }

  if (plot->title != NULL)
    measure (plot, plot->title, TRUE, &title_w, &title_h);
  plot->title_height = plot->title != NULL || plot->legend->len > 0 ? plot->line_height : 0;

  /* The legend sits right of the title when it fits, else on rows below. */
  same_row = title_w + 2 * gap + total <= width - 2 * plot->pad;
  x = same_row ? width - plot->pad - total : plot->pad;
  y = plot->pad;
  if (!same_row && plot->title != NULL)
    y += plot->line_height + plot->pad / 2;
  for (guint i = 0; i < plot->legend->len; i++)
    {
      LegendItem *item = &g_array_index (plot->legend, LegendItem, i);
      int w = swatch + 4 + item->text_width;

      if (!same_row && x > plot->pad && x + w > width - plot->pad)
        {
          x = plot->pad;
          y += plot->line_height + plot->pad / 2;
        }
      item->x = x;
      item->y = y;
      x += w + gap;
    }

  *top = plot->pad;
  if (plot->title_height > 0)
    *top = y + plot->line_height + plot->pad;
}

void
mdk_plot_layout (MdkPlot      *plot,
                 PangoContext *context,
                 int           width,
                 int           height)
{
  int top, bottom, left, right, label_w, label_h;
  double area_h, area_w;

  if (context != NULL && context != plot->context)
    {
      g_set_object (&plot->context, context);
      g_clear_object (&plot->layout);
    }
  if (plot->layout == NULL)
    {
      if (plot->context != NULL)
        plot->layout = pango_layout_new (plot->context);
      else
        {
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
          cairo_t *cr = cairo_create (surface);

          plot->layout = pango_cairo_create_layout (cr);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
    }

  g_clear_pointer (&plot->data_image, cairo_surface_destroy);
  plot->width = width;
  plot->height = height;
  measure (plot, "0", FALSE, &label_w, &label_h);
  plot->line_height = MAX (label_h, 1);
  plot->pad = MAX (4, plot->line_height / 2);

  layout_x_range (plot);
  layout_legend (plot, width, &top);

  bottom = plot->pad + 6 + plot->line_height;
  if (plot->x_label != NULL)
    bottom += plot->line_height + plot->pad / 2;
  area_h = MAX (1.0, height - top - bottom);
  layout_y_axis (plot, area_h);

  label_w = 0;
  for (guint i = 0; i < plot->y_ticks->len; i++)
    label_w = MAX (label_w, g_array_index (plot->y_ticks, Tick, i).width);
  left = plot->pad + label_w + 8;
  if (plot->y_label != NULL)
    left += plot->line_height + plot->pad / 2;
  right = plot->pad + plot->line_height;
  area_w = MAX (1.0, width - left - right);
  layout_x_axis (plot, area_w);
  if (plot->x_ticks->len > 0)
    {
      const Tick *last = &g_array_index (plot->x_ticks, Tick, plot->x_ticks->len - 1);
      double over = left + (last->value - plot->x0) / (plot->x1 - plot->x0) * area_w
                    + last->width / 2.0 - (width - plot->pad);
      if (over > 0)
        area_w = MAX (1.0, area_w - ceil (over));
    }

  /* Whole pixels: a clip on pixel boundaries costs Cairo nothing, any
   * other clip a mask per drawing operation. */
  plot->area.x = left;
  plot->area.y = top;
  plot->area.width = area_w;
  plot->area.height = area_h;
  plot->laid_out = TRUE;
}

gboolean
mdk_plot_get_area (MdkPlot           *plot,
                   cairo_rectangle_t *area)
{
  if (plot->layout == NULL)
    return FALSE;
  *area = plot->area;
  return TRUE;
}

void
mdk_plot_get_x_range (MdkPlot *plot,
                      double  *x0,
                      double  *x1)
{
  *x0 = plot->x0;
  *x1 = plot->x1;
}

void
mdk_plot_get_y_range (MdkPlot *plot,
                      double  *y0,
                      double  *y1)
{
  *y0 = plot->log_scale ? pow (10.0, plot->y0) : plot->y0;
  *y1 = plot->log_scale ? pow (10.0, plot->y1) : plot->y1;
}

double
mdk_plot_x_to_pixel (MdkPlot *plot,
                     double   x)
{
  return plot->area.x + (x - plot->x0) / (plot->x1 - plot->x0) * plot->area.width;
}

double
mdk_plot_pixel_to_x (MdkPlot *plot,
                     double   px)
{
  return plot->x0 + (px - plot->area.x) / plot->area.width * (plot->x1 - plot->x0);
}

double
mdk_plot_y_to_pixel (MdkPlot *plot,
                     double   y)
{
  double t;

  if (plot->log_scale)
    t = y > 0 ? log10 (y) : plot->y0 - (plot->y1 - plot->y0);
  else
    t = y;
  return plot->area.y + plot->area.height
         - (t - plot->y0) / (plot->y1 - plot->y0) * plot->area.height;
}

guint
mdk_plot_get_n_y_ticks (MdkPlot *plot)
{
  return plot->y_ticks->len;
}

const char *
mdk_plot_get_y_tick_label (MdkPlot *plot,
                           guint    index,
                           double  *value)
{
  const Tick *tick;

  g_return_val_if_fail (index < plot->y_ticks->len, NULL);
  tick = &g_array_index (plot->y_ticks, Tick, index);
  if (value != NULL)
    *value = tick->value;
  return tick->label;
}

guint
mdk_plot_get_n_x_ticks (MdkPlot *plot)
{
  return plot->x_ticks->len;
}

const char *
mdk_plot_get_x_tick_label (MdkPlot *plot,
                           guint    index,
                           double  *value)
{
  const Tick *tick;

  g_return_val_if_fail (index < plot->x_ticks->len, NULL);
  tick = &g_array_index (plot->x_ticks, Tick, index);
  if (value != NULL)
    *value = tick->value;
  return tick->label;
}

/* Drawing */

static void
set_source (cairo_t       *cr,
            const MdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* A box colour that stands out from the foreground. */
static MdkRGBA
box_background (MdkPlot *plot)
{
  double luma = 0.2126 * plot->fg.red + 0.7152 * plot->fg.green + 0.0722 * plot->fg.blue;

  if (plot->has_bg)
    return plot->bg;
  return luma > 0.5 ? (MdkRGBA) { 0.16, 0.16, 0.17, 1.0 } : (MdkRGBA) { 1.0, 1.0, 1.0, 1.0 };
}

static void
show_text (MdkPlot    *plot,
           cairo_t    *cr,
           const char *text,
           gboolean    bold,
           double      x,
           double      y,
           double      xalign,
           double      yalign)
{
  int w, h;

  measure (plot, text, bold, &w, &h);
  cairo_move_to (cr, round (x - w * xalign), round (y - h * yalign));
  pango_cairo_show_layout (cr, plot->layout);
}

/* Pixel x clamped so that far-away vertices stay within Cairo's range. */
static double
px_of (MdkPlot *plot,
       double   x)
{
  return CLAMP (mdk_plot_x_to_pixel (plot, x), -1e6, 1e6);
}

static double
py_of (MdkPlot *plot,
       double   y)
{
  return CLAMP (mdk_plot_y_to_pixel (plot, y), -1e6, 1e6);
}

/* Vertices under @spacing pixels apart on average. */
static gboolean
is_dense (MdkPlot       *plot,
          MdkPlotSeries *series,
          double         spacing)
{
  const Vertex *v = (const Vertex *) series->vertices->data;
  guint n = series->vertices->len;

  return n >= 2 && fabs (px_of (plot, v[n - 1].x) - px_of (plot, v[0].x)) < spacing * (n - 1);
}

static gboolean
line_vertex_ok (MdkPlot      *plot,
                const Vertex *v)
{
  return isfinite (v->x) && value_ok (plot, v->hi) && !isnan (v->lo);
}

/* The pixel columns of vertex @i of a dense series: from half-way to the
 * previous vertex to half-way to the next, on whole pixels, so that
 * neighbours tile without gaps or overlaps.  FALSE when it rounds away. */
static gboolean
column_bounds (MdkPlot      *plot,
               const Vertex *v,
               guint         n,
               guint         i,
               double       *left,
               double       *right)
{
  double px = px_of (plot, v[i].x);

  *left = i > 0 ? (px_of (plot, v[i - 1].x) + px) / 2
                : px - (n > 1 ? (px_of (plot, v[1].x) - px) / 2 : 0.5);
  *right = i + 1 < n ? (px + px_of (plot, v[i + 1].x)) / 2
                     : px + (n > 1 ? (px - px_of (plot, v[n - 2].x)) / 2 : 0.5);
  *left = round (*left);
  *right = round (*right);
  return *right > *left;
}

/* How far the flat part of vertex @i reaches left (@a) and right (@b):
 * half the way to its neighbours, at most half a pixel. */
static void
envelope_edges (MdkPlot      *plot,
                const Vertex *v,
                guint         start,
                guint         end,
                guint         i,
                double       *a,
                double       *b)
{
  double px = px_of (plot, v[i].x);

  *a = i > start ? (px - px_of (plot, v[i - 1].x)) / 2 : 0.5;
  *b = i + 1 < end ? (px_of (plot, v[i + 1].x) - px) / 2 : 0.5;
  *a = CLAMP (*a, 0, 0.5);
  *b = CLAMP (*b, 0, 0.5);
}

/* A dense line (vertices under 3 pixels apart, e.g. decimated buckets) as
 * a filled envelope: per vertex from its lowest to its highest value,
 * stretched to meet the previous vertex's range, plus half the line width.
 * It looks like the stroked zigzag, but Cairo fills it in a few
 * milliseconds where stroking thousands of overlapping segments takes a
 * hundred or more. */
static void
draw_envelope (MdkPlot       *plot,
               cairo_t       *cr,
               MdkPlotSeries *series)
{
  const Vertex *v = (const Vertex *) series->vertices->data;
  guint n = series->vertices->len;
  double hw = series->line_width / 2;
  double floor_px = plot->area.y + plot->area.height + hw + 1;
  g_autofree double *top = g_new (double, MAX (n, 1));
  g_autofree double *bottom = g_new (double, MAX (n, 1));
  guint start = 0;

  cairo_new_path (cr);
  while (start < n)
    {
      double prev_top = 0, prev_bottom = 0;
      guint end;

      if (!line_vertex_ok (plot, &v[start]))
        {
          start++;
          continue;
        }
      for (end = start; end < n && line_vertex_ok (plot, &v[end]); end++)
        {
          double t = py_of (plot, v[end].hi);
          double b = value_ok (plot, v[end].lo) ? py_of (plot, v[end].lo) : floor_px;

          top[end] = t;
          bottom[end] = b;
          /* Pixel y grows downwards: reach the previous vertex's range. */
          if (end > start)
            {
              if (b < prev_top)
                bottom[end] = prev_top;
              if (t > prev_bottom)
                top[end] = prev_bottom;
            }
          prev_top = t;
          prev_bottom = b;
        }

      if (end - start == 1)
        cairo_rectangle (cr, px_of (plot, v[start].x) - hw, top[start] - hw,
                         2 * hw, bottom[start] - top[start] + 2 * hw);
      else
        {
          /* Each vertex's range is flat over up to a pixel, so a spike of
           * one bucket keeps its full height. */
          cairo_new_sub_path (cr);
          for (guint i = start; i < end; i++)
            {
              double px = px_of (plot, v[i].x), a, b;

              envelope_edges (plot, v, start, end, i, &a, &b);
              cairo_line_to (cr, px - a, top[i] - hw);
              cairo_line_to (cr, px + b, top[i] - hw);
            }
          for (guint i = end; i-- > start;)
            {
              double px = px_of (plot, v[i].x), a, b;

              envelope_edges (plot, v, start, end, i, &a, &b);
              cairo_line_to (cr, px + b, bottom[i] + hw);
              cairo_line_to (cr, px - a, bottom[i] + hw);
            }
          cairo_close_path (cr);
        }
      start = end;
    }
  set_source (cr, &series->color, 1.0);
  cairo_fill (cr);
}

static void
draw_line (MdkPlot       *plot,
           cairo_t       *cr,
           MdkPlotSeries *series)
{
  const Vertex *v = (const Vertex *) series->vertices->data;
  guint n = series->vertices->len;
  gboolean pen = FALSE;
  double last_y = 0;

  if (!series->dashed && is_dense (plot, series, 3.0))
    {
      draw_envelope (plot, cr, series);
      return;
    }

  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      double px, a, b;

      if (!line_vertex_ok (plot, &v[i]))
        {
          pen = FALSE;
          continue;
        }
      px = px_of (plot, v[i].x);
      a = py_of (plot, v[i].hi);
      b = value_ok (plot, v[i].lo) ? py_of (plot, v[i].lo) : a;
      /* A bucket spans lo … hi: visit the end nearer the pen first. */
      if (pen && fabs (b - last_y) < fabs (a - last_y))
        {
          double t = a;
          a = b;
          b = t;
        }
      if (pen)
        cairo_line_to (cr, px, a);
      else
        {
          cairo_move_to (cr, px, a);
          /* A lone point still shows as a dot thanks to the round cap. */
          if (i + 1 >= n || !line_vertex_ok (plot, &v[i + 1]))
            cairo_rel_line_to (cr, 0, 0);
        }
      if (b != a)
        cairo_line_to (cr, px, b);
      last_y = b;
      pen = TRUE;
    }
  set_source (cr, &series->color, 1.0);
  cairo_set_line_width (cr, series->line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_dash (cr, dash_pattern, series->dashed ? 2 : 0, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (series->markers && n > 0 && n <= plot->area.width / 5)
    {
      for (guint i = 0; i < n; i++)
        if (value_ok (plot, v[i].lo))
          {
            cairo_new_sub_path (cr);
            cairo_arc (cr, px_of (plot, v[i].x), py_of (plot, v[i].lo),
                       series->line_width + 1.5, 0, 2 * G_PI);
          }
      cairo_fill (cr);
    }
}

/* A dense band or stacked layer as one box per vertex on its pixel
 * columns.  Cairo's rasterizer pays for every row a polygon spans, which
 * adds up over thousands of species or a noisy band; a fill made of boxes
 * skips it, and at a pixel or so per vertex it looks the same. */
static void
draw_area_boxes (MdkPlot       *plot,
                 cairo_t       *cr,
                 MdkPlotSeries *series,
                 double         alpha,
                 gboolean       whole_pixels)
{
  const Vertex *v = (const Vertex *) series->vertices->data;
  guint n = series->vertices->len;

  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      double left, right, top, bottom;

      if (!isfinite (v[i].x) || !value_ok (plot, v[i].hi) || !isfinite (v[i].lo) ||
          !column_bounds (plot, v, n, i, &left, &right))
        continue;
      top = py_of (plot, v[i].hi);
      bottom = value_ok (plot, v[i].lo) ? py_of (plot, v[i].lo) : plot->area.y + plot->area.height;
      if (whole_pixels)
        {
          /* Stacked layers share their edges exactly. */
          top = round (top);
          bottom = round (bottom);
        }
      if (bottom > top)
        cairo_rectangle (cr, left, top, right - left, bottom - top);
    }
  set_source (cr, &series->color, alpha);
  cairo_fill (cr);
}

/* Fills between lo and hi, one polygon per run of finite vertices. */
static void
draw_band (MdkPlot       *plot,
           cairo_t       *cr,
           MdkPlotSeries *series,
           double         alpha,
           gboolean       outline)
{
  const Vertex *v = (const Vertex *) series->vertices->data;
  guint n = series->vertices->len;
  double bottom = plot->area.y + plot->area.height + 2;
  guint start = 0;

  cairo_new_path (cr);
  while (start < n)
    {
      guint end;

      if (!isfinite (v[start].hi) || !isfinite (v[start].lo) || !value_ok (plot, v[start].hi))
        {
          start++;
          continue;
        }
      for (end = start; end < n; end++)
        if (!isfinite (v[end].hi) || !isfinite (v[end].lo) || !value_ok (plot, v[end].hi))
          break;
      cairo_move_to (cr, px_of (plot, v[start].x), py_of (plot, v[start].hi));
      for (guint i = start + 1; i < end; i++)
        cairo_line_to (cr, px_of (plot, v[i].x), py_of (plot, v[i].hi));
      for (guint i = end; i-- > start;)
        cairo_line_to (cr, px_of (plot, v[i].x),
                       value_ok (plot, v[i].lo) ? py_of (plot, v[i].lo) : bottom);
      cairo_close_path (cr);
      start = end;
    }
  set_source (cr, &series->color, alpha);
  cairo_fill (cr);

  if (outline)
    {
      /* A thin darker top edge keeps neighbouring layers apart. */
      gboolean pen = FALSE;

      for (guint i = 0; i < n; i++)
        {
          if (!value_ok (plot, v[i].hi) || !isfinite (v[i].lo))
            {
              pen = FALSE;
              continue;
            }
          if (pen)
            cairo_line_to (cr, px_of (plot, v[i].x), py_of (plot, v[i].hi));
          else
            cairo_move_to (cr, px_of (plot, v[i].x), py_of (plot, v[i].hi));
          pen = TRUE;
        }
      cairo_set_source_rgba (cr, series->color.red * 0.7, series->color.green * 0.7,
                             series->color.blue * 0.7, 0.9);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
    }
}

static void
draw_bars (MdkPlot       *plot,
           cairo_t       *cr,
           MdkPlotSeries *series)
{
  const Vertex *v = (const Vertex *) series->vertices->data;
  double half = series->bar_width / 2;

  cairo_new_path (cr);
  for (guint i = 0; i < series->vertices->len; i++)
    {
      double xa, xb, ya, yb;

      if (!isfinite (v[i].hi) || !isfinite (v[i].x) || !value_ok (plot, v[i].hi))
        continue;
      xa = round (px_of (plot, v[i].x - half)) + 0.5;
      xb = round (px_of (plot, v[i].x + half)) - 0.5;
      ya = round (py_of (plot, v[i].hi)) + 0.5;
      yb = value_ok (plot, v[i].lo) ? round (py_of (plot, v[i].lo)) - 0.5
                                    : plot->area.y + plot->area.height;
      if (xb <= xa)
        xb = xa + 1;
      cairo_rectangle (cr, xa, ya, xb - xa, MAX (yb - ya, 0));
    }
  set_source (cr, &series->color, 0.55);
  cairo_fill_preserve (cr);
  set_source (cr, &series->color, 1.0);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

static void
draw_swatch (MdkPlot       *plot,
             cairo_t       *cr,
             MdkPlotSeries *series,
             double         x,
             double         y,
             double         width)
{
  double mid = y + plot->line_height / 2.0;

  if (series->style == MDK_PLOT_STYLE_LINE)
    {
      cairo_move_to (cr, x, round (mid) + 0.5);
      cairo_line_to (cr, x + width, round (mid) + 0.5);
      set_source (cr, &series->color, 1.0);
      cairo_set_line_width (cr, MAX (series->line_width, 2.0));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_dash (cr, dash_pattern, series->dashed ? 2 : 0, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  else
    {
      double h = plot->line_height * 0.6;

      cairo_rectangle (cr, x, mid - h / 2, width, h);
      set_source (cr, &series->color, series->style == MDK_PLOT_STYLE_BAND ? 1.0 : 0.8);
      cairo_fill (cr);
    }
}

/* The crosshair's label box: right of the line unless it would leave the
 * area, near the top. */
static void
hover_box (MdkPlot *plot,
           double   px,
           double  *bx,
           double  *by,
           double  *box_w,
           double  *box_h)
{
  double lh = plot->line_height;
  double inner = plot->pad * 0.75;
  double swatch = lh * 0.8;
  guint n = plot->hover_lines->len;
  double w_max = 0;

  if (plot->hover_heading != NULL)
    {
      int w, h;
      measure (plot, plot->hover_heading, TRUE, &w, &h);
      w_max = w;
    }
  for (guint i = 0; i < n; i++)
    {
      const HoverLine *line = &g_array_index (plot->hover_lines, HoverLine, i);
      int w, h;

      measure (plot, line->text, FALSE, &w, &h);
      w_max = MAX (w_max, w + (line->has_color ? swatch + 4 : 0));
    }
  *box_w = w_max + 2 * inner;
  *box_h = (n + (plot->hover_heading != NULL ? 1 : 0)) * lh + 2 * inner;
  *bx = px + 10;
  if (*bx + *box_w > plot->area.x + plot->area.width)
    *bx = px - 10 - *box_w;
  *bx = round (MAX (*bx, 0));
  *by = round (plot->area.y + 6);
}

static void
draw_hover (MdkPlot *plot,
            cairo_t *cr)
{
  double px = mdk_plot_x_to_pixel (plot, plot->hover_x);
  double lh = plot->line_height;
  double inner = plot->pad * 0.75;
  double swatch = lh * 0.8;
  double box_w, box_h, bx, by;
  MdkRGBA box;
  guint n = plot->hover_lines->len;

  if (px < plot->area.x - 0.5 || px > plot->area.x + plot->area.width + 0.5)
    return;

  cairo_move_to (cr, round (px) + 0.5, plot->area.y);
  cairo_rel_line_to (cr, 0, plot->area.height);
  set_source (cr, &plot->fg, 0.5);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  for (guint i = 0; i < n; i++)
    {
      const HoverLine *line = &g_array_index (plot->hover_lines, HoverLine, i);
      double py;

      if (!line->has_color || !value_ok (plot, line->y))
        continue;
      py = mdk_plot_y_to_pixel (plot, line->y);
      if (py < plot->area.y - 1 || py > plot->area.y + plot->area.height + 1)
        continue;
      cairo_arc (cr, px, py, 3.5, 0, 2 * G_PI);
      set_source (cr, &line->color, 1.0);
      cairo_fill_preserve (cr);
      box = box_background (plot);
      set_source (cr, &box, 1.0);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
    }

  hover_box (plot, px, &bx, &by, &box_w, &box_h);
  box = box_background (plot);
  cairo_new_path (cr);
  cairo_arc (cr, bx + 4, by + 4, 4, G_PI, 1.5 * G_PI);
  cairo_arc (cr, bx + box_w - 4, by + 4, 4, 1.5 * G_PI, 2 * G_PI);
  cairo_arc (cr, bx + box_w - 4, by + box_h - 4, 4, 0, 0.5 * G_PI);
  cairo_arc (cr, bx + 4, by + box_h - 4, 4, 0.5 * G_PI, G_PI);
  cairo_close_path (cr);
  set_source (cr, &box, 0.93);
  cairo_fill_preserve (cr);
  set_source (cr, &plot->fg, 0.25);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  {
    double ty = by + inner;

    set_source (cr, &plot->fg, 1.0);
    if (plot->hover_heading != NULL)
      {
        show_text (plot, cr, plot->hover_heading, TRUE, bx + inner, ty, 0, 0);
        ty += lh;
      }
    for (guint i = 0; i < n; i++)
      {
        const HoverLine *line = &g_array_index (plot->hover_lines, HoverLine, i);
        double tx = bx + inner;

        if (line->has_color)
          {
            cairo_rectangle (cr, tx, ty + lh * 0.25, swatch, lh * 0.5);
            set_source (cr, &line->color, 1.0);
            cairo_fill (cr);
            tx += swatch + 4;
          }
        set_source (cr, &plot->fg, 1.0);
        show_text (plot, cr, line->text, FALSE, tx, ty, 0, 0);
        ty += lh;
      }
  }
}

static void
draw_title_and_legend (MdkPlot *plot,
                       cairo_t *cr)
{
  int swatch = plot->line_height * 3 / 2;

  if (plot->title != NULL)
    {
      set_source (cr, &plot->fg, 1.0);
      show_text (plot, cr, plot->title, TRUE, plot->pad, plot->pad, 0, 0);
    }
  for (guint i = 0; i < plot->legend->len; i++)
    {
      const LegendItem *item = &g_array_index (plot->legend, LegendItem, i);

      draw_swatch (plot, cr, item->series, item->x, item->y, swatch);
      set_source (cr, &plot->fg, 0.85);
      show_text (plot, cr, item->series->label, FALSE, item->x + swatch + 4, item->y, 0, 0);
    }
}

/* Every series, clipped to the area. */
static void
draw_series (MdkPlot *plot,
             cairo_t *cr)
{
  const cairo_rectangle_t *area = &plot->area;

  cairo_save (cr);
  cairo_rectangle (cr, area->x, area->y, area->width, area->height);
  cairo_clip (cr);
  for (guint s = 0; s < plot->series->len; s++)
    {
      MdkPlotSeries *series = g_ptr_array_index (plot->series, s);

      switch (series->style)
        {
        case MDK_PLOT_STYLE_LINE:
          draw_line (plot, cr, series);
          break;
        case MDK_PLOT_STYLE_BAND:
          if (is_dense (plot, series, 1.5))
            draw_area_boxes (plot, cr, series, 1.0, TRUE);
          else
            draw_band (plot, cr, series, 1.0, FALSE);
          break;
        case MDK_PLOT_STYLE_AREA:
          if (is_dense (plot, series, 1.5))
            draw_area_boxes (plot, cr, series, 0.9, TRUE);
          else
            draw_band (plot, cr, series, 0.85, TRUE);
          break;
        case MDK_PLOT_STYLE_BARS:
          draw_bars (plot, cr, series);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  cairo_restore (cr);
}

void
mdk_plot_prerender (MdkPlot *plot,
                    int      scale)
{
  const cairo_rectangle_t *area = &plot->area;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_clear_pointer (&plot->data_image, cairo_surface_destroy);
  if (!plot->laid_out || plot->empty || area->width < 1 || area->height < 1)
    return;
  scale = MAX (scale, 1);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (area->width * scale),
                                        (int) ceil (area->height * scale));
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  cairo_translate (cr, -area->x, -area->y);
  draw_series (plot, cr);
  cairo_destroy (cr);
  plot->data_image = surface;
}

static void
ensure_layout (MdkPlot *plot,
               cairo_t *cr,
               int      width,
               int      height)
{
  if (plot->laid_out && plot->width == width && plot->height == height)
    return;
  if (plot->context == NULL)
    {
      PangoContext *context = pango_cairo_create_context (cr);

      g_clear_object (&plot->layout);
      plot->layout = pango_layout_new (context);
      g_object_unref (context);
    }
  mdk_plot_layout (plot, NULL, width, height);
}

/* The marker, the selection and the crosshair. */
static void
draw_overlay (MdkPlot *plot,
              cairo_t *cr)
{
  const cairo_rectangle_t *area = &plot->area;
  double bottom = area->y + area->height;

  if (plot->empty)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, area->x, area->y, area->width, area->height);
  cairo_clip (cr);
  if (isfinite (plot->marker_x))
    {
      double px = round (mdk_plot_x_to_pixel (plot, plot->marker_x)) + 0.5;

      cairo_move_to (cr, px, area->y);
      cairo_line_to (cr, px, bottom);
      set_source (cr, &plot->fg, 0.7);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, (const double[]) { 3.0, 3.0 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (isfinite (plot->sel_x0) && isfinite (plot->sel_x1))
    {
      double a = mdk_plot_x_to_pixel (plot, plot->sel_x0);
      double b = mdk_plot_x_to_pixel (plot, plot->sel_x1);

      cairo_rectangle (cr, a, area->y, b - a, area->height);
      set_source (cr, &plot->fg, 0.12);
      cairo_fill_preserve (cr);
      set_source (cr, &plot->fg, 0.45);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
  if (isfinite (plot->hover_x))
    draw_hover (plot, cr);
}

/* Background, grid, series, axes, labels, title and legend. */
static void
draw_base (MdkPlot *plot,
           cairo_t *cr,
           int      width,
           int      height)
{
  const cairo_rectangle_t *area = &plot->area;
  double right, bottom;

  cairo_save (cr);
  if (plot->has_bg)
    {
      set_source (cr, &plot->bg, 1.0);
      cairo_paint (cr);
    }

  if (plot->empty)
    {
      draw_title_and_legend (plot, cr);
      if (plot->empty_text != NULL)
        {
          set_source (cr, &plot->fg, 0.6);
          show_text (plot, cr, plot->empty_text, FALSE, width / 2.0, height / 2.0, 0.5, 0.5);
        }
      cairo_restore (cr);
      return;
    }

  right = area->x + area->width;
  bottom = area->y + area->height;
  cairo_set_line_width (cr, 1.0);

  /* Grid */
  for (guint i = 0; i < plot->y_ticks->len; i++)
    {
      const Tick *tick = &g_array_index (plot->y_ticks, Tick, i);
      double py = floor (mdk_plot_y_to_pixel (plot, tick->value)) + 0.5;

      if (py < area->y - 0.5 || py > bottom + 0.5)
        continue;
      cairo_move_to (cr, area->x, py);
      cairo_line_to (cr, right, py);
      set_source (cr, &plot->fg, tick->label != NULL ? 0.13 : 0.06);
      cairo_stroke (cr);
    }
  for (guint i = 0; i < plot->x_ticks->len; i++)
    {
      const Tick *tick = &g_array_index (plot->x_ticks, Tick, i);
      double px = floor (mdk_plot_x_to_pixel (plot, tick->value)) + 0.5;

      cairo_move_to (cr, px, area->y);
      cairo_line_to (cr, px, bottom);
    }
  set_source (cr, &plot->fg, 0.07);
  cairo_stroke (cr);

  /* Data */
  if (plot->data_image != NULL)
    {
      cairo_set_source_surface (cr, plot->data_image, area->x, area->y);
      cairo_paint (cr);
    }
  else
    draw_series (plot, cr);

  /* Axes */
  cairo_move_to (cr, floor (area->x) + 0.5, area->y);
  cairo_line_to (cr, floor (area->x) + 0.5, floor (bottom) + 0.5);
  cairo_line_to (cr, right, floor (bottom) + 0.5);
  set_source (cr, &plot->fg, 0.45);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  for (guint i = 0; i < plot->y_ticks->len; i++)
    {
      const Tick *tick = &g_array_index (plot->y_ticks, Tick, i);
      double py = floor (mdk_plot_y_to_pixel (plot, tick->value)) + 0.5;

      if (tick->label == NULL || py < area->y - 0.5 || py > bottom + 0.5)
        continue;
      cairo_move_to (cr, area->x - 4, py);
      cairo_line_to (cr, area->x, py);
      set_source (cr, &plot->fg, 0.45);
      cairo_stroke (cr);
      set_source (cr, &plot->fg, 0.8);
      show_text (plot, cr, tick->label, FALSE, area->x - 7, py, 1.0, 0.5);
    }
  for (guint i = 0; i < plot->x_ticks->len; i++)
    {
      const Tick *tick = &g_array_index (plot->x_ticks, Tick, i);
      double px = floor (mdk_plot_x_to_pixel (plot, tick->value)) + 0.5;
      double tx = CLAMP (px - tick->width / 2.0, 0, width - tick->width);

      cairo_move_to (cr, px, bottom);
      cairo_line_to (cr, px, bottom + 4);
      set_source (cr, &plot->fg, 0.45);
      cairo_stroke (cr);
      set_source (cr, &plot->fg, 0.8);
      show_text (plot, cr, tick->label, FALSE, tx, bottom + 6, 0, 0);
    }

  set_source (cr, &plot->fg, 0.9);
  if (plot->x_label != NULL)
    show_text (plot, cr, plot->x_label, FALSE, area->x + area->width / 2,
               bottom + 6 + plot->line_height + plot->pad / 2, 0.5, 0);
  if (plot->y_label != NULL)
    {
      int w, h;

      measure (plot, plot->y_label, FALSE, &w, &h);
      cairo_save (cr);
      cairo_translate (cr, plot->pad, round (area->y + area->height / 2 + w / 2.0));
      cairo_rotate (cr, -G_PI / 2);
      cairo_move_to (cr, 0, 0);
      pango_cairo_show_layout (cr, plot->layout);
      cairo_restore (cr);
    }

  draw_title_and_legend (plot, cr);
  cairo_restore (cr);
}

void
mdk_plot_draw_layers (MdkPlot       *plot,
                      cairo_t       *cr,
                      int            width,
                      int            height,
                      MdkPlotLayers  layers)
{
  ensure_layout (plot, cr, width, height);
  if (layers & MDK_PLOT_LAYER_BASE)
    draw_base (plot, cr, width, height);
  if (layers & MDK_PLOT_LAYER_OVERLAY)
    draw_overlay (plot, cr);
}

static void
union_rect (cairo_rectangle_t *a,
            double             x,
            double             y,
            double             w,
            double             h)
{
  double x1, y1;

  if (a->width <= 0 || a->height <= 0)
    {
      *a = (cairo_rectangle_t) { x, y, w, h };
      return;
    }
  x1 = MAX (a->x + a->width, x + w);
  y1 = MAX (a->y + a->height, y + h);
  a->x = MIN (a->x, x);
  a->y = MIN (a->y, y);
  a->width = x1 - a->x;
  a->height = y1 - a->y;
}

void
mdk_plot_get_overlay_bounds (MdkPlot           *plot,
                             cairo_rectangle_t *bounds)
{
  const cairo_rectangle_t *area = &plot->area;

  *bounds = (cairo_rectangle_t) { 0, 0, 0, 0 };
  if (plot->layout == NULL || plot->empty)
    return;
  if (isfinite (plot->marker_x))
    union_rect (bounds, floor (mdk_plot_x_to_pixel (plot, plot->marker_x)) - 2, area->y,
                5, area->height);
  if (isfinite (plot->sel_x0) && isfinite (plot->sel_x1))
    {
      double a = mdk_plot_x_to_pixel (plot, plot->sel_x0);
      double b = mdk_plot_x_to_pixel (plot, plot->sel_x1);

      union_rect (bounds, floor (MAX (a, area->x)) - 1, area->y,
                  ceil (MIN (b, area->x + area->width) - MAX (a, area->x)) + 3, area->height);
    }
  if (isfinite (plot->hover_x))
    {
      double px = mdk_plot_x_to_pixel (plot, plot->hover_x);
      double bx, by, bw, bh;

      if (px >= area->x - 0.5 && px <= area->x + area->width + 0.5)
        {
          hover_box (plot, px, &bx, &by, &bw, &bh);
          union_rect (bounds, floor (px) - 6, area->y - 6, 13, area->height + 12);
          union_rect (bounds, bx - 2, by - 2, bw + 4, bh + 4);
        }
    }
  if (bounds->width > 0)
    {
      /* Whole pixels, inside the plot. */
      double x1 = MIN (ceil (bounds->x + bounds->width), plot->width);
      double y1 = MIN (ceil (bounds->y + bounds->height), plot->height);

      bounds->x = MAX (floor (bounds->x), 0);
      bounds->y = MAX (floor (bounds->y), 0);
      bounds->width = MAX (x1 - bounds->x, 0);
      bounds->height = MAX (y1 - bounds->y, 0);
    }
}

void
mdk_plot_draw (MdkPlot *plot,
               cairo_t *cr,
               int      width,
               int      height)
{
  mdk_plot_draw_layers (plot, cr, width, height, MDK_PLOT_LAYER_ALL);
}

static void
draw_page (cairo_t  *cr,
           int       width,
           int       height,
           gpointer  plot)
{
  mdk_plot_draw (plot, cr, width, height);
}

gboolean
mdk_plot_write (MdkPlot     *plot,
                GFile       *file,
                const char  *format,
                int          width,
                int          height,
                GError     **error)
{
  static const MdkRGBA paper = { 1, 1, 1, 1 }, ink = { 0.12, 0.12, 0.13, 1 };
  MdkRGBA fg = plot->fg, bg = plot->bg;
  gboolean has_bg = plot->has_bg, ok;

  /* A document on white paper, whatever the theme. */
  mdk_plot_set_colors (plot, &ink, &paper);
  ok = mdk_write_drawing (file, format, width, height, plot->title, draw_page, plot, error);
  mdk_plot_set_colors (plot, &fg, has_bg ? &bg : NULL);
  return ok;
}

/* Decimation */

guint
mdk_plot_lower_bound (const double *x,
                      guint         n,
                      double        value)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (x[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
mdk_plot_decimate (const double  *x,
                   const double  *y,
                   guint          n,
                   double         x0,
                   double         x1,
                   guint          n_columns,
                   MdkPlotColumn *columns)
{
  double span = x1 - x0;
  double scale = span > 0 ? n_columns / span : 0.0;
  guint used = 0;

  for (guint b = 0; b < n_columns; b++)
    columns[b] = (MdkPlotColumn) {
      .x = x0 + (b + 0.5) * (span / n_columns),
      .first = NAN, .last = NAN, .min = NAN, .max = NAN,
      .n = 0, .n_missing = 0, .min_first = TRUE,
    };
  if (n_columns == 0)
    return 0;

  for (guint i = mdk_plot_lower_bound (x, n, x0); i < n && x[i] <= x1; i++)
    {
      double b_real = (x[i] - x0) * scale;
      guint b = b_real >= n_columns ? n_columns - 1 : (guint) b_real;
      MdkPlotColumn *c = &columns[b];
      double v = y[i];

      if (c->n == 0 && c->n_missing == 0)
        used++;
      if (!isfinite (v))
        {
          c->n_missing++;
          continue;
        }
      if (c->n == 0)
        {
          c->first = c->last = c->min = c->max = v;
          c->min_first = TRUE;
        }
      else
        {
          c->last = v;
          /* Whichever extreme was updated last comes later. */
          if (v < c->min)
            {
              c->min = v;
              c->min_first = FALSE;
            }
          else if (v > c->max)
            {
              c->max = v;
              c->min_first = TRUE;
            }
        }
      c->n++;
    }
  return used;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
quantile (const double *sorted,
          guint         n,
          double        q)
{
  double pos = q * (n - 1);
  guint i = (guint) floor (pos);
  double f = pos - i;

  if (i + 1 >= n)
    return sorted[n - 1];
  return sorted[i] * (1 - f) + sorted[i + 1] * f;
}

guint
mdk_plot_histogram_bins (const double *values,
                         guint         n,
                         gboolean      integer,
                         guint         max_bins,
                         double       *start,
                         double       *width)
{
  g_autofree double *sorted = g_new (double, MAX (n, 1));
  guint m = 0, bins;
  double lo, hi, iqr, w;

  max_bins = MAX (max_bins, 1);
  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]))
      sorted[m++] = values[i];
  if (m == 0)
    {
      *start = 0.0;
      *width = 1.0;
      return 0;
    }
  qsort (sorted, m, sizeof (double), compare_doubles);
  lo = sorted[0];
  hi = sorted[m - 1];

  if (hi == lo)
    {
      *width = integer ? 1.0 : MAX (fabs (lo) * 0.1, 1e-3);
      *start = lo - *width / 2;
      return 1;
    }

  iqr = quantile (sorted, m, 0.75) - quantile (sorted, m, 0.25);
  if (iqr > 0)
    w = 2.0 * iqr / cbrt ((double) m);
  else
    w = (hi - lo) / ceil (sqrt ((double) m));
  bins = (guint) MIN (ceil ((hi - lo) / w), (double) max_bins);
  bins = MAX (bins, 1);

  if (integer)
    {
      /* Whole-number bins centred on integers, so no bin straddles a value. */
      double first = floor (lo + 0.5) - 0.5;
      double iw = MAX (1.0, ceil ((hi - lo) / bins));

      while (floor ((hi - first) / iw) + 1 > max_bins)
        iw += 1.0;
      *start = first;
      *width = iw;
      return (guint) floor ((hi - first) / iw) + 1;
    }

  *start = lo;
  *width = (hi - lo) / bins;
  return bins;
}
