/* Whole runs: determinism across thread counts and processes, XOR solved,
 * bad fitness, the solution test's reuse, stop conditions. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mdk-es.h"
#include "mdk-median.h"
#include "mdk-neat.h"
#include "mdk-run.h"

static MdkRun *
run_to_end (const MdkExperiment *experiment)
{
  g_autoptr(GError) error = NULL;
  MdkRun *run = mdk_run_new (experiment, &error);

  g_assert_no_error (error);
  while (mdk_run_step (run) == NULL)
    ;
  return run;
}

/* Every history column but the wall-clock seconds must match exactly. */
static void
assert_same_history (const MdkRun *a,
                     const MdkRun *b)
{
  GArray *ha = mdk_run_get_history (a), *hb = mdk_run_get_history (b);

  g_assert_cmpuint (ha->len, ==, hb->len);
  for (guint i = 0; i < ha->len; i++)
    g_assert_true (mdk_stats_same_outcome (&g_array_index (ha, MdkGenerationStats, i),
                                           &g_array_index (hb, MdkGenerationStats, i)));
}

static void
check_thread_counts (MdkExperiment *experiment)
{
  g_autoptr(MdkRun) reference = NULL;
  g_autofree char *reference_json = NULL;
  const guint threads[] = { 1, 2, 8 };

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      g_autoptr(MdkRun) run = NULL;
      g_autofree char *json = NULL;

      experiment->threads = threads[t];
      run = run_to_end (experiment);
      json = mdk_run_champion_to_json (run);
      if (reference == NULL)
        {
          reference = g_steal_pointer (&run);
          reference_json = g_steal_pointer (&json);
          continue;
        }
      assert_same_history (reference, run);
      g_assert_cmpstr (json, ==, reference_json);
    }
}

static void
test_determinism_xor (void)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_xor_class, &mdk_neat_class);

  e->seed = 42;
  e->stop.stop_on_solved = FALSE;
  e->stop.max_generations = 60;
  check_thread_counts (e);
}

static void
test_determinism_classify (void)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_classify_class, &mdk_neat_class);
  const MdkParamSpec *spec = mdk_param_table_lookup (mdk_task_classify_class.params,
                                                     mdk_task_classify_class.n_params, "dataset");

  g_assert_true (mdk_param_set_from_string (spec, e->task_params, "spirals", NULL));
  e->seed = 7;
  e->stop.max_generations = 25;
  check_thread_counts (e);
}

/* Backprop-NEAT: the minibatches come from each genome's own stream and
 * the learned weights go back into the genome within its thread, so the
 * run is the same for any thread count; with phased search on too. */
static void
test_determinism_backprop (void)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_classify_class, &mdk_neat_class);
  const MdkParamSpec *spec = mdk_param_table_lookup (mdk_task_classify_class.params,
                                                     mdk_task_classify_class.n_params, "dataset");
  MdkNeatParams *p = e->optimizer_params;

  g_assert_true (mdk_param_set_from_string (spec, e->task_params, "spirals", NULL));
  p->population_size = 40;
  p->backprop_steps = 20;
  p->add_node_rate = 0.2;
  p->search_mode = MDK_NEAT_SEARCH_PHASED;
  p->phase_complexity_ceiling = 3;
  p->phase_simplify_generations = 2;
  e->seed = 11;
  e->stop.max_generations = 12;
  check_thread_counts (e);
}

static void
test_seed_changes_run (void)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_xor_class, &mdk_neat_class);
  g_autoptr(MdkRun) a = NULL, b = NULL;
  g_autofree char *ja = NULL, *jb = NULL;

  e->stop.max_generations = 10;
  e->stop.stop_on_solved = FALSE;
  e->threads = 1;
  e->seed = 1;
  a = run_to_end (e);
  e->seed = 2;
  b = run_to_end (e);
  ja = mdk_run_champion_to_json (a);
  jb = mdk_run_champion_to_json (b);
  g_assert_cmpstr (ja, !=, jb);
}

static void
set_params (const MdkParamSpec *table,
            guint               n,
            gpointer            params,
            const char * const *assignments)
{
  for (guint i = 0; assignments != NULL && assignments[i] != NULL; i += 2)
    {
      g_autoptr(GError) error = NULL;

      mdk_param_set_from_string (mdk_param_table_lookup (table, n, assignments[i]), params,
                                 assignments[i + 1], &error);
      g_assert_no_error (error);
    }
}

