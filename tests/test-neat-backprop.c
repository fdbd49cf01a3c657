/* Backprop-NEAT (gradient training of each genome, Lamarckian or
 * Baldwinian), "backprop more" on one genome, and phased search. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mdk-evaluator.h"
#include "mdk-neat.h"
#include "mdk-neat-backprop.h"
#include "mdk-run.h"

#define POPULATION 24

static MdkTask *
spirals_task (void)
{
  gpointer params = mdk_task_params_new (&mdk_task_classify_class);
  g_autoptr(GError) error = NULL;
  MdkTask *task;

  g_assert_true (mdk_param_set_from_string (mdk_param_table_lookup (mdk_task_classify_class.params,
                                                                    mdk_task_classify_class.n_params,
                                                                    "dataset"),
                                            params, "spirals", NULL));
  task = mdk_task_new (&mdk_task_classify_class, params, &error);
  g_assert_no_error (error);
  mdk_task_params_free (&mdk_task_classify_class, params);
  return task;
}

static void
backprop_params (MdkNeatParams *p,
                 guint          steps)
{
  mdk_neat_params_init_defaults (p);
  p->population_size = POPULATION;
  p->backprop_steps = steps;
  p->backprop_batch_size = 0;
  p->backprop_learning_rate = 0.05;
}

/* A generation of start genomes grown a little, so that they have hidden
 * nodes; returned with copies of them as they were before evaluation. */
static MdkOptimizer *
grown_population (const MdkNeatParams  *params,
                  const MdkTask        *task,
                  GPtrArray           **before)
{
  MdkOptimizer *opt = mdk_optimizer_new (&mdk_neat_class, params, task, 3, NULL);
  GPtrArray *population = mdk_neat_get_population (opt);
  MdkNeatInnovation *tracker = mdk_neat_get_innovation (opt);
  MdkRng rng;

  mdk_rng_init (&rng, 5);
  *before = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_neat_genome_free);
  for (guint i = 0; i < population->len; i++)
    {
      MdkNeatGenome *g = population->pdata[i];

      mdk_neat_genome_mutate_add_node (g, params, tracker, &rng);
      mdk_neat_genome_mutate_add_node (g, params, tracker, &rng);
      g_ptr_array_add (*before, mdk_neat_genome_copy (g));
    }
  return opt;
}

/* grown_population (), then evaluated as a run would. */
static MdkOptimizer *
evaluated_population (const MdkNeatParams  *params,
                      const MdkTask        *task,
                      GPtrArray           **before,
                      MdkEvalResult        *results)
{
  g_autoptr(MdkEvaluator) ev = mdk_evaluator_new (1);
  MdkOptimizer *opt = grown_population (params, task, before);
  gconstpointer *genomes;
  guint n = mdk_optimizer_ask (opt, &genomes);

  g_assert_cmpuint (n, ==, POPULATION);
  mdk_evaluator_run (ev, opt, task, genomes, n, 77, 0, results);
  return opt;
}

static gboolean
same_weights (const MdkNeatGenome *a,
              const MdkNeatGenome *b)
{
  g_assert_cmpuint (a->n_conns, ==, b->n_conns);
  g_assert_cmpuint (a->n_nodes, ==, b->n_nodes);
  for (guint c = 0; c < a->n_conns; c++)
    if (a->conns[c].weight != b->conns[c].weight)
      return FALSE;
  for (guint i = 0; i < a->n_nodes; i++)
    if (a->nodes[i].bias != b->nodes[i].bias)
      return FALSE;
  return TRUE;
}

/* The training loss of @genome as it is, and its size. */
static double
genome_loss (const MdkNeatGenome *genome,
             const MdkTask       *task,
             guint               *hidden,
             guint               *connections)
{
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  MdkTrainingData data;

  g_assert_true (mdk_task_get_training_data (task, &data));
  mdk_neat_genome_decode (genome, net);
  *hidden = mdk_network_get_n_hidden (net);
  *connections = mdk_network_get_n_connections (net);
  return mdk_backprop_loss (net, &data);
}

