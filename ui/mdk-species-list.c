#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-species-list.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mdk-history.h"
#include "mdk-lineage-view.h"
#include "mdk-neat-genome.h"
#include "mdk-network-view.h"

/* ------------------------------------------------------------ list items */

/* A species row.  Items keep their report alive, so the champion pointer
 * stays valid as long as GTK holds the item.  Rows are reused from one
 * report to the next (see refill_store ()): an item changes its content and
 * says so, and the list keeps its row widgets instead of making new ones at
 * every refresh, which cost more than anything else in the studio while a
 * run goes (issue 3). */
#define MDK_TYPE_SPECIES_ITEM (mdk_species_item_get_type ())
G_DECLARE_FINAL_TYPE (MdkSpeciesItem, mdk_species_item, MDK, SPECIES_ITEM, GObject)

struct _MdkSpeciesItem
{
  GObject         parent_instance;
  MdkReport      *report;
  MdkSpeciesInfo  info;
};

G_DEFINE_FINAL_TYPE (MdkSpeciesItem, mdk_species_item, G_TYPE_OBJECT)

static guint species_item_changed;

static void
mdk_species_item_finalize (GObject *object)
{
  MdkSpeciesItem *self = MDK_SPECIES_ITEM (object);

  g_clear_pointer (&self->report, mdk_report_unref);
  G_OBJECT_CLASS (mdk_species_item_parent_class)->finalize (object);
}

static void
mdk_species_item_class_init (MdkSpeciesItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mdk_species_item_finalize;
  species_item_changed = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mdk_species_item_init (MdkSpeciesItem *self)
{
}

static void
mdk_species_item_set (MdkSpeciesItem       *self,
                      MdkReport            *report,
                      const MdkSpeciesInfo *info)
{
  mdk_report_ref (report);
  g_clear_pointer (&self->report, mdk_report_unref);
  self->report = report;
  self->info = *info;
  g_signal_emit (self, species_item_changed, 0);
}

static MdkSpeciesItem *
mdk_species_item_new (MdkReport            *report,
                      const MdkSpeciesInfo *info)
{
  MdkSpeciesItem *self = g_object_new (MDK_TYPE_SPECIES_ITEM, NULL);

  mdk_species_item_set (self, report, info);
  return self;
}

/* A genome row, of any algorithm. */
#define MDK_TYPE_GENOME_ITEM (mdk_genome_item_get_type ())
G_DECLARE_FINAL_TYPE (MdkGenomeItem, mdk_genome_item, MDK, GENOME_ITEM, GObject)

struct _MdkGenomeItem
{
  GObject              parent_instance;
  MdkReport           *report;
  gconstpointer        genome;   /* owned by report, of report->klass */
  MdkGenomeInfo        info;
};

G_DEFINE_FINAL_TYPE (MdkGenomeItem, mdk_genome_item, G_TYPE_OBJECT)

static guint genome_item_changed;

static void
mdk_genome_item_finalize (GObject *object)
{
  MdkGenomeItem *self = MDK_GENOME_ITEM (object);

  g_clear_pointer (&self->report, mdk_report_unref);
  G_OBJECT_CLASS (mdk_genome_item_parent_class)->finalize (object);
}

static void
mdk_genome_item_class_init (MdkGenomeItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mdk_genome_item_finalize;
  genome_item_changed = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mdk_genome_item_init (MdkGenomeItem *self)
{
}

static void
mdk_genome_item_set (MdkGenomeItem *self,
                     MdkReport     *report,
                     gconstpointer  genome)
{
  mdk_report_ref (report);
  g_clear_pointer (&self->report, mdk_report_unref);
  self->report = report;
  self->genome = genome;
  report->klass->describe (report->klass, genome, &self->info);
  g_signal_emit (self, genome_item_changed, 0);
}

static MdkGenomeItem *
mdk_genome_item_new (MdkReport     *report,
                     gconstpointer  genome)
{
  MdkGenomeItem *self = g_object_new (MDK_TYPE_GENOME_ITEM, NULL);

  mdk_genome_item_set (self, report, genome);
  return self;
}

/* Both item types, for refill_store (). */
static gpointer
species_item_new (MdkReport     *report,
                  gconstpointer  data)
{
  return mdk_species_item_new (report, data);
}

static void
species_item_set (gpointer       item,
                  MdkReport     *report,
                  gconstpointer  data)
{
  mdk_species_item_set (item, report, data);
}

static gpointer
genome_item_new (MdkReport     *report,
                 gconstpointer  data)
{
  return mdk_genome_item_new (report, data);
}

static void
genome_item_set (gpointer       item,
                 MdkReport     *report,
                 gconstpointer  data)
{
  mdk_genome_item_set (item, report, data);
}

/* Makes @store hold one item per element of @data, reusing its items in
 * place (set) and adding (new) or removing only at the end, then has
 * @sorted sort again: the rows keep their widgets. */
static void
refill_store (GListStore       *store,
              GtkSortListModel *sorted,
              MdkReport        *report,
              GPtrArray        *data,
              gpointer        (*item_new) (MdkReport *report, gconstpointer data),
              void            (*item_set) (gpointer item, MdkReport *report, gconstpointer data))
{
  guint old = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint kept = MIN (old, data->len);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < kept; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);
      item_set (item, report, data->pdata[i]);
    }
  /* Sorted again before the store grows or shrinks: the sort model merges
   * added items into its order, which the changed items have broken
   * (GTK then warns of a comparison that "violates its general contract"
   * and may list an item twice). */
  if (kept > 0 && gtk_sort_list_model_get_sorter (sorted) != NULL)
    gtk_sorter_changed (gtk_sort_list_model_get_sorter (sorted), GTK_SORTER_CHANGE_DIFFERENT);
  for (guint i = kept; i < data->len; i++)
    g_ptr_array_add (added, item_new (report, data->pdata[i]));
  if (old != data->len)
    g_list_store_splice (store, kept, old - kept, added->pdata, added->len);
}

