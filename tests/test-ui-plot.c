/* The plots: pure Cairo drawing on image surfaces (no display needed), then
 * MdkPlotView and MdkDistributionView with a filled MdkHistory under Xvfb,
 * driven through their API and with real pointer input from xdotool. */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "mdk-distribution-view.h"
#include "mdk-history.h"
#include "mdk-plot.h"
#include "mdk-plot-view.h"
#include "mdk-test-ui.h"

static const MdkRGBA red = { 1, 0, 0, 1 };
static const MdkRGBA ink = { 0, 0, 0, 1 };
static const MdkRGBA paper = { 1, 1, 1, 1 };

/* Colours of the plot view's series, 0xRRGGBB. */
#define BLUE   0x3584e4
#define ORANGE 0xe66100
#define GREEN  0x26a269
#define PURPLE 0x9141ac

/* Pixel helpers */

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *p;

  cairo_surface_flush (surface);
  p = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) + 4 * x;
  return ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

static gboolean
near_color (guint32 pixel,
            guint32 rgb,
            int     tolerance)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((pixel >> shift) & 0xff) - (int) ((rgb >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

/* Is there a pixel close to @rgb within @radius of (@x, @y)? */
static gboolean
color_near (cairo_surface_t *surface,
            double           x,
            double           y,
            int              radius,
            guint32          rgb,
            int              tolerance)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);

  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      {
        int px = (int) floor (x) + dx, py = (int) floor (y) + dy;
        if (px >= 0 && py >= 0 && px < w && py < h &&
            near_color (pixel_at (surface, px, py), rgb, tolerance))
          return TRUE;
      }
  return FALSE;
}

static guint
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  guint n = 0;

  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (pixel_at (a, x, y) != pixel_at (b, x, y))
        n++;
  return n;
}

