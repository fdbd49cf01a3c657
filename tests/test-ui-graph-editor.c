/* The node-graph editor: edits through its API and real pointer input,
 * undo/redo gene by gene, refusals, zoom toward the pointer, pixels. */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <math.h>
#include <string.h>

#include "mdk-graph-editor.h"
#include "mdk-test-ui.h"

#define PURPLE 0x9141ac

static const char * const input_names[] = { "left", "right", NULL };
static const char * const output_names[] = { "answer", NULL };

/* Inputs 0, 1, bias 2, output 3, hidden 4:  0 → 4, 1 → 4, 4 → 3, 2 → 3. */
static MdkNeatGenome *
make_genome (void)
{
  MdkNeatGenome *g = mdk_neat_genome_new (2, 1);

  mdk_neat_genome_insert_node (g, 4, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.25);
  g->nodes[3].activation = MDK_ACTIVATION_SIGMOID;
  mdk_neat_genome_insert_conn (g, 0, 4, 1, 2.5, TRUE);
  mdk_neat_genome_insert_conn (g, 1, 4, 2, -2.5, TRUE);
  mdk_neat_genome_insert_conn (g, 4, 3, 3, 1.5, TRUE);
  mdk_neat_genome_insert_conn (g, 2, 3, 4, -0.5, TRUE);
  return g;
}

static void
assert_same_genome (const MdkNeatGenome *a,
                    const MdkNeatGenome *b)
{
  g_assert_cmpuint (a->n_nodes, ==, b->n_nodes);
  g_assert_cmpuint (a->n_conns, ==, b->n_conns);
  for (guint v = 0; v < a->n_nodes; v++)
    {
      g_assert_cmpuint (a->nodes[v].id, ==, b->nodes[v].id);
      g_assert_cmpuint (a->nodes[v].type, ==, b->nodes[v].type);
      g_assert_cmpuint (a->nodes[v].activation, ==, b->nodes[v].activation);
      g_assert_cmpfloat (a->nodes[v].bias, ==, b->nodes[v].bias);
    }
  for (guint i = 0; i < a->n_conns; i++)
    {
      g_assert_cmpuint (a->conns[i].in, ==, b->conns[i].in);
      g_assert_cmpuint (a->conns[i].out, ==, b->conns[i].out);
      g_assert_cmpuint (a->conns[i].innovation, ==, b->conns[i].innovation);
      g_assert_cmpuint (!!a->conns[i].enabled, ==, !!b->conns[i].enabled);
      g_assert_cmpfloat (a->conns[i].weight, ==, b->conns[i].weight);
    }
}

typedef struct
{
  guint  edited;
  guint  started;
  guint  messages;
  char  *last_message;
} Counts;

static void
on_edited (MdkGraphEditor *editor,
           Counts         *c)
{
  c->edited++;
}

static void
on_started (MdkGraphEditor *editor,
            Counts         *c)
{
  c->started++;
}

static void
on_message (MdkGraphEditor *editor,
            const char     *text,
            Counts         *c)
{
  c->messages++;
  g_free (c->last_message);
  c->last_message = g_strdup (text);
}

static GtkWidget *
new_editor (Counts              *counts,
            const MdkNeatGenome *genome,
            MdkNeatInnovation   *tracker)
{
  GtkWidget *editor = mdk_graph_editor_new ();

  g_signal_connect (editor, "edited", G_CALLBACK (on_edited), counts);
  g_signal_connect (editor, "editing-started", G_CALLBACK (on_started), counts);
  g_signal_connect (editor, "message", G_CALLBACK (on_message), counts);
  mdk_graph_editor_set_genome (MDK_GRAPH_EDITOR (editor), genome, tracker, FALSE,
                               input_names, output_names);
  return editor;
}