/* Lamarckian: the learned weights are in the genome afterwards, and the
 * fitness is exactly the demo's on the genome as it now is. */
static void
test_lamarckian (void)
{
  g_autoptr(MdkTask) task = spirals_task ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(MdkOptimizer) opt = NULL;
  MdkEvalResult results[POPULATION];
  MdkNeatParams params;
  GPtrArray *population;

  backprop_params (&params, 30);
  params.backprop_node_penalty = 0.5;
  params.backprop_connection_penalty = 0.1;
  opt = evaluated_population (&params, task, &before, results);
  population = mdk_neat_get_population (opt);
  for (guint i = 0; i < POPULATION; i++)
    {
      guint hidden, connections;
      double after = genome_loss (population->pdata[i], task, &hidden, &connections);
      double untrained = genome_loss (before->pdata[i], task, &hidden, &connections);

      g_assert_false (same_weights (population->pdata[i], before->pdata[i]));
      g_assert_cmpfloat (after, <, untrained);
      g_assert_cmpfloat (results[i].fitness, ==,
                         -after * (1.0 + 0.5 * sqrt (hidden) + 0.1 * sqrt (connections)));
      g_assert_cmpuint (hidden, ==, 2);
      g_assert_true (isfinite (results[i].train_metric) && isfinite (results[i].test_metric));
    }
}

/* Baldwinian: the genomes keep their weights, only the fitness learns. */
static void
test_baldwinian (void)
{
  g_autoptr(MdkTask) task = spirals_task ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(MdkOptimizer) opt = NULL;
  MdkEvalResult results[POPULATION];
  MdkNeatParams params;
  GPtrArray *population;

  backprop_params (&params, 30);
  params.backprop_inheritance = MDK_NEAT_INHERIT_BALDWINIAN;
  opt = evaluated_population (&params, task, &before, results);
  population = mdk_neat_get_population (opt);
  for (guint i = 0; i < POPULATION; i++)
    {
      guint hidden, connections;
      double untrained = genome_loss (population->pdata[i], task, &hidden, &connections);
      double learned = -results[i].fitness / (1.0 + 0.03 * sqrt (connections));

      g_assert_true (same_weights (population->pdata[i], before->pdata[i]));
      g_assert_cmpfloat (learned, <, untrained);
    }
}

/* No steps: the task's own fitness, and no genome changes. */
static void
test_off (void)
{
  g_autoptr(MdkTask) task = spirals_task ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(MdkOptimizer) opt = NULL;
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  MdkEvalResult results[POPULATION];
  MdkNeatParams params;
  GPtrArray *population;

  backprop_params (&params, 0);
  opt = evaluated_population (&params, task, &before, results);
  population = mdk_neat_get_population (opt);
  for (guint i = 0; i < POPULATION; i++)
    {
      MdkEvalResult plain;
      MdkRng rng;

      g_assert_true (same_weights (population->pdata[i], before->pdata[i]));
      mdk_neat_genome_decode (population->pdata[i], net);
      mdk_rng_init (&rng, 1);
      mdk_task_evaluate (task, net, &rng, &plain);
      g_assert_cmpfloat (results[i].fitness, ==, plain.fitness);
      g_assert_cmpfloat (results[i].fitness, ==, results[i].train_metric);
    }
}

/* "Backprop more" on one genome: the loss falls, the weights go back into
 * the genome, more steps lower it again; refusals leave it unchanged. */
