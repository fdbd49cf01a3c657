/* Tests of the behaviour view: each kind of trace drawn by the real widget
 * (pixels checked), points painted by clicks, the placeholder, and the
 * drawing module on an image surface without a display. */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include <math.h>

#include "mdk-behaviour-draw.h"
#include "mdk-behaviour-view.h"
#include "mdk-task-classify.h"
#include "mdk-maze-draw.h"
#include "mdk-task-csv.h"
#include "mdk-test-genome.h"
#include "mdk-test-task.h"
#include "mdk-test-ui.h"

#define VIEW_SIZE 420

/* ---------------------------------------------------------------------------
 * Traces made by hand
 */

/* A boundary at x = @edge: output ≈ 0 on the left, ≈ 1 on the right (or the
 * other way round when @flip), over ±6, with points of both classes in both
 * sets. */
static MdkTrace *
grid_trace_new (double   edge,
                gboolean flip)
{
  MdkTrace *trace = mdk_trace_new (MDK_TRACE_DECISION_GRID);
  static const double points[][4] = {
    { -4, 3, 0, 0 }, { -3, -4, 0, 0 }, { -5, -1, 0, 1 }, { -2, 4.5, 0, 1 },
    { 4, -3, 1, 0 }, { 3, 4, 1, 0 }, { 5, 1, 1, 1 }, { 2, -4.5, 1, 1 },
  };

  trace->width = trace->height = 64;
  trace->x0 = trace->y0 = -6;
  trace->x1 = trace->y1 = 6;
  trace->values = g_new (double, 64 * 64);
  for (guint j = 0; j < 64; j++)
    for (guint i = 0; i < 64; i++)
      {
        double x = -6 + 12 * (i + 0.5) / 64;
        double v = 1.0 / (1.0 + exp (-3.0 * (x - edge)));

        trace->values[j * 64 + i] = flip ? 1.0 - v : v;
      }
  trace->n_points = G_N_ELEMENTS (points);
  trace->points = g_memdup2 (points, sizeof points);
  trace->n_classes = 2;
  return trace;
}

/* XOR with the third row wrong (0.3 for a target of 1) unless @all_right. */
static MdkTrace *
truth_table_new (gboolean all_right)
{
  MdkTrace *trace = mdk_trace_new (MDK_TRACE_TRUTH_TABLE);
  const double values[16] = {
    0, 0, 0.021, 0,
    0, 1, 0.968, 1,
    1, 0, all_right ? 0.9 : 0.3, 1,
    1, 1, 0.043, 0,
  };

  trace->n_rows = 4;
  trace->n_cols = 2;
  trace->n_outputs = 1;
  trace->values = g_memdup2 (values, sizeof values);
  return trace;
}

static MdkTrace *
confusion_new (const double train[4],
               const double test[4])
{
  MdkTrace *trace = mdk_trace_new (MDK_TRACE_CONFUSION);
  const char *labels[] = { "cat", "dog", NULL };

  trace->n_classes = 2;
  trace->labels = g_strdupv ((char **) labels);
  trace->values = g_memdup2 (train, 4 * sizeof (double));
  if (test != NULL)
    trace->values2 = g_memdup2 (test, 4 * sizeof (double));
  return trace;
}

/* Targets 0 … 99, predictions a little off; every fifth row is a test
 * row. */
static MdkTrace *
regression_new (void)
{
  MdkTrace *trace = mdk_trace_new (MDK_TRACE_REGRESSION);

  trace->n_points = 100;
  trace->values = g_new (double, 300);
  for (guint i = 0; i < 100; i++)
    {
      trace->values[3 * i] = i;
      trace->values[3 * i + 1] = i + 8 * sin (i * 0.7);
      trace->values[3 * i + 2] = i % 5 == 0;
    }
  trace->labels = g_new0 (char *, 2);
  trace->labels[0] = g_strdup ("price");
  return trace;
}

/* ---------------------------------------------------------------------------
 * Helpers
 */

typedef struct
{
  GtkWidget *window;
  GtkWidget *view;
} Fixture;

static void
fixture_init (Fixture  *fx,
              MdkTrace *trace)
{
  fx->view = mdk_behaviour_view_new ();
  mdk_behaviour_view_set_trace (MDK_BEHAVIOUR_VIEW (fx->view), trace);
  fx->window = mdk_test_ui_window (fx->view, VIEW_SIZE, VIEW_SIZE);
  g_assert_cmpint (gtk_widget_get_width (fx->view), >, 100);
  g_assert_cmpint (gtk_widget_get_height (fx->view), >, 100);
}

static void
fixture_clear (Fixture *fx)
{
  gtk_window_destroy (GTK_WINDOW (fx->window));
  mdk_test_ui_flush ();
}

static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *p;

  cairo_surface_flush (surface);
  g_assert_cmpint ((int) x, >=, 0);
  g_assert_cmpint ((int) y, >=, 0);
  g_assert_cmpint ((int) x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint ((int) y, <, cairo_image_surface_get_height (surface));
  p = cairo_image_surface_get_data (surface) + (int) y * stride + 4 * (int) x;
  return ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

static gboolean
rgb_close (guint32 a,
           guint32 b,
           guint   tolerance)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > (int) tolerance)
      return FALSE;
  return TRUE;
}

static double
luminance (guint32 rgb)
{
  return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
}

/* @rgb at @alpha over white, as the renderer blends it. */
static guint32
over_white (guint32 rgb,
            double  alpha)
{
  guint32 out = 0;

  for (int shift = 0; shift <= 16; shift += 8)
    {
      double c = (rgb >> shift) & 0xff;
      out |= (guint32) round (alpha * c + (1 - alpha) * 255) << shift;
    }
  return out;
}

/* Pixels that are clearly not white (text, lines, fills). */
static guint
count_ink (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (luminance (pixel_at (surface, x, y)) < 200)
        n++;
  return n;
}

/* Pixels that are clearly light, as text in a dark theme. */
static guint
count_light (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (luminance (pixel_at (surface, x, y)) > 110)
        n++;
  return n;
}

#define SKIP_WITHOUT_DISPLAY() \
  G_STMT_START { \
    if (!mdk_test_ui_has_display ()) \
      { \
        g_test_skip ("no display"); \
        return; \
      } \
  } G_STMT_END

/* ---------------------------------------------------------------------------
 * Without a display: the palette and the Cairo drawing alone
 */

static void
test_palette (void)
{
  g_assert_cmphex (mdk_behaviour_heat_rgb (0.0), ==, MDK_BEHAVIOUR_HEAT0_RGB);
  g_assert_cmphex (mdk_behaviour_heat_rgb (1.0), ==, MDK_BEHAVIOUR_HEAT1_RGB);
  g_assert_cmphex (mdk_behaviour_heat_rgb (0.5), ==, MDK_BEHAVIOUR_HEAT_MID_RGB);
  g_assert_cmphex (mdk_behaviour_heat_rgb (NAN), ==, MDK_BEHAVIOUR_HEAT_MID_RGB);
  g_assert_cmphex (mdk_behaviour_heat_rgb (-3.0), ==, MDK_BEHAVIOUR_HEAT0_RGB);
  g_assert_cmphex (mdk_behaviour_heat_rgb (7.0), ==, MDK_BEHAVIOUR_HEAT1_RGB);
  /* Diverging: lighter towards the middle on both sides. */
  g_assert_cmpfloat (luminance (mdk_behaviour_heat_rgb (0.25)), >,
                     luminance (MDK_BEHAVIOUR_HEAT0_RGB));
  g_assert_cmpfloat (luminance (mdk_behaviour_heat_rgb (0.75)), >,
                     luminance (MDK_BEHAVIOUR_HEAT1_RGB));
}

/* Every kind draws on a plain image surface with a Pango context of its
 * own, and the mapping between pixels and task coordinates round-trips. */
