/* medaka-cli bench: seeded runs, network speed and population memory. */
#define G_LOG_DOMAIN "medaka-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mdk-cli-common.h"
#include "mdk-es-functions.h"
#include "mdk-mlp.h"
#include "mdk-json.h"
#include "mdk-median.h"
#include "mdk-neat.h"
#include "mdk-project.h"
#include "mdk-run.h"
#include "mdk-run-state.h"
#include "mdk-task-classify.h"

static double
median_of (GArray *values)
{
  return mdk_median ((double *) values->data, values->len);
}

static double
mean_of (GArray *values)
{
  double sum = 0.0;

  if (values->len == 0)
    return NAN;
  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, double, i);
  return sum / values->len;
}

static void
print_json (JsonBuilder *b)
{
  g_autofree char *text = mdk_json_builder_to_data (b);

  printf ("%s\n", text);
}

/* Published figures to print beside a task's: mean evaluations to solve
 * and, for the double pole, the mean generalisation score (starts of 625);
 * for every algorithm, or for one (its id). */
typedef struct
{
  const char *task;
  const char *algorithm;
  double      evaluations;
  double      test_metric;
  const char *source;
} Published;

static const Published published[] = {
  /* Stanley & Miikkulainen 2002, "Evolving neural networks through
   * augmenting topologies", Evolutionary Computation 10 (2): XOR in section
   * 4.1, the double pole in tables 2 (with velocities) and 3 (without). */
  { "xor", NULL, 4755, NAN, "NEAT 2002" },
  { "double-pole", NULL, 3600, NAN, "NEAT 2002" },
  { "double-pole-nv", NULL, 33184, 286, "NEAT 2002" },
  /* CMA-ES: Igel 2003, "Neuroevolution for reinforcement learning using
   * evolution strategies", CEC 2003, as Gomez, Schmidhuber & Miikkulainen
   * 2008 ("Accelerated neural evolution through cooperatively coevolved
   * synapses", JMLR 9) list it in tables 3 and 4 (damping fitness);
   * docs/benchmarks.md says how these were read. */
  { "double-pole", "cmaes", 895, NAN, "Igel 2003" },
  { "double-pole-nv", "cmaes", 6061, 250, "Igel 2003" },
};

/* The published row for @task_id: the one for any algorithm (@algorithm
 * NULL) or the one for that algorithm; NULL when there is none, and for a
 * @variant of the task. */
static const Published *
find_published (const char *task_id,
                const char *variant,
                const char *algorithm)
{
  for (guint p = 0; p < G_N_ELEMENTS (published) && variant == NULL; p++)
    if (g_str_equal (published[p].task, task_id) && g_strcmp0 (published[p].algorithm, algorithm) == 0)
      return &published[p];
  return NULL;
}

static void
add_published_json (JsonBuilder     *b,
                    const char      *member,
                    const Published *row)
{
  if (row == NULL)
    return;
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, row->source);
  mdk_json_add_number (b, "mean_evaluations_to_solve", row->evaluations);
  mdk_json_add_number (b, "mean_solution_test_metric", row->test_metric);
  json_builder_end_object (b);
}

