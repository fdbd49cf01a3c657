/* The genome comparison view on the two parents of Stanley & Miikkulainen
 * (2002), figure 4: gene alignment on innovation numbers, the counts, δ,
 * the table and its tints as really drawn. */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include <math.h>

#include "mdk-genome-compare.h"
#include "mdk-neat-genome.h"
#include "mdk-test-ui.h"

/* The CSS tints of the view (mdk-genome-compare.c), and their alpha. */
#define MATCHING_RGB 0x2ec27e
#define MATCHING_ALPHA 0.25
#define DISJOINT_RGB 0xf6d32d
#define DISJOINT_ALPHA 0.40
#define EXCESS_RGB 0xc061cb
#define EXCESS_ALPHA 0.25

/* ------------------------------------------------------------- fixtures */

/* Figure 4 in our numbering: paper nodes 1, 2, 3 are inputs 0, 1, 2 (the
 * bias is 3), node 4 the output and 5, 6 hidden. */
typedef struct
{
  guint    innovation;
  guint    in, out;     /* paper numbering */
  gboolean enabled;
} Gene;

static const Gene parent1[] = {
  { 1, 1, 4, TRUE }, { 2, 2, 4, FALSE }, { 3, 3, 4, TRUE }, { 4, 2, 5, TRUE },
  { 5, 5, 4, TRUE }, { 8, 1, 5, TRUE },
};
static const Gene parent2[] = {
  { 1, 1, 4, TRUE }, { 2, 2, 4, FALSE }, { 3, 3, 4, TRUE }, { 4, 2, 5, TRUE },
  { 5, 5, 4, FALSE }, { 6, 5, 6, TRUE }, { 7, 6, 4, TRUE }, { 9, 3, 5, TRUE },
  { 10, 1, 6, TRUE },
};

static guint32
paper_node (guint id)
{
  return id <= 3 ? id - 1 : id;
}

static MdkNeatGenome *
figure4_genome (guint parent)
{
  const Gene *genes = parent == 1 ? parent1 : parent2;
  guint n = parent == 1 ? G_N_ELEMENTS (parent1) : G_N_ELEMENTS (parent2);
  MdkNeatGenome *g = mdk_neat_genome_new (3, 1);
  g_autoptr(GError) error = NULL;

  mdk_neat_genome_insert_node (g, 5, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.0);
  if (parent == 2)
    mdk_neat_genome_insert_node (g, 6, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.0);
  for (guint i = 0; i < n; i++)
    mdk_neat_genome_insert_conn (g, paper_node (genes[i].in), paper_node (genes[i].out),
                                 genes[i].innovation,
                                 parent == 1 ? 0.5 + 0.125 * genes[i].innovation
                                             : -0.25 - 0.0625 * genes[i].innovation,
                                 genes[i].enabled);
  g_assert_true (mdk_neat_genome_validate (g, FALSE, &error));
  g_assert_no_error (error);
  return g;
}

/* ------------------------------------------------------------- helpers */

static GtkWidget *
find_by_class (GtkWidget  *widget,
               const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_by_class (c, css_class);
      if (found)
        return found;
    }
  return NULL;
}

static GtkGrid *
gene_table (GtkWidget *compare)
{
  GtkWidget *grid = find_by_class (compare, "gene-table");

  g_assert_nonnull (grid);
  g_assert_true (GTK_IS_GRID (grid));
  return GTK_GRID (grid);
}

/* Data rows of the table (row 0 holds the column titles). */
static guint
table_rows (GtkWidget *compare)
{
  GtkGrid *grid = gene_table (compare);
  guint n = 0;

  while (gtk_grid_get_child_at (grid, 0, n + 1) != NULL)
    n++;
  return n;
}

static const char *
cell_text (GtkWidget *compare,
           int        column,
           int        row)
{
  GtkWidget *cell = gtk_grid_get_child_at (gene_table (compare), column, row);

  g_assert_nonnull (cell);
  return gtk_label_get_text (GTK_LABEL (cell));
}