static void
test_backprop_more (void)
{
  g_autoptr(MdkTask) task = spirals_task ();
  g_autoptr(MdkTask) cppn = mdk_task_new (&mdk_task_cppn_class, NULL, NULL);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(MdkOptimizer) opt = NULL;
  g_autoptr(MdkNeatGenome) g = NULL, loop = NULL, wrong = NULL;
  g_autoptr(GError) error = NULL;
  MdkNeatParams params;
  double loss0, loss1, loss2, loss3;
  guint hidden, connections;
  MdkRng rng;

  backprop_params (&params, 0);
  opt = grown_population (&params, task, &before);
  g = mdk_neat_genome_copy (before->pdata[0]);
  mdk_rng_init (&rng, 9);
  g_assert_true (mdk_neat_backprop_genome (g, task, &params, 200, &rng, &loss0, &loss1, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (loss0, ==, genome_loss (before->pdata[0], task, &hidden, &connections));
  g_assert_cmpfloat (loss1, <, loss0);
  g_assert_cmpfloat (loss1, ==, genome_loss (g, task, &hidden, &connections));
  g_assert_true (mdk_neat_backprop_genome (g, task, &params, 200, &rng, &loss2, &loss3, NULL));
  g_assert_cmpfloat (loss2, ==, loss1);
  g_assert_cmpfloat (loss3, <, loss2);

  /* No training data. */
  wrong = mdk_neat_genome_new_minimal (cppn->n_inputs, cppn->n_outputs, MDK_ACTIVATION_SINE, 1.0, &rng);
  g_assert_false (mdk_neat_backprop_genome (wrong, cppn, &params, 10, &rng, NULL, NULL, &error));
  g_assert_error (error, MDK_NEAT_BACKPROP_ERROR, MDK_NEAT_BACKPROP_ERROR_NO_DATA);
  g_clear_error (&error);
  /* The wrong shape for the task. */
  g_assert_false (mdk_neat_backprop_genome (wrong, task, &params, 10, &rng, NULL, NULL, &error));
  g_assert_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID);
  g_clear_error (&error);
  /* A loop, in a run that allows them. */
  loop = mdk_neat_genome_copy (g);
  mdk_neat_genome_insert_conn (loop, loop->nodes[loop->n_nodes - 1].id, loop->nodes[loop->n_nodes - 1].id,
                               mdk_neat_genome_max_innovation (loop) + 1, 0.5, TRUE);
  params.allow_recurrent = TRUE;
  g_assert_false (mdk_neat_backprop_genome (loop, task, &params, 10, &rng, NULL, NULL, &error));
  g_assert_error (error, MDK_NEAT_BACKPROP_ERROR, MDK_NEAT_BACKPROP_ERROR_RECURRENT);

  /* In a run with backprop on, a loop counts as the worst (NaN), whatever
   * its accuracy, rather than compare its own fitness with −loss. */
  {
    g_autoptr(MdkNetwork) net = mdk_network_new ();
    MdkEvalResult result;

    params.backprop_steps = 10;
    mdk_neat_backprop_evaluate (&params, loop, net, task, &rng, &result);
    g_assert_true (isnan (result.fitness));
    g_assert_true (isfinite (result.train_metric));
  }
}

/* A run with backprop on: the training loss of the best genome falls from
 * generation to generation, as fitness is minus that loss (no penalties). */
static void
test_run_learns (void)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_classify_class, &mdk_neat_class);
  g_autoptr(MdkRun) run = NULL;
  MdkNeatParams *p = e->optimizer_params;
  GArray *history;

  g_assert_true (mdk_param_set_from_string (mdk_param_table_lookup (mdk_task_classify_class.params,
                                                                    mdk_task_classify_class.n_params,
                                                                    "dataset"),
                                            e->task_params, "gaussians", NULL));
  p->population_size = 30;
  p->backprop_steps = 20;
  p->backprop_connection_penalty = 0.0;
  e->threads = 2;
  e->seed = 4;
  e->stop.max_generations = 8;
  e->stop.stop_on_solved = FALSE;
  run = mdk_run_new (e, NULL);
  while (mdk_run_step (run) == NULL)
    ;
  history = mdk_run_get_history (run);
  g_assert_cmpfloat (g_array_index (history, MdkGenerationStats, 0).best, <, 0.0);
  g_assert_cmpfloat (g_array_index (history, MdkGenerationStats, 7).best, >,
                     g_array_index (history, MdkGenerationStats, 0).best);
  g_assert_cmpfloat (g_array_index (history, MdkGenerationStats, 7).best_test, >=, 0.9);
}