static void
print_published (const Published *row)
{
  if (row == NULL)
    return;
  if (isfinite (row->test_metric))
    /* TRANSLATORS: %s names a published method, e.g. "NEAT 2002" */
    printf (_("  published, %s:        mean %.0f evaluations to solve, test metric %.0f\n"),
            row->source, row->evaluations, row->test_metric);
  else
    /* TRANSLATORS: %s names a published method, e.g. "NEAT 2002" */
    printf (_("  published, %s:        mean %.0f evaluations to solve\n"),
            row->source, row->evaluations);
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *
task_class_metric (const char *task_id)
{
  const MdkTaskClass *klass = mdk_task_class_lookup (task_id);

  return klass != NULL && klass->metric_label != NULL ? _(klass->metric_label) : "";
}

/* N seeded runs of a task: how often and how fast it is solved, and how
 * fast the whole loop (reproduction and speciation included) runs.  With
 * @json the figures are an object, printed, or added to @collect when
 * given. */
static int
bench_task (const MdkCliExperimentOptions *options,
            const char                    *task_id,
            const char                    *variant,
            int                            runs,
            gint64                         first_seed,
            gboolean                       json,
            JsonArray                     *collect)
{
  g_autoptr(GArray) solve_evals = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) solve_gens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hidden = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) conns = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rates = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) test_metrics = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  g_autoptr(GError) error = NULL;
  MdkCliExperimentOptions o = *options;
  double total_seconds = 0.0, total_evals = 0.0, total_conn = 0.0;
  guint threads = 0;
  int solved = 0;

  o.task = (char *) task_id;
  for (int r = 0; r < runs; r++)
    {
      g_autoptr(MdkExperiment) experiment = NULL;
      g_autoptr(MdkRun) run = NULL;
      guint64 evals = 0;
      guint gen = 0;
      gconstpointer champion;
      MdkEvalResult result;
      double h, c, cpu_start;

      o.seed = first_seed + r;
      experiment = mdk_cli_build_experiment (&o, task_id, &error);
      if (experiment == NULL)
        return mdk_cli_usage_error ("%s", error->message);
      run = mdk_run_new (experiment, &error);
      if (run == NULL)
        return mdk_cli_usage_error ("%s", error->message);
      threads = experiment->threads ? experiment->threads : g_get_num_processors ();

      cpu_start = cpu_seconds ();
      while (mdk_run_step (run) == NULL)
        ;
      g_array_append_vals (cpu, &(double) { cpu_seconds () - cpu_start }, 1);

      champion = mdk_run_get_champion (run, &result, NULL);
      if (mdk_run_is_solved (run, &evals, &gen))
        {
          solved++;
          g_array_append_vals (solve_evals, &(double) { evals }, 1);
          g_array_append_vals (solve_gens, &(double) { gen + 1 }, 1);
          /* The solution's test metric, e.g. the double pole's
           * generalisation score. */
          if (champion != NULL && result.solved && isfinite (result.test_metric))
            g_array_append_val (test_metrics, result.test_metric);
        }
      if (champion != NULL)
        {
          mdk_optimizer_decode (mdk_run_get_optimizer (run), champion, net);
          h = mdk_network_get_n_hidden (net);
          c = mdk_network_get_n_connections (net);
          g_array_append_val (hidden, h);
          g_array_append_val (conns, c);
        }
      total_seconds += mdk_run_get_seconds (run);
      total_evals += mdk_run_get_evaluations (run);
      total_conn += mdk_run_get_connections (run);
      if (mdk_run_get_seconds (run) > 0)
        {
          double rate = mdk_run_get_evaluations (run) / mdk_run_get_seconds (run);
          g_array_append_val (rates, rate);
        }
    }

  {
    double success = runs > 0 ? (double) solved / runs : 0.0;
    double mean_evals = mean_of (solve_evals), median_evals = median_of (solve_evals);
    double mean_gens = mean_of (solve_gens), median_gens = median_of (solve_gens);
    double mean_hidden = mean_of (hidden), mean_conns = mean_of (conns);
    double eps = total_seconds > 0 ? total_evals / total_seconds : NAN;
    double cps = total_seconds > 0 ? total_conn / total_seconds : NAN;
    double median_rate = median_of (rates);
    double mean_test = mean_of (test_metrics), median_test = median_of (test_metrics);
    double median_cpu = median_of (cpu), max_cpu = NAN;
    const Published *any = find_published (task_id, variant, NULL);
    const Published *own = options->algorithm != NULL ? find_published (task_id, variant, options->algorithm)
                                                      : NULL;

    for (guint i = 0; i < cpu->len; i++)
      max_cpu = i == 0 ? g_array_index (cpu, double, 0) : MAX (max_cpu, g_array_index (cpu, double, i));

    if (json)
      {
        g_autoptr(JsonBuilder) b = json_builder_new ();
        json_builder_begin_object (b);
        json_builder_set_member_name (b, "task");
        json_builder_add_string_value (b, task_id);
        if (variant != NULL)
          {
            json_builder_set_member_name (b, "variant");
            json_builder_add_string_value (b, variant);
          }
        json_builder_set_member_name (b, "runs");
        json_builder_add_int_value (b, runs);
        json_builder_set_member_name (b, "threads");
        json_builder_add_int_value (b, threads);
        json_builder_set_member_name (b, "solved");
        json_builder_add_int_value (b, solved);
        mdk_json_add_number (b, "success_rate", success);
        mdk_json_add_number (b, "mean_evaluations_to_solve", mean_evals);
        mdk_json_add_number (b, "median_evaluations_to_solve", median_evals);
        mdk_json_add_number (b, "mean_generations_to_solve", mean_gens);
        mdk_json_add_number (b, "median_generations_to_solve", median_gens);
        mdk_json_add_number (b, "mean_champion_hidden", mean_hidden);
        mdk_json_add_number (b, "mean_champion_connections", mean_conns);
        mdk_json_add_number (b, "evaluations", total_evals);
        mdk_json_add_number (b, "seconds", total_seconds);
        mdk_json_add_number (b, "evaluations_per_second", eps);
        mdk_json_add_number (b, "median_run_evaluations_per_second", median_rate);
        mdk_json_add_number (b, "connections_per_second", cps);
        mdk_json_add_number (b, "mean_solution_test_metric", mean_test);
        mdk_json_add_number (b, "median_solution_test_metric", median_test);
        mdk_json_add_number (b, "median_run_cpu_seconds", median_cpu);
        mdk_json_add_number (b, "max_run_cpu_seconds", max_cpu);
        add_published_json (b, "published", any);
        add_published_json (b, "published_algorithm", own);
        json_builder_end_object (b);
        if (collect != NULL)
          json_array_add_element (collect, json_builder_get_root (b));
        else
          print_json (b);
      }
    else
      {
        if (variant != NULL)
          /* TRANSLATORS: the first %s is a task id, the second a variant of
           * it, e.g. "Task maze (hard), 10 runs (seeds 1–10), 2 threads" */
          printf (_("Task %s (%s), %d runs (seeds %lld–%lld), %u threads\n"), task_id, variant,
                  runs, (long long) first_seed, (long long) (first_seed + runs - 1), threads);
        else
          printf (_("Task %s, %d runs (seeds %lld–%lld), %u threads\n"),
                  task_id, runs, (long long) first_seed, (long long) (first_seed + runs - 1), threads);
        printf (_("  solved:                      %d of %d (%.1f %%)\n"), solved, runs, 100.0 * success);
        printf (_("  evaluations to solve:        mean %.1f, median %.1f\n"), mean_evals, median_evals);
        printf (_("  generations to solve:        mean %.2f, median %.1f\n"), mean_gens, median_gens);
        printf (_("  champion size:               %.2f hidden nodes, %.2f connections\n"), mean_hidden, mean_conns);
        printf (_("  evaluations per second:      %.0f (median run %.0f)\n"), eps, median_rate);
        printf (_("  connections per second:      %.3g\n"), cps);
        printf (_("  total: %.0f evaluations in %.3f s\n"), total_evals, total_seconds);
        printf (_("  processor time per run:      median %.2f s, longest %.2f s\n"), median_cpu, max_cpu);
        if (test_metrics->len > 0)
          /* TRANSLATORS: %s is what the task's test metric means, e.g.
           * "Steps balanced / starts passed" */
          printf (_("  solutions' test metric:      mean %.1f, median %.1f (%s)\n"),
                  mean_test, median_test, task_class_metric (task_id));
        print_published (any);
        print_published (own);
      }
  }
  return 0;
}

/* The backprop benchmark's experiment: two spirals with noise 0.1 laid out
 * as in the backprop NEAT demo (Ha 2016, datafit-neat.js): 200 evenly
 * spaced training points and 400 test points; the network sees x, y and
 * their squares.  Settings tuned for it follow; options given on the
 * command line come after, so they win. */
static const char * const backprop_task_defaults[] = {
  "dataset=spirals", "points=600", "train_fraction=0.3333333333", "spacing=even",
  "noise=0.1", "feature_x2=true", "feature_y2=true", NULL
};
static const char * const backprop_defaults[] = {
  "population_size=50", "add_node_rate=0.1", "add_connection_rate=0.3",
  "hidden_activation=tanh", "backprop_steps=100", "backprop_batch_size=0",
  "backprop_learning_rate=0.03", NULL
};

static char **
strv_concat (const char * const *first,
             char * const       *then,
             const char         *last)
{
  GStrvBuilder *b = g_strv_builder_new ();
  char **v;

  g_strv_builder_addv (b, (const char **) first);
  if (then != NULL)
    g_strv_builder_addv (b, (const char **) then);
  if (last != NULL)
    g_strv_builder_add (b, last);
  v = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return v;
}

/* A median for people: "–" when there is none. */
static char *
format_median (GArray     *values,
               const char *format)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double m = median_of (values);

  return isfinite (m) ? g_strdup (g_ascii_formatd (buf, sizeof buf, format, m)) : g_strdup ("–");
}

typedef struct
{
  const char *name;
  int         reached;
  GArray     *generations;   /* to the target, of the runs that reached it */
  GArray     *seconds;
  GArray     *hidden;        /* of the generation's best genome then */
  GArray     *connections;
  GArray     *best_test;     /* the best test accuracy of each run */
} BackpropTally;

