/* The network layout (a pure function), its Cairo drawing on an image
 * surface, hit testing, and the read-only network view with its tooltips. */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mdk-network-draw.h"
#include "mdk-network-view.h"
#include "mdk-test-ui.h"

#define BLUE 0x1c71d8
#define ORANGE 0xe66100

static const char * const input_names[] = { "left", "right", NULL };
static const char * const output_names[] = { "answer", NULL };

/* Inputs 0, 1, bias 2, output 3; hidden 4 → 5 → 3 and 6 → 3:
 *
 *   0 ─┬→ 4 → 5 → 3
 *   1 ─┘          ↑
 *   1 ──→ 6 ──────┘     plus 0 → 3 directly, 2 → 4, and 1 → 3 disabled
 */
static MdkNeatGenome *
make_genome (void)
{
  MdkNeatGenome *g = mdk_neat_genome_new (2, 1);

  mdk_neat_genome_insert_node (g, 4, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.25);
  mdk_neat_genome_insert_node (g, 5, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_RELU, -0.5);
  mdk_neat_genome_insert_node (g, 6, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_GAUSSIAN, 0.0);
  g->nodes[3].activation = MDK_ACTIVATION_SIGMOID;
  mdk_neat_genome_insert_conn (g, 0, 4, 1, 2.5, TRUE);
  mdk_neat_genome_insert_conn (g, 1, 4, 2, -2.5, TRUE);
  mdk_neat_genome_insert_conn (g, 4, 5, 3, 1.5, TRUE);
  mdk_neat_genome_insert_conn (g, 5, 3, 4, -3.0, TRUE);
  mdk_neat_genome_insert_conn (g, 1, 6, 5, 0.75, TRUE);
  mdk_neat_genome_insert_conn (g, 6, 3, 6, 2.0, TRUE);
  mdk_neat_genome_insert_conn (g, 0, 3, 7, -0.5, TRUE);
  mdk_neat_genome_insert_conn (g, 2, 4, 8, 0.3, TRUE);
  mdk_neat_genome_insert_conn (g, 1, 3, 9, 1.0, FALSE);
  return g;
}

static const MdkNetworkLayoutNode *
node_of (const MdkNeatGenome    *g,
         const MdkNetworkLayout *layout,
         guint32                 id)
{
  int v = mdk_neat_genome_find_node (g, id);

  g_assert_cmpint (v, >=, 0);
  return &layout->nodes[v];
}

static int
conn_index (const MdkNeatGenome *g,
            guint32              in,
            guint32              out)
{
  int i = mdk_neat_genome_find_conn (g, in, out);

  g_assert_cmpint (i, >=, 0);
  return i;
}

/* What every layout must satisfy. */
static void
check_layout (const MdkNeatGenome    *g,
              const MdkNetworkLayout *layout)
{
  g_assert_cmpuint (layout->n_nodes, ==, g->n_nodes);
  g_assert_cmpuint (layout->n_conns, ==, g->n_conns);
  g_assert_cmpuint (layout->n_columns, >=, 2);
  for (guint v = 0; v < g->n_nodes; v++)
    {
      const MdkNetworkLayoutNode *n = &layout->nodes[v];

      g_assert_cmpfloat (n->x, >=, 0.0);
      g_assert_cmpfloat (n->x, <=, 1.0);
      g_assert_cmpfloat (n->y, >, 0.0);
      g_assert_cmpfloat (n->y, <, 1.0);
      g_assert_cmpuint (n->column, <, layout->n_columns);
      switch (g->nodes[v].type)
        {
        case MDK_NEAT_NODE_INPUT:
        case MDK_NEAT_NODE_BIAS:
          g_assert_cmpfloat (n->x, ==, 0.0);
          break;
        case MDK_NEAT_NODE_OUTPUT:
          g_assert_cmpfloat (n->x, ==, 1.0);
          break;
        default:
          g_assert_cmpfloat (n->x, >, 0.0);
          g_assert_cmpfloat (n->x, <, 1.0);
        }
      /* No two nodes on the same spot. */
      for (guint w = 0; w < v; w++)
        g_assert_false (layout->nodes[w].column == n->column && layout->nodes[w].y == n->y);
    }
  /* Once the recurrent connections are left out, every enabled connection
   * from an input or a hidden node goes to the right. */
  for (guint i = 0; i < g->n_conns; i++)
    {
      const MdkNeatConn *c = &g->conns[i];
      int a = mdk_neat_genome_find_node (g, c->in), b = mdk_neat_genome_find_node (g, c->out);

      if (!c->enabled || (layout->conn_flags[i] & MDK_NETWORK_CONN_RECURRENT))
        continue;
      if (g->nodes[a].type == MDK_NEAT_NODE_OUTPUT || g->nodes[b].type <= MDK_NEAT_NODE_BIAS)
        continue;
      g_assert_cmpfloat (layout->nodes[b].x, >, layout->nodes[a].x);
      g_assert_false (layout->conn_flags[i] & MDK_NETWORK_CONN_BACKWARD);
    }
}

