/* The population browser: the species list, its genome list and champion
 * gallery fed with real reports of an XOR run, and the lineage view on a
 * known family tree and on the run's own lineage. */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include <math.h>

#include "mdk-history.h"
#include "mdk-lineage-view.h"
#include "mdk-neat.h"
#include "mdk-network-view.h"
#include "mdk-run.h"
#include "mdk-species-list.h"
#include "mdk-test-ui.h"

#define BLUE 0x1c71d8

/* ------------------------------------------------------------- fixtures */

/* An XOR run advanced a generation at a time, with every evaluated genome
 * recorded in a lineage as the runner does. */
typedef struct
{
  MdkRun     *run;
  MdkLineage *lineage;
} Evolution;

static void
evolution_init (Evolution *ev,
                guint64    seed)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_xor_class, &mdk_neat_class);
  g_autoptr(GError) error = NULL;

  e->seed = seed;
  e->threads = 1;
  e->stop.max_generations = 0;
  e->stop.stop_on_solved = FALSE;
  ev->run = mdk_run_new (e, &error);
  g_assert_no_error (error);
  ev->lineage = mdk_lineage_new (100000);
}

static void
evolution_step (Evolution *ev,
                guint      generations)
{
  for (guint g = 0; g < generations; g++)
    {
      MdkOptimizer *opt = mdk_run_get_optimizer (ev->run);
      gconstpointer *genomes = NULL;
      guint n;

      mdk_run_step (ev->run);
      n = opt->klass->get_evaluated (opt, &genomes);
      for (guint i = 0; i < n; i++)
        {
          MdkGenomeInfo info;
          opt->klass->describe (opt->klass, genomes[i], &info);
          mdk_lineage_add (ev->lineage, &info);
        }
    }
}

static void
evolution_clear (Evolution *ev)
{
  g_clear_pointer (&ev->run, mdk_run_free);
  g_clear_pointer (&ev->lineage, mdk_lineage_unref);
}

/* A report with details, made as the runner makes one. */
static MdkReport *
make_report (Evolution *ev)
{
  MdkOptimizer *opt = mdk_run_get_optimizer (ev->run);
  const MdkOptimizerClass *klass = opt->klass;
  GArray *species = klass->get_species (opt);
  gconstpointer *genomes = NULL;
  guint n = klass->get_evaluated (opt, &genomes);
  MdkReport *r = g_new0 (MdkReport, 1);

  r->ref_count = 1;
  r->klass = klass;
  r->generation = mdk_run_get_generation (ev->run);
  r->rows = g_array_new (FALSE, FALSE, sizeof (MdkGenerationStats));
  r->species = g_array_new (FALSE, TRUE, sizeof (MdkReportSpecies));
  for (guint i = 0; i < species->len; i++)
    {
      MdkReportSpecies s = { g_array_index (species, MdkSpeciesInfo, i) };
      s.info.champion = s.info.champion ? klass->dup_genome (opt, s.info.champion) : NULL;
      g_array_append_val (r->species, s);
    }
  r->genomes = g_ptr_array_new_with_free_func (klass->free_genome);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (r->genomes, klass->dup_genome (opt, genomes[i]));
  return r;
}

static const MdkReportSpecies *
report_species (MdkReport *report,
                guint32    id)
{
  for (guint i = 0; i < report->species->len; i++)
    if (g_array_index (report->species, MdkReportSpecies, i).info.id == id)
      return &g_array_index (report->species, MdkReportSpecies, i);
  return NULL;
}

static guint
count_members (MdkReport *report,
               guint32    id)
{
  guint n = 0;

  for (guint i = 0; i < report->genomes->len; i++)
    n += ((const MdkNeatGenome *) report->genomes->pdata[i])->species_id == id;
  return n;
}

/* Does a label under @widget show the genome id @id? */
static gboolean
has_label (GtkWidget *widget,
           guint64    id)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, id);

  mdk_test_ui_collect_widgets (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return TRUE;
  return FALSE;
}