static void
tally_init (BackpropTally *t,
            const char    *name)
{
  t->name = name;
  t->reached = 0;
  t->generations = g_array_new (FALSE, FALSE, sizeof (double));
  t->seconds = g_array_new (FALSE, FALSE, sizeof (double));
  t->hidden = g_array_new (FALSE, FALSE, sizeof (double));
  t->connections = g_array_new (FALSE, FALSE, sizeof (double));
  t->best_test = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
tally_clear (BackpropTally *t)
{
  g_array_unref (t->generations);
  g_array_unref (t->seconds);
  g_array_unref (t->hidden);
  g_array_unref (t->connections);
  g_array_unref (t->best_test);
}

/* One run until the generation's best genome reaches @target test accuracy
 * or the generation limit. */
static gboolean
tally_run (BackpropTally       *t,
           const MdkExperiment *experiment,
           double               target,
           GError             **error)
{
  g_autoptr(MdkRun) run = mdk_run_new (experiment, error);
  double best = 0.0;

  if (run == NULL)
    return FALSE;
  while (mdk_run_step (run) == NULL)
    {
      GArray *h = mdk_run_get_history (run);
      const MdkGenerationStats *row = &g_array_index (h, MdkGenerationStats, h->len - 1);

      if (isfinite (row->best_test))
        best = MAX (best, row->best_test);
      if (row->best_test >= target)
        {
          double v;

          t->reached++;
          v = row->generation + 1;
          g_array_append_val (t->generations, v);
          g_array_append_val (t->seconds, row->seconds);
          v = row->champion_hidden;
          g_array_append_val (t->hidden, v);
          v = row->champion_connections;
          g_array_append_val (t->connections, v);
          break;
        }
    }
  g_array_append_val (t->best_test, best);
  return TRUE;
}

/* The test accuracy of the nearest training point's class: a baseline
 * that shows how much the data allows. */
static double
nearest_neighbour_accuracy (const MdkTask *task)
{
  const double *train, *test;
  const guint8 *train_labels, *test_labels;
  guint n_train = mdk_task_classify_get_points (task, FALSE, &train, &train_labels);
  guint n_test = mdk_task_classify_get_points (task, TRUE, &test, &test_labels);
  guint correct = 0;

  for (guint i = 0; i < n_test; i++)
    {
      double best = INFINITY;
      guint8 label = 0;

      for (guint j = 0; j < n_train; j++)
        {
          double dx = test[2 * i] - train[2 * j], dy = test[2 * i + 1] - train[2 * j + 1];
          if (dx * dx + dy * dy < best)
            {
              best = dx * dx + dy * dy;
              label = train_labels[j];
            }
        }
      correct += label == test_labels[i];
    }
  return n_test > 0 ? (double) correct / n_test : NAN;
}

/* Backprop-NEAT against plain NEAT (the same experiment without backprop)
 * on the same seeds: generations, time and network size to reach the test
 * accuracy target. */
static int
bench_backprop (const MdkCliExperimentOptions *options,
                int                            runs,
                gint64                         first_seed,
                double                         target,
                gboolean                       json)
{
  BackpropTally tallies[2];
  g_autoptr(GError) error = NULL;
  guint threads = 0, generations = 0, n_train = 0, n_test = 0;
  double nearest = NAN;

  tally_init (&tallies[0], "backprop-neat");
  tally_init (&tallies[1], "neat");
  for (guint m = 0; m < 2; m++)
    for (int r = 0; r < runs; r++)
      {
        MdkCliExperimentOptions o = *options;
        g_auto(GStrv) task_params = strv_concat (backprop_task_defaults, options->task_params, NULL);
        g_auto(GStrv) params = strv_concat (backprop_defaults, options->params,
                                            m == 1 ? "backprop_steps=0" : NULL);
        g_autoptr(MdkExperiment) experiment = NULL;

        o.task = (char *) "classify";
        o.task_params = task_params;
        o.params = params;
        o.seed = first_seed + r;
        /* Solving is a training accuracy: the race goes on to the test target. */
        o.no_stop_on_solved = TRUE;
        if (o.generations == -1)
          o.generations = 150;
        experiment = mdk_cli_build_experiment (&o, "classify", &error);
        if (experiment == NULL || !tally_run (&tallies[m], experiment, target, &error))
          {
            tally_clear (&tallies[0]);
            tally_clear (&tallies[1]);
            return mdk_cli_usage_error ("%s", error->message);
          }
        threads = experiment->threads ? experiment->threads : g_get_num_processors ();
        generations = experiment->stop.max_generations;
        if (n_train == 0)
          {
            g_autoptr(MdkTask) task = mdk_task_new (experiment->task_class, experiment->task_params, NULL);
            n_train = mdk_task_classify_get_points (task, FALSE, NULL, NULL);
            n_test = mdk_task_classify_get_points (task, TRUE, NULL, NULL);
            nearest = nearest_neighbour_accuracy (task);
          }
      }

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "runs");
      json_builder_add_int_value (b, runs);
      json_builder_set_member_name (b, "threads");
      json_builder_add_int_value (b, threads);
      json_builder_set_member_name (b, "max_generations");
      json_builder_add_int_value (b, generations);
      json_builder_set_member_name (b, "training_points");
      json_builder_add_int_value (b, n_train);
      json_builder_set_member_name (b, "test_points");
      json_builder_add_int_value (b, n_test);
      mdk_json_add_number (b, "target_test_accuracy", target);
      mdk_json_add_number (b, "nearest_neighbour_test_accuracy", nearest);
      for (guint m = 0; m < 2; m++)
        {
          BackpropTally *t = &tallies[m];

          json_builder_set_member_name (b, t->name);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "reached");
          json_builder_add_int_value (b, t->reached);
          mdk_json_add_number (b, "median_generations", median_of (t->generations));
          mdk_json_add_number (b, "median_seconds", median_of (t->seconds));
          mdk_json_add_number (b, "median_champion_hidden", median_of (t->hidden));
          mdk_json_add_number (b, "median_champion_connections", median_of (t->connections));
          mdk_json_add_number (b, "median_best_test_accuracy", median_of (t->best_test));
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
      print_json (b);
    }
  else
    {
      printf (g_dngettext (GETTEXT_PACKAGE,
                           "Two spirals: %u training and %u test points; target test accuracy %.3g; "
                           "%d run (seeds %lld–%lld), at most %u generations, %u threads\n",
                           "Two spirals: %u training and %u test points; target test accuracy %.3g; "
                           "%d runs (seeds %lld–%lld), at most %u generations, %u threads\n", runs),
              n_train, n_test, target, runs, (long long) first_seed,
              (long long) (first_seed + runs - 1), generations, threads);
      printf (_("Nearest training point's class: test accuracy %.3f\n"), nearest);
      for (guint m = 0; m < 2; m++)
        {
          BackpropTally *t = &tallies[m];
          g_autofree char *gens = format_median (t->generations, "%.1f");
          g_autofree char *secs = format_median (t->seconds, "%.1f");
          g_autofree char *hidden = format_median (t->hidden, "%.1f");
          g_autofree char *conns = format_median (t->connections, "%.1f");
          g_autofree char *best = format_median (t->best_test, "%.3f");

          printf ("%s\n", m == 0 ? _("Backprop-NEAT:") : _("NEAT without backprop:"));
          printf (g_dngettext (GETTEXT_PACKAGE, "  reached the target:          %d of %d run\n",
                               "  reached the target:          %d of %d runs\n", runs), t->reached, runs);
          printf (_("  generations to the target:   median %s\n"), gens);
          printf (_("  seconds to the target:       median %s\n"), secs);
          printf (_("  network then:                median %s hidden nodes, %s connections\n"), hidden, conns);
          printf (_("  best test accuracy of a run: median %s\n"), best);
        }
    }
  tally_clear (&tallies[0]);
  tally_clear (&tallies[1]);
  return 0;
}