/* ---------------------------------------------------------------- widget */

typedef enum
{
  SPECIES_COLOR,
  SPECIES_ID,
  SPECIES_SIZE,
  SPECIES_BEST,
  SPECIES_MEAN,
  SPECIES_AGE,
  SPECIES_STAGNANT,
  SPECIES_OFFSPRING,
} SpeciesColumn;

typedef enum
{
  GENOME_ID,
  GENOME_FITNESS,
  GENOME_HIDDEN,
  GENOME_CONNECTIONS,
  GENOME_ORIGIN,
} GenomeColumn;

struct _MdkSpeciesList
{
  GtkWidget           parent_instance;

  MdkReport          *report;           /* the last report with details */

  GtkWidget          *paned;
  GListStore         *species_store;    /* MdkSpeciesItem */
  GtkSortListModel   *species_sorted;     /* owned by the selection */
  GtkSingleSelection *species_selection;
  GtkWidget          *species_view;

  GtkWidget          *genome_title;
  GListStore         *genome_store;     /* MdkGenomeItem */
  GtkSortListModel   *genome_sorted;      /* owned by the selection */
  GtkSingleSelection *genome_selection;
  GtkWidget          *genome_view;

  GtkWidget          *expander;
  GtkWidget          *gallery;
  gboolean            gallery_dirty;

  guint32             selected_species;
  guint64             selected_genome;
  gboolean            live;
  gint64              genomes_listed_at;  /* monotonic µs */
  guint32             genomes_species;    /* whose genomes are listed */
  gboolean            genomes_stale;      /* a later report is not listed yet */
  guint               updating;         /* > 0: selection changes are ours */
};

