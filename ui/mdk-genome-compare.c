#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-genome-compare.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mdk-network-view.h"

typedef enum
{
  GENE_MATCHING,
  GENE_DISJOINT,
  GENE_EXCESS,
  N_GENE_KINDS
} GeneKind;

/* One row of the aligned table: the gene with this innovation number in
 * either genome (-1 when absent). */
typedef struct
{
  guint32  innovation;
  int      ia;
  int      ib;
  GeneKind kind;
} GeneRow;

static const char * const kind_classes[N_GENE_KINDS] = {
  "gene-matching", "gene-disjoint", "gene-excess",
};

/* The tints stay translucent so they work on light and dark themes. */
static const char compare_css[] =
  "genomecompare .gene-matching { background-color: alpha(#2ec27e, 0.25); }\n"
  "genomecompare .gene-disjoint { background-color: alpha(#f6d32d, 0.40); }\n"
  "genomecompare .gene-excess { background-color: alpha(#c061cb, 0.25); }\n"
  "genomecompare .gene-cell { padding: 3px 12px; font-feature-settings: \"tnum\"; }\n"
  "genomecompare .gene-header { padding: 4px 12px; font-weight: bold;"
  " border-bottom: 1px solid alpha(currentColor, 0.25); }\n"
  "genomecompare .gene-swatch { min-width: 14px; min-height: 14px; border-radius: 3px;"
  " border: 1px solid alpha(currentColor, 0.2); }\n"
  /* Dimmed text but the full tint: opacity would fade the background too. */
  "genomecompare .gene-disabled { color: alpha(currentColor, 0.55); }\n"
  "genomecompare .genome-name { font-weight: bold; }\n"
  "genomecompare .gene-table-frame { border: 1px solid alpha(currentColor, 0.12); }\n";

struct _MdkGenomeCompare
{
  GtkWidget      parent_instance;

  MdkNeatGenome *a;
  MdkNeatGenome *b;
  char          *label_a;
  char          *label_b;
  MdkNeatParams  params;

  GArray        *rows;          /* GeneRow */
  guint          n_kind[N_GENE_KINDS];
  double         distance;
  double         n_norm;        /* N */
  double         mean_weight_diff;

  GtkWidget     *headline;
  GtkWidget     *formula;
  GtkWidget     *name_a;
  GtkWidget     *name_b;
  GtkWidget     *view_a;
  GtkWidget     *view_b;
  GtkWidget     *legend_counts[N_GENE_KINDS];
  GtkWidget     *nodes_line;
  GtkWidget     *grid;
};

G_DEFINE_FINAL_TYPE (MdkGenomeCompare, mdk_genome_compare, GTK_TYPE_WIDGET)

static const char *
kind_name (GeneKind kind)
{
  switch (kind)
    {
    case GENE_MATCHING:
      return C_("gene kind", "matching");
    case GENE_DISJOINT:
      return C_("gene kind", "disjoint");
    case GENE_EXCESS:
    default:
      return C_("gene kind", "excess");
    }
}

/* --------------------------------------------------------------- merging */

/* Merges the connection genes on innovation numbers exactly as
 * mdk_neat_genome_distance () does, so the counts shown are the ones δ
 * was computed from. */