static cairo_surface_t *
draw_plot (MdkPlot *plot,
           int      width,
           int      height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  mdk_plot_set_colors (plot, &ink, &paper);
  mdk_plot_draw (plot, cr, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

/* Pure drawing */

static void
test_draw_line_position (void)
{
  MdkPlot *plot = mdk_plot_new ();
  MdkPlotSeries *series = mdk_plot_add_series (plot, MDK_PLOT_STYLE_LINE, "Data", &red);
  cairo_surface_t *surface;
  cairo_rectangle_t area;

  mdk_plot_series_set_line_width (series, 2.0);
  for (int i = 0; i <= 10; i++)
    mdk_plot_series_add (series, i, i, i);
  mdk_plot_set_axis_labels (plot, "x", "y");
  surface = draw_plot (plot, 400, 300);
  mdk_test_ui_save (surface, "plot-pure-line.png");

  g_assert_true (mdk_plot_get_area (plot, &area));
  g_assert_cmpfloat (area.width, >, 200);
  g_assert_cmpfloat (area.height, >, 150);
  /* The diagonal passes through (5, 5) and (2, 2) … */
  g_assert_true (color_near (surface, mdk_plot_x_to_pixel (plot, 5), mdk_plot_y_to_pixel (plot, 5),
                             1, 0xff0000, 40));
  g_assert_true (color_near (surface, mdk_plot_x_to_pixel (plot, 2), mdk_plot_y_to_pixel (plot, 2),
                             1, 0xff0000, 40));
  /* … and not through (5, 9) or (8, 1). */
  g_assert_false (color_near (surface, mdk_plot_x_to_pixel (plot, 5), mdk_plot_y_to_pixel (plot, 9),
                              3, 0xff0000, 120));
  g_assert_false (color_near (surface, mdk_plot_x_to_pixel (plot, 8), mdk_plot_y_to_pixel (plot, 1),
                              3, 0xff0000, 120));
  /* The data span the whole x range, and the y axis starts at 0. */
  g_assert_cmpfloat (mdk_plot_x_to_pixel (plot, 0), ==, area.x);
  g_assert_cmpfloat (mdk_plot_x_to_pixel (plot, 10), ==, area.x + area.width);
  {
    double y0, y1;
    mdk_plot_get_y_range (plot, &y0, &y1);
    g_assert_cmpfloat (y0, ==, 0.0);
    g_assert_cmpfloat (y1, ==, 10.0);
  }
  /* Legend swatch and text are drawn: red outside the area. */
  g_assert_true (color_near (surface, area.x + area.width - 30, area.y / 2, 40, 0xff0000, 40));

  cairo_surface_destroy (surface);
  mdk_plot_free (plot);
}

static void
test_draw_log_scale (void)
{
  MdkPlot *plot = mdk_plot_new ();
  MdkPlotSeries *series = mdk_plot_add_series (plot, MDK_PLOT_STYLE_LINE, NULL, &red);
  cairo_surface_t *linear, *logarithmic;
  double a, b, c;
  gboolean has_10 = FALSE, has_100 = FALSE;

  for (int i = 0; i <= 4; i++)
    mdk_plot_series_add (series, i, pow (10.0, i), pow (10.0, i));
  linear = draw_plot (plot, 500, 320);
  /* On a linear axis 10 and 100 sit close together near the bottom. */
  g_assert_cmpfloat (mdk_plot_y_to_pixel (plot, 10) - mdk_plot_y_to_pixel (plot, 100), <, 10);

  mdk_plot_set_log_scale (plot, TRUE);
  logarithmic = draw_plot (plot, 500, 320);
  mdk_test_ui_save (logarithmic, "plot-pure-log.png");
  /* Decades are evenly spaced, and the line is a straight diagonal. */
  a = mdk_plot_y_to_pixel (plot, 10);
  b = mdk_plot_y_to_pixel (plot, 100);
  c = mdk_plot_y_to_pixel (plot, 1000);
  g_assert_cmpfloat (fabs ((a - b) - (b - c)), <, 1e-6);
  g_assert_cmpfloat (a - b, >, 40);
  g_assert_true (color_near (logarithmic, mdk_plot_x_to_pixel (plot, 2), b, 1, 0xff0000, 40));
  g_assert_true (color_near (logarithmic, mdk_plot_x_to_pixel (plot, 2.5),
                             mdk_plot_y_to_pixel (plot, pow (10, 2.5)), 1, 0xff0000, 40));
  g_assert_cmpuint (count_differences (linear, logarithmic), >, 500);
  for (guint i = 0; i < mdk_plot_get_n_y_ticks (plot); i++)
    {
      const char *label = mdk_plot_get_y_tick_label (plot, i, NULL);
      has_10 |= g_strcmp0 (label, "10") == 0;
      has_100 |= g_strcmp0 (label, "100") == 0;
    }
  g_assert_true (has_10 && has_100);

  /* Values ≤ 0 have no place on a log axis: they break the line. */
  mdk_plot_clear_series (plot);
  series = mdk_plot_add_series (plot, MDK_PLOT_STYLE_LINE, NULL, &red);
  mdk_plot_series_add (series, 0, 1, 1);
  mdk_plot_series_add (series, 1, 1, 1);
  mdk_plot_series_add (series, 2, 0, 0);
  mdk_plot_series_add (series, 3, 100, 100);
  mdk_plot_series_add (series, 4, 100, 100);
  cairo_surface_destroy (logarithmic);
  logarithmic = draw_plot (plot, 500, 320);
  g_assert_true (color_near (logarithmic, mdk_plot_x_to_pixel (plot, 0.5),
                             mdk_plot_y_to_pixel (plot, 1), 1, 0xff0000, 40));
  g_assert_true (color_near (logarithmic, mdk_plot_x_to_pixel (plot, 3.5),
                             mdk_plot_y_to_pixel (plot, 100), 1, 0xff0000, 40));
  g_assert_false (color_near (logarithmic, mdk_plot_x_to_pixel (plot, 2.5),
                              mdk_plot_y_to_pixel (plot, 50), 4, 0xff0000, 120));

  cairo_surface_destroy (linear);
  cairo_surface_destroy (logarithmic);
  mdk_plot_free (plot);
}

static void
test_draw_band_and_bars (void)
{
  MdkPlot *plot = mdk_plot_new ();
  MdkPlotSeries *band = mdk_plot_add_series (plot, MDK_PLOT_STYLE_BAND, "Band",
                                             &(MdkRGBA) { 0, 0, 1, 1 });
  MdkPlotSeries *bars;
  cairo_surface_t *surface;

  mdk_plot_series_add (band, 0, 2, 4);
  mdk_plot_series_add (band, 5, 2, 4);
  mdk_plot_series_add (band, 6, NAN, NAN);   /* a gap */
  mdk_plot_series_add (band, 7, 2, 4);
  mdk_plot_series_add (band, 10, 2, 4);
  bars = mdk_plot_add_series (plot, MDK_PLOT_STYLE_BARS, NULL, &red);
  mdk_plot_series_set_bar_width (bars, 1.0);
  mdk_plot_series_add (bars, 2, 0, 8);
  surface = draw_plot (plot, 400, 300);
  mdk_test_ui_save (surface, "plot-pure-band-bars.png");

  /* Inside the band: blue; in the gap and above the band: not. */
  g_assert_true (color_near (surface, mdk_plot_x_to_pixel (plot, 4), mdk_plot_y_to_pixel (plot, 3),
                             0, 0x0000ff, 10));
  g_assert_false (color_near (surface, mdk_plot_x_to_pixel (plot, 6), mdk_plot_y_to_pixel (plot, 3),
                              2, 0x0000ff, 100));
  g_assert_false (color_near (surface, mdk_plot_x_to_pixel (plot, 4), mdk_plot_y_to_pixel (plot, 6),
                              2, 0x0000ff, 100));
  /* The bar covers x 1.5 … 2.5 up to 8 (fill at 55 % red over white). */
  g_assert_true (color_near (surface, mdk_plot_x_to_pixel (plot, 2), mdk_plot_y_to_pixel (plot, 7),
                             0, 0xff7373, 8));
  g_assert_false (color_near (surface, mdk_plot_x_to_pixel (plot, 2), mdk_plot_y_to_pixel (plot, 9),
                              2, 0xff0000, 100));
  cairo_surface_destroy (surface);
  mdk_plot_free (plot);
}

static void
test_draw_empty_and_hover (void)
{
  MdkPlot *plot = mdk_plot_new ();
  MdkPlotSeries *series;
  cairo_surface_t *before, *after;

  mdk_plot_set_empty_text (plot, "Nothing");
  before = draw_plot (plot, 300, 200);
  /* Only the text: a few dark pixels in the middle, none at the axes. */
  g_assert_cmpuint (mdk_test_ui_count_color (before, 0x666666, 90), >, 10);
  g_assert_cmpuint (mdk_test_ui_count_color (before, 0x666666, 90), <, 2000);
  cairo_surface_destroy (before);

  series = mdk_plot_add_series (plot, MDK_PLOT_STYLE_LINE, NULL, &red);
  for (int i = 0; i < 20; i++)
    mdk_plot_series_add (series, i, sin (i / 3.0), sin (i / 3.0));
  before = draw_plot (plot, 300, 200);
  mdk_plot_set_hover (plot, 10, "Generation 10");
  mdk_plot_add_hover_line (plot, &(MdkRGBA) { 0, 0.5, 0, 1 }, sin (10 / 3.0), "y: 0.19");
  after = draw_plot (plot, 300, 200);
  /* The crosshair's dot and the swatch are in the hover colour. */
  g_assert_cmpuint (mdk_test_ui_count_color (before, 0x008000, 10), ==, 0);
  g_assert_cmpuint (mdk_test_ui_count_color (after, 0x008000, 10), >, 20);
  g_assert_true (color_near (after, mdk_plot_x_to_pixel (plot, 10),
                             mdk_plot_y_to_pixel (plot, sin (10 / 3.0)), 1, 0x008000, 10));
  mdk_test_ui_save (after, "plot-pure-hover.png");
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
  mdk_plot_free (plot);
}

static void
test_vector_surfaces (void)
{
  MdkPlot *plot = mdk_plot_new ();
  MdkPlotSeries *series = mdk_plot_add_series (plot, MDK_PLOT_STYLE_LINE, "Data", &red);
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  double x, y, w, h;

  for (int i = 0; i < 50; i++)
    mdk_plot_series_add (series, i, i * i, i * i);
  mdk_plot_draw (plot, cr, 640, 480);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
  /* Everything stays inside the requested size. */
  g_assert_cmpfloat (x, >=, -1);
  g_assert_cmpfloat (y, >=, -1);
  g_assert_cmpfloat (x + w, <=, 641);
  g_assert_cmpfloat (y + h, <=, 481);
  g_assert_cmpfloat (w, >, 500);
  cairo_surface_destroy (surface);
  mdk_plot_free (plot);
}

/* Decimation */

static void
check_columns (const double        *x,
               const double        *y,
               guint                n,
               double               x0,
               double               x1,
               guint                n_columns,
               const MdkPlotColumn *columns)
{
  for (guint b = 0; b < n_columns; b++)
    {
      double lo = INFINITY, hi = -INFINITY, first = NAN, last = NAN;
      guint count = 0, missing = 0, at_min = 0, at_max = 0;

      for (guint i = 0; i < n; i++)
        {
          guint col;
          if (x[i] < x0 || x[i] > x1)
            continue;
          col = MIN ((guint) ((x[i] - x0) * (n_columns / (x1 - x0))), n_columns - 1);
          if (col != b)
            continue;
          if (!isfinite (y[i]))
            {
              missing++;
              continue;
            }
          if (count == 0)
            first = y[i];
          last = y[i];
          if (y[i] < lo)
            {
              lo = y[i];
              at_min = i;
            }
          if (y[i] > hi)
            {
              hi = y[i];
              at_max = i;
            }
          count++;
        }
      g_assert_cmpuint (columns[b].n, ==, count);
      g_assert_cmpuint (columns[b].n_missing, ==, missing);
      if (count > 0)
        {
          g_assert_cmpfloat (columns[b].min, ==, lo);
          g_assert_cmpfloat (columns[b].max, ==, hi);
          g_assert_cmpfloat (columns[b].first, ==, first);
          g_assert_cmpfloat (columns[b].last, ==, last);
          if (lo != hi)
            g_assert_cmpint (columns[b].min_first, ==, at_min < at_max);
        }
    }
}

static void
test_decimate_min_max (void)
{
  guint n = 100000, n_columns = 1000;
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autofree MdkPlotColumn *columns = g_new (MdkPlotColumn, n_columns);
  GRand *rand = g_rand_new_with_seed (42);
  guint used, spike = 51234;

  for (guint i = 0; i < n; i++)
    {
      x[i] = i;
      y[i] = g_rand_double_range (rand, -1, 1);
      if (g_rand_int_range (rand, 0, 500) == 0)
        y[i] = NAN;
    }
  y[spike] = 1e6;
  y[spike + 7] = -1e6;

  used = mdk_plot_decimate (x, y, n, 0, n - 1, n_columns, columns);
  g_assert_cmpuint (used, ==, n_columns);
  check_columns (x, y, n, 0, n - 1, n_columns, columns);
  /* The one-sample spikes survive, in their order. */
  {
    guint b = (guint) (spike * (n_columns / (n - 1.0)));
    g_assert_cmpfloat (columns[b].max, ==, 1e6);
    g_assert_cmpfloat (columns[b].min, ==, -1e6);
    g_assert_false (columns[b].min_first);
  }

  /* A zoomed range with uneven x and fewer points than columns. */
  for (guint i = 0; i < n; i++)
    x[i] = i * 0.5 + (i % 3) * 0.1;
  used = mdk_plot_decimate (x, y, n, 1000.3, 1200.7, 333, columns);
  g_assert_cmpuint (used, >, 300);
  check_columns (x, y, n, 1000.3, 1200.7, 333, columns);
  used = mdk_plot_decimate (x, y, n, 10.0, 20.0, 500, columns);
  g_assert_cmpuint (used, <=, 21);
  check_columns (x, y, n, 10.0, 20.0, 500, columns);

  g_rand_free (rand);
}

static void
test_decimate_drawn (void)
{
  guint n = 100000, n_columns = 800;
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autofree MdkPlotColumn *columns = g_new (MdkPlotColumn, n_columns);
  MdkPlot *plot = mdk_plot_new ();
  MdkPlotSeries *series = mdk_plot_add_series (plot, MDK_PLOT_STYLE_LINE, NULL, &red);
  cairo_surface_t *surface;
  guint spike = 70001;

  for (guint i = 0; i < n; i++)
    {
      x[i] = i;
      y[i] = 1.0 + 0.1 * sin (i / 1000.0);
    }
  y[spike] = 10.0;
  mdk_plot_decimate (x, y, n, 0, n - 1, n_columns, columns);
  for (guint b = 0; b < n_columns; b++)
    mdk_plot_series_add_column (series, &columns[b]);
  g_assert_cmpuint (mdk_plot_series_get_n_vertices (series), <=, 4 * n_columns);
  mdk_plot_set_include_zero (plot, TRUE);
  surface = draw_plot (plot, n_columns, 400);
  mdk_test_ui_save (surface, "plot-pure-decimated.png");
  /* The single-generation spike reaches its full height. */
  g_assert_true (color_near (surface, mdk_plot_x_to_pixel (plot, spike),
                             mdk_plot_y_to_pixel (plot, 10.0), 2, 0xff0000, 60));
  g_assert_true (color_near (surface, mdk_plot_x_to_pixel (plot, spike),
                             mdk_plot_y_to_pixel (plot, 5.0), 2, 0xff0000, 60));
  cairo_surface_destroy (surface);
  mdk_plot_free (plot);
}

static void
test_histogram_bins (void)
{
  GRand *rand = g_rand_new_with_seed (7);
  double values[1000], start, width;
  guint bins;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = g_rand_double_range (rand, 0, 1) + g_rand_double_range (rand, 0, 1);
  bins = mdk_plot_histogram_bins (values, G_N_ELEMENTS (values), FALSE, 40, &start, &width);
  /* Freedman–Diaconis: 2 · IQR · n^(-1/3) ≈ 2 · 0.59 / 10 for this triangle. */
  g_assert_cmpuint (bins, >=, 10);
  g_assert_cmpuint (bins, <=, 40);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_assert_cmpfloat (values[i], >=, start);
      g_assert_cmpfloat (values[i], <=, start + bins * width + 1e-9);
    }

  /* Whole numbers: bins one wide, centred on the integers. */
  for (guint i = 0; i < 200; i++)
    values[i] = g_rand_int_range (rand, 3, 9);
  bins = mdk_plot_histogram_bins (values, 200, TRUE, 40, &start, &width);
  g_assert_cmpfloat (width, ==, 1.0);
  g_assert_cmpfloat (start, ==, 2.5);
  g_assert_cmpuint (bins, ==, 6);

  /* Wide integer ranges: at most 40 bins, whole widths. */
  for (guint i = 0; i < 200; i++)
    values[i] = g_rand_int_range (rand, 0, 5000);
  bins = mdk_plot_histogram_bins (values, 200, TRUE, 40, &start, &width);
  g_assert_cmpuint (bins, <=, 40);
  g_assert_cmpfloat (width, ==, floor (width));

  /* All equal: one bin around the value; nothing finite: none. */
  for (guint i = 0; i < 10; i++)
    values[i] = 4.0;
  values[3] = NAN;
  g_assert_cmpuint (mdk_plot_histogram_bins (values, 10, FALSE, 40, &start, &width), ==, 1);
  g_assert_cmpfloat (start, <, 4.0);
  g_assert_cmpfloat (start + width, >, 4.0);
  values[0] = NAN;
  g_assert_cmpuint (mdk_plot_histogram_bins (values, 1, FALSE, 40, &start, &width), ==, 0);
  g_rand_free (rand);
}

static void
test_format_number (void)
{
  struct lconv *lc = localeconv ();
  g_autofree char *expected = g_strdup_printf ("%.1f", 1234.5);
  g_autofree char *a = mdk_plot_format_number (1234.5, 0.5);
  g_autofree char *b = mdk_plot_format_number (0.75, 0.25);
  g_autofree char *c = mdk_plot_format_number (-1e-17, 0.2);
  g_autofree char *d = mdk_plot_format_number (3.14159265, NAN);
  g_autofree char *e = mdk_plot_format_number (200, 50);

  /* In the C.UTF-8 locale of the tests there is no grouping. */
  if (lc->thousands_sep[0] == '\0')
    g_assert_cmpstr (a, ==, expected);
  g_assert_true (strstr (a, lc->decimal_point) != NULL);
  g_assert_cmpuint (strlen (b), ==, 3 + strlen (lc->decimal_point));
  g_assert_cmpstr (c, ==, "0.0");
  g_assert_cmpuint (strlen (d), ==, 5 + strlen (lc->decimal_point));
  g_assert_cmpstr (e, ==, "200");
}

static MdkHistory *make_history (guint n);

/* Ticks in the user's locale, files in none: with a German LC_NUMERIC
 * compiled on the fly (no de_DE is installed here; glibc reads LOCPATH at
 * each setlocale ()). */
static void
test_format_locale (void)
{
  char *dir = mdk_test_ui_make_locale ("de_DE.UTF-8");
  g_autofree char *old = g_strdup (setlocale (LC_NUMERIC, NULL));
  gboolean has_half = FALSE, has_thousands = FALSE;

  if (dir == NULL)
    {
      g_test_skip ("localedef cannot build de_DE.UTF-8");
      return;
    }
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      mdk_test_ui_drop_locale (dir);
      g_test_skip ("de_DE.UTF-8 does not load");
      return;
    }

  {
    g_autofree char *a = mdk_plot_format_number (1234567.5, 0.5);
    g_autofree char *b = mdk_plot_format_number (3.14159, NAN);
    MdkPlot *plot = mdk_plot_new ();
    MdkPlotSeries *series = mdk_plot_add_series (plot, MDK_PLOT_STYLE_LINE, NULL, &red);
    cairo_surface_t *surface;

    g_assert_cmpstr (a, ==, "1.234.567,5");
    g_assert_cmpstr (b, ==, "3,1416");
    mdk_plot_series_add (series, 0, 0.1, 0.1);
    mdk_plot_series_add (series, 20000, 2.4, 2.4);
    mdk_plot_set_x_integer (plot, TRUE);
    surface = draw_plot (plot, 600, 400);
    /* 0,5 or 0,50 or 0,25 …: a decimal comma. */
    for (guint i = 0; i < mdk_plot_get_n_y_ticks (plot); i++)
      {
        const char *label = mdk_plot_get_y_tick_label (plot, i, NULL);
        has_half |= g_str_has_prefix (label, "0,") && strchr (label, '.') == NULL;
      }
    for (guint i = 0; i < mdk_plot_get_n_x_ticks (plot); i++)
      has_thousands |= g_strcmp0 (mdk_plot_get_x_tick_label (plot, i, NULL), "10.000") == 0;
    g_assert_true (has_half);
    g_assert_true (has_thousands);
    cairo_surface_destroy (surface);
    mdk_plot_free (plot);
  }

  if (mdk_test_ui_has_display ())
    {
      g_autoptr(MdkHistory) history = make_history (20);
      GtkWidget *view = g_object_ref_sink (mdk_plot_view_new (MDK_PLOT_FITNESS));
      g_autofree char *path = g_build_filename (dir, "fitness.csv", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;
      const MdkGenerationStats *row = mdk_history_get_row (history, 7);

      mdk_plot_view_set_history (MDK_PLOT_VIEW (view), history);
      g_assert_true (mdk_plot_view_export (MDK_PLOT_VIEW (view), file, "csv", NULL));
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      lines = g_strsplit (contents, "\n", 0);
      /* Five cells: commas separate, points are decimal points. */
      {
        g_auto(GStrv) cells = g_strsplit (lines[8], ",", 0);
        g_assert_cmpuint (g_strv_length (cells), ==, 5);
        g_assert_cmpfloat (g_ascii_strtod (cells[2], NULL), ==, row->mean);
        g_assert_nonnull (strchr (cells[2], '.'));
      }
      g_object_unref (view);
    }

  setlocale (LC_NUMERIC, old);
  mdk_test_ui_drop_locale (dir);
}

/* The widgets */

static void
fill_rows (MdkHistory *history,
           guint       first,
           guint       n,
           gboolean    with_details)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (MdkGenerationStats));
  GRand *rand = g_rand_new_with_seed (first + 1);

  for (guint i = first; i < first + n; i++)
    {
      MdkGenerationStats r = { 0 };
      double t = i;

      r.generation = i;
      r.best = 2.0 + 10.0 * (1.0 - exp (-t / 300.0)) + 0.3 * sin (t / 7.0);
      r.mean = 0.65 * r.best + 0.2 * sin (t / 19.0);
      r.median = r.mean * 1.03;
      r.stdev = 0.6 + 0.3 * sin (t / 31.0);
      r.n_species = 6;
      r.mean_hidden = 1.0 + t / 150.0;
      r.mean_connections = 8.0 + t / 40.0;
      r.champion_hidden = 1 + i / 120;
      r.champion_connections = 9 + i / 35;
      r.evaluations = 150 * (guint64) (i + 1);
      r.seconds = 0.02 * (i + 1) + 0.004 * sin (t);   /* cumulative: increasing */
      r.best_train = 0.5 + 0.45 * (1.0 - exp (-t / 150.0));
      r.best_test = i % 50 == 49 ? NAN : r.best_train - 0.04;
      g_array_append_val (rows, r);
    }
  mdk_history_append (history, (const MdkGenerationStats *) rows->data, n);

  if (!with_details)
    {
      g_rand_free (rand);
      return;
    }
  /* Like MdkSession: details only for some generations (coalesced reports),
   * after the rows. */
  for (guint i = first; i < first + n; i++)
    {
      MdkSpeciesSample samples[8];
      guint ns = 0;

      if (i % 3 != 0 && i != first + n - 1)
        continue;
      /* Species k lives from generation 40 k to 40 k + 160. */
      for (guint k = i / 40 >= 4 ? i / 40 - 3 : 0; k <= i / 40 && ns < 8; k++)
        {
          double age = i - 40.0 * k;
          samples[ns].species_id = k + 1;
          samples[ns].size = (guint) (5 + 20 * sin (G_PI * age / 160.0) + k % 3);
          samples[ns].best_fitness = 1.0 + k;
          ns++;
        }
      mdk_history_set_species (history, i, samples, ns);
    }
  {
    guint g = first + n - 1, m = 150;
    g_autofree double *fitness = g_new (double, m);
    g_autofree double *hidden = g_new (double, m);
    g_autofree double *conns = g_new (double, m);

    for (guint j = 0; j < m; j++)
      {
        fitness[j] = g_rand_double_range (rand, 0, 5) + g_rand_double_range (rand, 0, 5);
        hidden[j] = g_rand_int_range (rand, 0, 6);
        conns[j] = g_rand_int_range (rand, 8, 30);
      }
    mdk_history_set_distribution (history, g, fitness, hidden, conns, m);
  }
  g_rand_free (rand);
}