/* The data row showing innovation number @innovation, or -1. */
static int
row_of (GtkWidget *compare,
        guint      innovation)
{
  g_autofree char *text = g_strdup_printf ("%'u", innovation);

  for (guint r = 1; r <= table_rows (compare); r++)
    if (g_strcmp0 (cell_text (compare, 0, r), text) == 0)
      return r;
  return -1;
}

static gboolean
has_strikethrough (GtkWidget *label)
{
  PangoAttrList *attrs = gtk_label_get_attributes (GTK_LABEL (label));
  PangoAttrIterator *it;
  gboolean struck = FALSE;

  if (attrs == NULL)
    return FALSE;
  it = pango_attr_list_get_iterator (attrs);
  do
    {
      PangoAttrInt *a = (PangoAttrInt *) pango_attr_iterator_get (it, PANGO_ATTR_STRIKETHROUGH);
      struck |= a != NULL && a->value;
    }
  while (pango_attr_iterator_next (it));
  pango_attr_iterator_destroy (it);
  return struck;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *p;

  cairo_surface_flush (surface);
  p = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) + 4 * x;
  return (p[2] << 16) | (p[1] << 8) | p[0];
}

/* @tint at @alpha over @bg. */
static guint32
blend (guint32 tint,
       double  alpha,
       guint32 bg)
{
  guint32 out = 0;

  for (int shift = 16; shift >= 0; shift -= 8)
    {
      double t = (tint >> shift) & 0xff, b = (bg >> shift) & 0xff;
      out |= (guint32) lround (b * (1.0 - alpha) + t * alpha) << shift;
    }
  return out;
}