/* The paper's budget: 250,000 evaluations a run (Lehman & Stanley 2011). */
#define MAZE_BENCH_EVALUATIONS 250000

/* Whether @assignments (KEY=VALUE) set @key. */
static gboolean
assigns (char * const *assignments,
         const char   *key)
{
  gsize len = strlen (key);

  for (guint i = 0; assignments != NULL && assignments[i] != NULL; i++)
    if (strncmp (assignments[i], key, len) == 0 && assignments[i][len] == '=')
      return TRUE;
  return FALSE;
}

/* @assignments then @extra (NULL: none), which wins when both set a key. */
static GStrv
assignments_with (char * const *assignments,
                  const char   *extra)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (assignments != NULL)
    g_strv_builder_addv (builder, (const char **) assignments);
  if (extra != NULL)
    g_strv_builder_add (builder, extra);
  return g_strv_builder_end (builder);
}

/* The maze benchmarks' runs stop at the paper's budget, not at a number of
 * generations, unless told otherwise. */
static void
use_maze_budget (MdkCliExperimentOptions *o)
{
  if (o->evaluations == -1)
    o->evaluations = MAZE_BENCH_EVALUATIONS;
  if (o->generations == -1)
    o->generations = 0;
}

static void
print_json_array (JsonArray *array)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_node_set_array (node, array);
  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
}

/* bench maze: seeded runs on the medium and the hard map (or the map given
 * with -P map=…), each stopped at the paper's budget unless told otherwise. */
static int
bench_maze (const MdkCliExperimentOptions *options,
            int                            runs,
            gint64                         first_seed,
            gboolean                       json)
{
  static const char * const maps[] = { "medium", "hard" };
  g_autoptr(JsonArray) results = json_array_new ();
  gboolean map_given = assigns (options->task_params, "map");

  for (guint m = 0; m < (map_given ? 1 : G_N_ELEMENTS (maps)); m++)
    {
      MdkCliExperimentOptions o = *options;
      g_autofree char *map = g_strdup_printf ("map=%s", maps[m]);
      g_auto(GStrv) params = assignments_with (options->task_params, map_given ? NULL : map);
      int status;

      o.task_params = params;
      use_maze_budget (&o);
      status = bench_task (&o, "maze", map_given ? NULL : maps[m], runs, first_seed, json, results);
      if (status != 0)
        return status;
    }
  /* One array of the maps' objects. */
  if (json)
    print_json_array (results);
  return 0;
}

/* bench novelty: novelty search against the task's fitness with the same
 * NEAT, seeded runs on the hard maze (or the map given) at the paper's
 * budget, as in Lehman & Stanley (2011). */
static int
bench_novelty (const MdkCliExperimentOptions *options,
               int                            runs,
               gint64                         first_seed,
               gboolean                       json)
{
  static const struct { const char *objective, *variant; } arms[] = {
    { "objective=novelty", N_("novelty search") },
    { "objective=fitness", N_("fitness") },
  };
  g_autoptr(JsonArray) results = json_array_new ();
  g_auto(GStrv) task_params = assignments_with (options->task_params,
                                                assigns (options->task_params, "map") ? NULL : "map=hard");

  for (guint a = 0; a < G_N_ELEMENTS (arms); a++)
    {
      MdkCliExperimentOptions o = *options;
      g_auto(GStrv) objective = assignments_with (options->objective_params, arms[a].objective);
      int status;

      o.task_params = task_params;
      o.objective_params = objective;
      use_maze_budget (&o);
      status = bench_task (&o, "maze", _(arms[a].variant), runs, first_seed, json, results);
      if (status != 0)
        return status;
      if (!json && a == 0)
        printf ("\n");
    }
  if (json)
    print_json_array (results);
  return 0;
}

/* A random feed-forward network of tanh nodes with @n_conns connections:
 * each hidden node takes from the inputs and earlier hidden nodes, each
 * output from the hidden nodes. */
static void
build_random_network (MdkNetwork *net,
                      guint       n_conns,
                      guint       n_hidden,
                      MdkRng     *rng)
{
  guint n_inputs = 16, n_outputs = 4;
  guint n = n_inputs + 1 + n_outputs + n_hidden;
  guint first_hidden = n_inputs + 1 + n_outputs;

  mdk_network_begin (net, n_inputs, n_outputs, n);
  for (guint i = n_inputs + 1; i < n; i++)
    mdk_network_set_node (net, i, MDK_ACTIVATION_TANH, mdk_rng_range (rng, -1, 1));
  for (guint c = 0; c < n_conns; c++)
    {
      /* Hidden node k only takes from inputs and hidden nodes before it. */
      guint dst_h = mdk_rng_below (rng, n_hidden + n_outputs);
      guint dst, src;

      if (dst_h < n_hidden)
        {
          dst = first_hidden + dst_h;
          src = mdk_rng_below (rng, n_inputs + 1 + dst_h);
          if (src > n_inputs)
            src = first_hidden + (src - n_inputs - 1);
        }
      else
        {
          dst = n_inputs + 1 + (dst_h - n_hidden);
          src = first_hidden + mdk_rng_below (rng, n_hidden);
        }
      mdk_network_add_connection (net, src, dst, mdk_rng_range (rng, -1, 1));
    }
  mdk_network_compile (net);
}