static void
test_edits (void)
{
  g_autoptr(MdkNeatGenome) genome = make_genome ();
  g_autoptr(MdkNeatGenome) after = NULL;
  MdkNeatInnovation *tracker = mdk_neat_innovation_new (5, 5);
  Counts c = { 0 };
  GtkWidget *editor, *window;
  MdkGraphEditor *ed;
  const MdkNeatGenome *g;
  guint32 split_node;
  double gx, gy;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  editor = new_editor (&c, genome, tracker);
  ed = MDK_GRAPH_EDITOR (editor);
  window = mdk_test_ui_window (editor, 640, 420);
  g_assert_false (mdk_graph_editor_is_modified (ed));
  assert_same_genome (mdk_graph_editor_get_genome (ed), genome);

  /* Connect: a new gene from the tracker. */
  g_assert_true (mdk_graph_editor_connect (ed, 0, 3));
  g = mdk_graph_editor_get_genome (ed);
  g_assert_cmpint (mdk_neat_genome_find_conn (g, 0, 3), >=, 0);
  g_assert_cmpuint (c.edited, ==, 1);
  g_assert_cmpuint (c.started, ==, 1);
  g_assert_true (mdk_graph_editor_is_modified (ed));

  /* A cycle in a feed-forward run: refused, nothing changes. */
  after = mdk_neat_genome_copy (mdk_graph_editor_get_genome (ed));
  g_assert_false (mdk_graph_editor_connect (ed, 3, 4));
  g_assert_cmpuint (c.messages, ==, 1);
  g_assert_nonnull (strstr (c.last_message, "cycle"));
  g_assert_cmpuint (c.edited, ==, 1);
  assert_same_genome (mdk_graph_editor_get_genome (ed), after);

  /* Split connection 1 (0 → 4) with a new node where asked. */
  mdk_graph_editor_widget_to_graph (ed, 200, 100, &gx, &gy);
  split_node = mdk_graph_editor_add_node_at (ed, gx, gy, MDK_ACTIVATION_RELU, 1);
  g_assert_cmpuint (split_node, >=, 5);
  g = mdk_graph_editor_get_genome (ed);
  g_assert_cmpint (mdk_neat_genome_find_node (g, split_node), >=, 0);
  g_assert_cmpint (mdk_neat_genome_find_conn (g, 0, split_node), >=, 0);
  g_assert_cmpint (mdk_neat_genome_find_conn (g, split_node, 4), >=, 0);
  g_assert_false (g->conns[mdk_neat_genome_find_conn (g, 0, 4)].enabled);
  g_assert_cmpuint (c.edited, ==, 2);
  {
    double x, y;
    g_assert_true (mdk_graph_editor_get_node_position (ed, split_node, &x, &y));
    g_assert_cmpfloat (fabs (x - 200), <, 1e-6);
    g_assert_cmpfloat (fabs (y - 100), <, 1e-6);
  }

  /* Deleting an input is refused; the hidden node goes, with its genes. */
  mdk_graph_editor_select_node (ed, 0, FALSE);
  g_assert_cmpuint (mdk_graph_editor_get_n_selected (ed), ==, 1);
  g_assert_false (mdk_graph_editor_delete_selection (ed));
  g_assert_cmpuint (c.messages, ==, 2);
  g_assert_cmpuint (c.edited, ==, 2);
  mdk_graph_editor_select_node (ed, 4, FALSE);
  mdk_graph_editor_select_node (ed, 0, TRUE);
  g_assert_cmpuint (mdk_graph_editor_get_n_selected (ed), ==, 2);
  g_assert_true (mdk_graph_editor_delete_selection (ed));
  g_assert_cmpuint (c.messages, ==, 3);   /* the input part was refused */
  g_assert_cmpuint (c.edited, ==, 3);
  g = mdk_graph_editor_get_genome (ed);
  g_assert_cmpint (mdk_neat_genome_find_node (g, 4), <, 0);
  g_assert_cmpint (mdk_neat_genome_find_conn (g, 4, 3), <, 0);
  g_assert_cmpuint (mdk_graph_editor_get_n_selected (ed), ==, 1);   /* the input */

  /* Delete a selected connection. */
  mdk_graph_editor_select_connection (ed, 4, FALSE);
  g_assert_true (mdk_graph_editor_delete_selection (ed));
  g_assert_cmpint (mdk_neat_genome_find_conn (mdk_graph_editor_get_genome (ed), 2, 3), <, 0);
  g_assert_cmpuint (mdk_graph_editor_get_n_selected (ed), ==, 0);
  g_assert_cmpuint (c.edited, ==, 4);

  /* A weight edit, then all the way back, gene by gene. */
  g_clear_pointer (&after, mdk_neat_genome_free);
  g = mdk_graph_editor_get_genome (ed);
  g_assert_true (mdk_graph_editor_set_weight (ed, g->conns[mdk_neat_genome_find_conn (g, 0, 3)].innovation, -7.25));
  after = mdk_neat_genome_copy (mdk_graph_editor_get_genome (ed));
  g_assert_cmpuint (c.edited, ==, 5);
  for (guint k = 0; k < 5; k++)
    g_assert_true (mdk_graph_editor_undo (ed));
  g_assert_false (mdk_graph_editor_can_undo (ed));
  g_assert_false (mdk_graph_editor_undo (ed));
  g_assert_cmpuint (c.edited, ==, 10);
  assert_same_genome (mdk_graph_editor_get_genome (ed), genome);
  g_assert_false (mdk_graph_editor_is_modified (ed));
  for (guint k = 0; k < 5; k++)
    g_assert_true (mdk_graph_editor_redo (ed));
  g_assert_false (mdk_graph_editor_can_redo (ed));
  g_assert_cmpuint (c.edited, ==, 15);
  assert_same_genome (mdk_graph_editor_get_genome (ed), after);
  g_assert_cmpuint (c.started, ==, 1);

  /* Without a tracker, structure is refused but values may change. */
  mdk_graph_editor_set_genome (ed, genome, NULL, FALSE, NULL, NULL);
  g_assert_false (mdk_graph_editor_connect (ed, 0, 3));
  g_assert_cmpuint (c.messages, ==, 4);
  g_assert_true (mdk_graph_editor_set_bias (ed, 4, 1.5));
  g_assert_cmpfloat (mdk_graph_editor_get_genome (ed)->nodes[4].bias, ==, 1.5);

  gtk_window_destroy (GTK_WINDOW (window));
  mdk_neat_innovation_free (tracker);
  g_free (c.last_message);
}