static void
merge_genes (MdkGenomeCompare *self)
{
  const MdkNeatGenome *a = self->a, *b = self->b;
  guint ia = 0, ib = 0, n_max;
  double weight_diff = 0.0;

  g_array_set_size (self->rows, 0);
  memset (self->n_kind, 0, sizeof self->n_kind);
  self->distance = 0.0;
  self->n_norm = 1.0;
  self->mean_weight_diff = 0.0;
  if (a == NULL || b == NULL)
    return;

  while (ia < a->n_conns && ib < b->n_conns)
    {
      guint32 inn_a = a->conns[ia].innovation, inn_b = b->conns[ib].innovation;
      GeneRow row;

      if (inn_a == inn_b)
        {
          weight_diff += fabs (a->conns[ia].weight - b->conns[ib].weight);
          row = (GeneRow) { inn_a, ia++, ib++, GENE_MATCHING };
        }
      else if (inn_a < inn_b)
        row = (GeneRow) { inn_a, ia++, -1, GENE_DISJOINT };
      else
        row = (GeneRow) { inn_b, -1, ib++, GENE_DISJOINT };
      self->n_kind[row.kind]++;
      g_array_append_val (self->rows, row);
    }
  /* What is left of either genome lies beyond the other's last innovation. */
  for (; ia < a->n_conns; ia++)
    {
      GeneRow row = { a->conns[ia].innovation, ia, -1, GENE_EXCESS };
      self->n_kind[GENE_EXCESS]++;
      g_array_append_val (self->rows, row);
    }
  for (; ib < b->n_conns; ib++)
    {
      GeneRow row = { b->conns[ib].innovation, -1, ib, GENE_EXCESS };
      self->n_kind[GENE_EXCESS]++;
      g_array_append_val (self->rows, row);
    }

  n_max = MAX (a->n_conns, b->n_conns);
  self->n_norm = n_max < (guint) self->params.compat_normalize_min ? 1.0 : (double) n_max;
  self->mean_weight_diff = self->n_kind[GENE_MATCHING] > 0
                           ? weight_diff / self->n_kind[GENE_MATCHING] : 0.0;
  self->distance = mdk_neat_genome_distance (a, b, &self->params);
}

/* ------------------------------------------------------------- the table */

static GtkWidget *
make_cell (const char *text,
           GeneKind    kind,
           float       xalign,
           gboolean    disabled)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_set_hexpand (label, xalign < 0.5f);
  gtk_widget_add_css_class (label, "gene-cell");
  gtk_widget_add_css_class (label, kind_classes[kind]);
  if (disabled)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_strikethrough_new (TRUE));
      gtk_label_set_attributes (GTK_LABEL (label), attrs);
      pango_attr_list_unref (attrs);
      gtk_widget_add_css_class (label, "gene-disabled");
      gtk_widget_set_tooltip_text (label, _("Disabled: this gene is not expressed in the network"));
    }
  return label;
}

static GtkWidget *
make_gene_cell (const MdkNeatGenome *genome,
                int                  index,
                GeneKind             kind)
{
  const MdkNeatConn *c;
  g_autofree char *text = NULL;

  if (index < 0)
    return make_cell ("", kind, 0.0f, FALSE);
  c = &genome->conns[index];
  /* Node ids and a weight: numbers and an arrow, nothing to translate. */
  text = g_strdup_printf ("%u → %u   %.3f", c->in, c->out, c->weight);
  return make_cell (text, kind, 0.0f, !c->enabled);
}

static GtkWidget *
make_header (const char *text,
             float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "gene-header");
  return label;
}

static void
rebuild_table (MdkGenomeCompare *self)
{
  GtkGrid *grid = GTK_GRID (self->grid);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_grid_remove (grid, child);
  if (self->a == NULL || self->b == NULL)
    return;

  gtk_grid_attach (grid, make_header (C_("column", "Innovation"), 1.0f), 0, 0, 1, 1);
  gtk_grid_attach (grid, make_header (self->label_a, 0.0f), 1, 0, 1, 1);
  gtk_grid_attach (grid, make_header (self->label_b, 0.0f), 2, 0, 1, 1);
  gtk_grid_attach (grid, make_header (C_("column", "Kind"), 0.0f), 3, 0, 1, 1);

  for (guint i = 0; i < self->rows->len; i++)
    {
      const GeneRow *row = &g_array_index (self->rows, GeneRow, i);
      g_autofree char *inn = g_strdup_printf ("%'u", row->innovation);

      gtk_grid_attach (grid, make_cell (inn, row->kind, 1.0f, FALSE), 0, i + 1, 1, 1);
      gtk_grid_attach (grid, make_gene_cell (self->a, row->ia, row->kind), 1, i + 1, 1, 1);
      gtk_grid_attach (grid, make_gene_cell (self->b, row->ib, row->kind), 2, i + 1, 1, 1);
      gtk_grid_attach (grid, make_cell (kind_name (row->kind), row->kind, 0.0f, FALSE),
                       3, i + 1, 1, 1);
    }
}