static void
test_draw_offscreen (void)
{
  const double train[4] = { 5, 0, 1, 4 };
  MdkTrace *traces[] = {
    grid_trace_new (0.0, FALSE), truth_table_new (FALSE), confusion_new (train, NULL),
    regression_new (), NULL, mdk_trace_new (MDK_TRACE_CONFUSION),
  };
  MdkTrace *many = traces[5];

  /* 40 classes with long names: cells too small for numbers. */
  many->n_classes = 40;
  many->labels = g_new0 (char *, 41);
  many->values = g_new0 (double, 1600);
  many->values2 = g_new0 (double, 1600);
  for (guint k = 0; k < 40; k++)
    {
      many->labels[k] = g_strdup_printf ("a rather long class name %u", k);
      many->values[k * 40 + k] = 10;
      many->values[k * 40 + (k + 1) % 40] = 3;
      many->values2[k * 40 + k] = 2;
    }
  PangoFontMap *font_map = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (font_map);
  const GdkRGBA fg = { 0.1, 0.1, 0.1, 1.0 };

  for (guint i = 0; i < G_N_ELEMENTS (traces); i++)
    {
      g_autoptr(MdkBehaviourPlot) plot = mdk_behaviour_plot_new (traces[i], context);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 240);
      cairo_t *cr = cairo_create (surface);
      double x, y, wx, wy;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      mdk_behaviour_plot_draw (plot, cr, 300, 240, &fg);
      cairo_destroy (cr);
      g_assert_cmpuint (count_ink (surface), >, 100);

      /* And in a dark theme: light text on a dark background. */
      {
        cairo_surface_t *dark = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 240);
        const GdkRGBA light = { 1, 1, 1, 1 };
        g_autofree char *name = g_strdup_printf ("behaviour-dark-%u.png", i);

        cr = cairo_create (dark);
        cairo_set_source_rgb (cr, 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0);
        cairo_paint (cr);
        mdk_behaviour_plot_draw (plot, cr, 300, 240, &light);
        cairo_destroy (cr);
        mdk_test_ui_save (dark, name);
        g_assert_cmpuint (count_light (dark), >, 20);
        cairo_surface_destroy (dark);
      }
      g_assert_true (mdk_behaviour_plot_get_trace (plot) == traces[i]);

      if (traces[i] != NULL && traces[i]->kind == MDK_TRACE_DECISION_GRID)
        {
          g_assert_true (mdk_behaviour_plot_accepts_points (plot));
          g_assert_true (mdk_behaviour_plot_from_task (plot, 300, 240, 1.5, -2.0, &wx, &wy));
          g_assert_true (mdk_behaviour_plot_to_task (plot, 300, 240, wx, wy, &x, &y));
          g_assert_cmpfloat_with_epsilon (x, 1.5, 1e-9);
          g_assert_cmpfloat_with_epsilon (y, -2.0, 1e-9);
          /* Square: the same number of pixels per unit on both axes. */
          mdk_behaviour_plot_from_task (plot, 300, 240, -6, -6, &x, &y);
          mdk_behaviour_plot_from_task (plot, 300, 240, 6, 6, &wx, &wy);
          g_assert_cmpfloat_with_epsilon (wx - x, y - wy, 1e-9);
          g_assert_cmpfloat (wx - x, >, 100);
        }
      else
        {
          g_assert_false (mdk_behaviour_plot_accepts_points (plot));
          if (traces[i] == NULL || traces[i]->kind != MDK_TRACE_REGRESSION)
            g_assert_false (mdk_behaviour_plot_to_task (plot, 300, 240, 150, 120, &x, &y));
        }
      cairo_surface_destroy (surface);
    }

  for (guint i = 0; i < G_N_ELEMENTS (traces); i++)
    g_clear_pointer (&traces[i], mdk_trace_unref);
  g_object_unref (context);
  g_object_unref (font_map);
}

/* ---------------------------------------------------------------------------
 * The widget
 */

static void
test_placeholder (void)
{
  Fixture fx;
  cairo_surface_t *surface;
  guint ink;
  int w, h;

  SKIP_WITHOUT_DISPLAY ();

  fixture_init (&fx, NULL);
  g_assert_null (mdk_behaviour_view_get_trace (MDK_BEHAVIOUR_VIEW (fx.view)));
  surface = mdk_test_ui_render (fx.view);
  mdk_test_ui_save (surface, "behaviour-placeholder.png");
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);

  /* A line of grey text in the middle, and nothing else. */
  ink = count_ink (surface);
  g_assert_cmpuint (ink, >, 50);
  g_assert_cmpuint (ink, <, (guint) (w * h / 20));
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (luminance (pixel_at (surface, x, y)) < 200)
        g_assert_cmpint (ABS (y - h / 2), <, 30);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_HEAT0_RGB, 8), ==, 0);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_HEAT1_RGB, 8), ==, 0);
  g_assert_false (mdk_behaviour_view_click (MDK_BEHAVIOUR_VIEW (fx.view), w / 2.0, h / 2.0,
                                            GDK_BUTTON_PRIMARY, 0));
  cairo_surface_destroy (surface);

  /* A kind that has no drawing yet shows a note instead, without a fuss. */
  {
    g_autoptr(MdkTrace) odd = mdk_trace_new ((MdkTraceKind) 99);

    g_assert_false (mdk_behaviour_kind_has_drawing ((MdkTraceKind) 99));
    g_assert_true (mdk_behaviour_kind_has_drawing (MDK_TRACE_CONFUSION));
    mdk_behaviour_view_set_trace (MDK_BEHAVIOUR_VIEW (fx.view), odd);
    mdk_test_ui_flush ();
    surface = mdk_test_ui_render (fx.view);
    g_assert_cmpuint (count_ink (surface), >, 50);
    cairo_surface_destroy (surface);
  }
  fixture_clear (&fx);
}

static void
test_grid (void)
{
  g_autoptr(MdkTrace) trace = grid_trace_new (0.0, FALSE);
  MdkBehaviourView *view;
  cairo_surface_t *surface;
  double wx, wy, wx2, wy2;
  guint32 left, right, middle, boundary;
  Fixture fx;

  SKIP_WITHOUT_DISPLAY ();

  fixture_init (&fx, trace);
  view = MDK_BEHAVIOUR_VIEW (fx.view);
  g_assert_true (mdk_behaviour_view_get_trace (view) == trace);
  surface = mdk_test_ui_render (fx.view);
  mdk_test_ui_save (surface, "behaviour-grid.png");

  /* Both ends of the palette fill large areas. */
  g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_HEAT0_RGB, 6), >, 5000);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_HEAT1_RGB, 6), >, 5000);
  /* The points, in their strong class colours. */
  g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_CLASS0_RGB, 6), >, 40);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_CLASS1_RGB, 6), >, 40);

  /* Orange on the left, blue on the right, light in between: the grid's
   * row 0 is at the bottom, x grows to the right. */
  g_assert_true (mdk_behaviour_view_task_to_widget (view, -5.5, 0.5, &wx, &wy));
  left = pixel_at (surface, wx, wy);
  mdk_behaviour_view_task_to_widget (view, 5.5, 0.5, &wx, &wy);
  right = pixel_at (surface, wx, wy);
  mdk_behaviour_view_task_to_widget (view, 0.19, 0.5, &wx, &wy);
  middle = pixel_at (surface, wx, wy);
  g_assert_true (rgb_close (left, MDK_BEHAVIOUR_HEAT0_RGB, 6));
  g_assert_true (rgb_close (right, MDK_BEHAVIOUR_HEAT1_RGB, 6));
  g_assert_cmpfloat (luminance (middle), >, luminance (left));
  g_assert_cmpfloat (luminance (middle), >, luminance (right));

  /* The 0.5 contour: a dark line down x = 0. */
  mdk_behaviour_view_task_to_widget (view, 0.0, 2.0, &wx, &wy);
  boundary = pixel_at (surface, round (wx), wy);
  for (int dx = -2; dx <= 2; dx++)
    boundary = luminance (pixel_at (surface, round (wx) + dx, wy)) < luminance (boundary)
               ? pixel_at (surface, round (wx) + dx, wy) : boundary;
  g_assert_cmpfloat (luminance (boundary), <, luminance (MDK_BEHAVIOUR_HEAT_MID_RGB) - 40);

  /* Square and centred horizontally in a square widget. */
  mdk_behaviour_view_task_to_widget (view, -6, -6, &wx, &wy);
  mdk_behaviour_view_task_to_widget (view, 6, 6, &wx2, &wy2);
  g_assert_cmpfloat_with_epsilon (wx2 - wx, wy - wy2, 1e-9);
  g_assert_cmpfloat (wx2 - wx, >, 0.6 * gtk_widget_get_width (fx.view));
  cairo_surface_destroy (surface);

  /* Live: a new trace with the classes swapped turns the left side blue. */
  {
    g_autoptr(MdkTrace) flipped = grid_trace_new (0.0, TRUE);

    mdk_behaviour_view_set_trace (view, flipped);
    mdk_test_ui_flush ();
    surface = mdk_test_ui_render (fx.view);
    mdk_behaviour_view_task_to_widget (view, -5.5, 0.5, &wx, &wy);
    g_assert_true (rgb_close (pixel_at (surface, wx, wy), MDK_BEHAVIOUR_HEAT1_RGB, 6));
    cairo_surface_destroy (surface);
  }
  fixture_clear (&fx);
}