static void
test_zoom (void)
{
  g_autoptr(MdkNeatGenome) genome = make_genome ();
  MdkNeatInnovation *tracker = mdk_neat_innovation_new (5, 5);
  Counts c = { 0 };
  GtkWidget *editor, *window;
  MdkGraphEditor *ed;
  double gx, gy, gx2, gy2, x, y, x0, y0;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  editor = new_editor (&c, genome, tracker);
  ed = MDK_GRAPH_EDITOR (editor);
  window = mdk_test_ui_window (editor, 640, 420);
  g_assert_cmpfloat (mdk_graph_editor_get_zoom (ed), ==, 1.0);
  g_assert_true (mdk_graph_editor_get_node_position (ed, 4, &x0, &y0));

  mdk_graph_editor_widget_to_graph (ed, 123, 77, &gx, &gy);
  mdk_graph_editor_zoom_at (ed, 2.5, 123, 77);
  g_assert_cmpfloat (fabs (mdk_graph_editor_get_zoom (ed) - 2.5), <, 1e-9);
  mdk_graph_editor_widget_to_graph (ed, 123, 77, &gx2, &gy2);
  g_assert_cmpfloat (fabs (gx - gx2), <, 1e-9);
  g_assert_cmpfloat (fabs (gy - gy2), <, 1e-9);
  mdk_graph_editor_graph_to_widget (ed, gx, gy, &x, &y);
  g_assert_cmpfloat (fabs (x - 123), <, 1e-9);
  g_assert_cmpfloat (fabs (y - 77), <, 1e-9);
  /* The nodes moved apart. */
  g_assert_true (mdk_graph_editor_get_node_position (ed, 4, &x, &y));
  g_assert_cmpfloat (fabs (x - x0), >, 1.0);

  mdk_graph_editor_fit (ed);
  g_assert_cmpfloat (fabs (mdk_graph_editor_get_zoom (ed) - 1.0), <, 1e-9);
  g_assert_true (mdk_graph_editor_get_node_position (ed, 4, &x, &y));
  g_assert_cmpfloat (fabs (x - x0), <, 1e-6);
  g_assert_cmpfloat (fabs (y - y0), <, 1e-6);

  /* A node moved out of the box: fitting zooms out to show it. */
  g_assert_true (mdk_graph_editor_move_node (ed, 4, 2.0, 0.5));
  g_assert_cmpuint (c.started, ==, 1);
  g_assert_cmpuint (c.edited, ==, 0);
  mdk_graph_editor_fit (ed);
  g_assert_cmpfloat (mdk_graph_editor_get_zoom (ed), <, 0.75);
  g_assert_true (mdk_graph_editor_get_node_position (ed, 4, &x, &y));
  g_assert_cmpfloat (x, <, gtk_widget_get_width (editor));

  gtk_window_destroy (GTK_WINDOW (window));
  mdk_neat_innovation_free (tracker);
  g_free (c.last_message);
}