/* Main's function regression and multiplexer give their training data
 * too: the regression's loss is its training MSE, the multiplexer's data
 * every case; "backprop more" lowers both. */
static void
test_control_tasks (void)
{
  const MdkTaskClass *classes[] = { &mdk_task_regression_class, &mdk_task_multiplexer_class };

  for (guint k = 0; k < G_N_ELEMENTS (classes); k++)
    {
      g_autoptr(MdkTask) task = mdk_task_new (classes[k], NULL, NULL);
      g_autoptr(GPtrArray) before = NULL;
      g_autoptr(MdkOptimizer) opt = NULL;
      g_autoptr(MdkNetwork) net = mdk_network_new ();
      g_autoptr(MdkNeatGenome) g = NULL;
      MdkNeatParams params;
      MdkTrainingData data;
      MdkEvalResult result;
      double loss0, loss1;
      MdkRng rng;

      g_test_message ("%s", classes[k]->id);
      g_assert_true (mdk_task_get_training_data (task, &data));
      g_assert_cmpuint (data.n_inputs, ==, task->n_inputs);
      g_assert_cmpuint (data.n_outputs, ==, 1);
      backprop_params (&params, 0);
      opt = grown_population (&params, task, &before);
      g = mdk_neat_genome_copy (before->pdata[0]);
      mdk_rng_init (&rng, 9);
      mdk_neat_genome_decode (g, net);
      mdk_task_evaluate (task, net, &rng, &result);
      if (classes[k] == &mdk_task_regression_class)
        {
          g_assert_cmpuint (data.n_rows, ==, 21);   /* the default samples */
          g_assert_cmpfloat_with_epsilon (mdk_backprop_loss (net, &data), result.train_metric, 1e-12);
        }
      else
        g_assert_cmpuint (data.n_rows, ==, 64);     /* the 6-multiplexer's cases */
      g_assert_true (mdk_neat_backprop_genome (g, task, &params, 200, &rng, &loss0, &loss1, NULL));
      g_assert_cmpfloat (loss1, <, loss0);
    }
}

static MdkRun *
phased_run (guint generations)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_classify_class, &mdk_neat_class);
  MdkNeatParams *p = e->optimizer_params;
  MdkRun *run;

  p->population_size = 60;
  p->add_node_rate = 0.2;
  p->add_connection_rate = 0.4;
  p->search_mode = MDK_NEAT_SEARCH_PHASED;
  p->phase_complexity_ceiling = 6;
  p->phase_simplify_generations = 3;
  e->threads = 1;
  e->seed = 21;
  e->stop.max_generations = generations;
  e->stop.stop_on_solved = FALSE;
  run = mdk_run_new (e, NULL);
  g_assert_nonnull (run);
  return run;
}

/* Complexify until the mean connections pass the ceiling over where they
 * started, simplify (mutation only, no new structure, deletions) until they
 * stop falling, then complexify again. */
static void
test_phases (void)
{
  g_autoptr(MdkRun) run = phased_run (60);
  GArray *history;
  const MdkGenerationStats *rows;
  guint start = 0, end = 0;
  double base;

  while (mdk_run_step (run) == NULL)
    ;

  history = mdk_run_get_history (run);
  rows = (const MdkGenerationStats *) history->data;
  g_assert_cmpuint (rows[0].phase, ==, MDK_SEARCH_PHASE_COMPLEXIFY);
  while (start < history->len && rows[start].phase == MDK_SEARCH_PHASE_COMPLEXIFY)
    start++;
  g_assert_cmpuint (start, <, history->len);
  /* The switch came when the generation before had passed the ceiling. */
  base = rows[0].mean_connections;
  g_assert_cmpfloat (rows[start - 1].mean_connections, >, base + 6);
  for (guint i = 0; i + 1 < start; i++)
    g_assert_cmpfloat (rows[i].mean_connections, <=, base + 6);
  /* Simplifying shrinks the genomes, then complexifying resumes. */
  end = start;
  while (end < history->len && rows[end].phase == MDK_SEARCH_PHASE_SIMPLIFY)
    end++;
  g_assert_cmpuint (end, <, history->len);
  g_assert_cmpuint (end - start, >=, 3);
  for (guint i = start; i < end; i++)
    g_assert_cmpfloat (rows[i].mean_connections, <, rows[start - 1].mean_connections);
  g_assert_cmpuint (rows[end].phase, ==, MDK_SEARCH_PHASE_COMPLEXIFY);
}