/* A grid that is not square and not centred on 0 keeps the points where
 * they belong. */
static void
test_grid_custom_area (void)
{
  g_autoptr(MdkTrace) trace = grid_trace_new (0.0, FALSE);
  double x, y, wx, wy;
  Fixture fx;

  SKIP_WITHOUT_DISPLAY ();

  trace->x0 = 0;
  trace->x1 = 10;
  trace->y0 = -1;
  trace->y1 = 1;
  fixture_init (&fx, trace);
  g_assert_true (mdk_behaviour_view_task_to_widget (MDK_BEHAVIOUR_VIEW (fx.view), 2.5, 0.5,
                                                    &wx, &wy));
  g_assert_true (mdk_behaviour_view_widget_to_task (MDK_BEHAVIOUR_VIEW (fx.view), wx, wy,
                                                    &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 0.5, 1e-9);
  g_assert_false (mdk_behaviour_view_task_to_widget (MDK_BEHAVIOUR_VIEW (fx.view), -1, 0,
                                                     &wx, &wy));
  fixture_clear (&fx);
}

typedef struct
{
  guint  n;
  double x, y;
  guint  cls;
} Added;

static void
on_point_added (MdkBehaviourView *view,
                double            x,
                double            y,
                guint             cls,
                Added            *added)
{
  added->n++;
  added->x = x;
  added->y = y;
  added->cls = cls;
}

static void
test_grid_click (void)
{
  g_autoptr(MdkTrace) trace = grid_trace_new (0.0, FALSE);
  g_autoptr(MdkTrace) table = truth_table_new (TRUE);
  MdkBehaviourView *view;
  Added added = { 0 };
  double wx, wy, x, y;
  Fixture fx;

  SKIP_WITHOUT_DISPLAY ();

  fixture_init (&fx, trace);
  view = MDK_BEHAVIOUR_VIEW (fx.view);
  g_signal_connect (view, "point-added", G_CALLBACK (on_point_added), &added);
  g_assert_true (mdk_behaviour_view_get_can_add_points (view));
  g_assert_nonnull (gtk_widget_get_tooltip_text (fx.view));

  /* The mapping: there and back, and nothing outside the data area. */
  g_assert_true (mdk_behaviour_view_task_to_widget (view, 2.0, -3.0, &wx, &wy));
  g_assert_true (mdk_behaviour_view_widget_to_task (view, wx, wy, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, -3.0, 1e-9);
  g_assert_false (mdk_behaviour_view_widget_to_task (view, 1, 1, &x, &y));
  g_assert_false (mdk_behaviour_view_widget_to_task (view, wx, gtk_widget_get_height (fx.view) - 2,
                                                     &x, &y));
  /* Up on screen is up in the task. */
  g_assert_true (mdk_behaviour_view_widget_to_task (view, wx, wy - 20, &x, &y));
  g_assert_cmpfloat (y, >, -3.0);

  /* Primary: class 1. */
  g_assert_true (mdk_behaviour_view_click (view, wx, wy, GDK_BUTTON_PRIMARY, 0));
  g_assert_cmpuint (added.n, ==, 1);
  g_assert_cmpfloat_with_epsilon (added.x, 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (added.y, -3.0, 1e-9);
  g_assert_cmpuint (added.cls, ==, 1);

  /* Secondary, or Shift with primary: class 0. */
  g_assert_true (mdk_behaviour_view_click (view, wx, wy, GDK_BUTTON_SECONDARY, 0));
  g_assert_cmpuint (added.n, ==, 2);
  g_assert_cmpuint (added.cls, ==, 0);
  mdk_behaviour_view_task_to_widget (view, -4.0, 5.0, &wx, &wy);
  g_assert_true (mdk_behaviour_view_click (view, wx, wy, GDK_BUTTON_PRIMARY, GDK_SHIFT_MASK));
  g_assert_cmpuint (added.n, ==, 3);
  g_assert_cmpuint (added.cls, ==, 0);
  g_assert_cmpfloat_with_epsilon (added.x, -4.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (added.y, 5.0, 1e-9);

  /* Not with the middle button, nor outside the area. */
  g_assert_false (mdk_behaviour_view_click (view, wx, wy, GDK_BUTTON_MIDDLE, 0));
  g_assert_false (mdk_behaviour_view_click (view, 1, 1, GDK_BUTTON_PRIMARY, 0));
  g_assert_cmpuint (added.n, ==, 3);

  /* Not when painting is off … */
  mdk_behaviour_view_set_can_add_points (view, FALSE);
  g_assert_false (mdk_behaviour_view_get_can_add_points (view));
  g_assert_null (gtk_widget_get_tooltip_text (fx.view));
  g_assert_false (mdk_behaviour_view_click (view, wx, wy, GDK_BUTTON_PRIMARY, 0));
  g_assert_cmpuint (added.n, ==, 3);
  g_object_set (view, "can-add-points", TRUE, NULL);
  g_assert_true (mdk_behaviour_view_click (view, wx, wy, GDK_BUTTON_PRIMARY, 0));
  g_assert_cmpuint (added.n, ==, 4);

  /* … nor on a view without a plane. */
  mdk_behaviour_view_set_trace (view, table);
  mdk_test_ui_flush ();
  g_assert_false (mdk_behaviour_view_click (view, wx, wy, GDK_BUTTON_PRIMARY, 0));
  g_assert_false (mdk_behaviour_view_widget_to_task (view, wx, wy, &x, &y));
  g_assert_null (gtk_widget_get_tooltip_text (fx.view));
  g_assert_cmpuint (added.n, ==, 4);
  fixture_clear (&fx);
}

static void
test_truth_table (void)
{
  g_autoptr(MdkTrace) wrong = truth_table_new (FALSE);
  g_autoptr(MdkTrace) right = truth_table_new (TRUE);
  cairo_surface_t *surface;
  guint n_right, n_wrong;
  Fixture fx;

  SKIP_WITHOUT_DISPLAY ();

  fixture_init (&fx, wrong);
  surface = mdk_test_ui_render (fx.view);
  mdk_test_ui_save (surface, "behaviour-truth-table.png");

  /* Each row has a solid bar in its colour: three green, one red. */
  n_right = mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_RIGHT_RGB, 4);
  n_wrong = mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_WRONG_RGB, 4);
  g_test_message ("green %u, red %u", n_right, n_wrong);
  g_assert_cmpuint (n_wrong, >, 20);
  g_assert_cmpuint (n_right, >=, 3 * n_wrong - 6);
  g_assert_cmpuint (n_right, <=, 3 * n_wrong + 6);
  /* The rows are tinted too: light green and light red pixels. */
  g_assert_cmpuint (mdk_test_ui_count_color (surface, over_white (MDK_BEHAVIOUR_RIGHT_RGB, 0.16),
                                             3), >, 1000);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, over_white (MDK_BEHAVIOUR_WRONG_RGB, 0.16),
                                             3), >, 300);
  cairo_surface_destroy (surface);

  /* All right: no red at all. */
  mdk_behaviour_view_set_trace (MDK_BEHAVIOUR_VIEW (fx.view), right);
  mdk_test_ui_flush ();
  surface = mdk_test_ui_render (fx.view);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_WRONG_RGB, 4), ==, 0);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_RIGHT_RGB, 4), >=,
                    4 * n_wrong - 8);
  cairo_surface_destroy (surface);
  fixture_clear (&fx);
}

