/* Snapshot time of the plots for short and long histories at 1080p: the
 * median of 20 calls of MdkPlotView's snapshot () with the view laid out at
 * 1920 × 1080 in a window, for 100 and 100 000 generations and every plot
 * kind.  Also times the preparation (decimation, done outside snapshot ()
 * when the history changes or the view zooms) and snapshot plus rendering
 * of the node to pixels with GTK's Cairo renderer.  Run under Xvfb:
 *   xvfb-run -a -s "-screen 0 1920x1080x24" build/tests/bench-plot
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>

#include "mdk-history.h"
#include "mdk-plot-view.h"

#define WIDTH   1920
#define HEIGHT  1080
#define REPEATS 20

static MdkHistory *
make_history (guint n)
{
  MdkHistory *history = mdk_history_new ();
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (MdkGenerationStats));
  GRand *rand = g_rand_new_with_seed (n);

  for (guint i = 0; i < n; i++)
    {
      MdkGenerationStats r = { 0 };
      double t = i;

      r.generation = i;
      r.best = 2.0 + 10.0 * (1.0 - exp (-t / 3000.0)) + g_rand_double_range (rand, 0, 0.5);
      r.mean = 0.65 * r.best + g_rand_double_range (rand, -0.3, 0.3);
      r.median = r.mean * 1.03;
      r.stdev = 0.6 + 0.3 * sin (t / 31.0);
      r.n_species = 8;
      r.mean_hidden = 1.0 + t / 1500.0 + g_rand_double_range (rand, 0, 0.2);
      r.mean_connections = 8.0 + t / 400.0 + g_rand_double_range (rand, 0, 1);
      r.champion_hidden = 1 + i / 1200;
      r.champion_connections = 9 + i / 350;
      r.evaluations = 150 * (guint64) (i + 1);
      r.seconds = 0.02 * (i + 1) + 0.004 * sin (t);
      r.best_train = 0.5 + 0.45 * (1.0 - exp (-t / 1500.0));
      r.best_test = r.best_train - 0.04;
      g_array_append_val (rows, r);
    }
  mdk_history_append (history, (const MdkGenerationStats *) rows->data, n);

  /* Species for every generation (the most work): 8 alive at a time,
   * a new one every 40 generations. */
  for (guint i = 0; i < n; i++)
    {
      MdkSpeciesSample samples[8];
      guint ns = 0;

      for (guint k = i / 40 >= 7 ? i / 40 - 7 : 0; k <= i / 40; k++)
        {
          double age = i - 40.0 * k;
          samples[ns].species_id = k + 1;
          samples[ns].size = (guint) (5 + 20 * sin (G_PI * age / 320.0));
          samples[ns].best_fitness = 1.0;
          ns++;
        }
      mdk_history_set_species (history, i, samples, ns);
    }
  g_rand_free (rand);
  return history;
}

static int
compare (const void *a,
         const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *values)
{
  qsort (values, REPEATS, sizeof (double), compare);
  return (values[REPEATS / 2 - 1] + values[REPEATS / 2]) / 2;
}

static void
flush (void)
{
  gint64 end = g_get_monotonic_time () + 100000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
time_snapshot (GtkWidget      *view,
               GskRenderNode **node)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  gint64 start = g_get_monotonic_time ();

  /* The widget class's snapshot () itself: gtk_widget_snapshot () or a
   * GtkWidgetPaintable could hand back the node GTK cached last frame. */
  GTK_WIDGET_GET_CLASS (view)->snapshot (view, snapshot);
  *node = gtk_snapshot_free_to_node (snapshot);
  return ms_since (start);
}

static double
time_render (GskRenderer   *renderer,
             GskRenderNode *node,
             int            w,
             int            h)
{
  gint64 start = g_get_monotonic_time ();
  GdkTexture *texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));

  g_object_unref (texture);
  return ms_since (start);
}