static int
bench_network (int      reps,
               guint    n_conns,
               guint    n_hidden,
               gboolean json)
{
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  g_autoptr(GArray) ns = g_array_new (FALSE, FALSE, sizeof (double));
  double inputs[16], outputs[4];
  MdkRng rng;
  guint activations;
  double compile_us;
  gint64 t0;

  mdk_rng_init (&rng, 1);
  build_random_network (net, n_conns, n_hidden, &rng);
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < 100; i++)
    build_random_network (net, n_conns, n_hidden, &rng);
  compile_us = (g_get_monotonic_time () - t0) / 100.0;

  for (guint i = 0; i < 16; i++)
    inputs[i] = mdk_rng_range (&rng, -1, 1);
  activations = MAX (1000, 200000000 / MAX (n_conns, 1) / 10);

  for (int r = 0; r < reps; r++)
    {
      double elapsed, v;
      t0 = g_get_monotonic_time ();
      for (guint a = 0; a < activations; a++)
        {
          inputs[a & 15] += 1e-9;   /* keep the work live */
          mdk_network_activate (net, inputs, outputs);
        }
      elapsed = (g_get_monotonic_time () - t0) * 1e3;   /* ns */
      v = elapsed / ((double) activations * mdk_network_get_n_connections (net));
      g_array_append_val (ns, v);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "connections");
      json_builder_add_int_value (b, mdk_network_get_n_connections (net));
      json_builder_set_member_name (b, "nodes");
      json_builder_add_int_value (b, mdk_network_get_n_nodes (net));
      mdk_json_add_number (b, "median_ns_per_connection", median_of (ns));
      mdk_json_add_number (b, "compile_microseconds", compile_us);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    {
      printf (_("Network of %u nodes and %u connections, %u activations × %d repetitions\n"),
              mdk_network_get_n_nodes (net), mdk_network_get_n_connections (net), activations, reps);
      printf (_("  median: %.3f ns per connection per activation\n"), median_of (ns));
      printf (_("  decode and compile: %.1f µs per network\n"), compile_us);
    }
  return 0;
}

/* The same MLP run through OpenBLAS (dense layers, single precision) and
 * through the compiled graph (double precision), over a batch of rows (as
 * the dataset tasks do) and one step at a time (as control tasks do):
 * nanoseconds per connection and row, and the decoding cost per genome. */
static double
time_mlp (MdkNetwork   *net,
          const double *inputs,
          guint         rows,
          gboolean      batch,
          int           reps,
          double       *outputs)
{
  g_autoptr(GArray) ns = g_array_new (FALSE, FALSE, sizeof (double));
  guint conns = mdk_network_get_n_connections (net);
  guint loops = MAX (1, 20000000 / (conns * rows));

  for (int r = 0; r < reps; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double v;

      for (guint l = 0; l < loops; l++)
        {
          if (batch)
            mdk_network_activate_batch (net, inputs, rows, outputs);
          else
            for (guint i = 0; i < rows; i++)
              mdk_network_activate (net, inputs + (gsize) i * 16, outputs + (gsize) i * 4);
        }
      v = (g_get_monotonic_time () - t0) * 1e3 / ((double) loops * rows * conns);
      g_array_append_val (ns, v);
    }
  return median_of (ns);
}

static double
time_decode (const MdkMlp  *mlp,
             const double  *params,
             MdkNetwork    *net,
             gboolean       dense)
{
  g_autoptr(MdkNeatGenome) genome = mdk_mlp_to_neat_genome (mlp, params);
  gint64 t0 = g_get_monotonic_time ();

  for (guint i = 0; i < 200; i++)
    {
      if (dense)
        mdk_mlp_decode (mlp, params, net);
      else
        mdk_neat_genome_decode (genome, net);
    }
  return (g_get_monotonic_time () - t0) / 200.0;
}

static int
bench_mlp (int      reps,
           gboolean json)
{
  static const guint hidden[] = { 8, 32, 128, 512 };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  double inputs[256 * 16], outputs[256 * 4];
  MdkRng rng;

  mdk_blas_use_one_thread ();
  mdk_rng_init (&rng, 1);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    inputs[i] = mdk_rng_range (&rng, -1, 1);
  json_builder_begin_array (b);
  if (!json)
    printf (_("MLP 16 → H → H → 4 (tanh), ns per connection and row; decoding in µs per genome\n"
              "      H  connections   batch of 256: BLAS   graph     one step: BLAS   graph     decode: BLAS   graph\n"));
  for (guint h = 0; h < G_N_ELEMENTS (hidden); h++)
    {
      g_autofree char *layers = g_strdup_printf ("%u,%u", hidden[h], hidden[h]);
      g_autoptr(MdkMlp) mlp = mdk_mlp_parse (16, 4, layers, "tanh", MDK_ACTIVATION_TANH, TRUE, FALSE, NULL);
      g_autofree double *params = g_new (double, mlp->n_params);
      g_autoptr(MdkNeatGenome) genome = NULL;
      g_autoptr(MdkNetwork) dense = mdk_network_new ();
      g_autoptr(MdkNetwork) graph = mdk_network_new ();
      double batch_dense, batch_graph, step_dense, step_graph, decode_dense, decode_graph;

      for (gsize i = 0; i < mlp->n_params; i++)
        params[i] = mdk_rng_range (&rng, -0.5, 0.5);
      genome = mdk_mlp_to_neat_genome (mlp, params);
      mdk_mlp_decode (mlp, params, dense);
      mdk_neat_genome_decode (genome, graph);
      batch_dense = time_mlp (dense, inputs, 256, TRUE, reps, outputs);
      batch_graph = time_mlp (graph, inputs, 256, TRUE, reps, outputs);
      step_dense = time_mlp (dense, inputs, 256, FALSE, reps, outputs);
      step_graph = time_mlp (graph, inputs, 256, FALSE, reps, outputs);
      decode_dense = time_decode (mlp, params, dense, TRUE);
      decode_graph = time_decode (mlp, params, graph, FALSE);
      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "hidden");
          json_builder_add_int_value (b, hidden[h]);
          json_builder_set_member_name (b, "connections");
          json_builder_add_int_value (b, mlp->n_connections);
          mdk_json_add_number (b, "batch_blas_ns", batch_dense);
          mdk_json_add_number (b, "batch_graph_ns", batch_graph);
          mdk_json_add_number (b, "step_blas_ns", step_dense);
          mdk_json_add_number (b, "step_graph_ns", step_graph);
          mdk_json_add_number (b, "decode_blas_us", decode_dense);
          mdk_json_add_number (b, "decode_graph_us", decode_graph);
          json_builder_end_object (b);
        }
      else
        printf ("  %5u  %11u   %17.3f  %6.3f   %14.3f  %6.3f   %12.1f  %6.1f\n", hidden[h], mlp->n_connections,
                batch_dense, batch_graph, step_dense, step_graph, decode_dense, decode_graph);
    }
  json_builder_end_array (b);
  if (json)
    print_json (b);
  return 0;
}