/* Shows @trace and counts the pixels close to @rgb in the columns from
 * @from to @to (fractions of the width). */
static guint
render_count (Fixture    *fx,
              MdkTrace   *trace,
              guint32     rgb,
              guint       tolerance,
              double      from,
              double      to,
              const char *screenshot)
{
  cairo_surface_t *surface;
  int w, h;
  guint n = 0;

  mdk_behaviour_view_set_trace (MDK_BEHAVIOUR_VIEW (fx->view), trace);
  mdk_test_ui_flush ();
  surface = mdk_test_ui_render (fx->view);
  if (screenshot != NULL)
    mdk_test_ui_save (surface, screenshot);
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  for (int y = 0; y < h; y++)
    for (int x = (int) (from * w); x < (int) (to * w); x++)
      if (rgb_close (pixel_at (surface, x, y), rgb, tolerance))
        n++;
  cairo_surface_destroy (surface);
  return n;
}

/* Cells are shaded by their share of the true class: a class predicted
 * right every time gives a cell of solid blue, and mistakes show orange. */
static void
test_confusion (void)
{
  const double perfect[4] = { 5, 0, 0, 4 };
  const double half[4] = { 5, 0, 2, 2 };
  const double test[4] = { 2, 1, 0, 3 };
  g_autoptr(MdkTrace) a = confusion_new (perfect, NULL);
  g_autoptr(MdkTrace) b = confusion_new (half, NULL);
  g_autoptr(MdkTrace) c = confusion_new (perfect, perfect);
  g_autoptr(MdkTrace) d = confusion_new (half, test);
  guint32 light_miss = over_white (MDK_BEHAVIOUR_MISS_RGB, 0.12 + 0.88 * 0.5);
  guint hit_a, hit_b, miss_a, miss_b;
  Fixture fx;

  SKIP_WITHOUT_DISPLAY ();

  fixture_init (&fx, NULL);
  hit_a = render_count (&fx, a, MDK_BEHAVIOUR_HIT_RGB, 2, 0, 1, NULL);
  miss_a = render_count (&fx, a, light_miss, 3, 0, 1, NULL);
  hit_b = render_count (&fx, b, MDK_BEHAVIOUR_HIT_RGB, 2, 0, 1, NULL);
  miss_b = render_count (&fx, b, light_miss, 3, 0, 1, NULL);
  g_test_message ("hit %u %u, miss %u %u", hit_a, hit_b, miss_a, miss_b);

  /* Two solid cells, then one (the count text takes a few pixels from
   * each). */
  g_assert_cmpuint (hit_a, >, 2000);
  g_assert_cmpfloat (fabs ((double) hit_b / hit_a - 0.5), <, 0.05);
  /* No mistakes, no orange; half of one class wrong, a cell as strong as
   * the right half. */
  g_assert_cmpuint (miss_a, ==, 0);
  g_assert_cmpfloat (fabs ((double) miss_b / hit_b - 1.0), <, 0.1);

  /* Training and test side by side: solid cells in both halves. */
  g_assert_cmpuint (render_count (&fx, c, MDK_BEHAVIOUR_HIT_RGB, 2, 0, 0.45, NULL), >, 1000);
  g_assert_cmpuint (render_count (&fx, c, MDK_BEHAVIOUR_HIT_RGB, 2, 0.55, 1, NULL), >, 1000);
  /* In the test matrix of d, the cat row has one of three wrong. */
  g_assert_cmpuint (render_count (&fx, d, over_white (MDK_BEHAVIOUR_MISS_RGB,
                                                      0.12 + 0.88 / 3), 3, 0.55, 1,
                                  "behaviour-confusion.png"), >, 1000);

  /* The counts are written in the cells: with ten times the counts the
   * shading is the same, but two digits cover more of the blue than one. */
  {
    const double tenfold[4] = { 50, 0, 0, 40 };
    g_autoptr(MdkTrace) e = confusion_new (tenfold, NULL);
    guint hit_e = render_count (&fx, e, MDK_BEHAVIOUR_HIT_RGB, 2, 0, 1, NULL);

    g_test_message ("hit %u with one digit, %u with two", hit_a, hit_e);
    g_assert_cmpuint (hit_e, <, hit_a - 20);
    g_assert_cmpuint (hit_e, >, hit_a * 9 / 10);
  }
  fixture_clear (&fx);
}

static void
test_regression (void)
{
  g_autoptr(MdkTrace) trace = regression_new ();
  guint32 train = over_white (MDK_BEHAVIOUR_TRAIN_RGB, 0.75);
  guint32 test = over_white (MDK_BEHAVIOUR_TEST_RGB, 0.75);
  cairo_surface_t *surface;
  double wx, wy, wx2, wy2, best = 255;
  guint n_train, n_test;
  Fixture fx;

  SKIP_WITHOUT_DISPLAY ();

  fixture_init (&fx, trace);
  surface = mdk_test_ui_render (fx.view);
  mdk_test_ui_save (surface, "behaviour-regression.png");

  /* Four training points for each test point, told apart by colour. */
  n_train = mdk_test_ui_count_color (surface, train, 4);
  n_test = mdk_test_ui_count_color (surface, test, 4);
  g_test_message ("training %u, test %u", n_train, n_test);
  g_assert_cmpuint (n_test, >, 100);
  g_assert_cmpuint (n_train, >, 2 * n_test);

  /* The same scale on both axes, and a dashed y = x through the middle
   * (looked for near target 50, between the points). */
  g_assert_true (mdk_behaviour_view_task_to_widget (MDK_BEHAVIOUR_VIEW (fx.view), 0, 0,
                                                    &wx, &wy));
  g_assert_true (mdk_behaviour_view_task_to_widget (MDK_BEHAVIOUR_VIEW (fx.view), 100, 100,
                                                    &wx2, &wy2));
  g_assert_cmpfloat_with_epsilon (wx2 - wx, wy - wy2, 1e-9);
  for (double t = 47; t <= 53; t += 0.25)
    {
      mdk_behaviour_view_task_to_widget (MDK_BEHAVIOUR_VIEW (fx.view), t, t, &wx, &wy);
      best = MIN (best, luminance (pixel_at (surface, wx, wy)));
    }
  g_assert_cmpfloat (best, <, 190);
  cairo_surface_destroy (surface);
  fixture_clear (&fx);
}

/* The views of real tasks' traces, as the studio shows them. */
static void
test_screenshots_small (void)
{
  g_autoptr(MdkTrace) grid = grid_trace_new (1.0, FALSE);
  cairo_surface_t *surface;
  Fixture fx;

  SKIP_WITHOUT_DISPLAY ();

  /* A small, wide widget: everything still fits, the plot stays square. */
  fixture_init (&fx, grid);
  gtk_window_set_default_size (GTK_WINDOW (fx.window), 380, 220);
  mdk_test_ui_flush ();
  surface = mdk_test_ui_render (fx.view);
  mdk_test_ui_save (surface, "behaviour-grid-small.png");
  g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_HEAT1_RGB, 6), >, 1000);
  cairo_surface_destroy (surface);
  fixture_clear (&fx);
}

/* ---------------------------------------------------------------------------
 * With real tasks
 */

