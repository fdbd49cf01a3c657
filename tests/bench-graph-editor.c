/* Snapshot time of the graph editor for a large genome at 1080p: 500 nodes
 * and 5000 connections, the median of 20 calls of MdkGraphEditor's
 * snapshot () with the editor laid out at 1920 × 1080 in a window, for
 * frames where nothing changed and for the first frame after each kind of
 * change: a selection, a hover target, a pan step (the middle-button drag
 * gesture's own signals), a wheel zoom step and an edit (a weight).  Run
 * under Xvfb:
 *   xvfb-run -a -s "-screen 0 1920x1080x24" env GTK_A11Y=none \
 *     GSETTINGS_BACKEND=memory build/tests/bench-graph-editor
 * MDK_BENCH_SAVE=dir also saves a PNG of each case into dir, to compare the
 * look before and after a change to the drawing.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "mdk-graph-editor.h"

#define WIDTH   1920
#define HEIGHT  1080
#define REPEATS 20
#define N_INPUTS 20
#define N_OUTPUTS 10
#define N_NODES 500
#define N_CONNS 5000

/* A random feed-forward genome: connections only from lower to higher
 * "rank" (inputs < hidden by id < outputs), so it has no cycle. */
static MdkNeatGenome *
make_genome (void)
{
  MdkNeatGenome *g = mdk_neat_genome_new (N_INPUTS, N_OUTPUTS);
  GRand *rand = g_rand_new_with_seed (42);
  guint first_hidden = N_INPUTS + 1 + N_OUTPUTS, innovation = 1;

  for (guint32 id = first_hidden; g->n_nodes < N_NODES; id++)
    mdk_neat_genome_insert_node (g, id, MDK_NEAT_NODE_HIDDEN, g_rand_int_range (rand, 0, MDK_N_ACTIVATIONS),
                                 g_rand_double_range (rand, -1, 1));
  while (g->n_conns < N_CONNS)
    {
      /* Rank: inputs and bias 0 … N_INPUTS, hidden next, outputs last. */
      guint a = g_rand_int_range (rand, 0, N_NODES - N_OUTPUTS);
      guint b = g_rand_int_range (rand, N_INPUTS + 1, N_NODES);
      guint32 in, out;

      /* Map ranks to ids: rank ≤ N_INPUTS is that input; later ranks are
       * hidden, then the outputs. */
      in = a <= N_INPUTS ? a : a + N_OUTPUTS;
      out = b < N_NODES - N_OUTPUTS ? b + N_OUTPUTS : b - (N_NODES - N_OUTPUTS) + N_INPUTS + 1;
      if (a >= b || mdk_neat_genome_find_conn (g, in, out) >= 0)
        continue;
      mdk_neat_genome_insert_conn (g, in, out, innovation++, g_rand_double_range (rand, -4, 4),
                                   g_rand_int_range (rand, 0, 10) != 0);
    }
  g_rand_free (rand);
  return g;
}

/* The controller of @type (for a gesture: on @button) of @widget. */
static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type,
                 guint      button)
{
  GListModel *list = gtk_widget_observe_controllers (widget);
  GtkEventController *found = NULL;

  for (guint i = 0; found == NULL && i < g_list_model_get_n_items (list); i++)
    {
      GtkEventController *c = g_list_model_get_item (list, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type) &&
          (button == 0 || gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (c)) == button))
        found = c;
      g_object_unref (c);
    }
  g_object_unref (list);
  return found;
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
  gint64 end = g_get_monotonic_time () + 200000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  const char *dir = g_getenv ("MDK_BENCH_SAVE");
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  GdkTexture *texture;
  GskRenderer *renderer;

  if (dir == NULL)
    return;
  path = g_strdup_printf ("%s/%s.png", dir, name);
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_texture_save_to_png (texture, path);
  g_object_unref (texture);
  gsk_render_node_unref (node);
}

static double
time_snapshot (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  gint64 start = g_get_monotonic_time ();
  GskRenderNode *node;

  /* The class's snapshot () itself, not a node GTK cached last frame. */
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    gsk_render_node_unref (node);
  return (g_get_monotonic_time () - start) / 1000.0;
}

enum { SELECT, HOVER, PAN, ZOOM, EDIT, N_CASES };

static const char * const case_names[N_CASES] = {
  "after a selection change", "after a hover change", "after a pan step",
  "after a zoom step", "after an edit (a weight)",
};