/* Each evolution strategy and the settings that fit each task: the same
 * runner as NEAT's, evaluating the network on any number of threads. */
static const struct
{
  const char *id;
  const char *xor[8];
  const char *classify[8];
} es_setups[] = {
  { "cmaes", { NULL }, { NULL } },
  { "sep-cmaes", { NULL }, { NULL } },
  { "openai-es", { "sigma", "1", "output_activation", "sigmoid", NULL }, { NULL } },
  { "pepg", { NULL }, { "learning_rate", "2", NULL } },
  { "ga", { "sigma", "1", "output_activation", "sigmoid", NULL }, { "sigma", "1", NULL } },
};

static MdkExperiment *
es_experiment (guint               i,
               const MdkTaskClass *task)
{
  const MdkOptimizerClass *klass = mdk_optimizer_class_lookup (es_setups[i].id);
  MdkExperiment *e = mdk_experiment_new (task, klass);

  set_params (klass->params, klass->n_params, e->optimizer_params,
              task == &mdk_task_xor_class ? es_setups[i].xor : es_setups[i].classify);
  if (task == &mdk_task_classify_class)
    {
      /* Log-loss changes smoothly, which the gradient estimators need. */
      static const char * const log_loss[] = { "fitness", "log-loss", NULL };
      set_params (task->params, task->n_params, e->task_params, log_loss);
    }
  return e;
}

static void
test_determinism_es (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (es_setups); i++)
    {
      g_autoptr(MdkExperiment) e = es_experiment (i, &mdk_task_classify_class);

      g_test_message ("%s", es_setups[i].id);
      e->seed = 9;
      e->stop.max_generations = 12;
      e->stop.stop_on_solved = FALSE;
      check_thread_counts (e);
    }
}

/* Another process's view (what an MPI worker has): the task and optimizer
 * made again from the experiment, genomes only as their packed bytes. */
typedef struct
{
  MdkTask       *task;
  MdkOptimizer  *opt;
  MdkEvaluator  *evaluator;
  /* The next generation, evaluated when the run prefetched it, and its
   * genomes as they were made. */
  gconstpointer *ahead;
  guint          n_ahead;
  guint          ahead_generation;
  MdkEvalResult *ahead_results;
  guint          prefetches;
  GPtrArray     *made;
} Remote;

static void
evaluate_packed (Remote             *remote,
                 const MdkOptimizer *opt,
                 gconstpointer      *genomes,
                 guint               n,
                 guint64             seed,
                 guint               generation,
                 MdkEvalResult      *results)
{
  /* Chunks of 7, the last first: neither size nor order may matter. */
  for (guint end = n; end > 0;)
    {
      guint first = end > 7 ? end - 7 : 0;
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (remote->opt->klass->free_genome);
      MdkByteReader in;

      for (guint i = first; i < end; i++)
        opt->klass->pack_genome (opt, genomes[i], bytes);
      mdk_byte_reader_init (&in, bytes->data, bytes->len);
      for (guint i = first; i < end; i++)
        {
          gpointer copy = remote->opt->klass->unpack_genome (remote->opt, &in);
          g_assert_nonnull (copy);
          g_ptr_array_add (copies, copy);
        }
      g_assert_false (in.failed);
      g_assert_cmpuint (in.pos, ==, in.len);
      mdk_evaluator_run_range (remote->evaluator, remote->opt, remote->task,
                               (gconstpointer *) copies->pdata, end - first, first, seed,
                               generation, results + first);
      end = first;
    }
}

/* The batch evaluated ahead must be the one asked for. */
static void
evaluate_remotely (MdkRun         *run,
                   gconstpointer  *genomes,
                   guint           n,
                   guint64         seed,
                   MdkEvalResult  *results,
                   gpointer        user_data)
{
  Remote *remote = user_data;

  if (remote->ahead == NULL)
    {
      evaluate_packed (remote, mdk_run_get_optimizer (run), genomes, n, seed,
                       mdk_run_get_generation (run), results);
      return;
    }
  g_assert_cmpuint (remote->ahead_generation, ==, mdk_run_get_generation (run));
  g_assert_cmpuint (remote->n_ahead, ==, n);
  g_assert_cmpmem (remote->ahead, n * sizeof *genomes, genomes, n * sizeof *genomes);
  memcpy (results, remote->ahead_results, n * sizeof *results);
  g_clear_pointer (&remote->ahead, g_free);
  g_clear_pointer (&remote->ahead_results, g_free);
}