int
main (int    argc,
      char **argv)
{
  static const char *kinds[] = { "fitness", "complexity", "species", "rate", "accuracy" };
  static const guint lengths[] = { 100, 100000 };
  g_autoptr(GskRenderer) cairo_renderer = NULL;
  double worst = 0, worst_hover = 0;

  setlocale (LC_ALL, "");
  if (!gtk_init_check ())
    {
      g_printerr ("bench-plot: no display (run it under xvfb-run)\n");
      return 77;
    }
  cairo_renderer = gsk_cairo_renderer_new ();
  if (!gsk_renderer_realize (cairo_renderer, NULL, NULL))
    {
      g_printerr ("bench-plot: cannot realize the Cairo renderer\n");
      return 1;
    }

  g_print ("MdkPlotView at %d × %d, median of %d, in ms.\n"
           "prepare: decimation and drawing the series ahead, after a change or a zoom\n"
           "(outside snapshot); snapshot: the view's snapshot () after a change;\n"
           "+ render: that node to pixels with GTK's Cairo renderer; hover: a later frame\n"
           "where only the crosshair/marker overlay changed (the base node is reused).\n\n",
           WIDTH, HEIGHT, REPEATS);
  g_print ("| plot       | generations | prepare | snapshot | + render | hover snapshot | hover + render |\n");
  g_print ("|------------|------------:|--------:|---------:|---------:|---------------:|---------------:|\n");

  for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
    {
      g_autoptr(MdkHistory) history = make_history (lengths[l]);

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          GtkWidget *view = mdk_plot_view_new (k);
          GtkWidget *window = gtk_window_new ();
          double prepare[REPEATS], snap[REPEATS], render[REPEATS];
          double hover[REPEATS], hover_render[REPEATS];
          int w, h;

          mdk_plot_view_set_history (MDK_PLOT_VIEW (view), history);
          gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
          gtk_window_set_child (GTK_WINDOW (window), view);
          gtk_window_present (GTK_WINDOW (window));
          flush ();
          w = gtk_widget_get_width (view);
          h = gtk_widget_get_height (view);
          if (w != WIDTH || h != HEIGHT)
            g_printerr ("bench-plot: the view got %d × %d\n", w, h);

          for (guint r = 0; r < REPEATS; r++)
            {
              GskRenderNode *node;
              gint64 start;

              /* Preparation: what a zoom or a new generation costs. */
              start = g_get_monotonic_time ();
              if (r % 2 == 0)
                mdk_plot_view_zoom (MDK_PLOT_VIEW (view), 0, lengths[l] - 2.0);
              else
                mdk_plot_view_reset_zoom (MDK_PLOT_VIEW (view));
              prepare[r] = ms_since (start);

              snap[r] = time_snapshot (view, &node);
              render[r] = snap[r] + time_render (cairo_renderer, node, w, h);
              gsk_render_node_unref (node);

              /* A pointer move: a new overlay on the same base. */
              mdk_plot_view_set_picked_generation (MDK_PLOT_VIEW (view), (int) (lengths[l] * (r + 1) / (REPEATS + 2)));
              hover[r] = time_snapshot (view, &node);
              hover_render[r] = hover[r] + time_render (cairo_renderer, node, w, h);
              gsk_render_node_unref (node);
            }

          g_print ("| %-10s | %11u | %7.2f | %8.2f | %8.2f | %14.2f | %14.2f |\n",
                   kinds[k], lengths[l], median (prepare), median (snap), median (render),
                   median (hover), median (hover_render));
          worst = MAX (worst, median (snap));
          worst_hover = MAX (worst_hover, median (hover));
          gtk_window_destroy (GTK_WINDOW (window));
          flush ();
        }
    }
  g_print ("slowest snapshot: %.2f ms after a change, %.2f ms for a hover frame (target < 5 ms)\n",
           worst, worst_hover);
  gsk_renderer_unrealize (cairo_renderer);
  return 0;
}