/* While simplifying, every new genome is an elite copy or a mutant without
 * added structure. */
static void
test_simplifying_offspring (void)
{
  g_autoptr(MdkRun) run = phased_run (0);
  g_autoptr(GPtrArray) batch = NULL;
  GArray *history = mdk_run_get_history (run);
  guint simplified = 0;

  for (guint gen = 0; gen < 40; gen++)
    {
      GPtrArray *next;

      mdk_run_step (run);
      /* The batch bred at the last tell was this generation's. */
      if (batch != NULL &&
          g_array_index (history, MdkGenerationStats, history->len - 1).phase == MDK_SEARCH_PHASE_SIMPLIFY)
        {
          simplified++;
          for (guint i = 0; i < batch->len; i++)
            {
              const MdkNeatGenome *g = batch->pdata[i];
              g_assert_true (g->origin == MDK_NEAT_ORIGIN_ELITE || g->origin == MDK_NEAT_ORIGIN_MUTATION);
              g_assert_false (g->mutations & (MDK_NEAT_MUT_ADD_NODE | MDK_NEAT_MUT_ADD_CONNECTION));
            }
        }
      g_clear_pointer (&batch, g_ptr_array_unref);
      next = mdk_neat_get_population (mdk_run_get_optimizer (run));
      batch = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_neat_genome_free);
      for (guint i = 0; i < next->len; i++)
        g_ptr_array_add (batch, mdk_neat_genome_copy (next->pdata[i]));
    }
  g_assert_cmpuint (simplified, >, 0);
}

/* Without phased search the history says so; switching it on during a run
 * starts complexifying from where the population is. */
static void
test_phase_off_and_live (void)
{
  g_autoptr(MdkRun) run = phased_run (0);
  MdkOptimizer *opt = mdk_run_get_optimizer (run);
  MdkNeatParams params = *mdk_neat_get_params (opt);
  GArray *history = mdk_run_get_history (run);
  g_autoptr(GError) error = NULL;

  params.search_mode = MDK_NEAT_SEARCH_COMPLEXIFY;
  g_assert_true (opt->klass->set_params (opt, &params, &error));
  for (guint i = 0; i < 5; i++)
    mdk_run_step (run);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (g_array_index (history, MdkGenerationStats, i).phase, ==, MDK_SEARCH_PHASE_NONE);
  params.search_mode = MDK_NEAT_SEARCH_PHASED;
  g_assert_true (opt->klass->set_params (opt, &params, &error));
  mdk_run_step (run);
  mdk_run_step (run);
  /* Generation 5 was bred before the switch took effect at its tell. */
  g_assert_cmpuint (g_array_index (history, MdkGenerationStats, 6).phase, ==, MDK_SEARCH_PHASE_COMPLEXIFY);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/neat/backprop/lamarckian", test_lamarckian);
  g_test_add_func ("/core/neat/backprop/baldwinian", test_baldwinian);
  g_test_add_func ("/core/neat/backprop/off", test_off);
  g_test_add_func ("/core/neat/backprop/more", test_backprop_more);
  g_test_add_func ("/core/neat/backprop/run-learns", test_run_learns);
  g_test_add_func ("/core/neat/backprop/control-tasks", test_control_tasks);
  g_test_add_func ("/core/neat/phased/phases", test_phases);
  g_test_add_func ("/core/neat/phased/simplifying-offspring", test_simplifying_offspring);
  g_test_add_func ("/core/neat/phased/off-and-live", test_phase_off_and_live);
  return g_test_run ();
}
