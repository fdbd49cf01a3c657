/* MAP-Elites (core/es/mdk-map-elites.c): cells, insertion rules, coverage
 * and QD-score, the random start, and the algorithm in a run. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mdk-map-elites.h"
#include "mdk-neat.h"
#include "mdk-run.h"

#define N 3

static gpointer
params_with (const char *first,
             ...)
{
  gpointer params = mdk_optimizer_params_new (&mdk_map_elites_class);
  va_list args;

  va_start (args, first);
  for (const char *id = first; id != NULL; id = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);
      const MdkParamSpec *spec = mdk_param_table_lookup (mdk_map_elites_class.params,
                                                         mdk_map_elites_class.n_params, id);

      g_assert_nonnull (spec);
      g_assert_true (mdk_param_set_from_string (spec, params, value, NULL));
    }
  va_end (args);
  return params;
}

static MdkEsStrategy *
strategy_new (gconstpointer params)
{
  const MdkEsStrategyClass *sclass = mdk_map_elites_class.class_data;
  const MdkEsNetworkParams *net = params;
  MdkEsProblem problem = { .n = N, .init_range = net->initial_range, .seed = 4, .n_behaviour = 2 };
  g_autoptr(GError) error = NULL;
  MdkEsStrategy *s = sclass->create (params, &problem, &error);

  g_assert_no_error (error);
  return s;
}

/* One batch: the points asked, with these behaviours and fitness. */
static void
tell_batch (MdkEsStrategy *s,
            const double  *behaviours,
            const double  *fitness,
            guint          n,
            double        *asked)
{
  const double *x;
  guint lambda = s->klass->ask (s, &x);
  g_autofree double *values = g_new (double, lambda);
  g_autofree guint64 *ids = g_new (guint64, lambda);

  g_assert_cmpuint (lambda, ==, n);
  memcpy (asked, x, sizeof (double) * n * N);
  for (guint k = 0; k < n; k++)
    {
      values[k] = -fitness[k];
      ids[k] = 100 + k;
    }
  s->klass->set_behaviours (s, behaviours);
  s->klass->tell (s, values, ids);
}

/* Each number splits [0, 1] into bins intervals; numbers outside are
 * clamped to the edge cells, numbers that are not finite have none. */
static void
test_cell (void)
{
  g_assert_cmpint (mdk_map_elites_cell ((double[]) { 0.0, 0.0 }, 4), ==, 0);
  g_assert_cmpint (mdk_map_elites_cell ((double[]) { 0.26, 0.0 }, 4), ==, 1);
  g_assert_cmpint (mdk_map_elites_cell ((double[]) { 0.0, 0.5 }, 4), ==, 8);
  g_assert_cmpint (mdk_map_elites_cell ((double[]) { 0.999, 0.999 }, 4), ==, 15);
  g_assert_cmpint (mdk_map_elites_cell ((double[]) { 1.0, 1.0 }, 4), ==, 15);
  g_assert_cmpint (mdk_map_elites_cell ((double[]) { -3.0, 7.0 }, 4), ==, 12);
  g_assert_cmpint (mdk_map_elites_cell ((double[]) { NAN, 0.5 }, 4), ==, -1);
  g_assert_cmpint (mdk_map_elites_cell ((double[]) { 0.5, INFINITY }, 4), ==, -1);
}

/* An empty cell takes any child; a filled one only a fitter child (a tie
 * keeps the elite); coverage and QD-score follow. */