static void
test_layout_columns (void)
{
  g_autoptr(MdkNeatGenome) g = make_genome ();
  MdkNetworkLayout layout = { 0 };

  mdk_network_layout (g, &layout);
  check_layout (g, &layout);

  /* Depth: 4 and 6 one step from the inputs, 5 two; outputs after them. */
  g_assert_cmpuint (layout.n_columns, ==, 4);
  g_assert_cmpuint (node_of (g, &layout, 4)->column, ==, 1);
  g_assert_cmpuint (node_of (g, &layout, 6)->column, ==, 1);
  g_assert_cmpuint (node_of (g, &layout, 5)->column, ==, 2);
  g_assert_cmpuint (node_of (g, &layout, 3)->column, ==, 3);
  g_assert_cmpfloat (node_of (g, &layout, 0)->x, ==, 0.0);
  g_assert_cmpfloat (node_of (g, &layout, 2)->x, ==, 0.0);
  g_assert_cmpfloat (node_of (g, &layout, 3)->x, ==, 1.0);

  /* A hidden node lies between its source and its target. */
  g_assert_cmpfloat (node_of (g, &layout, 0)->x, <, node_of (g, &layout, 4)->x);
  g_assert_cmpfloat (node_of (g, &layout, 4)->x, <, node_of (g, &layout, 5)->x);
  g_assert_cmpfloat (node_of (g, &layout, 5)->x, <, node_of (g, &layout, 3)->x);

  /* Rows: inputs in id order, then the bias; 4 (fed by 0 and 1) above 6 (fed by 1). */
  g_assert_cmpfloat (node_of (g, &layout, 0)->y, <, node_of (g, &layout, 1)->y);
  g_assert_cmpfloat (node_of (g, &layout, 1)->y, <, node_of (g, &layout, 2)->y);
  g_assert_cmpfloat (node_of (g, &layout, 4)->y, <, node_of (g, &layout, 6)->y);
  g_assert_cmpfloat (node_of (g, &layout, 3)->y, ==, 0.5);
  g_assert_cmpuint (layout.max_rows, ==, 3);

  for (guint i = 0; i < g->n_conns; i++)
    g_assert_cmpuint (layout.conn_flags[i], ==, 0);
  mdk_network_layout_clear (&layout);
  g_assert_null (layout.nodes);
}

static void
test_layout_minimal (void)
{
  g_autoptr(MdkNeatGenome) g = mdk_neat_genome_new (3, 2);
  MdkNetworkLayout layout = { 0 };

  mdk_neat_genome_insert_conn (g, 0, 4, 1, 1.0, TRUE);
  mdk_neat_genome_insert_conn (g, 2, 5, 2, -1.0, TRUE);
  mdk_network_layout (g, &layout);
  check_layout (g, &layout);
  g_assert_cmpuint (layout.n_columns, ==, 2);
  g_assert_cmpuint (layout.max_rows, ==, 4);
  g_assert_cmpfloat (node_of (g, &layout, 4)->y, ==, 0.25);
  g_assert_cmpfloat (node_of (g, &layout, 5)->y, ==, 0.75);
  mdk_network_layout_clear (&layout);
}