/* While tell () makes the batch, one more genome each time; then the
 * whole batch, of which those were the first. */
static void
prefetch_remotely (MdkRun         *run,
                   gconstpointer  *genomes,
                   guint           n,
                   gboolean        complete,
                   guint64         seed,
                   guint           generation,
                   gpointer        user_data)
{
  Remote *remote = user_data;

  g_assert_null (remote->ahead);
  g_assert_cmpuint (generation, ==, mdk_run_get_generation (run) + 1);
  if (!complete)
    {
      g_assert_cmpuint (n, ==, remote->made->len + 1);
      g_assert_cmpmem (genomes, (n - 1) * sizeof *genomes, remote->made->pdata, (n - 1) * sizeof *genomes);
      g_ptr_array_add (remote->made, (gpointer) genomes[n - 1]);
      return;
    }
  g_assert_cmpuint (remote->made->len, ==, n);
  g_assert_cmpmem (genomes, n * sizeof *genomes, remote->made->pdata, n * sizeof *genomes);
  g_ptr_array_set_size (remote->made, 0);
  remote->prefetches++;
  remote->ahead = g_memdup2 (genomes, n * sizeof *genomes);
  remote->n_ahead = n;
  remote->ahead_generation = generation;
  remote->ahead_results = g_new0 (MdkEvalResult, n);
  evaluate_packed (remote, mdk_run_get_optimizer (run), genomes, n, seed, generation, remote->ahead_results);
}

/* A cut-off genome is refused, never read past its end. */
static void
check_truncated (const MdkOptimizer *opt,
                 gconstpointer       genome)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();

  opt->klass->pack_genome (opt, genome, bytes);
  for (guint len = 0; len < bytes->len; len++)
    {
      MdkByteReader in;

      mdk_byte_reader_init (&in, bytes->data, len);
      g_assert_null (opt->klass->unpack_genome (opt, &in));
    }
}

/* Generation by generation, the same results (solution tests included) as
 * a run in one process; with @prefetch, the next batch is evaluated as soon
 * as the run hands it out.  Returns how many batches were prefetched. */
