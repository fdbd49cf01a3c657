/* Novelty search (core/mdk-novelty.c): novelty values on hand-made
 * archives, archive growth, the threshold's adaptation, the mix with
 * fitness, and the layer inside a run. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mdk-neat.h"
#include "mdk-novelty.h"
#include "mdk-run.h"
#include "mdk-run-state.h"

static MdkNoveltyParams
default_params (void)
{
  MdkNoveltyParams p;

  mdk_param_table_init (mdk_novelty_param_table, MDK_NOVELTY_N_PARAMS, &p);
  p.objective = MDK_OBJECTIVE_NOVELTY;
  return p;
}

/* Results whose behaviours are the 2-D @points. */
static MdkEvalResult *
results_at (const double *points,
            guint         n)
{
  MdkEvalResult *r = g_new0 (MdkEvalResult, n);

  for (guint i = 0; i < n; i++)
    {
      r[i].fitness = i;
      r[i].behaviour[0] = points[2 * i];
      r[i].behaviour[1] = points[2 * i + 1];
    }
  return r;
}

/* Puts @points into the archive: with a threshold of 0 every distinct
 * behaviour joins. */
static void
fill_archive (MdkNovelty   *novelty,
              const double *points,
              guint         n)
{
  g_autofree MdkEvalResult *r = results_at (points, n);
  g_autofree double *values = g_new (double, n);
  guint n_archive;

  mdk_novelty_step (novelty, r, n, values);
  mdk_novelty_get_archive (novelty, &n_archive);
  g_assert_cmpuint (n_archive, ==, n);
}

/* The mean distance to the k nearest of population ∪ archive, the genome
 * itself left out. */
static void
test_k_nearest (void)
{
  MdkNoveltyParams p = default_params ();
  g_autoptr(MdkNovelty) novelty = NULL;
  /* Archive: (1, 0), (0, 2), (3, 4). */
  static const double archive[] = { 1, 0, 0, 2, 3, 4 };
  /* Population: (0, 0) is the genome; (0, 0.5) and (10, 10) the others. */
  static const double population[] = { 0, 0, 0, 0.5, 10, 10 };

  p.threshold = 0.0;
  p.k = 3;
  novelty = mdk_novelty_new (&p, 2, 1);
  fill_archive (novelty, archive, 3);

  /* Distances from (0, 0): 0.5, 1, 2, 5, √200; the three nearest. */
  g_assert_cmpfloat_with_epsilon (mdk_novelty_of (novelty, population, population, 3, 0),
                                  (0.5 + 1 + 2) / 3, 1e-12);
  /* Without the population, only the archive's. */
  g_assert_cmpfloat_with_epsilon (mdk_novelty_of (novelty, population, NULL, 0, G_MAXUINT),
                                  (1 + 2 + 5) / 3.0, 1e-12);
  /* Not leaving itself out, it would be its own nearest at distance 0. */
  g_assert_cmpfloat_with_epsilon (mdk_novelty_of (novelty, population, population, 3, G_MAXUINT),
                                  (0 + 0.5 + 1) / 3, 1e-12);
}

/* Fewer neighbours than k: the mean of those there are; none: 0. */
static void
test_fewer_than_k (void)
{
  MdkNoveltyParams p = default_params ();
  g_autoptr(MdkNovelty) novelty = mdk_novelty_new (&p, 2, 1);
  static const double population[] = { 0, 0, 3, 4, 0, 1 };

  g_assert_cmpint (p.k, ==, 15);
  g_assert_cmpfloat_with_epsilon (mdk_novelty_of (novelty, population, population, 3, 0),
                                  (5 + 1) / 2.0, 1e-12);
  g_assert_cmpfloat (mdk_novelty_of (novelty, population, population, 1, 0), ==, 0.0);
}

/* A behaviour that is not finite has no novelty, never joins the archive
 * and is nobody's neighbour. */