/* ---------------------------------------------------------- the summary */

/* Ids of the node genes of @g that @other lacks, as "5, 6", or NULL. */
static char *
nodes_only_in (const MdkNeatGenome *g,
               const MdkNeatGenome *other)
{
  GString *s = NULL;

  for (guint i = 0; i < g->n_nodes; i++)
    {
      if (mdk_neat_genome_find_node (other, g->nodes[i].id) >= 0)
        continue;
      if (s == NULL)
        s = g_string_new (NULL);
      else
        g_string_append (s, C_("list separator", ", "));
      g_string_append_printf (s, "%'u", g->nodes[i].id);
    }
  return s ? g_string_free (s, FALSE) : NULL;
}

static void
update_summary (MdkGenomeCompare *self)
{
  const MdkNeatParams *p = &self->params;
  g_autofree char *headline = NULL, *formula = NULL;
  g_autofree char *only_a = NULL, *only_b = NULL;
  GString *nodes;

  gtk_label_set_text (GTK_LABEL (self->name_a), self->label_a);
  gtk_label_set_text (GTK_LABEL (self->name_b), self->label_b);
  mdk_network_view_set_genome (MDK_NETWORK_VIEW (self->view_a), self->a, NULL, NULL);
  mdk_network_view_set_genome (MDK_NETWORK_VIEW (self->view_b), self->b, NULL, NULL);

  for (guint k = 0; k < N_GENE_KINDS; k++)
    {
      g_autofree char *text = NULL;
      guint n = self->n_kind[k];

      switch ((GeneKind) k)
        {
        case GENE_MATCHING:
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u matching gene",
                                               "%u matching genes", n), n);
          break;
        case GENE_DISJOINT:
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u disjoint gene",
                                               "%u disjoint genes", n), n);
          break;
        case GENE_EXCESS:
        default:
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u excess gene",
                                               "%u excess genes", n), n);
          break;
        }
      gtk_label_set_text (GTK_LABEL (self->legend_counts[k]), text);
    }

  if (self->a == NULL || self->b == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->headline), _("No genomes to compare"));
      gtk_label_set_text (GTK_LABEL (self->formula), "");
      gtk_label_set_text (GTK_LABEL (self->nodes_line), "");
      return;
    }

  headline = g_strdup_printf (_("Compatibility distance δ = %.3f"), self->distance);
  gtk_label_set_text (GTK_LABEL (self->headline), headline);

  /* Stanley & Miikkulainen (2002), equation 1, with the numbers put in. */
  formula = g_strdup_printf ("δ = c₁·E/N + c₂·D/N + c₃·W̄ = %g·%u/%g + %g·%u/%g + %g·%.3f"
                             " = %.3f + %.3f + %.3f = %.3f",
                             p->compat_excess, self->n_kind[GENE_EXCESS], self->n_norm,
                             p->compat_disjoint, self->n_kind[GENE_DISJOINT], self->n_norm,
                             p->compat_weight, self->mean_weight_diff,
                             p->compat_excess * self->n_kind[GENE_EXCESS] / self->n_norm,
                             p->compat_disjoint * self->n_kind[GENE_DISJOINT] / self->n_norm,
                             p->compat_weight * self->mean_weight_diff,
                             self->distance);
  gtk_label_set_text (GTK_LABEL (self->formula), formula);

  nodes = g_string_new (NULL);
  only_a = nodes_only_in (self->a, self->b);
  only_b = nodes_only_in (self->b, self->a);
  if (only_a != NULL)
    g_string_append_printf (nodes, _("Node genes only in %s: %s"), self->label_a, only_a);
  if (only_b != NULL)
    {
      if (nodes->len > 0)
        g_string_append_c (nodes, '\n');
      g_string_append_printf (nodes, _("Node genes only in %s: %s"), self->label_b, only_b);
    }
  if (nodes->len == 0)
    g_string_append (nodes, _("Both genomes have the same node genes."));
  gtk_label_set_text (GTK_LABEL (self->nodes_line), nodes->str);
  g_string_free (nodes, TRUE);
}