enum
{
  GENOME_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define LIVE_GENOMES_INTERVAL (3 * G_USEC_PER_SEC)

G_DEFINE_FINAL_TYPE (MdkSpeciesList, mdk_species_list, GTK_TYPE_WIDGET)

static gboolean
report_is_neat (MdkReport *report)
{
  return report != NULL && report->klass == &mdk_neat_class;
}

/* Fitness with invalid values last, whichever way the column is sorted. */
static double
genome_fitness (const MdkGenomeInfo *info)
{
  return isfinite (info->fitness) ? info->fitness : -G_MAXDOUBLE;
}

static char *
format_fitness (double fitness,
                gboolean valid)
{
  if (!valid || !isfinite (fitness))
    return g_strdup ("—");
  return g_strdup_printf ("%.5g", fitness);
}

#define CMP(a, b) ((a) < (b) ? GTK_ORDERING_SMALLER : (a) > (b) ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL)

static int
compare_species (gconstpointer a,
                 gconstpointer b,
                 gpointer      column)
{
  const MdkSpeciesInfo *x = &((MdkSpeciesItem *) a)->info, *y = &((MdkSpeciesItem *) b)->info;
  int c = GTK_ORDERING_EQUAL;

  switch ((SpeciesColumn) GPOINTER_TO_INT (column))
    {
    case SPECIES_SIZE: c = CMP (x->size, y->size); break;
    case SPECIES_BEST: c = CMP (x->best_fitness, y->best_fitness); break;
    case SPECIES_MEAN: c = CMP (x->mean_fitness, y->mean_fitness); break;
    case SPECIES_AGE: c = CMP (x->age, y->age); break;
    case SPECIES_STAGNANT: c = CMP (x->since_improved, y->since_improved); break;
    case SPECIES_OFFSPRING: c = CMP (x->offspring, y->offspring); break;
    case SPECIES_COLOR:
    case SPECIES_ID:
    default:
      break;
    }
  return c != GTK_ORDERING_EQUAL ? c : CMP (x->id, y->id);
}

static int
compare_genomes (gconstpointer a,
                 gconstpointer b,
                 gpointer      column)
{
  const MdkGenomeItem *x = a, *y = b;
  int c = GTK_ORDERING_EQUAL;

  switch ((GenomeColumn) GPOINTER_TO_INT (column))
    {
    case GENOME_FITNESS: c = CMP (genome_fitness (&x->info), genome_fitness (&y->info)); break;
    case GENOME_HIDDEN: c = CMP (x->info.hidden, y->info.hidden); break;
    case GENOME_CONNECTIONS: c = CMP (x->info.connections, y->info.connections); break;
    case GENOME_ORIGIN: c = CMP (x->info.origin, y->info.origin); break;
    case GENOME_ID:
    default:
      break;
    }
  return c != GTK_ORDERING_EQUAL ? c : CMP (x->info.id, y->info.id);
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  MdkRGBA color;
  double size = MIN (MIN (width, height), 14), x = (width - size) / 2, y = (height - size) / 2;
  double r = 3.0;

  mdk_history_species_color (GPOINTER_TO_UINT (data), &color);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + size - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + size - r, y + size - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + size - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, color.red, color.green, color.blue);
  cairo_fill (cr);
}

static GtkWidget *
swatch_new (void)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 14);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  return area;
}

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  numeric)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (GPOINTER_TO_INT (numeric))
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
setup_swatch (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  data)
{
  gtk_list_item_set_child (list_item, swatch_new ());
}

static void
show_species (GtkListItem *list_item,
              gpointer     column)
{
  MdkSpeciesItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  const MdkSpeciesInfo *s = &item->info;
  g_autofree char *text = NULL;

  switch ((SpeciesColumn) GPOINTER_TO_INT (column))
    {
    case SPECIES_COLOR:
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (child), draw_swatch,
                                      GUINT_TO_POINTER (s->id), NULL);
      gtk_widget_queue_draw (child);
      return;
    case SPECIES_ID: text = g_strdup_printf ("%u", s->id); break;
    case SPECIES_SIZE: text = g_strdup_printf ("%'u", s->size); break;
    case SPECIES_BEST: text = format_fitness (s->best_fitness, TRUE); break;
    case SPECIES_MEAN: text = format_fitness (s->mean_fitness, TRUE); break;
    case SPECIES_AGE: text = g_strdup_printf ("%'u", s->age); break;
    case SPECIES_STAGNANT: text = g_strdup_printf ("%'u", s->since_improved); break;
    case SPECIES_OFFSPRING: text = g_strdup_printf ("%'u", s->offspring); break;
    default: break;
    }
  gtk_label_set_text (GTK_LABEL (child), text);
}

static void
show_genome (GtkListItem *list_item,
             gpointer     column)
{
  MdkGenomeItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const MdkGenomeInfo *g = &item->info;
  g_autofree char *text = NULL;

  switch ((GenomeColumn) GPOINTER_TO_INT (column))
    {
    case GENOME_ID: text = g_strdup_printf ("%" G_GUINT64_FORMAT, g->id); break;
    case GENOME_FITNESS: text = format_fitness (g->fitness, TRUE); break;
    case GENOME_HIDDEN: text = g_strdup_printf ("%'u", g->hidden); break;
    case GENOME_CONNECTIONS: text = g_strdup_printf ("%'u", g->connections); break;
    case GENOME_ORIGIN: text = mdk_lineage_describe_origin (g->origin, g->mutations); break;
    default: break;
    }
  gtk_label_set_text (GTK_LABEL (label), text);
}

/* A cell shows its item, and again whenever the item changes. */
static void
on_item_changed (GtkListItem *list_item)
{
  void (*show) (GtkListItem *, gpointer) = g_object_get_data (G_OBJECT (list_item), "mdk-show");

  show (list_item, g_object_get_data (G_OBJECT (list_item), "mdk-column"));
}

static void
bind_cell (GtkListItem *list_item,
           gpointer     column,
           void       (*show) (GtkListItem *, gpointer))
{
  g_object_set_data (G_OBJECT (list_item), "mdk-show", show);
  g_object_set_data (G_OBJECT (list_item), "mdk-column", column);
  g_signal_connect_swapped (gtk_list_item_get_item (list_item), "changed",
                            G_CALLBACK (on_item_changed), list_item);
  show (list_item, column);
}