static gboolean
close_to (guint32 a,
          guint32 b,
          int     tolerance)
{
  for (int shift = 16; shift >= 0; shift -= 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

/* The colour 3 px inside the left edge of a table cell, in @surface
 * rendered from @compare. */
static guint32
cell_colour (cairo_surface_t *surface,
             GtkWidget       *compare,
             int              column,
             int              row)
{
  GtkWidget *cell = gtk_grid_get_child_at (gene_table (compare), column, row);
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (compare));
  graphene_rect_t bounds, origin;

  /* Both relative to the window: the difference is where the cell lies in
   * the rendering of @compare, whatever coordinate origin GTK uses. */
  g_assert_true (gtk_widget_compute_bounds (cell, root, &bounds));
  g_assert_true (gtk_widget_compute_bounds (compare, root, &origin));
  return pixel_at (surface, (int) (bounds.origin.x - origin.origin.x) + 3,
                   (int) (bounds.origin.y - origin.origin.y + bounds.size.height / 2));
}

/* --------------------------------------------------------------- tests */

static void
test_figure4 (void)
{
  g_autoptr(MdkNeatGenome) a = figure4_genome (1);
  g_autoptr(MdkNeatGenome) b = figure4_genome (2);
  GtkWidget *compare, *window, *nodes;
  MdkGenomeCompare *self;
  cairo_surface_t *surface;
  MdkNeatParams params;
  guint32 bg;
  int r;


  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  compare = mdk_genome_compare_new ();
  self = MDK_GENOME_COMPARE (compare);
  window = mdk_test_ui_window (compare, 900, 900);
  mdk_genome_compare_set_genomes (self, a, "Parent 1", b, "Parent 2", NULL);
  mdk_test_ui_flush ();

  /* Figure 4: 1–5 match, 6, 7 (parent 2) and 8 (parent 1) are disjoint,
   * 9 and 10 excess. */
  g_assert_cmpuint (mdk_genome_compare_get_n_matching (self), ==, 5);
  g_assert_cmpuint (mdk_genome_compare_get_n_disjoint (self), ==, 3);
  g_assert_cmpuint (mdk_genome_compare_get_n_excess (self), ==, 2);
  mdk_neat_params_init_defaults (&params);
  g_assert_cmpfloat (mdk_genome_compare_get_distance (self), ==,
                     mdk_neat_genome_distance (a, b, &params));
  g_assert_cmpfloat (mdk_genome_compare_get_distance (self), >, 5.0);

  /* The table: one row per innovation number in either genome, in order. */
  g_assert_cmpuint (table_rows (compare), ==, 10);
  for (guint i = 1; i <= 10; i++)
    g_assert_cmpint (row_of (compare, i), ==, i);
  g_assert_cmpstr (cell_text (compare, 1, 0), ==, "Parent 1");
  g_assert_cmpstr (cell_text (compare, 2, 0), ==, "Parent 2");
  for (guint i = 1; i <= 5; i++)
    g_assert_cmpstr (cell_text (compare, 3, i), ==, "matching");
  g_assert_cmpstr (cell_text (compare, 3, 6), ==, "disjoint");
  g_assert_cmpstr (cell_text (compare, 3, 7), ==, "disjoint");
  g_assert_cmpstr (cell_text (compare, 3, 8), ==, "disjoint");
  g_assert_cmpstr (cell_text (compare, 3, 9), ==, "excess");
  g_assert_cmpstr (cell_text (compare, 3, 10), ==, "excess");
  /* Gene 8 is only parent 1's (1 → 5, i.e. node 0 → 5), gene 6 only parent 2's. */
  g_assert_true (g_str_has_prefix (cell_text (compare, 1, 8), "0 → 5"));
  g_assert_cmpstr (cell_text (compare, 2, 8), ==, "");
  g_assert_cmpstr (cell_text (compare, 1, 6), ==, "");
  g_assert_true (g_str_has_prefix (cell_text (compare, 2, 6), "5 → 6"));
  g_assert_nonnull (strstr (cell_text (compare, 1, 1), "0.625"));

  /* Gene 2 is disabled in both, gene 5 only in parent 2. */
  g_assert_true (has_strikethrough (gtk_grid_get_child_at (gene_table (compare), 1, 2)));
  g_assert_true (has_strikethrough (gtk_grid_get_child_at (gene_table (compare), 2, 2)));
  g_assert_false (has_strikethrough (gtk_grid_get_child_at (gene_table (compare), 1, 5)));
  g_assert_true (has_strikethrough (gtk_grid_get_child_at (gene_table (compare), 2, 5)));
  g_assert_true (gtk_widget_has_css_class (gtk_grid_get_child_at (gene_table (compare), 2, 5),
                                           "gene-disabled"));

  /* Node 6 is parent 2's only. */
  nodes = NULL;
  for (GtkWidget *c = gtk_widget_get_first_child (compare); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LABEL (c) && strstr (gtk_label_get_text (GTK_LABEL (c)), "Node genes") != NULL)
      nodes = c;
  g_assert_nonnull (nodes);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (nodes)), ==, "Node genes only in Parent 2: 6");

  /* Real pixels: every kind is tinted, each in its own rows. */
  surface = mdk_test_ui_render (compare);
  mdk_test_ui_save (surface, "genome-compare-figure4.png");
  bg = pixel_at (surface, 2, 2);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, blend (MATCHING_RGB, MATCHING_ALPHA, bg), 6),
                    >, 5000);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, blend (DISJOINT_RGB, DISJOINT_ALPHA, bg), 6),
                    >, 3000);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, blend (EXCESS_RGB, EXCESS_ALPHA, bg), 6),
                    >, 2000);
  for (int col = 0; col < 4; col++)
    {
      g_assert_true (close_to (cell_colour (surface, compare, col, 3),
                               blend (MATCHING_RGB, MATCHING_ALPHA, bg), 6));
      g_assert_true (close_to (cell_colour (surface, compare, col, 7),
                               blend (DISJOINT_RGB, DISJOINT_ALPHA, bg), 6));
      g_assert_true (close_to (cell_colour (surface, compare, col, 10),
                               blend (EXCESS_RGB, EXCESS_ALPHA, bg), 6));
    }
  cairo_surface_destroy (surface);

  /* Other coefficients: δ follows them, still as the core computes it. */
  params.compat_normalize_min = 0;
  params.compat_weight = 1.0;
  mdk_genome_compare_set_genomes (self, a, "Parent 1", b, "Parent 2", &params);
  g_assert_cmpfloat (mdk_genome_compare_get_distance (self), ==,
                     mdk_neat_genome_distance (a, b, &params));
  g_assert_cmpfloat_with_epsilon (mdk_genome_compare_get_distance (self),
                                  2.0 / 9 + 3.0 / 9 + (0.75 + 0.1875 * 3),   /* |w1 - w2| = 0.75 + 0.1875 i */
                                  1e-12);
  r = row_of (compare, 9);
  g_assert_cmpint (r, ==, 9);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_reset (void)
{
  g_autoptr(MdkNeatGenome) a = figure4_genome (1);
  g_autoptr(MdkNeatGenome) b = figure4_genome (2);
  GtkWidget *compare, *window;
  MdkGenomeCompare *self;
  cairo_surface_t *surface;
  guint32 bg;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  compare = mdk_genome_compare_new ();
  self = MDK_GENOME_COMPARE (compare);
  window = mdk_test_ui_window (compare, 800, 700);

  /* Swapped: the same counts, the rows of 8 and 6 change sides. */
  mdk_genome_compare_set_genomes (self, b, NULL, a, NULL, NULL);
  g_assert_cmpuint (mdk_genome_compare_get_n_matching (self), ==, 5);
  g_assert_cmpuint (mdk_genome_compare_get_n_disjoint (self), ==, 3);
  g_assert_cmpuint (mdk_genome_compare_get_n_excess (self), ==, 2);
  g_assert_cmpuint (table_rows (compare), ==, 10);
  g_assert_cmpstr (cell_text (compare, 1, 8), ==, "");
  g_assert_cmpstr (cell_text (compare, 1, 0), ==, "Genome A");

  /* The genomes were copied: changing ours changes nothing shown. */
  a->conns[0].weight = 100.0;
  g_assert_null (strstr (cell_text (compare, 2, 1), "100"));

  /* A genome against itself: all matching, δ = 0, no tint but green. */
  mdk_genome_compare_set_genomes (self, b, "B", b, "B again", NULL);
  mdk_test_ui_flush ();
  g_assert_cmpuint (mdk_genome_compare_get_n_matching (self), ==, 9);
  g_assert_cmpuint (mdk_genome_compare_get_n_disjoint (self), ==, 0);
  g_assert_cmpuint (mdk_genome_compare_get_n_excess (self), ==, 0);
  g_assert_cmpfloat (mdk_genome_compare_get_distance (self), ==, 0.0);
  g_assert_cmpuint (table_rows (compare), ==, 9);
  surface = mdk_test_ui_render (compare);
  mdk_test_ui_save (surface, "genome-compare-same.png");
  bg = pixel_at (surface, 2, 2);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, blend (MATCHING_RGB, MATCHING_ALPHA, bg), 6),
                    >, 5000);
  /* Only the legend's swatches are left of the other tints. */
  g_assert_cmpuint (mdk_test_ui_count_color (surface, blend (EXCESS_RGB, EXCESS_ALPHA, bg), 6),
                    <, 400);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, blend (DISJOINT_RGB, DISJOINT_ALPHA, bg), 6),
                    <, 400);
  cairo_surface_destroy (surface);

  /* Cleared. */
  mdk_genome_compare_set_genomes (self, NULL, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (table_rows (compare), ==, 0);
  g_assert_cmpuint (mdk_genome_compare_get_n_matching (self), ==, 0);
  g_assert_cmpfloat (mdk_genome_compare_get_distance (self), ==, 0.0);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  mdk_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/genome-compare/figure4", test_figure4);
  g_test_add_func ("/ui/genome-compare/swap-copy-clear", test_reset);
  return g_test_run ();
}