/* -------------------------------------------------------------- building */

static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  GtkCssProvider *provider;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "mdk-genome-compare-css"))
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, compare_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "mdk-genome-compare-css", provider,
                          g_object_unref);
}

static GtkWidget *
make_genome_pane (GtkWidget **name,
                  GtkWidget **view)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  *name = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (*name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (*name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (*name, "genome-name");
  *view = mdk_network_view_new ();
  mdk_network_view_set_compact (MDK_NETWORK_VIEW (*view), TRUE);
  gtk_widget_set_size_request (*view, 200, 130);
  gtk_widget_set_hexpand (*view, TRUE);
  gtk_widget_add_css_class (*view, "view-frame");
  gtk_box_append (GTK_BOX (box), *name);
  gtk_box_append (GTK_BOX (box), *view);
  gtk_widget_set_hexpand (box, TRUE);
  return box;
}

static GtkWidget *
make_legend (MdkGenomeCompare *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *disabled;
  PangoAttrList *attrs;

  for (guint k = 0; k < N_GENE_KINDS; k++)
    {
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      gtk_widget_add_css_class (swatch, "gene-swatch");
      gtk_widget_add_css_class (swatch, kind_classes[k]);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      self->legend_counts[k] = gtk_label_new (NULL);
      gtk_box_append (GTK_BOX (item), swatch);
      gtk_box_append (GTK_BOX (item), self->legend_counts[k]);
      gtk_box_append (GTK_BOX (box), item);
    }

  disabled = gtk_label_new (C_("gene", "disabled"));
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_strikethrough_new (TRUE));
  gtk_label_set_attributes (GTK_LABEL (disabled), attrs);
  pango_attr_list_unref (attrs);
  gtk_widget_add_css_class (disabled, "dim-label");
  gtk_widget_set_tooltip_text (disabled, _("Struck-out genes are disabled"));
  gtk_box_append (GTK_BOX (box), disabled);
  return box;
}

static void
mdk_genome_compare_init (MdkGenomeCompare *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (widget);
  GtkWidget *label, *panes, *scrolled;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 8);
  ensure_css (widget);
  mdk_neat_params_init_defaults (&self->params);
  self->rows = g_array_new (FALSE, FALSE, sizeof (GeneRow));

  self->headline = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->headline), 0.0f);
  gtk_widget_add_css_class (self->headline, "title-4");
  gtk_widget_set_parent (self->headline, widget);

  self->formula = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->formula), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (self->formula), TRUE);
  gtk_widget_set_parent (self->formula, widget);

  label = gtk_label_new (_("E: excess genes, D: disjoint genes, W̄: mean weight difference "
                           "of the matching genes, N: genes in the larger genome (1 when "
                           "it is small). Crossover takes matching genes from either "
                           "parent at random, disjoint and excess genes from the fitter one."));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_parent (label, widget);

  panes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (panes), TRUE);
  gtk_box_append (GTK_BOX (panes), make_genome_pane (&self->name_a, &self->view_a));
  gtk_box_append (GTK_BOX (panes), make_genome_pane (&self->name_b, &self->view_b));
  gtk_widget_set_margin_top (panes, 6);
  gtk_widget_set_parent (panes, widget);

  gtk_widget_set_parent (make_legend (self), widget);

  self->nodes_line = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->nodes_line), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (self->nodes_line), TRUE);
  gtk_widget_set_parent (self->nodes_line, widget);

  self->grid = gtk_grid_new ();
  gtk_widget_add_css_class (self->grid, "gene-table");
  gtk_widget_set_valign (self->grid, GTK_ALIGN_START);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->grid);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_widget_add_css_class (scrolled, "gene-table-frame");
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_parent (scrolled, widget);

  /* Margins on the children rather than CSS padding on the view, so the
   * view's size is its drawn size (for paintables of it). */
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      gtk_widget_set_margin_start (c, 12);
      gtk_widget_set_margin_end (c, 12);
    }
  gtk_widget_set_margin_top (self->headline, 12);
  gtk_widget_set_margin_bottom (scrolled, 12);

  self->label_a = g_strdup (_("Genome A"));
  self->label_b = g_strdup (_("Genome B"));
  update_summary (self);
}