static void
test_insertion (void)
{
  gpointer params = params_with ("bins", "2", "batch_size", "4", "initial_random", "0",
                                 "qd_offset", "1.5", NULL);
  MdkEsStrategy *s = strategy_new (params);
  /* Cells 0, 0, 1 and none. */
  const double b1[] = { 0.1, 0.1, 0.2, 0.3, 0.9, 0.1, NAN, NAN };
  const double f1[] = { 1.0, 3.0, 2.0, 50.0 };
  /* Worse and tied in cell 0, new in cell 3, better in cell 1 from out of
   * range. */
  const double b2[] = { 0.3, 0.3, 0.4, 0.1, 0.8, 0.8, 5.0, -3.0 };
  const double f2[] = { 2.0, 3.0, 4.0, 10.0 };
  double asked1[4 * N], asked2[4 * N], stats[2];
  g_autoptr(MdkEliteMap) map = NULL;
  const double *center;

  tell_batch (s, b1, f1, 4, asked1);
  map = s->klass->dup_map (s);
  g_assert_cmpuint (map->bins, ==, 2);
  g_assert_cmpfloat (map->fitness[0], ==, 3.0);
  g_assert_cmpfloat (map->fitness[1], ==, 2.0);
  g_assert_true (isnan (map->fitness[2]) && isnan (map->fitness[3]));
  g_assert_cmpuint (map->filled, ==, 2);
  s->klass->get_stats (s, stats);
  g_assert_cmpfloat (stats[0], ==, 0.5);
  g_assert_cmpfloat (stats[1], ==, (3.0 - 1.5) + (2.0 - 1.5));
  /* The best elite is the point told with fitness 3. */
  g_assert_cmpmem (s->klass->get_center (s), N * sizeof (double), asked1 + 1 * N, N * sizeof (double));
  g_clear_pointer (&map, mdk_elite_map_unref);

  tell_batch (s, b2, f2, 4, asked2);
  map = s->klass->dup_map (s);
  g_assert_cmpfloat (map->fitness[0], ==, 3.0);
  g_assert_cmpfloat (map->fitness[1], ==, 10.0);
  g_assert_true (isnan (map->fitness[2]));
  g_assert_cmpfloat (map->fitness[3], ==, 4.0);
  g_assert_cmpfloat (map->coverage, ==, 0.75);
  g_assert_cmpfloat (map->qd_score, ==, 1.5 + 8.5 + 2.5);
  center = s->klass->get_center (s);
  g_assert_cmpmem (center, N * sizeof (double), asked2 + 3 * N, N * sizeof (double));

  s->klass->free (s);
  mdk_optimizer_params_free (&mdk_map_elites_class, params);
}

/* The QD-score never counts a cell below the offset. */
static void
test_qd_offset (void)
{
  gpointer params = params_with ("bins", "2", "batch_size", "2", "qd_offset", "5", NULL);
  MdkEsStrategy *s = strategy_new (params);
  const double b[] = { 0.1, 0.1, 0.9, 0.9 };
  const double f[] = { 2.0, 7.0 };
  double asked[2 * N], stats[2];

  tell_batch (s, b, f, 2, asked);
  s->klass->get_stats (s, stats);
  g_assert_cmpfloat (stats[0], ==, 0.5);
  g_assert_cmpfloat (stats[1], ==, 2.0);
  s->klass->free (s);
  mdk_optimizer_params_free (&mdk_map_elites_class, params);
}

/* The first initial_random genomes are drawn within the initial range;
 * later children are mutated copies of elites, naming their parent. */
static void
test_random_start (void)
{
  gpointer params = params_with ("bins", "4", "batch_size", "5", "initial_random", "10",
                                 "initial_range", "0.5", "sigma", "0.01", NULL);
  MdkEsStrategy *s = strategy_new (params);
  const double b[] = { 0.1, 0.1, 0.3, 0.1, 0.6, 0.1, 0.9, 0.1, 0.9, 0.9 };
  const double f[] = { 1, 2, 3, 4, 5 };
  double asked[5 * N], elites[5 * N];

  /* Two random batches; the second only ties the first's elites. */
  for (guint g = 0; g < 2; g++)
    {
      tell_batch (s, b, f, 5, asked);
      for (guint i = 0; i < 5 * N; i++)
        g_assert_cmpfloat (fabs (asked[i]), <=, 0.5);
      if (g == 0)
        memcpy (elites, asked, sizeof asked);
    }
  /* Every child is within a few σ of one of the elites, its parent. */
  {
    const double *x;
    guint lambda = s->klass->ask (s, &x);

    for (guint k = 0; k < lambda; k++)
      {
        guint8 origin;
        guint64 p1, p2;
        const double *parent;

        s->klass->get_origin (s, k, &origin, &p1, &p2);
        g_assert_cmpuint (origin, ==, MDK_NEAT_ORIGIN_MUTATION);
        g_assert_cmpuint (p1, >=, 100);
        g_assert_cmpuint (p1, <, 105);
        g_assert_cmpuint (p2, ==, 0);
        parent = elites + (p1 - 100) * N;
        for (guint i = 0; i < N; i++)
          g_assert_cmpfloat (fabs (x[k * N + i] - parent[i]), <, 0.1);
      }
  }
  s->klass->free (s);
  mdk_optimizer_params_free (&mdk_map_elites_class, params);
}