static void
test_pixels (void)
{
  g_autoptr(MdkNeatGenome) genome = make_genome ();
  MdkNeatInnovation *tracker = mdk_neat_innovation_new (5, 5);
  Counts c = { 0 };
  GtkWidget *editor, *window;
  MdkGraphEditor *ed;
  cairo_surface_t *before, *after;
  guint purple_before, purple_after;
  g_autofree char *tip = NULL;
  double x, y;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  editor = new_editor (&c, genome, tracker);
  ed = MDK_GRAPH_EDITOR (editor);
  window = mdk_test_ui_window (editor, 640, 420);

  before = mdk_test_ui_render (editor);
  purple_before = mdk_test_ui_count_color (before, PURPLE, 30);
  g_assert_cmpuint (mdk_test_ui_count_color (before, 0x1c71d8, 30), >, 100);   /* positive weights */
  g_assert_cmpuint (mdk_test_ui_count_color (before, 0xe66100, 30), >, 100);   /* negative weights */

  mdk_graph_editor_select_node (ed, 4, FALSE);
  mdk_graph_editor_select_connection (ed, 3, TRUE);
  {
    guint32 id = mdk_graph_editor_add_node_at (ed, 0.5, 0.12, MDK_ACTIVATION_SINE, 0);

    g_assert_cmpuint (id, !=, 0);
    g_assert_true (mdk_graph_editor_connect (ed, 0, id));
    g_assert_true (mdk_graph_editor_connect (ed, id, 3));
  }
  mdk_test_ui_flush ();
  after = mdk_test_ui_render (editor);
  purple_after = mdk_test_ui_count_color (after, PURPLE, 40);
  g_assert_cmpuint (purple_before, <, 20);
  g_assert_cmpuint (purple_after, >, 150);
  mdk_test_ui_save (after, "graph-editor.png");

  g_assert_true (mdk_graph_editor_get_node_position (ed, 4, &x, &y));
  tip = mdk_graph_editor_dup_tooltip_at (ed, x, y);
  g_assert_nonnull (strstr (tip, "Hidden node 4"));
  g_assert_nonnull (strstr (tip, "Bias: 0.25"));

  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
  gtk_window_destroy (GTK_WINDOW (window));
  mdk_neat_innovation_free (tracker);
  g_free (c.last_message);
}