typedef struct
{
  char    *points;
  guint    n;
} Painter;

/* What the session does with a painted point. */
static void
on_paint (MdkBehaviourView *view,
          double            x,
          double            y,
          guint             cls,
          Painter          *painter)
{
  char *points = mdk_task_classify_add_point (painter->points, x, y, cls);

  g_free (painter->points);
  painter->points = points;
  painter->n++;
}

/* Painting end to end: a click becomes a point of the task, which shows up
 * in the next trace where it was clicked. */
static void
test_paint_custom (void)
{
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  g_autoptr(MdkTask) task = NULL;
  g_autoptr(MdkTrace) trace = NULL;
  Painter painter = { g_strdup ("-3,0,0;3,0,1"), 0 };
  cairo_surface_t *surface;
  double wx, wy;
  Fixture fx;

  SKIP_WITHOUT_DISPLAY ();

  /* p = sigmoid (4.9 × 3 x / 6): class 1 on the right. */
  mdk_network_begin (net, 2, 1, 4);
  mdk_network_set_node (net, 3, MDK_ACTIVATION_NEAT_SIGMOID, 0.0);
  mdk_network_add_connection (net, 0, 3, 3.0);
  mdk_network_compile (net);

  task = mdk_test_task_new (&mdk_task_classify_class, "dataset", "custom",
                            "custom_points", painter.points, NULL);
  trace = mdk_task_trace (task, net);
  fixture_init (&fx, trace);
  g_signal_connect (fx.view, "point-added", G_CALLBACK (on_paint), &painter);

  /* Right-click at (2, 4): a point of class 0, on the blue side. */
  mdk_behaviour_view_task_to_widget (MDK_BEHAVIOUR_VIEW (fx.view), 2.0, 4.0, &wx, &wy);
  g_assert_true (mdk_behaviour_view_click (MDK_BEHAVIOUR_VIEW (fx.view), wx, wy,
                                           GDK_BUTTON_SECONDARY, 0));
  g_assert_cmpuint (painter.n, ==, 1);

  g_clear_pointer (&task, mdk_task_unref);
  g_clear_pointer (&trace, mdk_trace_unref);
  task = mdk_test_task_new (&mdk_task_classify_class, "dataset", "custom",
                            "custom_points", painter.points, NULL);
  g_assert_cmpuint (mdk_task_classify_get_points (task, FALSE, NULL, NULL), ==, 3);
  trace = mdk_task_trace (task, net);
  mdk_behaviour_view_set_trace (MDK_BEHAVIOUR_VIEW (fx.view), trace);
  mdk_test_ui_flush ();

  surface = mdk_test_ui_render (fx.view);
  mdk_test_ui_save (surface, "behaviour-painted.png");
  g_assert_true (rgb_close (pixel_at (surface, wx, wy), MDK_BEHAVIOUR_CLASS0_RGB, 6));
  cairo_surface_destroy (surface);

  g_free (painter.points);
  fixture_clear (&fx);
}

/* The real tasks' traces, for people to look at, and a check that each
 * gives its kind of view. */
static void
test_real_tasks (void)
{
  Fixture fx;
  cairo_surface_t *surface;

  SKIP_WITHOUT_DISPLAY ();

  fixture_init (&fx, NULL);

  /* The circle, separated by a network on x² and y². */
  {
    g_autoptr(MdkTask) task = mdk_test_task_new (&mdk_task_classify_class, "dataset", "circle",
                                                 "feature_x", "false", "feature_y", "false",
                                                 "feature_x2", "true", "feature_y2", "true",
                                                 "noise", "0.2", NULL);
    g_autoptr(MdkNetwork) net = mdk_network_new ();
    g_autoptr(MdkTrace) trace = NULL;

    mdk_network_begin (net, 2, 1, 4);
    mdk_network_set_node (net, 3, MDK_ACTIVATION_NEAT_SIGMOID, 20.0 * 0.25);
    mdk_network_add_connection (net, 0, 3, -20.0);
    mdk_network_add_connection (net, 1, 3, -20.0);
    mdk_network_compile (net);
    trace = mdk_task_trace (task, net);
    mdk_behaviour_view_set_trace (MDK_BEHAVIOUR_VIEW (fx.view), trace);
    mdk_test_ui_flush ();
    surface = mdk_test_ui_render (fx.view);
    mdk_test_ui_save (surface, "behaviour-task-circle.png");
    g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_CLASS0_RGB, 6), >, 500);
    g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_CLASS1_RGB, 6), >, 500);
    cairo_surface_destroy (surface);
  }

  /* Iris: three classes, a network that knows petal length only. */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv",
                                                   "iris-small.csv", NULL);
    g_autoptr(MdkTask) task = mdk_test_task_new (&mdk_task_csv_class, "path", path,
                                                 "train_fraction", "0.6", NULL);
    g_autoptr(MdkNetwork) net = mdk_network_new ();
    g_autoptr(MdkTrace) trace = NULL;

    mdk_network_begin (net, 4, 3, 8);
    mdk_network_set_node (net, 5, MDK_ACTIVATION_IDENTITY, 0.0);
    mdk_network_set_node (net, 6, MDK_ACTIVATION_IDENTITY, 0.5);
    mdk_network_set_node (net, 7, MDK_ACTIVATION_IDENTITY, 0.0);
    mdk_network_add_connection (net, 2, 5, -1.0);
    mdk_network_add_connection (net, 2, 7, 1.0);
    mdk_network_compile (net);
    trace = mdk_task_trace (task, net);
    g_assert_cmpint (trace->kind, ==, MDK_TRACE_CONFUSION);
    mdk_behaviour_view_set_trace (MDK_BEHAVIOUR_VIEW (fx.view), trace);
    mdk_test_ui_flush ();
    surface = mdk_test_ui_render (fx.view);
    mdk_test_ui_save (surface, "behaviour-task-iris.png");
    g_assert_cmpuint (count_ink (surface), >, 1000);
    cairo_surface_destroy (surface);
  }

  /* XOR with a network that has not learnt it. */
  {
    g_autoptr(MdkTask) task = mdk_test_task_new (mdk_task_class_lookup ("xor"), NULL);
    g_autoptr(MdkNetwork) net = mdk_network_new ();
    g_autoptr(MdkTrace) trace = NULL;

    mdk_network_begin (net, 2, 1, 4);
    mdk_network_set_node (net, 3, MDK_ACTIVATION_NEAT_SIGMOID, -1.0);
    mdk_network_add_connection (net, 0, 3, 1.5);
    mdk_network_add_connection (net, 1, 3, 1.5);
    mdk_network_compile (net);
    trace = mdk_task_trace (task, net);
    mdk_behaviour_view_set_trace (MDK_BEHAVIOUR_VIEW (fx.view), trace);
    mdk_test_ui_flush ();
    surface = mdk_test_ui_render (fx.view);
    mdk_test_ui_save (surface, "behaviour-task-xor.png");
    /* Outputs of about 0.007, 0.92, 0.92 and 1: only the last row is wrong. */
    g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_WRONG_RGB, 4), >, 20);
    g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_RIGHT_RGB, 4), >,
                      2 * mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_WRONG_RGB, 4));
    cairo_surface_destroy (surface);
  }

  fixture_clear (&fx);
}

/* An image trace (a CPPN's picture): a wide grey gradient drawn with
 * square pixels, letterboxed, black on the left and white on the right;
 * then colours, and a real picture from the CPPN task. */