static guint32
species_color_rgb (guint32 id)
{
  MdkRGBA c;

  mdk_history_species_color (id, &c);
  return ((guint32) lround (c.red * 255) << 16) | ((guint32) lround (c.green * 255) << 8) |
         (guint32) lround (c.blue * 255);
}

typedef struct
{
  guint         n;
  gconstpointer genome;
} Selected;

static void
on_genome_selected (MdkSpeciesList *list,
                    gpointer        genome,
                    Selected       *selected)
{
  selected->n++;
  selected->genome = genome;
}

/* ---------------------------------------------------------- species list */

static void
test_species_list (void)
{
  Evolution ev = { 0 };
  g_autoptr(MdkReport) report = NULL;
  g_autoptr(MdkReport) later = NULL;
  g_autoptr(MdkReport) third = NULL;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autoptr(GPtrArray) flows = g_ptr_array_new ();
  GtkWidget *widget, *window, *expander;
  MdkSpeciesList *list;
  Selected selected = { 0 };
  guint32 best_id = 0, other_id = 0;
  double best = -G_MAXDOUBLE;
  guint total = 0, n_children = 0;
  cairo_surface_t *surface;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }

  evolution_init (&ev, 11);
  evolution_step (&ev, 12);
  report = make_report (&ev);
  g_assert_cmpuint (report->species->len, >=, 2);

  widget = mdk_species_list_new ();
  list = MDK_SPECIES_LIST (widget);
  g_signal_connect (widget, "genome-selected", G_CALLBACK (on_genome_selected), &selected);
  window = mdk_test_ui_window (widget, 760, 720);
  g_assert_cmpuint (mdk_species_list_get_n_species (list), ==, 0);
  g_assert_cmpuint (mdk_species_list_get_selected_species (list), ==, 0);

  mdk_species_list_set_report (list, report);
  mdk_test_ui_flush ();
  g_assert_true (mdk_species_list_get_report (list) == report);
  g_assert_cmpuint (mdk_species_list_get_n_species (list), ==, report->species->len);
  g_assert_cmpuint (mdk_species_list_get_n_genomes (list), ==, report->genomes->len);
  g_assert_cmpuint (selected.n, ==, 0);   /* nothing picked by the user yet */

  /* Sorted by best fitness: the best species is selected first. */
  for (guint i = 0; i < report->species->len; i++)
    {
      const MdkSpeciesInfo *s = &g_array_index (report->species, MdkReportSpecies, i).info;
      if (s->best_fitness > best)
        {
          best = s->best_fitness;
          best_id = s->id;
        }
    }
  g_assert_cmpuint (mdk_species_list_get_selected_species (list), ==, best_id);

  /* Each species lists exactly its genomes, best first. */
  for (guint i = 0; i < report->species->len; i++)
    {
      guint32 id = g_array_index (report->species, MdkReportSpecies, i).info.id;
      guint n;

      g_assert_true (mdk_species_list_select_species (list, id));
      g_assert_cmpuint (mdk_species_list_get_selected_species (list), ==, id);
      n = mdk_species_list_get_n_listed_genomes (list);
      g_assert_cmpuint (n, ==, count_members (report, id));
      g_assert_cmpuint (n, >, 0);
      for (guint k = 0; k < n; k++)
        {
          const MdkNeatGenome *g = mdk_species_list_get_listed_genome (list, k);
          g_assert_cmpuint (g->species_id, ==, id);
          if (k > 0)
            g_assert_cmpfloat (g->fitness, <=, ((const MdkNeatGenome *) mdk_species_list_get_listed_genome (list, k - 1))->fitness);
        }
      g_assert_null (mdk_species_list_get_listed_genome (list, n));
      total += n;
      if (id != best_id && n >= 2)
        other_id = id;
    }
  g_assert_cmpuint (total, ==, report->genomes->len);
  g_assert_false (mdk_species_list_select_species (list, 999999));
  g_assert_cmpuint (selected.n, ==, 0);

  /* Picking a row in the genome list (the second column view) emits the
   * genome shown there. */
  g_assert_cmpuint (other_id, !=, 0);
  g_assert_true (mdk_species_list_select_species (list, other_id));
  mdk_test_ui_flush ();
  mdk_test_ui_collect_widgets (widget, GTK_TYPE_COLUMN_VIEW, views);
  g_assert_cmpuint (views->len, ==, 2);
  g_assert_true (gtk_selection_model_select_item (gtk_column_view_get_model (views->pdata[1]), 1, TRUE));
  g_assert_cmpuint (selected.n, ==, 1);
  g_assert_true (selected.genome == mdk_species_list_get_listed_genome (list, 1));
  g_assert_cmpuint (((const MdkNeatGenome *) selected.genome)->species_id, ==, other_id);
  /* Enter or a double click on a row picks it even when already selected. */
  g_signal_emit_by_name (views->pdata[1], "activate", 0);
  g_assert_cmpuint (selected.n, ==, 2);
  g_assert_true (selected.genome == mdk_species_list_get_listed_genome (list, 0));

  /* A report without details changes nothing. */
  {
    MdkReport bare = { .ref_count = 1, .klass = report->klass };
    mdk_species_list_set_report (list, &bare);
    g_assert_true (mdk_species_list_get_report (list) == report);
    g_assert_cmpuint (mdk_species_list_get_n_species (list), ==, report->species->len);
    g_assert_cmpuint (mdk_species_list_get_selected_species (list), ==, other_id);
  }

  /* The gallery: one small drawing per species, a click selects the
   * champion. */
  mdk_test_ui_collect_widgets (widget, GTK_TYPE_EXPANDER, views);
  expander = views->pdata[views->len - 1];
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  mdk_test_ui_flush ();
  mdk_test_ui_collect_widgets (widget, GTK_TYPE_FLOW_BOX, flows);
  g_assert_cmpuint (flows->len, ==, 1);
  for (GtkWidget *c = gtk_widget_get_first_child (flows->pdata[0]); c; c = gtk_widget_get_next_sibling (c))
    n_children++;
  g_assert_cmpuint (n_children, ==, report->species->len);
  {
    GtkFlowBoxChild *first = gtk_flow_box_get_child_at_index (flows->pdata[0], 0);
    const MdkReportSpecies *s = report_species (report, best_id);

    g_signal_emit_by_name (flows->pdata[0], "child-activated", first);
    g_assert_cmpuint (selected.n, ==, 3);
    g_assert_true (selected.genome == s->info.champion);
    g_assert_cmpuint (mdk_species_list_get_selected_species (list), ==, best_id);
    g_assert_cmpuint (mdk_species_list_get_n_listed_genomes (list), ==, count_members (report, best_id));
  }

  /* Real pixels: the species colours and the champions' blue weights. */
  mdk_test_ui_flush ();
  surface = mdk_test_ui_render (window);   /* with the window background */
  mdk_test_ui_save (surface, "species-list.png");
  g_assert_cmpuint (mdk_test_ui_count_color (surface, species_color_rgb (best_id), 2), >, 60);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, BLUE, 16), >, 30);
  cairo_surface_destroy (surface);

  /* The next generation: the selected species stays selected while it lives. */
  g_assert_true (mdk_species_list_select_species (list, other_id));
  evolution_step (&ev, 1);
  later = make_report (&ev);
  mdk_species_list_set_report (list, later);
  mdk_test_ui_flush ();
  g_assert_cmpuint (mdk_species_list_get_n_species (list), ==, later->species->len);
  if (report_species (later, other_id) != NULL)
    g_assert_cmpuint (mdk_species_list_get_selected_species (list), ==, other_id);
  else
    g_assert_cmpuint (mdk_species_list_get_selected_species (list), !=, 0);
  g_assert_cmpuint (mdk_species_list_get_n_listed_genomes (list), ==,
                    count_members (later, mdk_species_list_get_selected_species (list)));
  g_assert_cmpuint (selected.n, ==, 3);   /* updates do not count as picks */
  /* Rows are reused: the cells show the new generation's genomes. */
  g_assert_true (has_label (views->pdata[1], ((const MdkNeatGenome *) mdk_species_list_get_listed_genome (list, 0))->id));

  /* While a run goes, the genome list lags behind the species table until
   * the run rests (or the selected species changes). */
  mdk_species_list_set_live (list, TRUE);
  evolution_step (&ev, 1);
  third = make_report (&ev);
  mdk_species_list_set_report (list, third);
  mdk_test_ui_flush ();
  g_assert_true (mdk_species_list_get_report (list) == third);
  g_assert_cmpuint (mdk_species_list_get_n_species (list), ==, third->species->len);
  if (report_species (third, mdk_species_list_get_selected_species (list)) != NULL &&
      mdk_species_list_get_n_listed_genomes (list) > 0)
    g_assert_true (g_ptr_array_find (later->genomes, mdk_species_list_get_listed_genome (list, 0), NULL));
  mdk_species_list_set_live (list, FALSE);
  mdk_test_ui_flush ();
  g_assert_cmpuint (mdk_species_list_get_n_listed_genomes (list), ==,
                    count_members (third, mdk_species_list_get_selected_species (list)));
  g_assert_true (g_ptr_array_find (third->genomes, mdk_species_list_get_listed_genome (list, 0), NULL));
  g_assert_true (has_label (views->pdata[1], ((const MdkNeatGenome *) mdk_species_list_get_listed_genome (list, 0))->id));

  /* A new run empties it. */
  mdk_species_list_set_report (list, NULL);
  g_assert_cmpuint (mdk_species_list_get_n_species (list), ==, 0);
  g_assert_cmpuint (mdk_species_list_get_n_listed_genomes (list), ==, 0);
  g_assert_null (mdk_species_list_get_report (list));

  gtk_window_destroy (GTK_WINDOW (window));
  evolution_clear (&ev);
}