static MdkHistory *
make_history (guint n)
{
  MdkHistory *history = mdk_history_new ();

  /* In chunks, as reports come. */
  for (guint first = 0; first < n; first += 50)
    fill_rows (history, first, MIN (50, n - first), TRUE);
  return history;
}

static gboolean
idle_done (gpointer data)
{
  /* Lets the views' coalesced rebuilds run. */
  return !g_main_context_pending (NULL);
}

static void
settle (void)
{
  mdk_test_ui_wait (idle_done, NULL, 2000);
  mdk_test_ui_flush ();
}

static const char *kind_names[] = { "fitness", "complexity", "species", "rate", "accuracy" };

static void
test_view_points (void)
{
  g_autoptr(MdkHistory) history = NULL;
  GtkWidget *views[5], *box, *window;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  history = make_history (500);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  for (guint k = 0; k < 5; k++)
    {
      views[k] = mdk_plot_view_new (k);
      gtk_widget_set_vexpand (views[k], TRUE);
      g_assert_cmpint (mdk_plot_view_get_kind (MDK_PLOT_VIEW (views[k])), ==, k);
      mdk_plot_view_set_history (MDK_PLOT_VIEW (views[k]), history);
      gtk_box_append (GTK_BOX (box), views[k]);
    }
  window = mdk_test_ui_window (box, 700, 1000);
  settle ();

  for (guint k = 0; k < 5; k++)
    g_assert_cmpuint (mdk_plot_view_get_n_points (MDK_PLOT_VIEW (views[k])), ==, 500);
  g_assert_cmpuint (mdk_plot_view_get_n_series (MDK_PLOT_VIEW (views[MDK_PLOT_FITNESS])), ==, 4);
  g_assert_cmpuint (mdk_plot_view_get_n_series (MDK_PLOT_VIEW (views[MDK_PLOT_COMPLEXITY])), ==, 4);
  g_assert_cmpuint (mdk_plot_view_get_n_series (MDK_PLOT_VIEW (views[MDK_PLOT_RATE])), ==, 1);
  g_assert_cmpuint (mdk_plot_view_get_n_series (MDK_PLOT_VIEW (views[MDK_PLOT_ACCURACY])), ==, 2);
  /* Species 1 … 13 lived during the 500 generations. */
  g_assert_cmpuint (mdk_plot_view_get_n_series (MDK_PLOT_VIEW (views[MDK_PLOT_SPECIES])), ==, 13);

  /* Each "changed" extends the plots at once. */
  fill_rows (history, 500, 25, TRUE);
  for (guint k = 0; k < 5; k++)
    g_assert_cmpuint (mdk_plot_view_get_n_points (MDK_PLOT_VIEW (views[k])), ==, 525);
  mdk_history_clear (history);
  for (guint k = 0; k < 5; k++)
    g_assert_cmpuint (mdk_plot_view_get_n_points (MDK_PLOT_VIEW (views[k])), ==, 0);
  settle ();
  fill_rows (history, 0, 10, TRUE);
  settle ();
  for (guint k = 0; k < 5; k++)
    g_assert_cmpuint (mdk_plot_view_get_n_points (MDK_PLOT_VIEW (views[k])), ==, 10);

  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static void
test_view_export (void)
{
  g_autoptr(MdkHistory) history = NULL;
  g_autofree char *dir = NULL;
  GtkWidget *view, *window;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  history = make_history (300);
  dir = g_dir_make_tmp ("medaka-plot-XXXXXX", NULL);
  g_assert_nonnull (dir);

  for (guint k = 0; k < 5; k++)
    {
      view = mdk_plot_view_new (k);
      mdk_plot_view_set_history (MDK_PLOT_VIEW (view), history);

      /* Unrealized: the drawing is 1200 × 800. */
      {
        g_autofree char *path = g_build_filename (dir, "unrealized.png", NULL);
        g_autoptr(GFile) file = g_file_new_for_path (path);
        g_autoptr(GError) error = NULL;
        cairo_surface_t *png;

        g_assert_true (mdk_plot_view_export (MDK_PLOT_VIEW (view), file, "png", &error));
        g_assert_no_error (error);
        png = cairo_image_surface_create_from_png (path);
        g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
        g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1200);
        g_assert_cmpint (cairo_image_surface_get_height (png), ==, 800);
        cairo_surface_destroy (png);
        g_unlink (path);
      }

      window = mdk_test_ui_window (view, 640, 360);
      settle ();
      for (guint f = 0; f < 4; f++)
        {
          static const char *formats[] = { "png", "svg", "pdf", "csv" };
          g_autofree char *name = g_strdup_printf ("%s.%s", kind_names[k], formats[f]);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autoptr(GFile) file = g_file_new_for_path (path);
          g_autoptr(GError) error = NULL;
          g_autofree char *contents = NULL;
          gsize length;

          g_assert_true (mdk_plot_view_export (MDK_PLOT_VIEW (view), file, formats[f], &error));
          g_assert_no_error (error);
          g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
          g_assert_cmpuint (length, >, 100);
          switch (f)
            {
            case 0:
              g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
              {
                cairo_surface_t *png = cairo_image_surface_create_from_png (path);
                g_assert_cmpint (cairo_image_surface_get_width (png), ==, 640);
                g_assert_cmpint (cairo_image_surface_get_height (png), ==, 360);
                /* White paper with the series' colours on it. */
                g_assert_cmpuint (pixel_at (png, 1, 1), ==, 0xffffff);
                if (k == MDK_PLOT_FITNESS)
                  g_assert_cmpuint (mdk_test_ui_count_color (png, ORANGE, 30), >, 200);
                g_autofree char *shot = g_strdup_printf ("plot-export-%s.png", kind_names[k]);
                mdk_test_ui_save (png, shot);
                cairo_surface_destroy (png);
              }
              break;
            case 1:
              g_assert_nonnull (strstr (contents, "<svg"));
              g_assert_nonnull (strstr (contents, "</svg>"));
              break;
            case 2:
              g_assert_cmpmem (contents, 5, "%PDF-", 5);
              g_assert_nonnull (g_strstr_len (contents + length - 16, 16, "%%EOF"));
              break;
            case 3:
              g_assert_true (g_str_has_prefix (contents, "generation,"));
              if (k == MDK_PLOT_SPECIES)
                {
                  guint expected = 0;
                  for (guint g = 0; g < 300; g++)
                    {
                      guint ns;
                      mdk_history_get_species (history, g, &ns);
                      expected += ns;
                    }
                  g_assert_cmpuint (count_lines (contents), ==, 1 + expected);
                }
              else
                g_assert_cmpuint (count_lines (contents), ==, 1 + 300);
              /* Locale-independent numbers, the generation first. */
              if (k == MDK_PLOT_FITNESS)
                {
                  g_auto(GStrv) lines = g_strsplit (contents, "\n", 0);
                  g_auto(GStrv) cells = g_strsplit (lines[101], ",", 0);
                  const MdkGenerationStats *row = mdk_history_get_row (history, 100);

                  g_assert_cmpstr (lines[0], ==, "generation,best,mean,median,stdev");
                  g_assert_cmpstr (cells[0], ==, "100");
                  g_assert_cmpfloat (g_ascii_strtod (cells[1], NULL), ==, row->best);
                  g_assert_cmpfloat (g_ascii_strtod (cells[4], NULL), ==, row->stdev);
                }
              if (k == MDK_PLOT_ACCURACY)
                {
                  /* A missing test value is an empty cell. */
                  g_auto(GStrv) lines = g_strsplit (contents, "\n", 0);
                  g_assert_true (g_str_has_prefix (lines[50], "49,0."));
                  g_assert_true (g_str_has_suffix (lines[50], ","));
                }
              break;
            default:
              g_assert_not_reached ();
            }
          g_unlink (path);
        }
      gtk_window_destroy (GTK_WINDOW (window));
    }

  /* Errors name the file. */
  {
    g_autofree char *path = g_build_filename (dir, "missing", "plot.svg", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;

    view = g_object_ref_sink (mdk_plot_view_new (MDK_PLOT_FITNESS));
    g_assert_false (mdk_plot_view_export (MDK_PLOT_VIEW (view), file, "svg", &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "plot.svg"));
    g_clear_error (&error);
    g_assert_false (mdk_plot_view_export (MDK_PLOT_VIEW (view), file, "csv", &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (mdk_plot_view_export (MDK_PLOT_VIEW (view), file, "gif", &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_object_unref (view);
  }
  g_rmdir (dir);
}

static void
test_view_zoom_and_log (void)
{
  g_autoptr(MdkHistory) history = NULL;
  cairo_surface_t *full, *zoomed, *reset, *logarithmic;
  GtkWidget *view, *window;
  double x0, x1;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  history = make_history (600);
  view = mdk_plot_view_new (MDK_PLOT_FITNESS);
  mdk_plot_view_set_history (MDK_PLOT_VIEW (view), history);
  window = mdk_test_ui_window (view, 800, 400);
  settle ();

  full = mdk_test_ui_render (view);
  g_assert_cmpuint (mdk_test_ui_count_color (full, ORANGE, 30), >, 300);
  g_assert_cmpuint (mdk_test_ui_count_color (full, BLUE, 30), >, 300);
  g_assert_cmpuint (mdk_test_ui_count_color (full, GREEN, 30), >, 100);

  mdk_plot_view_zoom (MDK_PLOT_VIEW (view), 100, 150);
  mdk_plot_view_get_x_range (MDK_PLOT_VIEW (view), &x0, &x1);
  g_assert_cmpfloat (x0, ==, 100);
  g_assert_cmpfloat (x1, ==, 150);
  g_assert_cmpuint (mdk_plot_view_get_n_points (MDK_PLOT_VIEW (view)), ==, 51);
  mdk_test_ui_flush ();
  zoomed = mdk_test_ui_render (view);
  mdk_test_ui_save (zoomed, "plot-view-zoomed.png");
  g_assert_cmpuint (count_differences (full, zoomed), >, 5000);

  /* Deeper than MIN_SPAN keeps a few generations in view. */
  mdk_plot_view_zoom (MDK_PLOT_VIEW (view), 120, 120.5);
  mdk_plot_view_get_x_range (MDK_PLOT_VIEW (view), &x0, &x1);
  g_assert_cmpfloat (x1 - x0, >=, 4);

  mdk_plot_view_reset_zoom (MDK_PLOT_VIEW (view));
  g_assert_cmpuint (mdk_plot_view_get_n_points (MDK_PLOT_VIEW (view)), ==, 600);
  mdk_test_ui_flush ();
  reset = mdk_test_ui_render (view);
  g_assert_cmpuint (count_differences (full, reset), ==, 0);

  mdk_plot_view_set_log_scale (MDK_PLOT_VIEW (view), TRUE);
  g_assert_true (mdk_plot_view_get_log_scale (MDK_PLOT_VIEW (view)));
  mdk_test_ui_flush ();
  logarithmic = mdk_test_ui_render (view);
  mdk_test_ui_save (logarithmic, "plot-view-fitness-log.png");
  g_assert_cmpuint (count_differences (full, logarithmic), >, 2000);
  g_assert_cmpuint (mdk_test_ui_count_color (logarithmic, ORANGE, 30), >, 300);

  cairo_surface_destroy (full);
  cairo_surface_destroy (zoomed);
  cairo_surface_destroy (reset);
  cairo_surface_destroy (logarithmic);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Real pointer input through the X server. */
static gboolean
xdotool (const char *args)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  /* Output captured: stdout is the TAP stream. */
  if (!g_spawn_command_line_sync (command, &out, &err, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

typedef struct
{
  MdkPlotView *view;
  guint        n;
} InputState;

static gboolean
view_picked (gpointer data)
{
  InputState *state = data;
  return mdk_plot_view_get_picked_generation (state->view) >= 0;
}

static gboolean
view_zoomed (gpointer data)
{
  InputState *state = data;
  return mdk_plot_view_get_n_points (state->view) < state->n;
}

static gboolean
view_unzoomed (gpointer data)
{
  InputState *state = data;
  return mdk_plot_view_get_n_points (state->view) == state->n;
}

static void
test_view_pointer (void)
{
  g_autoptr(MdkHistory) history = NULL;
  g_autofree char *xdotool_path = NULL;
  cairo_surface_t *before, *hover;
  GtkWidget *view, *window;
  InputState state;
  double x0, x1;
  int picked;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  xdotool_path = g_find_program_in_path ("xdotool");
  if (xdotool_path == NULL || !xdotool ("getmouselocation"))
    {
      g_test_skip ("no xdotool");
      return;
    }
  history = make_history (400);
  view = mdk_plot_view_new (MDK_PLOT_FITNESS);
  mdk_plot_view_set_history (MDK_PLOT_VIEW (view), history);
  g_assert_true (xdotool ("mousemove 1270 1010"));
  /* Without a window manager the window sits at 0, 0 of the screen, so
   * screen and widget coordinates are the same. */
  window = mdk_test_ui_window (view, 800, 400);
  settle ();
  state.view = MDK_PLOT_VIEW (view);
  state.n = 400;
  before = mdk_test_ui_render (view);

  /* Hover: the crosshair and its box appear. */
  g_assert_true (xdotool ("mousemove 400 200"));
  mdk_test_ui_flush ();
  mdk_test_ui_flush ();
  hover = mdk_test_ui_render (view);
  mdk_test_ui_save (hover, "plot-view-hover.png");
  g_assert_cmpuint (count_differences (before, hover), >, 500);

  /* A click picks the generation under the pointer, near the middle. */
  g_assert_true (xdotool ("click 1"));
  g_assert_true (mdk_test_ui_wait (view_picked, &state, 3000));
  picked = mdk_plot_view_get_picked_generation (MDK_PLOT_VIEW (view));
  g_assert_cmpint (picked, >, 150);
  g_assert_cmpint (picked, <, 250);
  g_assert_true (view_unzoomed (&state));
  mdk_test_ui_flush ();

  /* Drag from x = 300 to x = 500: zoom in on that range. */
  g_assert_true (xdotool ("mousemove 300 200 mousedown 1 mousemove 350 200 mousemove 450 200 "
                          "mousemove 500 200 mouseup 1"));
  g_assert_true (mdk_test_ui_wait (view_zoomed, &state, 3000));
  mdk_plot_view_get_x_range (MDK_PLOT_VIEW (view), &x0, &x1);
  g_assert_cmpfloat (x1 - x0, >, 60);
  g_assert_cmpfloat (x1 - x0, <, 160);
  g_assert_cmpfloat (x0, <, picked);
  g_assert_cmpfloat (x1, >, picked);
  /* The drag did not pick anything. */
  g_assert_cmpint (mdk_plot_view_get_picked_generation (MDK_PLOT_VIEW (view)), ==, picked);

  /* Double-click resets. */
  g_assert_true (xdotool ("mousemove 400 200 click --repeat 2 --delay 60 1"));
  g_assert_true (mdk_test_ui_wait (view_unzoomed, &state, 3000));

  /* The wheel zooms around the pointer: in, then out again. */
  g_assert_true (xdotool ("mousemove 400 200 click --repeat 3 --delay 30 4"));
  g_assert_true (mdk_test_ui_wait (view_zoomed, &state, 3000));
  mdk_plot_view_get_x_range (MDK_PLOT_VIEW (view), &x0, &x1);
  g_assert_cmpfloat (x0, <, picked);
  g_assert_cmpfloat (x1, >, picked);
  g_assert_true (xdotool ("click --repeat 6 --delay 30 5"));
  g_assert_true (mdk_test_ui_wait (view_unzoomed, &state, 3000));

  g_assert_true (xdotool ("mousemove 1270 1010"));
  mdk_test_ui_flush ();
  cairo_surface_destroy (before);
  cairo_surface_destroy (hover);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
notify_count (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_view_picked (void)
{
  g_autoptr(MdkHistory) history = NULL;
  GtkWidget *view, *window;
  cairo_surface_t *before, *after;
  guint notified = 0;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  history = make_history (200);
  view = mdk_plot_view_new (MDK_PLOT_COMPLEXITY);
  mdk_plot_view_set_history (MDK_PLOT_VIEW (view), history);
  g_signal_connect (view, "notify::picked-generation", G_CALLBACK (notify_count), &notified);
  window = mdk_test_ui_window (view, 600, 300);
  settle ();
  before = mdk_test_ui_render (view);

  g_assert_cmpint (mdk_plot_view_get_picked_generation (MDK_PLOT_VIEW (view)), ==, -1);
  g_object_set (view, "picked-generation", 77, NULL);
  g_object_set (view, "picked-generation", 77, NULL);
  g_assert_cmpuint (notified, ==, 1);
  mdk_test_ui_flush ();
  after = mdk_test_ui_render (view);
  /* The dashed marker line. */
  g_assert_cmpuint (count_differences (before, after), >, 50);

  /* A cleared history drops the pick. */
  mdk_history_clear (history);
  g_assert_cmpint (mdk_plot_view_get_picked_generation (MDK_PLOT_VIEW (view)), ==, -1);
  g_assert_cmpuint (notified, ==, 2);

  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_view_screenshots (void)
{
  g_autoptr(MdkHistory) history = NULL;
  g_autoptr(MdkHistory) long_history = NULL;
  static const guint32 main_color[] = { ORANGE, PURPLE, 0, GREEN, BLUE };

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  history = make_history (700);
  long_history = mdk_history_new ();
  for (guint first = 0; first < 100000; first += 5000)
    fill_rows (long_history, first, 5000, FALSE);

  for (guint k = 0; k < 5; k++)
    for (guint h = 0; h < 2; h++)
      {
        GtkWidget *view = mdk_plot_view_new (k);
        GtkWidget *window;
        cairo_surface_t *surface;
        g_autofree char *name = g_strdup_printf ("plot-view-%s%s.png", kind_names[k],
                                                 h == 1 ? "-100000" : "");

        if (h == 1 && k == MDK_PLOT_SPECIES)
          {
            g_object_ref_sink (view);
            g_object_unref (view);
            continue;
          }
        mdk_plot_view_set_history (MDK_PLOT_VIEW (view), h == 0 ? history : long_history);
        window = mdk_test_ui_window (view, 800, 360);
        settle ();
        surface = mdk_test_ui_render (view);
        mdk_test_ui_save (surface, name);
        if (main_color[k] != 0)
          g_assert_cmpuint (mdk_test_ui_count_color (surface, main_color[k], 30), >, 200);
        else
          {
            MdkRGBA c;
            guint32 rgb;
            /* Species 5's colour fills a good part of the area. */
            mdk_history_species_color (5, &c);
            rgb = ((guint32) (c.red * 255 + 0.5) << 16) | ((guint32) (c.green * 255 + 0.5) << 8) |
                  (guint32) (c.blue * 255 + 0.5);
            g_assert_cmpuint (mdk_test_ui_count_color (surface, rgb, 30), >, 1000);
          }
        cairo_surface_destroy (surface);
        gtk_window_destroy (GTK_WINDOW (window));
      }
}

/* Phased search: the complexity plot shades the simplifying generations
 * (one more series, its colour on screen), tells the phase on hover and
 * exports it. */
static void
test_view_phases (void)
{
  g_autoptr(MdkHistory) plain = make_history (100);
  g_autoptr(MdkHistory) phased = mdk_history_new ();
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (MdkGenerationStats));
  g_autofree char *dir = NULL, *path = NULL, *csv = NULL;
  g_autoptr(GFile) file = NULL;
  guint counts[2];
  guint simplify_lines = 0;
  const guint32 band = 0xeee7e1;   /* #986a44 at 16 % on white */

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  for (guint i = 0; i < 100; i++)
    {
      MdkGenerationStats r = *mdk_history_get_row (plain, i);

      r.phase = (i >= 40 && i < 55) || i >= 90 ? MDK_SEARCH_PHASE_SIMPLIFY : MDK_SEARCH_PHASE_COMPLEXIFY;
      g_array_append_val (rows, r);
    }
  mdk_history_append (phased, (const MdkGenerationStats *) rows->data, rows->len);

  for (guint h = 0; h < 2; h++)
    {
      GtkWidget *view = mdk_plot_view_new (MDK_PLOT_COMPLEXITY);
      GtkWidget *window;
      cairo_surface_t *surface;

      mdk_plot_view_set_history (MDK_PLOT_VIEW (view), h == 0 ? plain : phased);
      window = mdk_test_ui_window (view, 800, 360);
      settle ();
      g_assert_cmpuint (mdk_plot_view_get_n_series (MDK_PLOT_VIEW (view)), ==, h == 0 ? 4 : 5);
      surface = mdk_test_ui_render (view);
      counts[h] = mdk_test_ui_count_color (surface, band, 3);
      if (h == 1)
        {
          mdk_test_ui_save (surface, "plot-view-complexity-phases.png");
          dir = g_dir_make_tmp ("medaka-plot-XXXXXX", NULL);
          path = g_build_filename (dir, "complexity.csv", NULL);
          file = g_file_new_for_path (path);
          g_assert_true (mdk_plot_view_export (MDK_PLOT_VIEW (view), file, "csv", NULL));
        }
      cairo_surface_destroy (surface);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  /* A quarter of the plot area is shaded. */
  g_assert_cmpuint (counts[0], <, 100);
  g_assert_cmpuint (counts[1], >, 5000);

  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "generation,mean_hidden,champion_hidden,mean_connections,"
                                        "champion_connections,phase\n"));
  for (const char *p = strstr (csv, ",simplify\n"); p != NULL; p = strstr (p + 1, ",simplify\n"))
    simplify_lines++;
  g_assert_cmpuint (simplify_lines, ==, 25);
  g_assert_nonnull (strstr (csv, "\n39,"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_distribution_view (void)
{
  g_autoptr(MdkHistory) history = NULL;
  MdkDistributionView *dist;
  GtkWidget *window;
  cairo_surface_t *surface;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  history = make_history (200);   /* values for generations 49, 99, 149, 199 */
  dist = MDK_DISTRIBUTION_VIEW (mdk_distribution_view_new ());
  mdk_distribution_view_set_history (dist, history);
  window = mdk_test_ui_window (GTK_WIDGET (dist), 800, 320);
  settle ();

  g_assert_cmpuint (mdk_distribution_view_get_n_values (dist), ==, 150);
  g_assert_cmpint (mdk_distribution_view_get_shown_generation (dist), ==, 199);
  surface = mdk_test_ui_render (GTK_WIDGET (dist));
  mdk_test_ui_save (surface, "distribution-fitness.png");
  g_assert_cmpuint (mdk_test_ui_count_color (surface, BLUE, 30), >, 500);     /* bars */
  g_assert_cmpuint (mdk_test_ui_count_color (surface, ORANGE, 30), >, 200);   /* ranks */
  cairo_surface_destroy (surface);

  /* Following: a new generation with values replaces it. */
  fill_rows (history, 200, 50, TRUE);
  settle ();
  g_assert_cmpint (mdk_distribution_view_get_shown_generation (dist), ==, 249);

  mdk_distribution_view_set_generation (dist, 99);
  g_assert_cmpint (mdk_distribution_view_get_shown_generation (dist), ==, 99);
  g_assert_cmpuint (mdk_distribution_view_get_n_values (dist), ==, 150);
  mdk_distribution_view_set_quantity (dist, MDK_DISTRIBUTION_CONNECTIONS);
  g_assert_cmpuint (mdk_distribution_view_get_n_values (dist), ==, 150);
  mdk_test_ui_flush ();
  surface = mdk_test_ui_render (GTK_WIDGET (dist));
  mdk_test_ui_save (surface, "distribution-connections.png");
  cairo_surface_destroy (surface);

  /* Tall: stacked. */
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 560);
  mdk_distribution_view_set_quantity (dist, MDK_DISTRIBUTION_HIDDEN);
  mdk_test_ui_flush ();
  mdk_test_ui_flush ();
  surface = mdk_test_ui_render (GTK_WIDGET (dist));
  mdk_test_ui_save (surface, "distribution-hidden-stacked.png");
  cairo_surface_destroy (surface);

  /* A generation without kept values. */
  mdk_distribution_view_set_generation (dist, 100);
  g_assert_cmpuint (mdk_distribution_view_get_n_values (dist), ==, 0);
  g_assert_cmpint (mdk_distribution_view_get_shown_generation (dist), ==, -1);
  mdk_distribution_view_set_generation (dist, -1);
  g_assert_cmpuint (mdk_distribution_view_get_n_values (dist), ==, 150);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  mdk_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/plot/draw/line-position", test_draw_line_position);
  g_test_add_func ("/ui/plot/draw/log-scale", test_draw_log_scale);
  g_test_add_func ("/ui/plot/draw/band-and-bars", test_draw_band_and_bars);
  g_test_add_func ("/ui/plot/draw/empty-and-hover", test_draw_empty_and_hover);
  g_test_add_func ("/ui/plot/draw/vector-surface", test_vector_surfaces);
  g_test_add_func ("/ui/plot/decimate/min-max", test_decimate_min_max);
  g_test_add_func ("/ui/plot/decimate/drawn", test_decimate_drawn);
  g_test_add_func ("/ui/plot/histogram-bins", test_histogram_bins);
  g_test_add_func ("/ui/plot/format-number", test_format_number);
  g_test_add_func ("/ui/plot/format-locale", test_format_locale);
  g_test_add_func ("/ui/plot-view/points", test_view_points);
  g_test_add_func ("/ui/plot-view/export", test_view_export);
  g_test_add_func ("/ui/plot-view/zoom-and-log", test_view_zoom_and_log);
  g_test_add_func ("/ui/plot-view/picked", test_view_picked);
  g_test_add_func ("/ui/plot-view/pointer", test_view_pointer);
  g_test_add_func ("/ui/plot-view/screenshots", test_view_screenshots);
  g_test_add_func ("/ui/plot-view/phases", test_view_phases);
  g_test_add_func ("/ui/distribution-view", test_distribution_view);
  return g_test_run ();
}