static void
test_image (void)
{
  g_autoptr(MdkTrace) trace = mdk_trace_new (MDK_TRACE_IMAGE);
  g_autoptr(MdkTrace) colours = mdk_trace_new (MDK_TRACE_IMAGE);
  cairo_surface_t *surface;
  guint32 background;
  Fixture fx;
  int w, h;

  SKIP_WITHOUT_DISPLAY ();

  trace->width = 64;
  trace->height = 32;
  trace->n_outputs = 1;
  trace->values = g_new (double, 64 * 32);
  for (guint j = 0; j < 32; j++)
    for (guint i = 0; i < 64; i++)
      trace->values[j * 64 + i] = i / 63.0;

  fixture_init (&fx, trace);
  surface = mdk_test_ui_render (fx.view);
  mdk_test_ui_save (surface, "behaviour-image-gradient.png");
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  background = pixel_at (surface, 2, 2);

  /* Dark on the left, light on the right, grey in the middle. */
  g_assert_cmpfloat (luminance (pixel_at (surface, 0.12 * w, h / 2.0)), <, 40);
  g_assert_cmpfloat (luminance (pixel_at (surface, 0.88 * w, h / 2.0)), >, 215);
  g_assert_cmpfloat (fabs (luminance (pixel_at (surface, w / 2.0, h / 2.0)) - 127.5), <, 12);
  /* Rising along every row. */
  for (int x = 0.1 * w; x + 8 < 0.9 * w; x += 8)
    g_assert_cmpfloat (luminance (pixel_at (surface, x + 8, h / 2.0)), >,
                       luminance (pixel_at (surface, x, h / 2.0)));
  /* Square pixels: twice as wide as high, so bands above and below are
   * left to the background, while the image spans almost the whole width. */
  g_assert_true (rgb_close (pixel_at (surface, w / 2.0, 0.12 * h), background, 2));
  g_assert_true (rgb_close (pixel_at (surface, w / 2.0, 0.88 * h), background, 2));
  g_assert_cmpuint (mdk_test_ui_count_color (surface, 0x000000, 12), >, 2000);
  g_assert_false (mdk_behaviour_view_click (MDK_BEHAVIOUR_VIEW (fx.view), w / 2.0, h / 2.0,
                                            GDK_BUTTON_PRIMARY, 0));
  cairo_surface_destroy (surface);

  /* Colours: red on the left half, blue on the right. */
  colours->width = colours->height = 8;
  colours->n_outputs = 3;
  colours->values = g_new0 (double, 8 * 8 * 3);
  for (guint p = 0; p < 64; p++)
    colours->values[3 * p + (p % 8 < 4 ? 0 : 2)] = 1.0;
  mdk_behaviour_view_set_trace (MDK_BEHAVIOUR_VIEW (fx.view), colours);
  mdk_test_ui_flush ();
  surface = mdk_test_ui_render (fx.view);
  mdk_test_ui_save (surface, "behaviour-image-colours.png");
  g_assert_cmpuint (mdk_test_ui_count_color (surface, 0xFF0000, 4), >, 20000);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, 0x0000FF, 4), >, 20000);
  g_assert_true (rgb_close (pixel_at (surface, 0.25 * w, h / 2.0), 0xFF0000, 4));
  g_assert_true (rgb_close (pixel_at (surface, 0.75 * w, h / 2.0), 0x0000FF, 4));
  /* So coarse an image shows its pixels as squares: a sharp edge, not a
   * purple blur. */
  g_assert_cmpuint (mdk_test_ui_count_color (surface, 0x800080, 60), <, (guint) h * 3);
  cairo_surface_destroy (surface);

  /* The CPPN task's own trace of a plaid network, in colour. */
  {
    g_autoptr(MdkTask) task = mdk_test_task_new (mdk_task_class_lookup ("cppn"), "color", "rgb", NULL);
    g_autoptr(MdkNetwork) net = mdk_network_new ();
    g_autoptr(MdkTrace) picture = NULL;

    mdk_network_begin (net, 3, 3, 10);
    mdk_network_set_node (net, 7, MDK_ACTIVATION_SINE, 0.0);
    mdk_network_set_node (net, 8, MDK_ACTIVATION_SINE, 0.0);
    mdk_network_set_node (net, 9, MDK_ACTIVATION_GAUSSIAN, 0.0);
    mdk_network_add_connection (net, 0, 7, 6.0);
    mdk_network_add_connection (net, 1, 8, 6.0);
    mdk_network_add_connection (net, 2, 9, 2.5);
    for (guint k = 0; k < 3; k++)
      {
        mdk_network_set_node (net, 4 + k, MDK_ACTIVATION_SIGMOID, -1.0 + k);
        mdk_network_add_connection (net, 7, 4 + k, 3.0 - 2.0 * k);
        mdk_network_add_connection (net, 8, 4 + k, -1.0 + 2.0 * k);
        mdk_network_add_connection (net, 9, 4 + k, 4.0 - 2.0 * k);
      }
    mdk_network_compile (net);
    picture = mdk_task_trace (task, net);
    g_assert_cmpint (picture->kind, ==, MDK_TRACE_IMAGE);
    mdk_behaviour_view_set_trace (MDK_BEHAVIOUR_VIEW (fx.view), picture);
    mdk_test_ui_flush ();
    surface = mdk_test_ui_render (fx.view);
    mdk_test_ui_save (surface, "behaviour-image-cppn.png");
    /* Square: both the top band and the left band are image, not
     * background, at the middle of the other axis. */
    g_assert_false (rgb_close (pixel_at (surface, w / 2.0, 0.1 * h), background, 2) &&
                    rgb_close (pixel_at (surface, w / 2.0, 0.2 * h), background, 2));
    g_assert_cmpuint (count_ink (surface), >, (guint) (w * h / 4));
    cairo_surface_destroy (surface);
  }

  fixture_clear (&fx);
}

/* ---------------------------------------------------------------------------
 * The tasks of issue 8: pole balancing, functions, multiplexers
 */

static gboolean
frame_moved (gpointer data)
{
  return mdk_behaviour_view_get_frame (data) > 0;
}

static gboolean
stopped (gpointer data)
{
  return !mdk_behaviour_view_get_playing (data);
}

/* An evolved double-pole controller: the episode plays, pauses, scrubs and
 * changes speed; the poles stand upright in the middle of the run; the
 * generalisation grid is mostly green.  Then a failing single-pole episode
 * ends with the cart in red. */