/* A task with the shape the memory target talks about: 24 inputs, 4
 * outputs, so start genomes have (24 + 1) × 4 = 100 connections. */
static gboolean
shape_init (MdkTask  *task,
            GError  **error)
{
  const char *in[24], *out[4] = { "o1", "o2", "o3", "o4" };
  char names[24][8];

  for (guint i = 0; i < 24; i++)
    {
      g_snprintf (names[i], sizeof names[i], "i%u", i + 1);
      in[i] = names[i];
    }
  mdk_task_set_names (task, in, 24, out, 4);
  return TRUE;
}

static void
shape_evaluate (const MdkTask *task,
                MdkNetwork    *net,
                MdkRng        *rng,
                MdkEvalResult *result)
{
  double in[24], out[4];

  for (guint i = 0; i < 24; i++)
    in[i] = mdk_rng_range (rng, -1, 1);
  mdk_network_activate (net, in, out);
  result->fitness = out[0] + out[1] + out[2] + out[3];
}

static const MdkTaskClass shape_task_class = {
  .id = "bench-shape",
  .label = "bench",
  .description = "",
  .params_size = 1,
  .deterministic = FALSE,
  .output_activation = MDK_ACTIVATION_TANH,
  .init = shape_init,
  .evaluate = shape_evaluate,
};

static double
read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return NAN;
  p = strstr (status, field);
  if (p == NULL)
    return NAN;
  return g_ascii_strtod (p + strlen (field) + 1, NULL);
}

static int
bench_memory (int      population,
              int      generations,
              gboolean json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkTask) task = NULL;
  g_autoptr(MdkOptimizer) opt = NULL;
  g_autoptr(MdkEvaluator) ev = mdk_evaluator_new (1);
  MdkNeatParams params;
  double rss_before = read_status_kb ("VmRSS:");
  double genome_bytes = 0.0, mean_conns = 0.0;
  g_autofree MdkEvalResult *results = g_new0 (MdkEvalResult, population);
  GPtrArray *pop;

  task = mdk_task_new (&shape_task_class, NULL, &error);
  mdk_neat_params_init_defaults (&params);
  params.population_size = population;
  opt = mdk_optimizer_new (&mdk_neat_class, &params, task, 1, &error);
  if (opt == NULL)
    return mdk_cli_usage_error ("%s", error->message);

  for (int g = 0; g < generations; g++)
    {
      gconstpointer *genomes;
      guint n = mdk_optimizer_ask (opt, &genomes);
      mdk_evaluator_run (ev, opt, task, genomes, n, 1, g, results);
      mdk_optimizer_tell (opt, results, n);
    }

  pop = mdk_neat_get_population (opt);
  for (guint i = 0; i < pop->len; i++)
    {
      genome_bytes += mdk_neat_genome_memory_size (pop->pdata[i]);
      mean_conns += ((MdkNeatGenome *) pop->pdata[i])->n_conns;
    }
  mean_conns /= pop->len;

  {
    double rss = read_status_kb ("VmRSS:"), peak = read_status_kb ("VmHWM:");
    if (json)
      {
        g_autoptr(JsonBuilder) b = json_builder_new ();
        json_builder_begin_object (b);
        json_builder_set_member_name (b, "population");
        json_builder_add_int_value (b, population);
        mdk_json_add_number (b, "mean_connections", mean_conns);
        mdk_json_add_number (b, "population_mb", genome_bytes / 1048576.0);
        mdk_json_add_number (b, "rss_growth_mb", (rss - rss_before) / 1024.0);
        mdk_json_add_number (b, "peak_rss_mb", peak / 1024.0);
        json_builder_end_object (b);
        print_json (b);
      }
    else
      {
        printf (_("Population of %d genomes, %.1f connection genes each on average, after %d generations\n"),
                population, mean_conns, generations);
        printf (_("  genomes: %.1f MB; process memory grew by %.1f MB; peak resident %.1f MB\n"),
                genome_bytes / 1048576.0, (rss - rss_before) / 1024.0, peak / 1024.0);
      }
  }
  return 0;
}

/* Save and load of a whole project: a population of @population genomes
 * after @generations generations of XOR (history, species, lineage of the
 * run), through the real file code, timed @reps times. */
static int
bench_project (int      population,
               int      generations,
               int      reps,
               gboolean json)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_xor_class, &mdk_neat_class);
  g_autoptr(MdkRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) save_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) load_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = g_dir_make_tmp ("medaka-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  GStatBuf st = { 0 };

  if (dir == NULL)
    return mdk_cli_usage_error ("%s", error->message);
  path = g_build_filename (dir, "bench.medaka", NULL);
  file = g_file_new_for_path (path);
  ((MdkNeatParams *) e->optimizer_params)->population_size = population;
  e->stop.max_generations = generations;
  e->stop.stop_on_solved = FALSE;
  run = mdk_run_new (e, &error);
  if (run == NULL)
    return mdk_cli_usage_error ("%s", error->message);
  while (mdk_run_step (run) == NULL)
    ;

  for (int r = 0; r < reps; r++)
    {
      g_autoptr(MdkProject) project = mdk_project_new ();
      g_autoptr(MdkProject) loaded = NULL;
      g_autoptr(MdkRun) again = NULL;
      gint64 t0 = g_get_monotonic_time (), t1, t2;
      g_autoptr(JsonNode) state = mdk_run_state_save (run);
      double ms;

      mdk_project_set_state (project, state);
      if (!mdk_project_save (project, file, &error))
        return mdk_cli_usage_error ("%s", error->message);
      t1 = g_get_monotonic_time ();
      loaded = mdk_project_load (file, &error);
      if (loaded != NULL)
        again = mdk_run_state_load (mdk_project_get_state (loaded), &error);
      if (again == NULL)
        return mdk_cli_usage_error ("%s", error->message);
      t2 = g_get_monotonic_time ();
      ms = (t1 - t0) / 1000.0;
      g_array_append_val (save_ms, ms);
      ms = (t2 - t1) / 1000.0;
      g_array_append_val (load_ms, ms);
    }
  g_stat (path, &st);
  g_unlink (path);
  g_rmdir (dir);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "population");
      json_builder_add_int_value (b, population);
      json_builder_set_member_name (b, "generations");
      json_builder_add_int_value (b, mdk_run_get_generation (run));
      mdk_json_add_number (b, "file_mb", st.st_size / 1048576.0);
      mdk_json_add_number (b, "median_save_ms", median_of (save_ms));
      mdk_json_add_number (b, "median_load_ms", median_of (load_ms));
      json_builder_end_object (b);
      print_json (b);
    }
  else
    {
      printf (_("Project of %d genomes after %u generations: %.2f MB on disk\n"),
              population, mdk_run_get_generation (run), st.st_size / 1048576.0);
      printf (_("  median of %d: save %.0f ms, load %.0f ms\n"),
              reps, median_of (save_ms), median_of (load_ms));
    }
  return 0;
}