static void
bind_species (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  column)
{
  bind_cell (list_item, column, show_species);
}

static void
bind_genome (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  column)
{
  bind_cell (list_item, column, show_genome);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  column)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item), on_item_changed, list_item);
}

static GtkColumnViewColumn *
add_column (GtkColumnView *view,
            const char    *title,
            GCallback      setup,
            GCallback      bind,
            int            column,
            gboolean       numeric,
            GCompareDataFunc compare)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_signal_connect (factory, "setup", setup, GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "bind", bind, GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), NULL);
  col = gtk_column_view_column_new (title, factory);
  if (compare != NULL)
    {
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare, GINT_TO_POINTER (column), NULL));
      gtk_column_view_column_set_sorter (col, sorter);
    }
  gtk_column_view_column_set_resizable (col, TRUE);
  /* Numbers share the width; text columns get it in the genome list. */
  gtk_column_view_column_set_expand (col, compare != NULL);
  gtk_column_view_append_column (view, col);
  g_object_unref (col);
  return col;   /* owned by the view */
}

/* The selected item of @selection, or NULL. */
static gpointer
selected_item (GtkSingleSelection *selection)
{
  return gtk_single_selection_get_selected_item (selection);
}

static guint
find_position (GListModel *model,
               gboolean  (*match) (gpointer item, gconstpointer key),
               gconstpointer key)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      if (match (item, key))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static gboolean
species_matches (gpointer      item,
                 gconstpointer key)
{
  return ((MdkSpeciesItem *) item)->info.id == *(const guint32 *) key;
}

static gboolean
genome_matches (gpointer      item,
                gconstpointer key)
{
  return ((MdkGenomeItem *) item)->info.id == *(const guint64 *) key;
}

/* A run just loaded from a project has no evaluated generation yet: the
 * project keeps each species' champion, not its other genomes. */
static gboolean
report_has_only_champions (MdkReport *report)
{
  return report_is_neat (report) && report->genomes != NULL && report->genomes->len == 0;
}

static void
update_genome_title (MdkSpeciesList *self)
{
  g_autofree char *text = NULL;

  if (self->report != NULL && !report_is_neat (self->report) &&
      (self->report->genomes == NULL || self->report->genomes->len == 0))
    text = g_strdup (_("This algorithm forms no species; its genomes are listed from the next generation on"));
  else if (self->report != NULL && !report_is_neat (self->report))
    text = g_strdup (_("The last generation (this algorithm forms no species)"));
  else if (self->selected_species != 0 && report_has_only_champions (self->report))
    text = g_strdup_printf (_("Champion of species %u (its other genomes are listed after the next generation)"),
                            self->selected_species);
  else if (self->selected_species != 0)
    text = g_strdup_printf (_("Genomes of species %u"), self->selected_species);
  gtk_label_set_text (GTK_LABEL (self->genome_title),
                      text ? text : _("Select a species to list its genomes"));
}

/* Fills the genome list with the selected species' genomes and selects the
 * previously selected genome again if it is still there, silently. */
static void
rebuild_genomes (MdkSpeciesList *self)
{
  g_autoptr(GPtrArray) genomes = g_ptr_array_new ();
  guint pos;

  self->updating++;
  self->genomes_listed_at = g_get_monotonic_time ();
  self->genomes_species = self->selected_species;
  self->genomes_stale = FALSE;
  if (self->selected_species != 0 && report_is_neat (self->report) && self->report->genomes != NULL)
    for (guint i = 0; i < self->report->genomes->len; i++)
      {
        const MdkNeatGenome *g = self->report->genomes->pdata[i];
        if (g->species_id == self->selected_species)
          g_ptr_array_add (genomes, (gpointer) g);
      }
  /* Without species, the whole generation. */
  if (self->report != NULL && !report_is_neat (self->report) && self->report->genomes != NULL)
    g_ptr_array_extend (genomes, self->report->genomes, NULL, NULL);
  if (self->selected_species != 0 && report_has_only_champions (self->report))
    for (guint i = 0; i < self->report->species->len; i++)
      {
        const MdkSpeciesInfo *info = &g_array_index (self->report->species, MdkReportSpecies, i).info;
        if (info->id == self->selected_species && info->champion != NULL)
          g_ptr_array_add (genomes, (gpointer) info->champion);
      }
  refill_store (self->genome_store, self->genome_sorted, self->report, genomes,
                genome_item_new, genome_item_set);
  pos = find_position (G_LIST_MODEL (self->genome_sorted), genome_matches, &self->selected_genome);
  gtk_single_selection_set_selected (self->genome_selection, pos);
  update_genome_title (self);
  self->updating--;
}