static void
test_layout_recurrent (void)
{
  g_autoptr(MdkNeatGenome) g = make_genome ();
  MdkNetworkLayout layout = { 0 };

  /* A cycle 4 → 5 → 4, a self-loop on 5, output 3 back into 6, and an island
   * 7 ⇄ 8 that no input reaches. */
  mdk_neat_genome_insert_conn (g, 5, 4, 10, -1.0, TRUE);
  mdk_neat_genome_insert_conn (g, 5, 5, 11, 0.5, TRUE);
  mdk_neat_genome_insert_conn (g, 3, 6, 12, 1.0, TRUE);
  mdk_neat_genome_insert_node (g, 7, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.0);
  mdk_neat_genome_insert_node (g, 8, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.0);
  mdk_neat_genome_insert_conn (g, 7, 8, 13, 1.0, TRUE);
  mdk_neat_genome_insert_conn (g, 8, 7, 14, 1.0, TRUE);
  mdk_neat_genome_insert_conn (g, 8, 3, 15, 1.0, TRUE);

  mdk_network_layout (g, &layout);
  check_layout (g, &layout);

  /* The feed-forward depths are those without the recurrent edges. */
  g_assert_cmpuint (node_of (g, &layout, 4)->column, ==, 1);
  g_assert_cmpuint (node_of (g, &layout, 5)->column, ==, 2);
  g_assert_cmpuint (node_of (g, &layout, 6)->column, ==, 1);
  g_assert_cmpuint (layout.n_columns, ==, 4);

  g_assert_true (layout.conn_flags[conn_index (g, 5, 4)] & MDK_NETWORK_CONN_RECURRENT);
  g_assert_true (layout.conn_flags[conn_index (g, 5, 4)] & MDK_NETWORK_CONN_BACKWARD);
  g_assert_true (layout.conn_flags[conn_index (g, 5, 5)] & MDK_NETWORK_CONN_SELF);
  g_assert_true (layout.conn_flags[conn_index (g, 5, 5)] & MDK_NETWORK_CONN_RECURRENT);
  g_assert_true (layout.conn_flags[conn_index (g, 3, 6)] & MDK_NETWORK_CONN_BACKWARD);
  g_assert_false (layout.conn_flags[conn_index (g, 4, 5)] & MDK_NETWORK_CONN_RECURRENT);
  g_assert_false (layout.conn_flags[conn_index (g, 6, 3)] & MDK_NETWORK_CONN_BACKWARD);
  /* Exactly one edge of the island's cycle is cut. */
  g_assert_cmpint (!!(layout.conn_flags[conn_index (g, 7, 8)] & MDK_NETWORK_CONN_RECURRENT) +
                   !!(layout.conn_flags[conn_index (g, 8, 7)] & MDK_NETWORK_CONN_RECURRENT), ==, 1);
  mdk_network_layout_clear (&layout);
}

/* Random recurrent genomes grown by mutation: the invariants always hold. */
static void
test_layout_random (void)
{
  MdkNeatParams params;
  MdkRng rng;

  mdk_neat_params_init_defaults (&params);
  params.add_node_rate = 0.3;
  params.add_connection_rate = 0.6;
  params.allow_recurrent = TRUE;
  mdk_rng_init (&rng, 17);
  for (guint trial = 0; trial < 20; trial++)
    {
      g_autoptr(MdkNeatInnovation) tracker = mdk_neat_innovation_new (4 * 2 + 1, 4 + 1 + 2);
      g_autoptr(MdkNeatGenome) g = mdk_neat_genome_new_minimal (4, 2, MDK_ACTIVATION_SIGMOID, 1.0, &rng);

      for (guint step = 0; step < 40; step++)
        {
          MdkNetworkLayout layout = { 0 };

          mdk_neat_genome_mutate (g, &params, tracker, &rng);
          mdk_network_layout (g, &layout);
          check_layout (g, &layout);
          mdk_network_layout_clear (&layout);
        }
    }
}