static guint
check_packed_evaluation (const MdkExperiment *e,
                         gboolean             prefetch)
{
  g_autoptr(MdkRun) reference = NULL;
  g_autoptr(MdkRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL;
  Remote remote = { 0 };
  const char *stop;

  remote.task = mdk_task_new (e->task_class, e->task_params, &error);
  g_assert_no_error (error);
  remote.opt = mdk_optimizer_new (e->optimizer_class, e->optimizer_params, remote.task, e->seed, &error);
  g_assert_no_error (error);
  remote.evaluator = mdk_evaluator_new (2);
  remote.made = g_ptr_array_new ();

  reference = mdk_run_new (e, &error);
  g_assert_no_error (error);
  run = mdk_run_new (e, &error);
  g_assert_no_error (error);
  mdk_run_set_evaluate_func (run, evaluate_remotely, &remote);
  if (prefetch)
    mdk_run_set_prefetch_func (run, prefetch_remotely, &remote);
  do
    {
      const MdkEvalResult *ra, *rb;
      guint na, nb;

      stop = mdk_run_step (reference);
      g_assert_cmpstr (mdk_run_step (run), ==, stop);
      ra = mdk_run_get_last_results (reference, &na);
      rb = mdk_run_get_last_results (run, &nb);
      g_assert_cmpuint (na, ==, nb);
      for (guint i = 0; i < na; i++)
        {
          g_assert_cmpmem (&ra[i].fitness, sizeof (double), &rb[i].fitness, sizeof (double));
          g_assert_cmpmem (&ra[i].test_metric, sizeof (double), &rb[i].test_metric, sizeof (double));
          g_assert_cmpint (ra[i].solved, ==, rb[i].solved);
        }
    }
  while (stop == NULL);
  g_assert_null (remote.ahead);
  assert_same_history (reference, run);
  a = mdk_run_champion_to_json (reference);
  b = mdk_run_champion_to_json (run);
  g_assert_cmpstr (a, ==, b);
  check_truncated (mdk_run_get_optimizer (run), mdk_run_get_champion (run, NULL, NULL));

  mdk_evaluator_free (remote.evaluator);
  mdk_optimizer_free (remote.opt);
  mdk_task_unref (remote.task);
  g_ptr_array_unref (remote.made);
  return remote.prefetches;
}

/* Evaluation elsewhere (medaka-cli over MPI) through the run's evaluate
 * function and the genomes' packed form: the same run, bit for bit. */
static void
test_packed_evaluation (void)
{
  g_autoptr(MdkExperiment) neat = mdk_experiment_new (&mdk_task_xor_class, &mdk_neat_class);

  neat->seed = 5;
  neat->threads = 1;
  neat->stop.stop_on_solved = FALSE;
  neat->stop.max_generations = 40;
  check_packed_evaluation (neat, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (es_setups); i++)
    {
      g_autoptr(MdkExperiment) e = es_experiment (i, &mdk_task_classify_class);

      g_test_message ("%s", es_setups[i].id);
      e->seed = 3;
      e->threads = 1;
      e->stop.max_generations = 6;
      e->stop.stop_on_solved = FALSE;
      check_packed_evaluation (e, FALSE);
    }
}

/* Every strategy solves XOR and the circle; the champion's network, decoded
 * again, scores what the run recorded. */
static void
test_es_solves (void)
{
  const MdkTaskClass *tasks[] = { &mdk_task_xor_class, &mdk_task_classify_class };

  for (guint i = 0; i < G_N_ELEMENTS (es_setups); i++)
    for (guint t = 0; t < G_N_ELEMENTS (tasks); t++)
      {
        g_autoptr(MdkExperiment) e = es_experiment (i, tasks[t]);
        g_autoptr(MdkRun) run = NULL;
        g_autoptr(MdkNetwork) net = mdk_network_new ();
        MdkEvalResult result, again;
        guint64 evaluations;
        MdkRng rng;

        e->seed = 3;
        e->threads = 2;
        e->stop.max_generations = 1500;
        run = run_to_end (e);
        g_assert_true (mdk_run_is_solved (run, &evaluations, NULL));
        g_test_message ("%s %s: %" G_GUINT64_FORMAT " evaluations", es_setups[i].id, tasks[t]->id,
                        evaluations);
        mdk_optimizer_decode (mdk_run_get_optimizer (run), mdk_run_get_champion (run, &result, NULL), net);
        g_assert_true (mdk_network_is_dense (net));
        mdk_rng_init (&rng, 1);
        mdk_task_evaluate (mdk_run_get_task (run), net, &rng, &again);
        g_assert_true (again.solved == result.solved);
        g_assert_cmpfloat (again.fitness, ==, result.fitness);
      }
}

/* The paper's XOR on fixed seeds, within the paper's budget: every run must
 * solve, and the solving network must really compute XOR. */
static void
test_xor_solved (void)
{
  guint64 total = 0;
  const guint n_runs = 100;

  for (guint s = 0; s < n_runs; s++)
    {
      g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_xor_class, &mdk_neat_class);
      g_autoptr(MdkRun) run = NULL;
      g_autoptr(MdkNetwork) net = mdk_network_new ();
      guint64 evaluations = 0;
      guint generation = 0;
      MdkEvalResult champ;
      gconstpointer champion;
      const double in[4][2] = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };

      e->seed = 1 + s;   /* the seeds of `medaka-cli bench xor --runs 100` */
      e->threads = 1;
      e->stop.max_generations = 300;
      run = run_to_end (e);
      g_assert_true (mdk_run_is_solved (run, &evaluations, &generation));
      g_assert_cmpstr (mdk_run_get_stop_reason (run), ==, "solved");
      /* Counted up to and including the solver: within its generation. */
      g_assert_cmpuint (evaluations, >, (guint64) generation * 150);
      g_assert_cmpuint (evaluations, <=, (guint64) (generation + 1) * 150);
      total += evaluations;

      champion = mdk_run_get_champion (run, &champ, NULL);
      mdk_optimizer_decode (mdk_run_get_optimizer (run), champion, net);
      if (champ.solved)
        for (guint i = 0; i < 4; i++)
          {
            double out;
            mdk_network_activate (net, in[i], &out);
            g_assert_cmpint (out >= 0.5, ==, (in[i][0] != in[i][1]));
          }
      /* A network without hidden nodes cannot compute XOR. */
      if (champ.solved)
        g_assert_cmpuint (mdk_network_get_n_hidden (net), >=, 1);
    }
  /* The NEAT paper's mean is 4,755 evaluations. */
  g_test_message ("mean evaluations to solve: %.1f", (double) total / n_runs);
  g_assert_cmpfloat ((double) total / n_runs, <=, 4755.0);
}