int
main (int    argc,
      char **argv)
{
  g_autoptr(MdkNeatGenome) genome = NULL;
  MdkNeatInnovation *tracker;
  GtkWidget *editor, *window;
  GtkEventController *motion, *pan;
  double still[REPEATS], changed[N_CASES][REPEATS];
  gint64 start;
  double set_ms, worst = 0.0;

  setlocale (LC_ALL, "");
  if (!gtk_init_check ())
    {
      g_printerr ("bench-graph-editor: no display (run it under xvfb-run)\n");
      return 77;
    }
  genome = make_genome ();
  g_assert_true (mdk_neat_genome_is_acyclic (genome));
  tracker = mdk_neat_innovation_new (N_CONNS + 1, N_NODES + N_OUTPUTS + 1);

  editor = mdk_graph_editor_new ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), editor);
  gtk_window_present (GTK_WINDOW (window));
  flush ();
  start = g_get_monotonic_time ();
  mdk_graph_editor_set_genome (MDK_GRAPH_EDITOR (editor), genome, tracker, FALSE, NULL, NULL);
  set_ms = (g_get_monotonic_time () - start) / 1000.0;
  flush ();
  if (gtk_widget_get_width (editor) != WIDTH || gtk_widget_get_height (editor) != HEIGHT)
    g_printerr ("bench-graph-editor: the editor got %d × %d\n",
                gtk_widget_get_width (editor), gtk_widget_get_height (editor));
  motion = find_controller (editor, GTK_TYPE_EVENT_CONTROLLER_MOTION, 0);
  pan = find_controller (editor, GTK_TYPE_GESTURE_DRAG, GDK_BUTTON_MIDDLE);
  g_assert_nonnull (motion);
  g_assert_nonnull (pan);
  save_png (editor, "start");

  for (guint r = 0; r < REPEATS; r++)
    {
      guint32 id = N_INPUTS + 1 + N_OUTPUTS + r;
      double x, y;

      mdk_graph_editor_select_node (MDK_GRAPH_EDITOR (editor), id, FALSE);
      changed[SELECT][r] = time_snapshot (editor);
      still[r] = time_snapshot (editor);
      if (r == 0)
        save_png (editor, "selected");

      /* The pointer over another node: the hover highlight. */
      mdk_graph_editor_get_node_position (MDK_GRAPH_EDITOR (editor), id + 1, &x, &y);
      g_signal_emit_by_name (motion, "motion", x, y);
      changed[HOVER][r] = time_snapshot (editor);
      if (r == 0)
        save_png (editor, "hover");
      g_signal_emit_by_name (motion, "leave");
      time_snapshot (editor);

      /* One step of a middle-button drag. */
      g_signal_emit_by_name (pan, "drag-begin", 500.0, 500.0);
      g_signal_emit_by_name (pan, "drag-update", r % 2 ? -7.0 : 9.0, r % 2 ? 4.0 : -5.0);
      changed[PAN][r] = time_snapshot (editor);
      if (r == 0)
        save_png (editor, "panned");

      /* One wheel notch, in and out in turn. */
      mdk_graph_editor_zoom_at (MDK_GRAPH_EDITOR (editor), r % 2 ? 1 / 1.15 : 1.15, 900, 500);
      changed[ZOOM][r] = time_snapshot (editor);
      if (r == 0)
        save_png (editor, "zoomed");

      mdk_graph_editor_set_weight (MDK_GRAPH_EDITOR (editor), genome->conns[r].innovation,
                                   r % 2 ? 3.5 : -2.5);
      changed[EDIT][r] = time_snapshot (editor);
    }
  g_print ("MdkGraphEditor at %d × %d, %u nodes, %u connections, median of %d:\n"
           "set_genome (layout, copy): %.2f ms\n"
           "snapshot with nothing changed: %.3f ms\n",
           WIDTH, HEIGHT, genome->n_nodes, genome->n_conns, REPEATS, set_ms, median (still));
  for (guint c = 0; c < N_CASES; c++)
    {
      double m = median (changed[c]);

      g_print ("snapshot %s: %.2f ms\n", case_names[c], m);
      worst = MAX (worst, m);
    }
  g_print ("worst case: %.2f ms (target < 8 ms)\n", worst);
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
  mdk_neat_innovation_free (tracker);
  return 0;
}