/* Real pointer and keys through xdotool. */
static gboolean
xdo (const char *fmt,
     ...)
{
  va_list args;
  g_autofree char *args_text = NULL;
  g_autofree char *cmd = NULL;
  int status = 0;

  va_start (args, fmt);
  args_text = g_strdup_vprintf (fmt, args);
  va_end (args);
  cmd = g_strconcat ("xdotool ", args_text, NULL);
  if (!g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_gestures (void)
{
  g_autoptr(MdkNeatGenome) genome = make_genome ();
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  MdkNeatInnovation *tracker = mdk_neat_innovation_new (5, 5);
  Counts c = { 0 };
  GtkWidget *editor, *window;
  MdkGraphEditor *ed;
  GdkSurface *surface;
  gulong xid;
  double x0, y0, x3, y3, x, y, tx, ty, z;
  graphene_point_t p;

  if (!mdk_test_ui_has_display () || xdotool == NULL ||
      !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("needs X11 and xdotool");
      return;
    }
  editor = new_editor (&c, genome, tracker);
  ed = MDK_GRAPH_EDITOR (editor);
  window = mdk_test_ui_window (editor, 640, 420);
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  xid = gdk_x11_surface_get_xid (surface);
  gtk_native_get_surface_transform (GTK_NATIVE (window), &tx, &ty);
  g_assert_true (gtk_widget_compute_point (editor, window, &GRAPHENE_POINT_INIT (0, 0), &p));
  tx += p.x;
  ty += p.y;
  g_assert_true (xdo ("windowfocus --sync %lu", xid));

  /* Drag from input 0's right side to the output: a new connection. */
  g_assert_true (mdk_graph_editor_get_node_position (ed, 0, &x0, &y0));
  g_assert_true (mdk_graph_editor_get_node_position (ed, 3, &x3, &y3));
  g_assert_true (xdo ("mousemove --window %lu %d %d mousedown 1", xid,
                      (int) (tx + x0 + 8), (int) (ty + y0)));
  mdk_test_ui_flush ();
  for (guint k = 1; k <= 5; k++)
    {
      g_assert_true (xdo ("mousemove --window %lu %d %d", xid,
                          (int) (tx + x0 + (x3 - x0) * k / 5), (int) (ty + y0 + (y3 - y0) * k / 5)));
      mdk_test_ui_flush ();
    }
  g_assert_true (xdo ("mouseup 1"));
  mdk_test_ui_flush ();
  g_assert_cmpint (mdk_neat_genome_find_conn (mdk_graph_editor_get_genome (ed), 0, 3), >=, 0);
  g_assert_cmpuint (c.edited, ==, 1);

  /* Ctrl+Z undoes it. */
  g_assert_true (xdo ("key ctrl+z"));
  mdk_test_ui_flush ();
  g_assert_cmpint (mdk_neat_genome_find_conn (mdk_graph_editor_get_genome (ed), 0, 3), <, 0);
  g_assert_cmpuint (c.edited, ==, 2);
  g_assert_true (xdo ("key ctrl+shift+z"));
  mdk_test_ui_flush ();
  g_assert_cmpint (mdk_neat_genome_find_conn (mdk_graph_editor_get_genome (ed), 0, 3), >=, 0);
  g_assert_cmpuint (c.edited, ==, 3);

  /* Shift+A over a connection, then Return on the first activation: the
   * connection is split by a new hidden node, as NEAT's add-node does. */
  {
    const MdkNeatGenome *g;
    double x1, y1, x4, y4;
    int split, k;
    guint n_nodes = mdk_graph_editor_get_genome (ed)->n_nodes;

    g_assert_true (mdk_graph_editor_get_node_position (ed, 1, &x1, &y1));
    g_assert_true (mdk_graph_editor_get_node_position (ed, 4, &x4, &y4));
    split = mdk_neat_genome_find_conn (mdk_graph_editor_get_genome (ed), 1, 4);
    g_assert_cmpint (split, >=, 0);
    g_assert_true (xdo ("mousemove --window %lu %d %d", xid,
                        (int) (tx + (x1 + x4) / 2), (int) (ty + (y1 + y4) / 2)));
    mdk_test_ui_flush ();
    g_assert_true (xdo ("key shift+a"));
    mdk_test_ui_flush ();
    g_assert_true (xdo ("key Return"));
    mdk_test_ui_flush ();
    g = mdk_graph_editor_get_genome (ed);
    g_assert_cmpuint (g->n_nodes, ==, n_nodes + 1);
    k = mdk_neat_genome_find_conn (g, 1, 4);
    g_assert_cmpint (k, >=, 0);
    g_assert_false (g->conns[k].enabled);
    g_assert_cmpint (mdk_neat_genome_find_conn (g, 1, g->nodes[g->n_nodes - 1].id), >=, 0);
    g_assert_cmpint (mdk_neat_genome_find_conn (g, g->nodes[g->n_nodes - 1].id, 4), >=, 0);
    g_assert_cmpuint (c.edited, ==, 4);
    /* Undo puts the connection back as it was. */
    g_assert_true (xdo ("key ctrl+z"));
    mdk_test_ui_flush ();
    g = mdk_graph_editor_get_genome (ed);
    g_assert_cmpuint (g->n_nodes, ==, n_nodes);
    g_assert_true (g->conns[mdk_neat_genome_find_conn (g, 1, 4)].enabled);
    g_assert_cmpuint (c.edited, ==, 5);
  }

  /* Rubber band around the hidden node from empty space, then Delete. */
  g_assert_true (mdk_graph_editor_get_node_position (ed, 4, &x, &y));
  g_assert_true (xdo ("mousemove --window %lu %d %d mousedown 1", xid,
                      (int) (tx + x - 30), (int) (ty + y - 60)));
  mdk_test_ui_flush ();
  g_assert_true (xdo ("mousemove --window %lu %d %d", xid, (int) (tx + x), (int) (ty + y)));
  mdk_test_ui_flush ();
  g_assert_true (xdo ("mousemove --window %lu %d %d mouseup 1", xid, (int) (tx + x + 30), (int) (ty + y + 40)));
  mdk_test_ui_flush ();
  g_assert_cmpuint (mdk_graph_editor_get_n_selected (ed), ==, 1);
  g_assert_true (xdo ("key Delete"));
  mdk_test_ui_flush ();
  g_assert_cmpint (mdk_neat_genome_find_node (mdk_graph_editor_get_genome (ed), 4), <, 0);
  g_assert_cmpuint (c.edited, ==, 6);

  /* The wheel zooms in toward the pointer. */
  z = mdk_graph_editor_get_zoom (ed);
  {
    double gx, gy, gx2, gy2;

    mdk_graph_editor_widget_to_graph (ed, 300, 200, &gx, &gy);
    g_assert_true (xdo ("mousemove --window %lu %d %d click 4", xid, (int) (tx + 300), (int) (ty + 200)));
    mdk_test_ui_flush ();
    g_assert_cmpfloat (mdk_graph_editor_get_zoom (ed), >, z);
    mdk_graph_editor_widget_to_graph (ed, 300, 200, &gx2, &gy2);
    g_assert_cmpfloat (fabs (gx - gx2), <, 1e-6);
    g_assert_cmpfloat (fabs (gy - gy2), <, 1e-6);
  }

  /* Middle drag pans. */
  g_assert_true (mdk_graph_editor_get_node_position (ed, 3, &x, &y));
  g_assert_true (xdo ("mousemove --window %lu %d %d mousedown 2", xid, (int) (tx + 300), (int) (ty + 300)));
  mdk_test_ui_flush ();
  g_assert_true (xdo ("mousemove --window %lu %d %d", xid, (int) (tx + 320), (int) (ty + 310)));
  mdk_test_ui_flush ();
  g_assert_true (xdo ("mousemove --window %lu %d %d mouseup 2", xid, (int) (tx + 340), (int) (ty + 320)));
  mdk_test_ui_flush ();
  g_assert_true (mdk_graph_editor_get_node_position (ed, 3, &x3, &y3));
  g_assert_cmpfloat (fabs (x3 - x - 40), <, 1.5);
  g_assert_cmpfloat (fabs (y3 - y - 20), <, 1.5);

  gtk_window_destroy (GTK_WINDOW (window));
  mdk_neat_innovation_free (tracker);
  g_free (c.last_message);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  mdk_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/graph-editor/edits", test_edits);
  g_test_add_func ("/ui/graph-editor/zoom", test_zoom);
  g_test_add_func ("/ui/graph-editor/pixels", test_pixels);
  g_test_add_func ("/ui/graph-editor/gestures", test_gestures);
  return g_test_run ();
}