/* A task without a behaviour descriptor is refused when the run is made. */
static void
test_needs_behaviour (void)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_xor_class, &mdk_map_elites_class);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkRun) run = mdk_run_new (e, &error);

  g_assert_null (run);
  g_assert_error (error, MDK_ES_ERROR, MDK_ES_ERROR_PARAMS);
  g_assert_nonnull (strstr (error->message, "MAP-Elites"));
}

/* On the pole: the map fills, the history holds coverage and QD-score,
 * and the QD-score never falls. */
static void
test_run (void)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_pole_class, &mdk_map_elites_class);
  const MdkParamSpec *steps = mdk_param_table_lookup (mdk_task_pole_class.params,
                                                      mdk_task_pole_class.n_params, "steps");
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkRun) run = NULL;
  g_autoptr(MdkEliteMap) map = NULL;
  GArray *history;
  double last_qd = 0.0;

  g_assert_true (mdk_param_set_from_string (steps, e->task_params, "300", NULL));
  e->stop.stop_on_solved = FALSE;
  e->seed = 3;
  run = mdk_run_new (e, &error);
  g_assert_no_error (error);
  for (guint g = 0; g < 6; g++)
    mdk_run_step (run);
  history = mdk_run_get_history (run);
  for (guint g = 0; g < history->len; g++)
    {
      const MdkGenerationStats *row = &g_array_index (history, MdkGenerationStats, g);

      g_assert_cmpfloat (row->extra[0], >, 0.0);
      g_assert_cmpfloat (row->extra[0], <=, 1.0);
      g_assert_cmpfloat (row->extra[1], >=, last_qd);
      last_qd = row->extra[1];
    }
  map = mdk_map_elites_class.dup_map (mdk_run_get_optimizer (run));
  g_assert_nonnull (map);
  g_assert_cmpuint (map->bins, ==, 20);
  g_assert_cmpfloat (map->qd_score, ==, last_qd);
  g_assert_cmpfloat (map->coverage, ==, g_array_index (history, MdkGenerationStats, 5).extra[0]);
}

/* Switching the algorithm applies the task's suggestions for the new one:
 * the maze counts MAP-Elites' cells as the paper's 300 − distance, and
 * NEAT gets its population of 250 back. */
static void
test_maze_suggestions (void)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_maze_class, &mdk_neat_class);
  const MdkParamSpec *offset = mdk_param_table_lookup (mdk_map_elites_class.params,
                                                       mdk_map_elites_class.n_params, "qd_offset");
  const MdkParamSpec *population = mdk_param_table_lookup (mdk_neat_class.params, mdk_neat_class.n_params,
                                                           "population_size");

  mdk_experiment_set_algorithm (e, &mdk_map_elites_class);
  g_assert_cmpfloat (mdk_param_get_number (offset, e->optimizer_params), ==, -300);
  mdk_experiment_set_algorithm (e, &mdk_neat_class);
  g_assert_cmpfloat (mdk_param_get_number (population, e->optimizer_params), ==, 250);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/map-elites/cell", test_cell);
  g_test_add_func ("/core/map-elites/insertion", test_insertion);
  g_test_add_func ("/core/map-elites/qd-offset", test_qd_offset);
  g_test_add_func ("/core/map-elites/random-start", test_random_start);
  g_test_add_func ("/core/map-elites/needs-behaviour", test_needs_behaviour);
  g_test_add_func ("/core/map-elites/run", test_run);
  g_test_add_func ("/core/map-elites/maze-suggestions", test_maze_suggestions);
  return g_test_run ();
}