/* The evolution strategies on test functions, without networks: the
 * evaluations to reach a target value (--target, default f ≤ 1e-8) from a
 * start drawn uniformly in [−4, 4]ⁿ as in BBOB, or at (s, …, s) for
 * --start s; by default the four standard functions in 10 and 40
 * dimensions, or one --function in one --dimension.  The BBOB functions
 * get an optimum drawn uniformly in [−4, 4]ⁿ and random rotations for each
 * run, as BBOB's instances do. */
typedef struct
{
  const char *function;
  int         dimension;
  const char *start;
} EsBenchOptions;

static void
print_es_row (JsonBuilder             *b,
              gboolean                 json,
              const MdkOptimizerClass *klass,
              const char              *function,
              guint                    n,
              int                      runs,
              int                      solved,
              GArray                  *evals,
              double                   total,
              double                   seconds)
{
  double lo = NAN, hi = NAN;

  for (guint i = 0; i < evals->len; i++)
    {
      double v = g_array_index (evals, double, i);
      lo = i == 0 ? v : MIN (lo, v);
      hi = i == 0 ? v : MAX (hi, v);
    }
  if (json)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "algorithm");
      json_builder_add_string_value (b, klass->id);
      json_builder_set_member_name (b, "function");
      json_builder_add_string_value (b, function);
      json_builder_set_member_name (b, "dimension");
      json_builder_add_int_value (b, n);
      json_builder_set_member_name (b, "runs");
      json_builder_add_int_value (b, runs);
      json_builder_set_member_name (b, "solved");
      json_builder_add_int_value (b, solved);
      mdk_json_add_number (b, "median_evaluations", median_of (evals));
      mdk_json_add_number (b, "min_evaluations", lo);
      mdk_json_add_number (b, "max_evaluations", hi);
      /* Expected running time (BBOB): all evaluations per success. */
      mdk_json_add_number (b, "ert", solved > 0 ? total / solved : NAN);
      mdk_json_add_number (b, "seconds", seconds);
      json_builder_end_object (b);
    }
  else if (solved > 0)
    printf ("  %-14s %3u  %3d/%-3d  %9.0f  %9.0f – %-9.0f %9.0f  %8.2f\n", function, n, solved, runs,
            median_of (evals), lo, hi, total / solved, seconds);
  else
    printf ("  %-14s %3u  %3d/%-3d  %9s  %21s %9s  %8.2f\n", function, n, solved, runs, "–", "–", "–",
            seconds);
  fflush (stdout);
}

static int
bench_es (const MdkCliExperimentOptions *options,
          const EsBenchOptions          *es,
          int                            runs,
          gint64                         first_seed,
          gboolean                       json)
{
  MdkCliExperimentOptions o = *options;
  g_autoptr(MdkExperiment) e = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const MdkEsStrategyClass *sclass;
  const MdkEsTestFunction *functions;
  guint n_functions, dims[2] = { 10, 40 }, n_dims = 2;
  double target, start = NAN;
  g_autofree double *center = NULL;

  o.algorithm = o.algorithm != NULL ? o.algorithm : (char *) "cmaes";
  e = mdk_cli_build_experiment (&o, "xor", &error);
  if (e == NULL)
    return mdk_cli_usage_error ("%s", error->message);
  sclass = e->optimizer_class->class_data;
  if (sclass == NULL)
    return mdk_cli_usage_error (_("bench es needs an evolution strategy (-a cmaes, sep-cmaes, openai-es, pepg or ga)"));
  target = e->stop.use_fitness_target ? e->stop.fitness_target : 1e-8;
  if (es->start != NULL)
    {
      char *end = NULL;

      start = g_ascii_strtod (es->start, &end);
      if (*es->start == '\0' || *end != '\0' || !isfinite (start))
        return mdk_cli_usage_error (_("--start expects a number, not “%s”"), es->start);
    }
  functions = mdk_es_test_functions (&n_functions);
  if (es->function != NULL && mdk_es_test_function (es->function) == NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint fi = 0; fi < n_functions; fi++)
        g_string_append_printf (names, "%s%s", fi > 0 ? ", " : "", functions[fi].id);
      /* TRANSLATORS: the second %s lists the function names */
      return mdk_cli_usage_error (_("Unknown test function “%s”; the functions are %s"), es->function, names->str);
    }
  if (es->dimension > 0)
    {
      dims[0] = es->dimension;
      n_dims = 1;
    }

  json_builder_begin_array (b);
  if (!json)
    {
      printf (_("%s, %d runs (seeds %lld–%lld), target f ≤ %g\n"), e->optimizer_class->id, runs,
              (long long) first_seed, (long long) (first_seed + runs - 1), target);
      printf (_("  function         n  success     median    min – max             ERT   seconds\n"));
    }
  for (guint fi = 0; fi < n_functions; fi++)
    for (guint di = 0; di < n_dims; di++)
      {
        guint n = dims[di];
        /* Budget per run: --evaluations, or 10⁵·n. */
        guint64 budget = o.evaluations > 0 ? (guint64) o.evaluations : (guint64) 100000 * n;
        g_autoptr(GArray) evals = g_array_new (FALSE, FALSE, sizeof (double));
        gint64 t0 = g_get_monotonic_time ();
        double total = 0.0;
        int solved = 0;

        if (es->function != NULL ? g_strcmp0 (es->function, functions[fi].id) != 0 : !functions[fi].standard)
          continue;
        g_free (center);
        center = NULL;
        if (isfinite (start))
          {
            center = g_new (double, n);
            for (guint i = 0; i < n; i++)
              center[i] = start;
          }
        for (int r = 0; r < runs; r++)
          {
            MdkEsProblem problem = {
              .n = n,
              .center = center,
              .init_range = center != NULL ? 0.0 : 4.0,
              .seed = (guint64) (first_seed + r),
            };
            MdkEsStrategy *s = sclass->create (e->optimizer_params, &problem, &error);
            g_autoptr(MdkEsBbob) bbob = NULL;
            double best, used;

            if (s == NULL)
              return mdk_cli_usage_error ("%s", error->message);
            /* BBOB functions: a new instance for every run. */
            if (functions[fi].bbob)
              bbob = mdk_es_bbob_new (n, problem.seed);
            used = mdk_es_minimize (s, n, functions[fi].f, bbob, target, budget, &best);
            total += used;
            if (best <= target)
              {
                solved++;
                g_array_append_val (evals, used);
              }
            sclass->free (s);
          }
        print_es_row (b, json, e->optimizer_class, functions[fi].id, n, runs, solved, evals, total,
                      (g_get_monotonic_time () - t0) / 1e6);
      }
  json_builder_end_array (b);
  if (json)
    print_json (b);
  return 0;
}