static void
on_species_selection_changed (MdkSpeciesList *self)
{
  MdkSpeciesItem *item = selected_item (self->species_selection);

  if (self->updating)
    return;
  self->selected_species = item ? item->info.id : 0;
  rebuild_genomes (self);
}

static void
on_genome_selection_changed (MdkSpeciesList *self)
{
  MdkGenomeItem *item = selected_item (self->genome_selection);

  if (self->updating || item == NULL)
    return;
  self->selected_genome = item->info.id;
  g_signal_emit (self, signals[GENOME_SELECTED], 0, (gpointer) item->genome);
}

/* Enter or a double click on a row picks it again, say after the views
 * went back to following the champion. */
static void
on_genome_activated (GtkColumnView  *view,
                     guint           position,
                     MdkSpeciesList *self)
{
  g_autoptr(MdkGenomeItem) item = g_list_model_get_item (G_LIST_MODEL (self->genome_sorted), position);

  if (item == NULL)
    return;
  self->selected_genome = item->info.id;
  g_signal_emit (self, signals[GENOME_SELECTED], 0, (gpointer) item->genome);
}

/* ---------------------------------------------------------------- gallery */

static GtkWidget *
gallery_child_new (MdkSpeciesItem *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = swatch_new ();
  GtkWidget *view = mdk_network_view_new ();
  GtkWidget *title, *caption;
  g_autofree char *title_text = g_strdup_printf (_("Species %u"), item->info.id);
  g_autofree char *fitness = format_fitness (item->info.best_fitness, TRUE);
  /* TRANSLATORS: under a species' champion in the gallery; %s is its fitness */
  g_autofree char *caption_text = g_strdup_printf (_("best %s"), fitness);

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                  GUINT_TO_POINTER (item->info.id), NULL);
  title = gtk_label_new (title_text);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (header), swatch);
  gtk_box_append (GTK_BOX (header), title);

  mdk_network_view_set_compact (MDK_NETWORK_VIEW (view), TRUE);
  gtk_widget_set_size_request (view, 120, 80);
  mdk_network_view_set_genome (MDK_NETWORK_VIEW (view), item->info.champion, NULL, NULL);
  /* The thumbnail's own tooltips would hide the caption's purpose. */
  gtk_widget_set_has_tooltip (view, FALSE);

  caption = gtk_label_new (caption_text);
  gtk_label_set_xalign (GTK_LABEL (caption), 0.0);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_widget_add_css_class (caption, "numeric");

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), view);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_widget_set_margin_start (box, 4);
  gtk_widget_set_margin_end (box, 4);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  return box;
}

static void
rebuild_gallery (MdkSpeciesList *self)
{
  GListModel *model = G_LIST_MODEL (self->species_sorted);
  GtkWidget *child;
  guint n = g_list_model_get_n_items (model);

  while ((child = gtk_widget_get_first_child (self->gallery)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->gallery), child);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MdkSpeciesItem) item = g_list_model_get_item (model, i);
      GtkWidget *box;

      if (item->info.champion == NULL || !report_is_neat (item->report))
        continue;
      box = gallery_child_new (item);
      gtk_flow_box_append (GTK_FLOW_BOX (self->gallery), box);
      /* The flow box wraps the box in a child: tag that one. */
      /* A copy: the list's items are reused for the next report. */
      g_object_set_data_full (G_OBJECT (gtk_widget_get_parent (box)), "mdk-species-item",
                              mdk_species_item_new (item->report, &item->info), g_object_unref);
    }
  self->gallery_dirty = FALSE;
}

static void
on_gallery_activated (GtkFlowBox      *box,
                      GtkFlowBoxChild *child,
                      MdkSpeciesList  *self)
{
  MdkSpeciesItem *item = g_object_get_data (G_OBJECT (child), "mdk-species-item");
  const MdkNeatGenome *champion;

  if (item == NULL || item->info.champion == NULL)
    return;
  champion = item->info.champion;
  /* Show the champion's species below, with the champion selected. */
  self->selected_genome = champion->id;
  mdk_species_list_select_species (self, item->info.id);
  g_signal_emit (self, signals[GENOME_SELECTED], 0, (gpointer) champion);
}

static void
on_expanded (MdkSpeciesList *self)
{
  if (gtk_expander_get_expanded (GTK_EXPANDER (self->expander)) && self->gallery_dirty)
    rebuild_gallery (self);
}

/* ----------------------------------------------------------------- public */