/* A task that answers NaN or ±inf for a third of the networks. */
static gboolean
bad_init (MdkTask  *task,
          GError  **error)
{
  static const char * const in[] = { "a", "b" }, * const out[] = { "y" };
  mdk_task_set_names (task, in, 2, out, 1);
  return TRUE;
}

static void
bad_evaluate (const MdkTask *task,
              MdkNetwork    *net,
              MdkRng        *rng,
              MdkEvalResult *result)
{
  double in[2] = { 0.5, -0.5 }, out;
  guint32 r = mdk_rng_below (rng, 6);

  mdk_network_activate (net, in, &out);
  result->fitness = r == 0 ? NAN : r == 1 ? INFINITY : r == 2 ? -INFINITY : out;
}

static const MdkTaskClass bad_task_class = {
  .id = "bad",
  .label = "bad",
  .description = "",
  .params_size = 1,
  .output_activation = MDK_ACTIVATION_SIGMOID,
  .init = bad_init,
  .evaluate = bad_evaluate,
};

static void
test_bad_fitness (void)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&bad_task_class, &mdk_neat_class);
  g_autoptr(MdkRun) run = NULL;
  GArray *history;
  guint invalid = 0;
  GPtrArray *population;

  e->stop.max_generations = 30;
  e->threads = 2;
  run = run_to_end (e);
  history = mdk_run_get_history (run);
  g_assert_cmpuint (history->len, ==, 30);
  for (guint i = 0; i < history->len; i++)
    {
      const MdkGenerationStats *row = &g_array_index (history, MdkGenerationStats, i);
      invalid += row->n_invalid;
      g_assert_true (isfinite (row->best) && isfinite (row->mean) && isfinite (row->stdev));
      g_assert_cmpfloat (row->best, <=, 1.0);
    }
  /* About half of 30 × 150 evaluations were NaN or infinite. */
  g_assert_cmpuint (invalid, >, 1500);
  g_assert_cmpuint (invalid, <, 3000);
  population = mdk_neat_get_population (mdk_run_get_optimizer (run));
  g_assert_cmpuint (population->len, ==, 150);
}

/* A task with a solution test that never passes: its test metric is the
 * network's answer to another input, and the tests are counted. */
static guint probe_tests;

static void
probe_evaluate (const MdkTask *task,
                MdkNetwork    *net,
                MdkRng        *rng,
                MdkEvalResult *result)
{
  double in[2] = { 0.5, -0.5 }, out;

  mdk_network_reset (net);
  mdk_network_activate (net, in, &out);
  result->fitness = out;
}

static double
probe_answer (MdkNetwork *net)
{
  double in[2] = { 0.25, 0.75 }, out;

  mdk_network_reset (net);
  mdk_network_activate (net, in, &out);
  return out;
}

static void
probe_test_solution (const MdkTask *task,
                     MdkNetwork    *net,
                     MdkEvalResult *result)
{
  probe_tests++;
  result->test_metric = probe_answer (net);
}

static const MdkTaskClass probe_task_class = {
  .id = "probe",
  .label = "probe",
  .description = "",
  .params_size = 1,
  .deterministic = TRUE,
  .output_activation = MDK_ACTIVATION_SIGMOID,
  .init = bad_init,
  .evaluate = probe_evaluate,
  .test_solution = probe_test_solution,
};