static cairo_surface_t *
draw_to_surface (const MdkNeatGenome *g,
                 int                  width,
                 int                  height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  MdkNetworkLayout layout = { 0 };
  MdkNetworkDrawOptions options;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  mdk_network_layout (g, &layout);
  mdk_network_draw_options_init (&options);
  mdk_network_draw (cr, width, height, g, &layout, input_names, output_names, &options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  mdk_network_layout_clear (&layout);
  return surface;
}

static void
test_draw_colours (void)
{
  g_autoptr(MdkNeatGenome) g = make_genome ();
  g_autoptr(MdkNeatGenome) positive = make_genome ();
  cairo_surface_t *surface;
  guint blue, orange;

  /* Both signs: both colours. */
  surface = draw_to_surface (g, 480, 300);
  blue = mdk_test_ui_count_color (surface, BLUE, 12);
  orange = mdk_test_ui_count_color (surface, ORANGE, 12);
  g_test_message ("blue %u, orange %u pixels", blue, orange);
  g_assert_cmpuint (blue, >, 200);
  g_assert_cmpuint (orange, >, 200);
  mdk_test_ui_save (surface, "network-draw.png");
  cairo_surface_destroy (surface);

  /* Only positive weights: no orange at all. */
  for (guint i = 0; i < positive->n_conns; i++)
    positive->conns[i].weight = fabs (positive->conns[i].weight);
  surface = draw_to_surface (positive, 480, 300);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, BLUE, 12), >, 200);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, ORANGE, 40), ==, 0);
  cairo_surface_destroy (surface);

  /* A thumbnail still shows both. */
  surface = draw_to_surface (g, 120, 80);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, BLUE, 12), >, 10);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, ORANGE, 12), >, 10);
  mdk_test_ui_save (surface, "network-draw-thumbnail.png");
  cairo_surface_destroy (surface);
}

static void
test_draw_recurrent (void)
{
  g_autoptr(MdkNeatGenome) g = make_genome ();
  cairo_surface_t *surface;

  mdk_neat_genome_insert_conn (g, 5, 4, 10, -1.0, TRUE);
  mdk_neat_genome_insert_conn (g, 5, 5, 11, 0.5, TRUE);
  mdk_neat_genome_insert_conn (g, 3, 6, 12, 1.0, TRUE);
  surface = draw_to_surface (g, 480, 300);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, BLUE, 12), >, 200);
  mdk_test_ui_save (surface, "network-draw-recurrent.png");
  cairo_surface_destroy (surface);
}

/* Forty inputs in 300 pixels: small nodes, every few names, still both
 * colours. */
static void
test_draw_many_inputs (void)
{
  g_autoptr(MdkNeatGenome) g = NULL;
  cairo_surface_t *surface;
  MdkRng rng;

  mdk_rng_init (&rng, 3);
  g = mdk_neat_genome_new_minimal (40, 2, MDK_ACTIVATION_SIGMOID, 2.0, &rng);
  surface = draw_to_surface (g, 480, 300);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, BLUE, 12), >, 20);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, ORANGE, 12), >, 20);
  mdk_test_ui_save (surface, "network-draw-many-inputs.png");
  cairo_surface_destroy (surface);
}

static void
test_hit_test (void)
{
  g_autoptr(MdkNeatGenome) g = mdk_neat_genome_new (1, 1);
  MdkNetworkLayout layout = { 0 };
  MdkNetworkGeometry geom;
  double x0, y0, x2, y2;
  int node, conn;

  /* Input 0 and output 2 on one line, the bias below. */
  mdk_neat_genome_insert_conn (g, 0, 2, 1, 1.0, TRUE);
  mdk_network_layout (g, &layout);
  g_assert_cmpfloat (layout.nodes[0].y, ==, 0.25);
  g_assert_cmpfloat (layout.nodes[2].y, ==, 0.5);
  mdk_network_geometry_init (&geom, NULL, 400, 200, g, &layout, NULL, NULL, NULL);
  g_assert_cmpfloat (geom.radius, >, 2.0);

  x0 = geom.x0 + layout.nodes[0].x * geom.sx;
  y0 = geom.y0 + layout.nodes[0].y * geom.sy;
  x2 = geom.x0 + layout.nodes[2].x * geom.sx;
  y2 = geom.y0 + layout.nodes[2].y * geom.sy;
  g_assert_cmpfloat (x0, >=, geom.radius);
  g_assert_cmpfloat (x2, <=, 400 - geom.radius);

  g_assert_true (mdk_network_hit_test (&geom, g, &layout, x0 + 1, y0 - 1, &node, &conn));
  g_assert_cmpint (node, ==, 0);
  g_assert_cmpint (conn, ==, -1);
  g_assert_true (mdk_network_hit_test (&geom, g, &layout, x2, y2, &node, &conn));
  g_assert_cmpint (node, ==, 2);
  /* The S-curve passes through the midpoint of its ends. */
  g_assert_true (mdk_network_hit_test (&geom, g, &layout, (x0 + x2) / 2, (y0 + y2) / 2, &node, &conn));
  g_assert_cmpint (node, ==, -1);
  g_assert_cmpint (conn, ==, 0);
  g_assert_false (mdk_network_hit_test (&geom, g, &layout, (x0 + x2) / 2, 195, &node, &conn));
  g_assert_cmpint (node, ==, -1);
  g_assert_cmpint (conn, ==, -1);
  mdk_network_layout_clear (&layout);
}