static void
test_cart_pole (void)
{
  g_autoptr(MdkTask) task = mdk_test_task_new (mdk_task_class_lookup ("double-pole"), NULL);
  g_autoptr(MdkNetwork) net = mdk_test_genome_net_new ("double-pole.json");
  g_autoptr(MdkTrace) trace = mdk_task_trace (task, net);
  MdkBehaviourView *view;
  GtkWidget *window, *controls;
  GtkAdjustment *adjustment;
  cairo_surface_t *surface;
  guint green;

  SKIP_WITHOUT_DISPLAY ();

  view = MDK_BEHAVIOUR_VIEW (mdk_behaviour_view_new ());
  mdk_behaviour_view_set_trace (view, trace);
  window = mdk_test_ui_window (GTK_WIDGET (view), 720, 440);
  controls = mdk_behaviour_view_get_controls (view);
  g_assert_true (gtk_widget_get_visible (controls));
  g_assert_cmpuint (mdk_behaviour_view_get_n_frames (view), ==, 100001);
  g_assert_cmpuint (mdk_behaviour_view_get_frame (view), ==, 0);
  g_assert_false (mdk_behaviour_view_get_playing (view));

  /* The middle of the episode: upright poles, the grid of 625 starts. */
  mdk_behaviour_view_set_frame (view, 50000);
  mdk_test_ui_flush ();
  surface = mdk_test_ui_render (GTK_WIDGET (view));
  mdk_test_ui_save (surface, "behaviour-double-pole.png");
  g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_CLASS1_RGB, 6), >, 100);
  green = mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_RIGHT_RGB, 6);
  g_assert_cmpuint (green, >, 10000);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_WRONG_RGB, 6), <, green);
  cairo_surface_destroy (surface);

  /* Scrubbing: the scale moves the frame. */
  g_assert_true (GTK_IS_SCALE (gtk_widget_get_first_child (controls)));
  adjustment = gtk_range_get_adjustment (GTK_RANGE (gtk_widget_get_first_child (controls)));
  g_assert_nonnull (adjustment);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 50000);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, 100000);
  gtk_adjustment_set_value (adjustment, 1234);
  g_assert_cmpuint (mdk_behaviour_view_get_frame (view), ==, 1234);

  /* Playing advances on the frame clock, faster at a higher speed. */
  mdk_behaviour_view_set_speed (view, 64);
  g_assert_cmpfloat (mdk_behaviour_view_get_speed (view), ==, 64);
  mdk_behaviour_view_set_frame (view, 0);
  mdk_behaviour_view_set_playing (view, TRUE);
  g_assert_true (mdk_behaviour_view_get_playing (view));
  g_assert_true (mdk_test_ui_wait (frame_moved, view, 5000));
  mdk_behaviour_view_set_playing (view, FALSE);
  {
    guint paused_at = mdk_behaviour_view_get_frame (view);

    mdk_test_ui_flush ();
    g_assert_cmpuint (mdk_behaviour_view_get_frame (view), ==, paused_at);
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, paused_at);
  }

  /* At the end it stops; playing again starts over. */
  mdk_behaviour_view_set_frame (view, 99990);
  mdk_behaviour_view_set_playing (view, TRUE);
  g_assert_true (mdk_test_ui_wait (stopped, view, 5000));
  g_assert_cmpuint (mdk_behaviour_view_get_frame (view), ==, 100000);
  mdk_behaviour_view_set_playing (view, TRUE);
  g_assert_cmpuint (mdk_behaviour_view_get_frame (view), <, 100000);
  mdk_behaviour_view_set_playing (view, FALSE);

  /* A failing single pole: the last frame shows the fall in red; a still
   * trace hides the controls. */
  {
    g_autoptr(MdkTask) pole = mdk_test_task_new (mdk_task_class_lookup ("pole"), "random_start", "false", NULL);
    g_autoptr(MdkNetwork) right = mdk_network_new ();
    g_autoptr(MdkTrace) fall = NULL;
    guint n;

    mdk_network_begin (right, 4, 2, 7);
    mdk_network_set_node (right, 5, MDK_ACTIVATION_IDENTITY, 0.0);
    mdk_network_set_node (right, 6, MDK_ACTIVATION_IDENTITY, 1.0);
    mdk_network_compile (right);
    fall = mdk_task_trace (pole, right);
    mdk_behaviour_view_set_trace (view, fall);
    n = mdk_behaviour_view_get_n_frames (view);
    g_assert_cmpuint (n, ==, fall->n_rows);
    mdk_behaviour_view_set_frame (view, 0);
    mdk_test_ui_flush ();
    surface = mdk_test_ui_render (GTK_WIDGET (view));
    g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_WRONG_RGB, 8), <, 20);
    cairo_surface_destroy (surface);
    mdk_behaviour_view_set_frame (view, n - 1);
    mdk_test_ui_flush ();
    surface = mdk_test_ui_render (GTK_WIDGET (view));
    mdk_test_ui_save (surface, "behaviour-pole-fallen.png");
    g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_WRONG_RGB, 8), >, 200);
    cairo_surface_destroy (surface);

    mdk_behaviour_view_set_trace (view, NULL);
    mdk_test_ui_flush ();
    g_assert_false (gtk_widget_get_visible (controls));
    g_assert_cmpuint (mdk_behaviour_view_get_n_frames (view), ==, 0);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
}

/* Without velocities: an evolved recurrent controller with its grid. */
static void
test_cart_pole_nv (void)
{
  g_autoptr(MdkTask) task = mdk_test_task_new (mdk_task_class_lookup ("double-pole-nv"), NULL);
  g_autoptr(MdkNetwork) net = mdk_test_genome_net_new ("double-pole-nv.json");
  g_autoptr(MdkTrace) trace = mdk_task_trace (task, net);
  cairo_surface_t *surface;
  Fixture fx;

  SKIP_WITHOUT_DISPLAY ();

  g_assert_nonnull (trace->values2);
  fixture_init (&fx, trace);
  mdk_behaviour_view_set_frame (MDK_BEHAVIOUR_VIEW (fx.view), 300);
  mdk_test_ui_flush ();
  surface = mdk_test_ui_render (fx.view);
  mdk_test_ui_save (surface, "behaviour-double-pole-nv.png");
  /* Square view: the grid below the scene, both parts drawn. */
  g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_RIGHT_RGB, 6), >, 2000);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_CLASS1_RGB, 6), >, 50);
  cairo_surface_destroy (surface);
  fixture_clear (&fx);
}

/* A sine against a straight line, and a surface against a plane. */
static void
test_function (void)
{
  g_autoptr(MdkTask) curve = mdk_test_task_new (mdk_task_class_lookup ("regression"), NULL);
  g_autoptr(MdkTask) surface_task = mdk_test_task_new (mdk_task_class_lookup ("regression"),
                                                       "function", "surface", NULL);
  g_autoptr(MdkNetwork) line = mdk_network_new ();
  g_autoptr(MdkNetwork) plane = mdk_network_new ();
  g_autoptr(MdkTrace) a = NULL, b = NULL;
  cairo_surface_t *surface;
  double wx, wy, x, y;
  Fixture fx;

  SKIP_WITHOUT_DISPLAY ();

  mdk_network_begin (line, 1, 1, 3);
  mdk_network_set_node (line, 2, MDK_ACTIVATION_IDENTITY, 0.0);
  mdk_network_add_connection (line, 0, 2, 0.8);
  mdk_network_compile (line);
  a = mdk_task_trace (curve, line);
  fixture_init (&fx, a);
  surface = mdk_test_ui_render (fx.view);
  mdk_test_ui_save (surface, "behaviour-function-sine.png");
  g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_TEST_RGB, 10), >, 300);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_TRAIN_RGB, 10), >, 100);
  /* The axes map both ways: the sine's peak at (0.5, 1). */
  g_assert_true (mdk_behaviour_view_task_to_widget (MDK_BEHAVIOUR_VIEW (fx.view), 0.5, 1.0, &wx, &wy));
  g_assert_true (mdk_behaviour_view_widget_to_task (MDK_BEHAVIOUR_VIEW (fx.view), wx, wy, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 1.0, 1e-9);
  g_assert_false (gtk_widget_get_visible (mdk_behaviour_view_get_controls (MDK_BEHAVIOUR_VIEW (fx.view))));
  cairo_surface_destroy (surface);

  mdk_network_begin (plane, 2, 1, 4);
  mdk_network_set_node (plane, 3, MDK_ACTIVATION_IDENTITY, 0.0);
  mdk_network_add_connection (plane, 0, 3, 1.0);
  mdk_network_compile (plane);
  b = mdk_task_trace (surface_task, plane);
  mdk_behaviour_view_set_trace (MDK_BEHAVIOUR_VIEW (fx.view), b);
  mdk_test_ui_flush ();
  surface = mdk_test_ui_render (fx.view);
  mdk_test_ui_save (surface, "behaviour-function-surface.png");
  g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_HEAT0_RGB, 12), >, 500);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_HEAT1_RGB, 12), >, 500);
  g_assert_false (mdk_behaviour_view_widget_to_task (MDK_BEHAVIOUR_VIEW (fx.view), 100, 100, &x, &y));
  cairo_surface_destroy (surface);
  fixture_clear (&fx);
}

/* The multiplexers' truth tables as grids: copying d0 is right in 5/8 of
 * the 6-multiplexer's cases and 9/16 of the 11-multiplexer's. */