/* Runs @e and checks that every generation's tested genome carries its own
 * network's outcome; returns how many genomes were tested. */
static guint
check_solution_tests (const MdkExperiment *e)
{
  g_autoptr(MdkRun) run = NULL;
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  g_autoptr(GError) error = NULL;
  guint tested = 0;

  run = mdk_run_new (e, &error);
  g_assert_no_error (error);
  probe_tests = 0;
  while (mdk_run_step (run) == NULL)
    {
      MdkOptimizer *opt = mdk_run_get_optimizer (run);
      gconstpointer *genomes = NULL;
      guint n, n_genomes = opt->klass->get_evaluated (opt, &genomes);
      const MdkEvalResult *results = mdk_run_get_last_results (run, &n);

      g_assert_cmpuint (n, ==, n_genomes);
      for (guint i = 0; i < n; i++)
        if (!isnan (results[i].test_metric))
          {
            mdk_optimizer_decode (opt, genomes[i], net);
            g_assert_cmpfloat (results[i].test_metric, ==, probe_answer (net));
            tested++;
          }
    }
  g_assert_cmpuint (tested, >=, e->stop.max_generations / 2);
  return tested;
}

/* The run tests a candidate each generation, and reuses the outcome for a
 * network it has tested before (a species' champion copied unchanged): the
 * outcomes are those of each genome's own network, with networks changing
 * (NEAT as usual) and repeating (offspring copied without mutation, where
 * most tests are of the same champion). */
static void
test_solution_test_reused (void)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&probe_task_class, &mdk_neat_class);
  MdkNeatParams *p = e->optimizer_params;
  guint tested;

  e->seed = 4;
  e->threads = 1;
  e->stop.max_generations = 40;
  check_solution_tests (e);

  p->mutation_only_prob = 1.0;
  p->weight_mutate_rate = p->bias_mutate_rate = 0.0;
  p->add_node_rate = p->add_connection_rate = 0.0;
  p->delete_connection_rate = p->delete_node_rate = 0.0;
  p->toggle_enable_rate = p->activation_mutate_rate = 0.0;
  tested = check_solution_tests (e);
  g_assert_cmpuint (probe_tests, <, tested / 2);
}

/* The next batch handed out early (medaka-cli's MPI backend starts on it
 * while the run ends a generation): for NEAT after each generation but
 * the last, genome by genome as tell () makes it, then whole, with a
 * solution test that finds the tested genome in the batch; never for an
 * evolution strategy, whose ask () draws new genomes.  The same run either
 * way. */
static void
test_prefetched_evaluation (void)
{
  g_autoptr(MdkExperiment) neat = mdk_experiment_new (&probe_task_class, &mdk_neat_class);
  g_autoptr(MdkExperiment) es = es_experiment (0, &mdk_task_classify_class);

  neat->seed = 4;
  neat->threads = 1;
  neat->stop.max_generations = 30;
  g_assert_cmpuint (check_packed_evaluation (neat, TRUE), ==, 29);
  es->seed = 3;
  es->threads = 1;
  es->stop.max_generations = 6;
  es->stop.stop_on_solved = FALSE;
  g_assert_cmpuint (check_packed_evaluation (es, TRUE), ==, 0);
}

static void
test_stop_conditions (void)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_xor_class, &mdk_neat_class);
  g_autoptr(MdkRun) by_gen = NULL, by_evals = NULL, by_target = NULL;
  MdkEvalResult champ;

  e->threads = 1;
  e->stop.stop_on_solved = FALSE;
  e->stop.max_generations = 7;
  by_gen = run_to_end (e);
  g_assert_cmpuint (mdk_run_get_generation (by_gen), ==, 7);
  g_assert_cmpstr (mdk_run_get_stop_reason (by_gen), ==, "generation limit reached");

  e->stop.max_generations = 0;
  e->stop.max_evaluations = 1000;
  by_evals = run_to_end (e);
  g_assert_cmpuint (mdk_run_get_evaluations (by_evals), ==, 1050);
  g_assert_cmpstr (mdk_run_get_stop_reason (by_evals), ==, "evaluation limit reached");

  e->stop.max_evaluations = 0;
  e->stop.max_generations = 500;
  e->stop.use_fitness_target = TRUE;
  e->stop.fitness_target = 9.5;
  by_target = run_to_end (e);
  mdk_run_get_champion (by_target, &champ, NULL);
  g_assert_cmpfloat (champ.fitness, >=, 9.5);
  g_assert_cmpstr (mdk_run_get_stop_reason (by_target), ==, "fitness target reached");
  /* It stopped at the first generation that reached the target. */
  {
    GArray *h = mdk_run_get_history (by_target);
    for (guint i = 0; i + 1 < h->len; i++)
      g_assert_cmpfloat (g_array_index (h, MdkGenerationStats, i).best, <, 9.5);
  }
}