static void
test_view_tooltip (void)
{
  g_autoptr(MdkNeatGenome) g = make_genome ();
  GtkWidget *view, *window;
  cairo_surface_t *surface;
  char *text;
  double x, y, x5, y5;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  view = mdk_network_view_new ();
  window = mdk_test_ui_window (view, 560, 340);
  g_assert_null (mdk_network_view_get_genome (MDK_NETWORK_VIEW (view)));
  mdk_network_view_set_genome (MDK_NETWORK_VIEW (view), g, input_names, output_names);
  mdk_test_ui_flush ();

  /* A copy: changing ours changes nothing there. */
  g->conns[0].weight = 99.0;
  g_assert_cmpfloat (mdk_network_view_get_genome (MDK_NETWORK_VIEW (view))->conns[0].weight, ==, 2.5);

  g_assert_true (mdk_network_view_get_node_position (MDK_NETWORK_VIEW (view), 4, &x, &y));
  text = mdk_network_view_dup_tooltip_at (MDK_NETWORK_VIEW (view), x, y);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "Hidden node 4"));
  g_assert_nonnull (strstr (text, "Hyperbolic tangent"));
  g_assert_nonnull (strstr (text, "Bias: 0.25"));
  g_free (text);

  g_assert_true (mdk_network_view_get_node_position (MDK_NETWORK_VIEW (view), 3, &x, &y));
  text = mdk_network_view_dup_tooltip_at (MDK_NETWORK_VIEW (view), x, y);
  g_assert_nonnull (strstr (text, "Output “answer”"));
  g_free (text);

  /* Halfway along 4 → 5 (same row or not, the S-curve passes there). */
  g_assert_true (mdk_network_view_get_node_position (MDK_NETWORK_VIEW (view), 4, &x, &y));
  g_assert_true (mdk_network_view_get_node_position (MDK_NETWORK_VIEW (view), 5, &x5, &y5));
  text = mdk_network_view_dup_tooltip_at (MDK_NETWORK_VIEW (view), (x + x5) / 2, (y + y5) / 2);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "Weight: 1.5"));
  g_assert_nonnull (strstr (text, "Innovation: 3"));
  g_assert_null (strstr (text, "Disabled"));
  g_free (text);

  g_assert_null (mdk_network_view_dup_tooltip_at (MDK_NETWORK_VIEW (view), 1, 1));

  surface = mdk_test_ui_render (window);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, BLUE, 12), >, 200);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, ORANGE, 12), >, 200);
  mdk_test_ui_save (surface, "network-view.png");
  cairo_surface_destroy (surface);

  /* Cleared: nothing blue or orange is left. */
  mdk_network_view_set_genome (MDK_NETWORK_VIEW (view), NULL, NULL, NULL);
  mdk_test_ui_flush ();
  surface = mdk_test_ui_render (window);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, BLUE, 12), ==, 0);
  cairo_surface_destroy (surface);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  mdk_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/network-draw/layout/columns", test_layout_columns);
  g_test_add_func ("/ui/network-draw/layout/minimal", test_layout_minimal);
  g_test_add_func ("/ui/network-draw/layout/recurrent", test_layout_recurrent);
  g_test_add_func ("/ui/network-draw/layout/random", test_layout_random);
  g_test_add_func ("/ui/network-draw/draw/colours", test_draw_colours);
  g_test_add_func ("/ui/network-draw/draw/recurrent", test_draw_recurrent);
  g_test_add_func ("/ui/network-draw/draw/many-inputs", test_draw_many_inputs);
  g_test_add_func ("/ui/network-draw/hit-test", test_hit_test);
  g_test_add_func ("/ui/network-view/tooltip", test_view_tooltip);
  return g_test_run ();
}