static void
mdk_genome_compare_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (mdk_genome_compare_parent_class)->dispose (object);
}

static void
mdk_genome_compare_finalize (GObject *object)
{
  MdkGenomeCompare *self = MDK_GENOME_COMPARE (object);

  g_clear_pointer (&self->a, mdk_neat_genome_free);
  g_clear_pointer (&self->b, mdk_neat_genome_free);
  g_clear_pointer (&self->label_a, g_free);
  g_clear_pointer (&self->label_b, g_free);
  g_clear_pointer (&self->rows, g_array_unref);
  G_OBJECT_CLASS (mdk_genome_compare_parent_class)->finalize (object);
}

static void
mdk_genome_compare_class_init (MdkGenomeCompareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdk_genome_compare_dispose;
  object_class->finalize = mdk_genome_compare_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "genomecompare");
}

/* ---------------------------------------------------------------- public */

GtkWidget *
mdk_genome_compare_new (void)
{
  return g_object_new (MDK_TYPE_GENOME_COMPARE, NULL);
}

void
mdk_genome_compare_set_genomes (MdkGenomeCompare    *self,
                                const MdkNeatGenome *a,
                                const char          *label_a,
                                const MdkNeatGenome *b,
                                const char          *label_b,
                                const MdkNeatParams *params)
{
  g_return_if_fail (MDK_IS_GENOME_COMPARE (self));
  g_return_if_fail ((a == NULL) == (b == NULL));

  g_clear_pointer (&self->a, mdk_neat_genome_free);
  g_clear_pointer (&self->b, mdk_neat_genome_free);
  g_free (self->label_a);
  g_free (self->label_b);
  self->a = a ? mdk_neat_genome_copy (a) : NULL;
  self->b = b ? mdk_neat_genome_copy (b) : NULL;
  self->label_a = g_strdup (label_a ? label_a : _("Genome A"));
  self->label_b = g_strdup (label_b ? label_b : _("Genome B"));
  if (params != NULL)
    self->params = *params;
  else
    mdk_neat_params_init_defaults (&self->params);

  merge_genes (self);
  rebuild_table (self);
  update_summary (self);
}

guint
mdk_genome_compare_get_n_matching (MdkGenomeCompare *self)
{
  g_return_val_if_fail (MDK_IS_GENOME_COMPARE (self), 0);
  return self->n_kind[GENE_MATCHING];
}

guint
mdk_genome_compare_get_n_disjoint (MdkGenomeCompare *self)
{
  g_return_val_if_fail (MDK_IS_GENOME_COMPARE (self), 0);
  return self->n_kind[GENE_DISJOINT];
}

guint
mdk_genome_compare_get_n_excess (MdkGenomeCompare *self)
{
  g_return_val_if_fail (MDK_IS_GENOME_COMPARE (self), 0);
  return self->n_kind[GENE_EXCESS];
}

double
mdk_genome_compare_get_distance (MdkGenomeCompare *self)
{
  g_return_val_if_fail (MDK_IS_GENOME_COMPARE (self), 0.0);
  return self->distance;
}