/* ----------------------------------------------------------- lineage view */

static MdkGenomeInfo
info (guint64 id,
      guint64 parent1,
      guint64 parent2,
      guint   generation,
      guint   origin,
      guint   mutations)
{
  return (MdkGenomeInfo) {
    .id = id, .parent1 = parent1, .parent2 = parent2, .generation = generation,
    .origin = origin, .mutations = mutations, .species_id = 3,
    .fitness = 1.0 + id / 100.0, .hidden = id % 3, .connections = 4 + id % 5,
  };
}

static void
test_lineage_known (void)
{
  g_autoptr(MdkLineage) lineage = mdk_lineage_new (1000);
  GtkWidget *widget, *window;
  MdkLineageView *view;
  cairo_surface_t *surface;
  guint strip;
  MdkGenomeInfo infos[] = {
    info (1, 0, 0, 0, MDK_NEAT_ORIGIN_INITIAL, 0),
    info (2, 0, 0, 0, MDK_NEAT_ORIGIN_INITIAL, 0),
    info (3, 0, 0, 0, MDK_NEAT_ORIGIN_INITIAL, 0),
    info (4, 0, 0, 0, MDK_NEAT_ORIGIN_INITIAL, 0),
    info (5, 1, 2, 1, MDK_NEAT_ORIGIN_CROSSOVER, MDK_NEAT_MUT_WEIGHTS),
    info (6, 3, 4, 1, MDK_NEAT_ORIGIN_CROSSOVER, 0),
    info (7, 2, 3, 1, MDK_NEAT_ORIGIN_MUTATION, MDK_NEAT_MUT_ADD_NODE | MDK_NEAT_MUT_WEIGHTS),
    info (8, 5, 6, 2, MDK_NEAT_ORIGIN_CROSSOVER, MDK_NEAT_MUT_ADD_CONNECTION),
    info (9, 7, 0, 2, MDK_NEAT_ORIGIN_ELITE, 0),
    info (10, 8, 9, 3, MDK_NEAT_ORIGIN_INTERSPECIES, 0),
    info (11, 10, 999, 4, MDK_NEAT_ORIGIN_CROSSOVER, MDK_NEAT_MUT_BIAS),
  };

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  mdk_lineage_add_many (lineage, infos, G_N_ELEMENTS (infos));

  widget = mdk_lineage_view_new ();
  view = MDK_LINEAGE_VIEW (widget);
  window = mdk_test_ui_window (widget, 960, 520);
  g_assert_cmpuint (mdk_lineage_view_get_n_boxes (view), ==, 0);

  /* Without a store: a message, no boxes. */
  mdk_lineage_view_show (view, 11);
  g_assert_cmpuint (mdk_lineage_view_get_n_boxes (view), ==, 0);

  mdk_lineage_view_set_lineage (view, lineage);
  g_assert_true (mdk_lineage_view_get_lineage (view) == lineage);
  g_assert_cmpuint (mdk_lineage_view_get_genome_id (view), ==, 11);
  /* 11; 10 and the forgotten 999; 8, 9; 5, 6, 7; 1, 2, 3, 4. */
  g_assert_cmpuint (mdk_lineage_view_get_n_boxes (view), ==, 12);
  g_assert_cmpuint (mdk_lineage_view_get_n_missing (view), ==, 1);
  /* 11→10, 11→999, 10→8, 10→9, 8→5, 8→6, 9→7, 5→1, 5→2, 6→3, 6→4, 7→2, 7→3 */
  g_assert_cmpuint (mdk_lineage_view_get_n_edges (view), ==, 13);
  mdk_test_ui_flush ();

  surface = mdk_test_ui_render (window);   /* with the window background */
  mdk_test_ui_save (surface, "lineage-view.png");
  /* Each known box has a strip of its species' colour. */
  strip = mdk_test_ui_count_color (surface, species_color_rgb (3), 2);
  g_test_message ("species strip pixels: %u", strip);
  g_assert_cmpuint (strip, >=, 11 * 3 * 30);
  cairo_surface_destroy (surface);

  /* Deeper into the past: only 8's family. */
  mdk_lineage_view_show (view, 8);
  g_assert_cmpuint (mdk_lineage_view_get_n_boxes (view), ==, 7);
  g_assert_cmpuint (mdk_lineage_view_get_n_missing (view), ==, 0);

  /* A genome the store never saw is a single "…". */
  mdk_lineage_view_show (view, 12345);
  g_assert_cmpuint (mdk_lineage_view_get_n_boxes (view), ==, 1);
  g_assert_cmpuint (mdk_lineage_view_get_n_missing (view), ==, 1);

  mdk_lineage_view_show (view, 0);
  g_assert_cmpuint (mdk_lineage_view_get_n_boxes (view), ==, 0);

  /* The store's own lifetime: the view keeps a reference. */
  mdk_lineage_view_show (view, 11);
  g_clear_pointer (&lineage, mdk_lineage_unref);
  mdk_lineage_view_refresh (view);
  g_assert_cmpuint (mdk_lineage_view_get_n_boxes (view), ==, 12);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A full binary family tree: columns are capped, the rest summarised. */
static void
test_lineage_wide (void)
{
  g_autoptr(MdkLineage) lineage = mdk_lineage_new (1000);
  GtkWidget *widget, *window;
  MdkLineageView *view;
  cairo_surface_t *surface;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  /* Heap numbering: genome k's parents are 2k and 2k + 1, six levels. */
  for (guint64 k = 1; k < 64; k++)
    {
      guint level = 0;
      MdkGenomeInfo i;

      for (guint64 x = k; x > 1; x /= 2)
        level++;
      i = info (k, k < 32 ? 2 * k : 0, k < 32 ? 2 * k + 1 : 0, 5 - level,
                k < 32 ? MDK_NEAT_ORIGIN_CROSSOVER : MDK_NEAT_ORIGIN_INITIAL, 0);
      mdk_lineage_add (lineage, &i);
    }
  widget = mdk_lineage_view_new ();
  view = MDK_LINEAGE_VIEW (widget);
  mdk_lineage_view_set_lineage (view, lineage);
  mdk_lineage_view_show (view, 1);
  window = mdk_test_ui_window (widget, 1000, 700);
  /* 1 + 2 + 4 + 8, then 12 of 16, then 12 of the 24 parents of those. */
  g_assert_cmpuint (mdk_lineage_view_get_n_boxes (view), ==, 1 + 2 + 4 + 8 + 12 + 12);
  g_assert_cmpuint (mdk_lineage_view_get_n_missing (view), ==, 0);
  surface = mdk_test_ui_render (window);   /* with the window background */
  mdk_test_ui_save (surface, "lineage-view-wide.png");
  g_assert_cmpuint (mdk_test_ui_count_color (surface, species_color_rgb (3), 2), >, 100);
  cairo_surface_destroy (surface);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The lineage of a real run's champion goes back to the first generation. */
static void
test_lineage_run (void)
{
  Evolution ev = { 0 };
  g_autoptr(MdkReport) report = NULL;
  g_autoptr(GArray) entries = NULL;
  GtkWidget *widget, *window;
  MdkLineageView *view;
  const MdkNeatGenome *best;
  guint per_depth[MDK_LINEAGE_VIEW_MAX_DEPTH + 1] = { 0 }, max_depth = 0;
  gboolean capped = FALSE;
  cairo_surface_t *surface;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  evolution_init (&ev, 5);
  evolution_step (&ev, 8);
  report = make_report (&ev);
  best = report->genomes->pdata[0];
  for (guint i = 1; i < report->genomes->len; i++)
    {
      const MdkNeatGenome *g = report->genomes->pdata[i];
      if (g->fitness > best->fitness)
        best = g;
    }

  widget = mdk_lineage_view_new ();
  view = MDK_LINEAGE_VIEW (widget);
  mdk_lineage_view_set_lineage (view, ev.lineage);
  mdk_lineage_view_show (view, best->id);
  window = mdk_test_ui_window (widget, 1200, 700);

  entries = mdk_lineage_ancestors (ev.lineage, best->id, MDK_LINEAGE_VIEW_MAX_DEPTH);
  for (guint i = 0; i < entries->len; i++)
    {
      const MdkLineageEntry *e = &g_array_index (entries, MdkLineageEntry, i);
      g_assert_true (e->known);
      per_depth[e->depth]++;
      max_depth = MAX (max_depth, e->depth);
    }
  for (guint d = 0; d <= max_depth; d++)
    capped |= per_depth[d] > 12;
  /* Every generation back to the initial population is there. */
  g_assert_cmpuint (max_depth, ==, best->birth_generation);
  g_assert_cmpuint (mdk_lineage_view_get_n_missing (view), ==, 0);
  if (!capped)
    g_assert_cmpuint (mdk_lineage_view_get_n_boxes (view), ==, entries->len);
  else
    g_assert_cmpuint (mdk_lineage_view_get_n_boxes (view), <, entries->len);
  g_assert_cmpuint (mdk_lineage_view_get_n_edges (view), >=, mdk_lineage_view_get_n_boxes (view) - 1);

  surface = mdk_test_ui_render (window);   /* with the window background */
  mdk_test_ui_save (surface, "lineage-view-run.png");
  cairo_surface_destroy (surface);
  gtk_window_destroy (GTK_WINDOW (window));
  evolution_clear (&ev);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  mdk_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/species-list/report", test_species_list);
  g_test_add_func ("/ui/lineage-view/known-tree", test_lineage_known);
  g_test_add_func ("/ui/lineage-view/wide", test_lineage_wide);
  g_test_add_func ("/ui/lineage-view/run", test_lineage_run);
  return g_test_run ();
}