static void
mdk_species_list_dispose (GObject *object)
{
  MdkSpeciesList *self = MDK_SPECIES_LIST (object);

  if (self->species_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->species_selection, self);
  if (self->genome_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->genome_selection, self);
  g_clear_pointer (&self->paned, gtk_widget_unparent);
  g_clear_object (&self->species_selection);
  g_clear_object (&self->genome_selection);
  G_OBJECT_CLASS (mdk_species_list_parent_class)->dispose (object);
}

static void
mdk_species_list_finalize (GObject *object)
{
  MdkSpeciesList *self = MDK_SPECIES_LIST (object);

  g_clear_object (&self->species_store);
  g_clear_object (&self->genome_store);
  g_clear_pointer (&self->report, mdk_report_unref);
  G_OBJECT_CLASS (mdk_species_list_parent_class)->finalize (object);
}

static void
mdk_species_list_class_init (MdkSpeciesListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdk_species_list_dispose;
  object_class->finalize = mdk_species_list_finalize;

  /**
   * MdkSpeciesList::genome-selected:
   * @genome: the MdkNeatGenome *, owned by the list's report
   *
   * A genome was picked in the genome list or the champion gallery.
   */
  signals[GENOME_SELECTED] =
    g_signal_new ("genome-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "species-list");
}

static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *sw = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), child);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sw), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  /* The rows change while a run goes: overlay scrollbars would fade in and
   * out at every change, an animation costing a frame each tick. */
  gtk_scrolled_window_set_overlay_scrolling (GTK_SCROLLED_WINDOW (sw), FALSE);
  return sw;
}