int
mdk_cli_bench (int    argc,
               char **argv)
{
  MdkCliExperimentOptions exp_options = { 0 };
  EsBenchOptions es_options = { 0 };
  g_autofree char *es_function = NULL, *es_start = NULL;
  int runs = -1, reps = 5, connections = 1000, hidden = 0, population = -1;
  double target = 0.95;
  gint64 first_seed = 1;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, N_("Number of seeded runs (default: 10; bench novelty: 20)"), N_("N") },
    { "first-seed", 0, 0, G_OPTION_ARG_INT64, &first_seed, N_("Seed of the first run; the others follow (default: 1)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the figures as JSON"), NULL },
    { "repetitions", 0, 0, G_OPTION_ARG_INT, &reps, N_("network: timing repetitions (default: 5)"), N_("N") },
    { "connections", 0, 0, G_OPTION_ARG_INT, &connections, N_("network: number of connections (default: 1000)"), N_("N") },
    { "hidden", 0, 0, G_OPTION_ARG_INT, &hidden, N_("network: number of hidden nodes (default: the square root of the connections)"), N_("N") },
    { "population", 0, 0, G_OPTION_ARG_INT, &population, N_("memory, project: population size (default: 10000, 1000)"), N_("N") },
    { "test-accuracy", 0, 0, G_OPTION_ARG_DOUBLE, &target, N_("backprop: the test accuracy to reach (default: 0.95)"), N_("ACCURACY") },
    { "function", 0, 0, G_OPTION_ARG_STRING, &es_function, N_("es: one test function (default: sphere, ellipsoid, rosenbrock and rastrigin)"), N_("NAME") },
    { "dimension", 0, 0, G_OPTION_ARG_INT, &es_options.dimension, N_("es: one dimension (default: 10 and 40)"), N_("N") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &es_start, N_("es: start every coordinate at this value (default: uniform in −4 … 4)"), N_("X") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("TASK | novelty | network | memory | project | mlp | es | backprop"));
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Benchmarks. “bench TASK” runs N seeded runs and prints the success rate, "
                                  "evaluations and generations to solve, champion size and throughput "
                                  "(“bench maze”: on the medium and the hard map, 250,000 evaluations "
                                  "a run unless --evaluations says otherwise). "
                                  "“bench novelty” compares novelty search with fitness-based NEAT on the "
                                  "hard maze, 20 runs of 250,000 evaluations each, as Lehman & Stanley "
                                  "(2011) did. "
                                  "“bench network” times a compiled network; “bench memory” measures "
                                  "a large population; “bench project” times saving and loading a project; "
                                  "“bench mlp” compares a fixed network through OpenBLAS with its graph form; "
                                  "“bench es” runs an evolution strategy (-a) on test functions and prints "
                                  "the evaluations to reach the --target value and the success rate; "
                                  "“bench backprop” races backprop-NEAT against plain NEAT to a test accuracy "
                                  "on two spirals (experiment options change its experiment)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, mdk_cli_experiment_option_group (&exp_options));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      mdk_cli_experiment_options_clear (&exp_options);
      return mdk_cli_usage_error ("%s", error->message);
    }
  if (argc != 2)
    {
      mdk_cli_experiment_options_clear (&exp_options);
      return mdk_cli_usage_error (argc < 2 ? _("bench needs a task, “novelty”, “network”, “memory”, “project”, “mlp”, “es” or “backprop”")
                                           : _("bench takes one task, “novelty”, “network”, “memory”, “project”, “mlp”, “es” or “backprop”"));
    }
  /* The paper's comparison is over 20 runs; other benchmarks take 10. */
  if (runs < 0)
    runs = g_strcmp0 (argv[1], "novelty") == 0 ? 20 : 10;
  {
    const struct { const char *name; int value, lo, hi; } ranges[] = {
      { "--runs", runs, 1, 100000 },
      { "--repetitions", reps, 1, 1000 },
      { "--connections", connections, 1, 10000000 },
      { "--population", population < 0 ? 2 : population, 2, 1000000 },
      { "--hidden", hidden, 0, 100000 },
      { "--dimension", es_options.dimension, 0, 100000 },
    };
    for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
      if (ranges[i].value < ranges[i].lo || ranges[i].value > ranges[i].hi)
        {
          mdk_cli_experiment_options_clear (&exp_options);
          return mdk_cli_usage_error (_("%s must be from %d to %d, not %d"), ranges[i].name,
                                      ranges[i].lo, ranges[i].hi, ranges[i].value);
        }
  }

  if (g_strcmp0 (argv[1], "network") == 0)
    status = bench_network (reps, connections,
                            hidden > 0 ? (guint) hidden : MAX (8, (guint) sqrt (connections)), json);
  else if (g_strcmp0 (argv[1], "memory") == 0)
    status = bench_memory (population > 0 ? population : 10000,
                           exp_options.generations > 0 ? exp_options.generations : 3, json);
  else if (g_strcmp0 (argv[1], "project") == 0)
    status = bench_project (population > 0 ? population : 1000,
                            exp_options.generations > 0 ? exp_options.generations : 1000, reps, json);
  else if (g_strcmp0 (argv[1], "mlp") == 0)
    status = bench_mlp (reps, json);
  else if (g_strcmp0 (argv[1], "es") == 0)
    {
      es_options.function = es_function;
      es_options.start = es_start;
      status = bench_es (&exp_options, &es_options, runs, first_seed, json);
    }
  else if (g_strcmp0 (argv[1], "backprop") == 0)
    status = !(target > 0.0 && target <= 1.0)
             ? mdk_cli_usage_error (_("%s must be from 0 to 1, not %g"), "--test-accuracy", target)
             : bench_backprop (&exp_options, runs, first_seed, target, json);
  else if (g_strcmp0 (argv[1], "maze") == 0)
    status = bench_maze (&exp_options, runs, first_seed, json);
  else if (g_strcmp0 (argv[1], "novelty") == 0)
    status = bench_novelty (&exp_options, runs, first_seed, json);
  else
    status = bench_task (&exp_options, argv[1], NULL, runs, first_seed, json, NULL);
  mdk_cli_experiment_options_clear (&exp_options);
  return status;
}