static void
test_truth_grid (void)
{
  const char *sizes[] = { "6", "11" };
  Fixture fx;

  SKIP_WITHOUT_DISPLAY ();

  fixture_init (&fx, NULL);
  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    {
      g_autoptr(MdkTask) task = mdk_test_task_new (mdk_task_class_lookup ("multiplexer"), "size", sizes[z], NULL);
      g_autoptr(MdkNetwork) copy = mdk_network_new ();
      g_autoptr(MdkTrace) trace = NULL;
      g_autofree char *name = g_strdup_printf ("behaviour-multiplexer-%s.png", sizes[z]);
      guint n_in = task->n_inputs, k = z == 0 ? 2 : 3;
      guint right, wrong;
      cairo_surface_t *surface;

      mdk_network_begin (copy, n_in, 1, n_in + 2);
      mdk_network_set_node (copy, n_in + 1, MDK_ACTIVATION_IDENTITY, 0.0);
      mdk_network_add_connection (copy, k, n_in + 1, 1.0);
      mdk_network_compile (copy);
      trace = mdk_task_trace (task, copy);
      mdk_behaviour_view_set_trace (MDK_BEHAVIOUR_VIEW (fx.view), trace);
      mdk_test_ui_flush ();
      surface = mdk_test_ui_render (fx.view);
      mdk_test_ui_save (surface, name);
      right = mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_RIGHT_RGB, 10);
      wrong = mdk_test_ui_count_color (surface, MDK_BEHAVIOUR_WRONG_RGB, 10);
      g_assert_cmpuint (wrong, >, 1000);
      /* Cell borders take a little of each; the proportion holds. */
      g_assert_cmpfloat (fabs ((double) right / (right + wrong) - (z == 0 ? 5.0 / 8 : 9.0 / 16)), <, 0.05);
      cairo_surface_destroy (surface);
    }
  fixture_clear (&fx);
}

/* The medium maze with a champion that reaches the goal: walls, the goal,
 * the path in blue ending on the goal, and the orange dots of a
 * generation's end points where they belong; then a robot that stops at a
 * wall, on the hard map. */
static void
test_maze (void)
{
  g_autoptr(MdkTask) task = mdk_test_task_new (&mdk_task_maze_class, NULL);
  g_autoptr(MdkNetwork) net = mdk_test_genome_net_new ("maze-medium.json");
  g_autoptr(MdkTrace) trace = mdk_task_trace (task, net);
  g_autoptr(GArray) dots = g_array_new (FALSE, FALSE, sizeof (double));
  static const guint32 path_rgb = 0x3584E4, dot_rgb = 0xE66100, goal_rgb = 0x26A269;
  cairo_surface_t *surface;
  double wx, wy;
  Fixture fx;

  SKIP_WITHOUT_DISPLAY ();

  /* Twelve robots in the top right corner of the map's box (x, y near 1
   * and 0), two behaviour numbers each. */
  for (guint i = 0; i < 12; i++)
    g_array_append_vals (dots, (double[2]) { 0.9 + 0.005 * i, 0.1 }, 2);

  fixture_init (&fx, trace);
  surface = mdk_test_ui_render (fx.view);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, over_white (path_rgb, 0.9), 12), >, 300);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, goal_rgb, 12), >, 20);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, dot_rgb, 60), <, 10);
  cairo_surface_destroy (surface);

  mdk_behaviour_view_set_behaviours (MDK_BEHAVIOUR_VIEW (fx.view), dots, 2);
  mdk_test_ui_flush ();
  surface = mdk_test_ui_render (fx.view);
  mdk_test_ui_save (surface, "behaviour-maze-medium.png");
  /* The dots sit where the view maps them: x0 + 0.9 (x1 − x0), y0 + 0.1 (y1 − y0). */
  g_assert_true (mdk_behaviour_view_task_to_widget (MDK_BEHAVIOUR_VIEW (fx.view),
                                                    trace->x0 + 0.92 * (trace->x1 - trace->x0),
                                                    trace->y0 + 0.1 * (trace->y1 - trace->y0), &wx, &wy));
  g_assert_true (rgb_close (pixel_at (surface, wx, wy), over_white (dot_rgb, 0.55), 40));
  g_assert_cmpuint (mdk_test_ui_count_color (surface, over_white (dot_rgb, 0.55), 40), >, 60);
  /* The robot ended on the goal: the goal's centre is covered. */
  g_assert_true (mdk_behaviour_view_task_to_widget (MDK_BEHAVIOUR_VIEW (fx.view), 270, 100, &wx, &wy));
  g_assert_cmpfloat (luminance (pixel_at (surface, wx, wy)), <, 200);
  /* A wall: the top one, from (8, 5) to (292, 7), at x = 150. */
  g_assert_true (mdk_behaviour_view_task_to_widget (MDK_BEHAVIOUR_VIEW (fx.view), 150, 6, &wx, &wy));
  g_assert_cmpfloat (luminance (pixel_at (surface, wx, wy)), <, 120);
  cairo_surface_destroy (surface);

  /* The hard map, straight ahead into the wall: still, ending far off;
   * the dots stay until they are taken away. */
  {
    g_autoptr(MdkTask) hard = mdk_test_task_new (&mdk_task_maze_class, "map", "hard", NULL);
    g_autoptr(MdkNetwork) straight = mdk_network_new ();
    g_autoptr(MdkTrace) stuck = NULL;
    gboolean reached;

    mdk_network_begin (straight, task->n_inputs, 2, task->n_inputs + 3);
    mdk_network_set_node (straight, task->n_inputs + 1, MDK_ACTIVATION_IDENTITY, 0.5);
    mdk_network_set_node (straight, task->n_inputs + 2, MDK_ACTIVATION_IDENTITY, 1.0);
    mdk_network_compile (straight);
    stuck = mdk_task_trace (hard, straight);
    g_assert_cmpfloat (mdk_maze_trace_end_distance (stuck, &reached), >, 100);
    g_assert_false (reached);
    mdk_behaviour_view_set_trace (MDK_BEHAVIOUR_VIEW (fx.view), stuck);
    g_assert_cmpuint (mdk_behaviour_view_get_n_frames (MDK_BEHAVIOUR_VIEW (fx.view)), ==, 0);
    mdk_test_ui_flush ();
    surface = mdk_test_ui_render (fx.view);
    mdk_test_ui_save (surface, "behaviour-maze-hard.png");
    g_assert_cmpuint (mdk_test_ui_count_color (surface, over_white (dot_rgb, 0.55), 40), >, 60);
    cairo_surface_destroy (surface);

    mdk_behaviour_view_set_behaviours (MDK_BEHAVIOUR_VIEW (fx.view), NULL, 0);
    mdk_test_ui_flush ();
    surface = mdk_test_ui_render (fx.view);
    g_assert_cmpuint (mdk_test_ui_count_color (surface, over_white (dot_rgb, 0.55), 40), <, 10);
    cairo_surface_destroy (surface);
  }
  fixture_clear (&fx);
}

int
main (int    argc,
      char **argv)
{
  mdk_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/behaviour/palette", test_palette);
  g_test_add_func ("/ui/behaviour/draw-offscreen", test_draw_offscreen);
  g_test_add_func ("/ui/behaviour/placeholder", test_placeholder);
  g_test_add_func ("/ui/behaviour/grid", test_grid);
  g_test_add_func ("/ui/behaviour/grid-custom-area", test_grid_custom_area);
  g_test_add_func ("/ui/behaviour/grid-click", test_grid_click);
  g_test_add_func ("/ui/behaviour/truth-table", test_truth_table);
  g_test_add_func ("/ui/behaviour/confusion", test_confusion);
  g_test_add_func ("/ui/behaviour/regression", test_regression);
  g_test_add_func ("/ui/behaviour/small", test_screenshots_small);
  g_test_add_func ("/ui/behaviour/paint-custom", test_paint_custom);
  g_test_add_func ("/ui/behaviour/real-tasks", test_real_tasks);
  g_test_add_func ("/ui/behaviour/image", test_image);
  g_test_add_func ("/ui/behaviour/cart-pole", test_cart_pole);
  g_test_add_func ("/ui/behaviour/cart-pole-nv", test_cart_pole_nv);
  g_test_add_func ("/ui/behaviour/function", test_function);
  g_test_add_func ("/ui/behaviour/truth-grid", test_truth_grid);
  g_test_add_func ("/ui/behaviour/maze", test_maze);

  return g_test_run ();
}