static void
test_not_finite (void)
{
  MdkNoveltyParams p = default_params ();
  g_autoptr(MdkNovelty) novelty = NULL;
  double points[] = { 0, 0, NAN, 1, 0, 2 };
  g_autofree MdkEvalResult *r = results_at (points, 3);
  double values[3];
  guint n_archive;

  p.threshold = 0.0;
  novelty = mdk_novelty_new (&p, 2, 1);
  mdk_novelty_step (novelty, r, 3, values);
  g_assert_true (isnan (values[1]));
  g_assert_cmpfloat_with_epsilon (values[0], 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (values[2], 2.0, 1e-12);
  mdk_novelty_get_archive (novelty, &n_archive);
  g_assert_cmpuint (n_archive, ==, 2);
}

/* Genomes above the threshold join in order, measured against the
 * archive of the generation's start. */
static void
test_archive_growth (void)
{
  MdkNoveltyParams p = default_params ();
  g_autoptr(MdkNovelty) novelty = NULL;
  /* On a line: 0, 0.1, 0.2 close together, 0.9 far. */
  static const double points[] = { 0, 0, 0.1, 0, 0.2, 0, 0.9, 0 };
  g_autofree MdkEvalResult *r = results_at (points, 4);
  double values[4];
  const double *archive;
  guint n_archive;

  p.k = 1;
  p.threshold = 0.15;
  novelty = mdk_novelty_new (&p, 2, 1);
  mdk_novelty_step (novelty, r, 4, values);
  /* Nearest neighbours: 0.1, 0.1, 0.1, 0.7. */
  g_assert_cmpfloat_with_epsilon (values[0], 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (values[3], 0.7, 1e-12);
  archive = mdk_novelty_get_archive (novelty, &n_archive);
  g_assert_cmpuint (n_archive, ==, 1);
  g_assert_cmpfloat (archive[0], ==, 0.9);

  /* The same generation again: (0.9, 0) now has itself in the archive at
   * distance 0, so nothing joins. */
  mdk_novelty_step (novelty, r, 4, values);
  g_assert_cmpfloat (values[3], ==, 0.0);
  mdk_novelty_get_archive (novelty, &n_archive);
  g_assert_cmpuint (n_archive, ==, 1);
}

/* The reference code's rules: ×0.95 after lower_after generations without
 * an addition (never below the floor), ×1.2 when more than raise_above
 * join in one generation. */
static void
test_threshold_adaptation (void)
{
  MdkNoveltyParams p = default_params ();
  g_autoptr(MdkNovelty) novelty = NULL;
  static const double same[] = { 0.5, 0.5, 0.5, 0.5 };
  static const double spread[] = { 0, 0, 0, 1, 1, 0, 1, 1, 0.5, 0.5, 0, 0.5 };
  g_autofree MdkEvalResult *dull = results_at (same, 2);
  g_autofree MdkEvalResult *novel = results_at (spread, 6);
  double values[6], stats[MDK_NOVELTY_N_STATS];

  g_assert_cmpint (p.lower_after, ==, 10);
  g_assert_cmpfloat (p.lower_factor, ==, 0.95);
  g_assert_cmpint (p.raise_above, ==, 4);
  g_assert_cmpfloat (p.raise_factor, ==, 1.2);
  p.k = 1;
  p.threshold = 0.1;
  p.threshold_floor = 0.092;
  novelty = mdk_novelty_new (&p, 2, 1);

  /* Identical behaviours have novelty 0: nothing joins. */
  for (guint g = 0; g < 9; g++)
    mdk_novelty_step (novelty, dull, 2, values);
  g_assert_cmpfloat (mdk_novelty_get_threshold (novelty), ==, 0.1);
  mdk_novelty_step (novelty, dull, 2, values);
  g_assert_cmpfloat_with_epsilon (mdk_novelty_get_threshold (novelty), 0.095, 1e-15);
  /* Ten more: the floor. */
  for (guint g = 0; g < 10; g++)
    mdk_novelty_step (novelty, dull, 2, values);
  g_assert_cmpfloat (mdk_novelty_get_threshold (novelty), ==, 0.092);

  /* Six far apart join at once: raised. */
  mdk_novelty_step (novelty, novel, 6, values);
  mdk_novelty_get_stats (novelty, stats);
  g_assert_cmpfloat (stats[0], ==, 6);
  g_assert_cmpfloat_with_epsilon (stats[1], 0.092 * 1.2, 1e-15);

  /* An addition resets the count of dull generations. */
  for (guint g = 0; g < 9; g++)
    mdk_novelty_step (novelty, dull, 2, values);
  g_assert_cmpfloat_with_epsilon (mdk_novelty_get_threshold (novelty), 0.092 * 1.2, 1e-15);
}

/* Random additions: probability 1 takes every genome, 0 none, and the
 * threshold never moves. */
static void
test_random_rule (void)
{
  MdkNoveltyParams p = default_params ();
  static const double points[] = { 0, 0, 0, 0, 0, 0 };
  g_autofree MdkEvalResult *r = results_at (points, 3);
  double values[3];
  guint n_archive;

  p.archive_rule = MDK_ARCHIVE_RANDOM;
  for (guint k = 0; k <= 1; k++)
    {
      g_autoptr(MdkNovelty) novelty = NULL;

      p.add_probability = k;
      novelty = mdk_novelty_new (&p, 2, 1);
      for (guint g = 0; g < 12; g++)
        mdk_novelty_step (novelty, r, 3, values);
      mdk_novelty_get_archive (novelty, &n_archive);
      g_assert_cmpuint (n_archive, ==, k * 36);
      g_assert_cmpfloat (mdk_novelty_get_threshold (novelty), ==, p.threshold);
    }
}

/* Scores: novelty alone, or (1 − w) · fitness + w · novelty, each scaled
 * to [0, 1] over the generation; a fitness that is not finite counts as
 * the worst. */
static void
test_mix (void)
{
  MdkNoveltyParams p = default_params ();
  MdkEvalResult r[4] = { { .fitness = 10 }, { .fitness = 20 }, { .fitness = 30 }, { .fitness = NAN } };
  const double novelty[4] = { 0.4, 0.0, 0.2, 0.1 };
  double scores[4];

  mdk_novelty_scores (&p, r, novelty, 4, scores);
  g_assert_cmpmem (scores, sizeof scores, novelty, sizeof novelty);

  p.objective = MDK_OBJECTIVE_MIX;
  p.weight = 0.25;
  mdk_novelty_scores (&p, r, novelty, 4, scores);
  /* Fitness → 0, 0.5, 1, 0; novelty → 1, 0, 0.5, 0.25. */
  g_assert_cmpfloat_with_epsilon (scores[0], 0.75 * 0 + 0.25 * 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (scores[1], 0.75 * 0.5 + 0.25 * 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (scores[2], 0.75 * 1 + 0.25 * 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (scores[3], 0.75 * 0 + 0.25 * 0.25, 1e-12);

  p.weight = 0.0;
  mdk_novelty_scores (&p, r, novelty, 4, scores);
  g_assert_cmpfloat (scores[2], ==, 1.0);
  g_assert_cmpfloat (scores[1], ==, 0.5);

  p.objective = MDK_OBJECTIVE_FITNESS;
  mdk_novelty_scores (&p, r, novelty, 4, scores);
  g_assert_cmpfloat (scores[1], ==, 20);
}

/* Save and load: the loaded archive scores the next generation as the
 * original does; damaged states are refused with the place. */
static void
test_save_load (void)
{
  MdkNoveltyParams p = default_params ();
  g_autoptr(MdkNovelty) a = NULL, b = NULL;
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(GError) error = NULL;
  static const double points[] = { 0.1, 0.2, 0.3, 0.9, 0.8, 0.1, 0.5, 0.5 };
  g_autofree MdkEvalResult *r = results_at (points, 4);
  double va[4], vb[4];
  guint na, nb;
  JsonObject *obj;

  p.threshold = 0.05;
  p.archive_rule = MDK_ARCHIVE_THRESHOLD;
  a = mdk_novelty_new (&p, 2, 7);
  b = mdk_novelty_new (&p, 2, 7);
  for (guint g = 0; g < 3; g++)
    mdk_novelty_step (a, r, 4, va);
  state = mdk_novelty_save_state (a);
  g_assert_true (mdk_novelty_load_state (b, state, "state.novelty", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (mdk_novelty_get_threshold (a), ==, mdk_novelty_get_threshold (b));
  mdk_novelty_step (a, r, 4, va);
  mdk_novelty_step (b, r, 4, vb);
  g_assert_cmpmem (va, sizeof va, vb, sizeof vb);
  g_assert_cmpmem (mdk_novelty_get_archive (a, &na), na * 2 * sizeof (double),
                   mdk_novelty_get_archive (b, &nb), nb * 2 * sizeof (double));

  obj = json_node_get_object (state);
  json_object_set_int_member (obj, "dimensions", 3);
  g_assert_false (mdk_novelty_load_state (b, state, "state.novelty", &error));
  g_assert_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "state.novelty: “dimensions”"));
  g_clear_error (&error);
  json_object_set_int_member (obj, "dimensions", 2);
  json_object_set_int_member (obj, "count", 99);
  g_assert_false (mdk_novelty_load_state (b, state, "state.novelty", &error));
  g_assert_nonnull (strstr (error->message, "state.novelty"));
}

static MdkExperiment *
pole_experiment (const char *algorithm,
                 int         objective)
{
  MdkExperiment *e = mdk_experiment_new (&mdk_task_pole_class, mdk_optimizer_class_lookup (algorithm));
  const MdkParamSpec *steps = mdk_param_table_lookup (mdk_task_pole_class.params,
                                                      mdk_task_pole_class.n_params, "steps");

  g_assert_true (mdk_param_set_from_string (steps, e->task_params, "300", NULL));
  e->seed = 5;
  e->threads = 2;
  e->stop.max_generations = 0;
  e->stop.stop_on_solved = FALSE;
  e->objective.objective = objective;
  return e;
}

/* Inside a run: the history keeps the task's fitness, the archive's size
 * and threshold follow the algorithm's statistics, and the optimizer is
 * told the search score. */
static void
test_run_layer (void)
{
  const char *algorithms[] = { "neat", "ga" };

  for (guint a = 0; a < G_N_ELEMENTS (algorithms); a++)
    {
      g_autoptr(MdkExperiment) e = pole_experiment (algorithms[a], MDK_OBJECTIVE_NOVELTY);
      g_autoptr(MdkExperiment) f = pole_experiment (algorithms[a], MDK_OBJECTIVE_FITNESS);
      g_autoptr(GError) error = NULL;
      g_autoptr(MdkRun) run = mdk_run_new (e, &error);
      g_autoptr(MdkRun) plain = mdk_run_new (f, &error);
      const MdkOptimizerClass *klass = e->optimizer_class;
      MdkStatColumns columns;
      g_autofree char *header = NULL;
      const MdkGenerationStats *row0, *plain0;
      guint n_archive;

      g_assert_no_error (error);
      g_assert_nonnull (mdk_run_get_novelty (run));
      g_assert_null (mdk_run_get_novelty (plain));
      for (guint g = 0; g < 4; g++)
        {
          mdk_run_step (run);
          mdk_run_step (plain);
        }
      /* Generation 0 is the same start, evaluated the same way. */
      row0 = &g_array_index (mdk_run_get_history (run), MdkGenerationStats, 0);
      plain0 = &g_array_index (mdk_run_get_history (plain), MdkGenerationStats, 0);
      g_assert_cmpfloat (row0->best, ==, plain0->best);
      g_assert_cmpfloat (row0->mean, ==, plain0->mean);
      /* The archive's statistics, after the algorithm's own. */
      mdk_stat_columns_for_experiment (&columns, e);
      g_assert_cmpuint (columns.n, ==, klass->n_stats + MDK_NOVELTY_N_STATS);
      g_assert_cmpstr (columns.specs[klass->n_stats].id, ==, "archive_size");
      header = mdk_stats_csv_header (&columns);
      g_assert_true (g_str_has_suffix (header, ",archive_size,novelty_threshold"));
      mdk_novelty_get_archive (mdk_run_get_novelty (run), &n_archive);
      g_assert_cmpuint (n_archive, >, 0);
      g_assert_cmpfloat (g_array_index (mdk_run_get_history (run), MdkGenerationStats, 3).extra[klass->n_stats],
                         ==, n_archive);
      /* Later generations differ: selection followed novelty. */
      g_assert_false (mdk_stats_same_outcome (&g_array_index (mdk_run_get_history (run), MdkGenerationStats, 3),
                                              &g_array_index (mdk_run_get_history (plain), MdkGenerationStats, 3)));
    }
}

/* A task that describes no behaviour cannot search for novelty. */
static void
test_needs_behaviour (void)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_xor_class, &mdk_neat_class);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkRun) run = NULL;

  e->objective.objective = MDK_OBJECTIVE_MIX;
  run = mdk_run_new (e, &error);
  g_assert_null (run);
  g_assert_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "XOR"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/novelty/k-nearest", test_k_nearest);
  g_test_add_func ("/core/novelty/fewer-than-k", test_fewer_than_k);
  g_test_add_func ("/core/novelty/not-finite", test_not_finite);
  g_test_add_func ("/core/novelty/archive-growth", test_archive_growth);
  g_test_add_func ("/core/novelty/threshold-adaptation", test_threshold_adaptation);
  g_test_add_func ("/core/novelty/random-rule", test_random_rule);
  g_test_add_func ("/core/novelty/mix", test_mix);
  g_test_add_func ("/core/novelty/save-load", test_save_load);
  g_test_add_func ("/core/novelty/run-layer", test_run_layer);
  g_test_add_func ("/core/novelty/needs-behaviour", test_needs_behaviour);
  return g_test_run ();
}