static void
test_invalid_experiment (void)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_xor_class, &mdk_neat_class);
  g_autoptr(GError) error = NULL;
  MdkNeatParams *p = e->optimizer_params;
  MdkRun *run;

  p->survival_threshold = 1.5;
  run = mdk_run_new (e, &error);
  g_assert_null (run);
  g_assert_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "survival_threshold"));
}

static void
test_history_csv (void)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_xor_class, &mdk_neat_class);
  g_autoptr(MdkRun) run = NULL;
  GArray *h;
  g_autofree char *row = NULL;
  g_auto(GStrv) cells = NULL;
  g_autofree char *header_text = mdk_stats_csv_header (NULL);
  g_auto(GStrv) header = g_strsplit (header_text, ",", -1);

  e->stop.max_generations = 3;
  e->stop.stop_on_solved = FALSE;
  e->threads = 1;
  run = run_to_end (e);
  h = mdk_run_get_history (run);
  row = mdk_stats_to_csv_row (&g_array_index (h, MdkGenerationStats, 2), NULL);
  cells = g_strsplit (row, ",", -1);
  g_assert_cmpuint (g_strv_length (cells), ==, g_strv_length (header));
  g_assert_cmpstr (cells[0], ==, "2");
  g_assert_cmpstr (cells[8], ==, "450");   /* cumulative evaluations */
  g_assert_cmpfloat (g_ascii_strtod (cells[1], NULL), ==,
                     g_array_index (h, MdkGenerationStats, 2).best);
}

/* The median by selection: the middle value, the mean of the two middle
 * ones, whatever the order and with repeats; NAN of nothing. */
static void
test_median (void)
{
  double odd[] = { 5, -1, 3, 3, 9, 0, 7 };
  double even[] = { 4, 10, -2, 8, 1, 6 };
  double same[] = { 2, 2, 2, 2 };

  g_assert_cmpfloat (mdk_median (odd, G_N_ELEMENTS (odd)), ==, 3.0);
  g_assert_cmpfloat (mdk_median (even, G_N_ELEMENTS (even)), ==, 5.0);
  g_assert_cmpfloat (mdk_median (same, G_N_ELEMENTS (same)), ==, 2.0);
  g_assert_cmpfloat (mdk_median (odd, 1), ==, odd[0]);
  g_assert_true (isnan (mdk_median (NULL, 0)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/run/median", test_median);
  g_test_add_func ("/core/run/determinism/xor-threads", test_determinism_xor);
  g_test_add_func ("/core/run/determinism/classify-threads", test_determinism_classify);
  g_test_add_func ("/core/run/determinism/backprop-threads", test_determinism_backprop);
  g_test_add_func ("/core/run/determinism/seed-matters", test_seed_changes_run);
  g_test_add_func ("/core/run/determinism/es-threads", test_determinism_es);
  g_test_add_func ("/core/run/determinism/packed-elsewhere", test_packed_evaluation);
  g_test_add_func ("/core/run/es/solves", test_es_solves);
  g_test_add_func ("/core/run/xor/solved", test_xor_solved);
  g_test_add_func ("/core/run/bad-fitness", test_bad_fitness);
  g_test_add_func ("/core/run/solution-test-reused", test_solution_test_reused);
  g_test_add_func ("/core/run/determinism/prefetched", test_prefetched_evaluation);
  g_test_add_func ("/core/run/stop-conditions", test_stop_conditions);
  g_test_add_func ("/core/run/invalid-experiment", test_invalid_experiment);
  g_test_add_func ("/core/run/history-csv", test_history_csv);
  return g_test_run ();
}