static void
mdk_species_list_init (MdkSpeciesList *self)
{
  GtkColumnView *species_view, *genome_view;
  GtkColumnViewColumn *by_best, *by_fitness, *col;
  GtkWidget *species_sw, *genome_sw, *bottom, *gallery_sw;
  GtkSorter *sorter;

  /* Species. */
  self->species_store = g_list_store_new (MDK_TYPE_SPECIES_ITEM);
  self->species_view = gtk_column_view_new (NULL);
  species_view = GTK_COLUMN_VIEW (self->species_view);
  gtk_widget_add_css_class (self->species_view, "data-table");
  col = add_column (species_view, "", G_CALLBACK (setup_swatch), G_CALLBACK (bind_species),
                    SPECIES_COLOR, FALSE, NULL);
  gtk_column_view_column_set_resizable (col, FALSE);
  add_column (species_view, C_("species column", "Species"), G_CALLBACK (setup_label),
              G_CALLBACK (bind_species), SPECIES_ID, TRUE, compare_species);
  add_column (species_view, C_("species column", "Size"), G_CALLBACK (setup_label),
              G_CALLBACK (bind_species), SPECIES_SIZE, TRUE, compare_species);
  by_best = add_column (species_view, C_("species column", "Best"), G_CALLBACK (setup_label),
                        G_CALLBACK (bind_species), SPECIES_BEST, TRUE, compare_species);
  add_column (species_view, C_("species column", "Mean"), G_CALLBACK (setup_label),
              G_CALLBACK (bind_species), SPECIES_MEAN, TRUE, compare_species);
  add_column (species_view, C_("species column", "Age"), G_CALLBACK (setup_label),
              G_CALLBACK (bind_species), SPECIES_AGE, TRUE, compare_species);
  /* TRANSLATORS: column of generations since the species last improved */
  add_column (species_view, C_("species column", "Stagnant"), G_CALLBACK (setup_label),
              G_CALLBACK (bind_species), SPECIES_STAGNANT, TRUE, compare_species);
  /* TRANSLATORS: column of how many children the species gets next generation */
  add_column (species_view, C_("species column", "Offspring"), G_CALLBACK (setup_label),
              G_CALLBACK (bind_species), SPECIES_OFFSPRING, TRUE, compare_species);
  sorter = gtk_column_view_get_sorter (species_view);
  self->species_sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->species_store)),
                                                  sorter ? g_object_ref (sorter) : NULL);
  self->species_selection = gtk_single_selection_new (G_LIST_MODEL (self->species_sorted));
  gtk_single_selection_set_autoselect (self->species_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->species_selection, TRUE);
  gtk_column_view_set_model (species_view, GTK_SELECTION_MODEL (self->species_selection));
  gtk_column_view_sort_by_column (species_view, by_best, GTK_SORT_DESCENDING);
  g_signal_connect_swapped (self->species_selection, "notify::selected-item",
                            G_CALLBACK (on_species_selection_changed), self);

  /* Genomes of the selected species. */
  self->genome_store = g_list_store_new (MDK_TYPE_GENOME_ITEM);
  self->genome_view = gtk_column_view_new (NULL);
  genome_view = GTK_COLUMN_VIEW (self->genome_view);
  gtk_widget_add_css_class (self->genome_view, "data-table");
  add_column (genome_view, C_("genome column", "Genome"), G_CALLBACK (setup_label),
              G_CALLBACK (bind_genome), GENOME_ID, TRUE, compare_genomes);
  by_fitness = add_column (genome_view, C_("genome column", "Fitness"), G_CALLBACK (setup_label),
                           G_CALLBACK (bind_genome), GENOME_FITNESS, TRUE, compare_genomes);
  add_column (genome_view, C_("genome column", "Hidden"), G_CALLBACK (setup_label),
              G_CALLBACK (bind_genome), GENOME_HIDDEN, TRUE, compare_genomes);
  add_column (genome_view, C_("genome column", "Connections"), G_CALLBACK (setup_label),
              G_CALLBACK (bind_genome), GENOME_CONNECTIONS, TRUE, compare_genomes);
  col = add_column (genome_view, C_("genome column", "Origin"), G_CALLBACK (setup_label),
                    G_CALLBACK (bind_genome), GENOME_ORIGIN, FALSE, compare_genomes);
  /* Here the origin words take the spare width. */
  for (guint i = 0; i < GENOME_ORIGIN; i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (gtk_column_view_get_columns (genome_view), i);
      gtk_column_view_column_set_expand (c, FALSE);
    }
  gtk_column_view_column_set_expand (col, TRUE);
  sorter = gtk_column_view_get_sorter (genome_view);
  self->genome_sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->genome_store)),
                                                 sorter ? g_object_ref (sorter) : NULL);
  self->genome_selection = gtk_single_selection_new (G_LIST_MODEL (self->genome_sorted));
  gtk_single_selection_set_autoselect (self->genome_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->genome_selection, TRUE);
  gtk_column_view_set_model (genome_view, GTK_SELECTION_MODEL (self->genome_selection));
  gtk_column_view_sort_by_column (genome_view, by_fitness, GTK_SORT_DESCENDING);
  g_signal_connect_swapped (self->genome_selection, "notify::selected-item",
                            G_CALLBACK (on_genome_selection_changed), self);
  g_signal_connect (self->genome_view, "activate", G_CALLBACK (on_genome_activated), self);

  /* Gallery of champions. */
  self->gallery = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->gallery), GTK_SELECTION_NONE);
  gtk_flow_box_set_activate_on_single_click (GTK_FLOW_BOX (self->gallery), TRUE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->gallery), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->gallery), 32);
  gtk_widget_set_valign (self->gallery, GTK_ALIGN_START);
  g_signal_connect (self->gallery, "child-activated", G_CALLBACK (on_gallery_activated), self);
  gallery_sw = scrolled (self->gallery);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (gallery_sw), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (gallery_sw), 150);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (gallery_sw), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (gallery_sw), TRUE);
  self->expander = gtk_expander_new_with_mnemonic (_("_Champions of each species"));
  gtk_expander_set_child (GTK_EXPANDER (self->expander), gallery_sw);
  g_signal_connect_swapped (self->expander, "notify::expanded", G_CALLBACK (on_expanded), self);
  self->gallery_dirty = TRUE;

  /* Layout: species on top; below, the genomes and the gallery. */
  species_sw = scrolled (self->species_view);
  gtk_widget_set_size_request (species_sw, -1, 110);
  genome_sw = scrolled (self->genome_view);
  gtk_widget_set_vexpand (genome_sw, TRUE);
  gtk_widget_set_size_request (genome_sw, -1, 110);
  self->genome_title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->genome_title), 0.0);
  gtk_label_set_wrap (GTK_LABEL (self->genome_title), TRUE);
  gtk_widget_add_css_class (self->genome_title, "heading");
  gtk_widget_set_margin_start (self->genome_title, 6);
  gtk_widget_set_margin_top (self->genome_title, 6);
  gtk_widget_set_margin_bottom (self->genome_title, 4);
  bottom = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (bottom), self->genome_title);
  gtk_box_append (GTK_BOX (bottom), genome_sw);
  gtk_box_append (GTK_BOX (bottom), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_widget_set_margin_start (self->expander, 6);
  gtk_widget_set_margin_top (self->expander, 4);
  gtk_widget_set_margin_bottom (self->expander, 4);
  gtk_box_append (GTK_BOX (bottom), self->expander);

  self->paned = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
  gtk_paned_set_start_child (GTK_PANED (self->paned), species_sw);
  gtk_paned_set_end_child (GTK_PANED (self->paned), bottom);
  gtk_paned_set_resize_start_child (GTK_PANED (self->paned), TRUE);
  gtk_paned_set_shrink_start_child (GTK_PANED (self->paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (self->paned), FALSE);
  gtk_widget_set_parent (self->paned, GTK_WIDGET (self));
  update_genome_title (self);
}

GtkWidget *
mdk_species_list_new (void)
{
  return g_object_new (MDK_TYPE_SPECIES_LIST, NULL);
}

void
mdk_species_list_set_report (MdkSpeciesList *self,
                             MdkReport      *report)
{
  g_autoptr(MdkReport) old = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new ();
  guint pos;

  g_return_if_fail (MDK_IS_SPECIES_LIST (self));

  if (report != NULL && report->species == NULL)
    return;
  /* Keep the old report (and its genomes) until the new items are in. */
  old = g_steal_pointer (&self->report);
  self->report = report ? mdk_report_ref (report) : NULL;

  self->updating++;
  if (report != NULL)
    for (guint i = 0; i < report->species->len; i++)
      g_ptr_array_add (infos, &g_array_index (report->species, MdkReportSpecies, i).info);
  refill_store (self->species_store, self->species_sorted, report, infos,
                species_item_new, species_item_set);

  /* The same species stays selected while it lives; else the first row. */
  pos = find_position (G_LIST_MODEL (self->species_sorted), species_matches, &self->selected_species);
  if (pos == GTK_INVALID_LIST_POSITION && infos->len > 0)
    pos = 0;
  gtk_single_selection_set_selected (self->species_selection, pos);
  {
    MdkSpeciesItem *item = selected_item (self->species_selection);
    self->selected_species = item ? item->info.id : 0;
  }
  if (report == NULL)
    self->selected_genome = 0;
  if (!self->live || self->selected_species != self->genomes_species ||
      g_get_monotonic_time () - self->genomes_listed_at >= LIVE_GENOMES_INTERVAL)
    rebuild_genomes (self);
  else
    self->genomes_stale = TRUE;
  self->updating--;

  self->gallery_dirty = TRUE;
  if (gtk_expander_get_expanded (GTK_EXPANDER (self->expander)))
    rebuild_gallery (self);
}

void
mdk_species_list_set_live (MdkSpeciesList *self,
                           gboolean        live)
{
  g_return_if_fail (MDK_IS_SPECIES_LIST (self));

  self->live = !!live;
  if (!self->live && self->genomes_stale)
    {
      self->updating++;
      rebuild_genomes (self);
      self->updating--;
    }
}

MdkReport *
mdk_species_list_get_report (MdkSpeciesList *self)
{
  g_return_val_if_fail (MDK_IS_SPECIES_LIST (self), NULL);

  return self->report;
}

guint
mdk_species_list_get_n_species (MdkSpeciesList *self)
{
  g_return_val_if_fail (MDK_IS_SPECIES_LIST (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->species_store));
}

guint
mdk_species_list_get_n_genomes (MdkSpeciesList *self)
{
  g_return_val_if_fail (MDK_IS_SPECIES_LIST (self), 0);

  return self->report && self->report->genomes ? self->report->genomes->len : 0;
}

guint32
mdk_species_list_get_selected_species (MdkSpeciesList *self)
{
  g_return_val_if_fail (MDK_IS_SPECIES_LIST (self), 0);

  return self->selected_species;
}

gboolean
mdk_species_list_select_species (MdkSpeciesList *self,
                                 guint32         species_id)
{
  guint pos;

  g_return_val_if_fail (MDK_IS_SPECIES_LIST (self), FALSE);

  pos = find_position (G_LIST_MODEL (self->species_sorted), species_matches, &species_id);
  if (pos == GTK_INVALID_LIST_POSITION)
    return FALSE;
  if (pos == gtk_single_selection_get_selected (self->species_selection))
    {
      /* Already there: still bring the remembered genome back into view. */
      rebuild_genomes (self);
      return TRUE;
    }
  gtk_single_selection_set_selected (self->species_selection, pos);
  return TRUE;
}

guint
mdk_species_list_get_n_listed_genomes (MdkSpeciesList *self)
{
  g_return_val_if_fail (MDK_IS_SPECIES_LIST (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->genome_sorted));
}

gconstpointer
mdk_species_list_get_listed_genome (MdkSpeciesList *self,
                                    guint           position)
{
  g_autoptr(MdkGenomeItem) item = NULL;

  g_return_val_if_fail (MDK_IS_SPECIES_LIST (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->genome_sorted), position);
  return item ? item->genome : NULL;
}
