#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-run.h"

#include "mdk-json.h"
#include "mdk-median.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The networks the solution test saw last, by their packed genome. */
#define N_TESTED 16

typedef struct
{
  GByteArray    *packed;    /* NULL: unused */
  MdkEvalResult  before;    /* the result the test completed … */
  MdkEvalResult  after;     /* … and what it made of it */
} TestedNetwork;

struct _MdkRun
{
  MdkExperiment *experiment;
  MdkTask       *task;
  MdkOptimizer  *optimizer;
  MdkEvaluator  *evaluator;
  MdkRunEvaluateFunc evaluate;    /* NULL: the evaluator */
  gpointer       evaluate_data;
  MdkRunTestPartsFunc test_parts; /* NULL: the evaluator */
  gpointer       test_parts_data;
  MdkRunPrefetchFunc prefetch;    /* or NULL */
  gpointer       prefetch_data;
  GPtrArray     *made;           /* the next batch as tell () makes it */
  guint64        eval_seed;
  guint          generation;
  guint64        evaluations;
  double         seconds;
  GArray        *history;        /* MdkGenerationStats */
  GArray        *species;        /* MdkSpeciesSample of all generations */
  GArray        *species_starts; /* guint: generation g's are [starts[g], starts[g + 1]) */
  MdkEvalResult *results;
  gsize          results_cap;
  guint          n_evaluated;    /* results of the last evaluated batch; 0 when none */
  double        *sorted;

  MdkNovelty    *novelty;        /* novelty search, or NULL */
  MdkEvalResult *told;           /* the results with the search scores */
  double        *novelty_values;

  gpointer       champion;       /* best ever, the optimizer's genome type */
  MdkEvalResult  champion_result;
  guint          champion_generation;

  gboolean       solved;
  guint64        solved_evaluations;
  guint          solved_generation;
  const char    *stop_reason;

  MdkNetwork    *test_net;       /* the solution test's, made on first use */
  TestedNetwork  tested[N_TESTED];
  guint          next_tested;    /* the entry to replace next */
  GArray        *checked;        /* guint32: species tested since they last improved */
  MdkLineage    *lineage;         /* records every evaluated genome, or NULL */

  gconstpointer *candidates;      /* interactive: asked, not yet told */
  guint          n_candidates;
  gint64         candidates_start;
};

MdkRun *
mdk_run_new (const MdkExperiment  *experiment,
             GError              **error)
{
  g_autoptr(MdkRun) run = g_new0 (MdkRun, 1);

  if (!mdk_experiment_validate (experiment, error))
    return NULL;

  run->experiment = mdk_experiment_copy (experiment);
  run->history = g_array_new (FALSE, FALSE, sizeof (MdkGenerationStats));
  run->checked = g_array_new (FALSE, FALSE, sizeof (guint32));
  run->species = g_array_new (FALSE, FALSE, sizeof (MdkSpeciesSample));
  run->species_starts = g_array_new (FALSE, TRUE, sizeof (guint));
  run->made = g_ptr_array_new ();
  g_array_set_size (run->species_starts, 1);
  run->task = mdk_task_new (experiment->task_class, experiment->task_params, error);
  if (run->task == NULL)
    return NULL;
  run->optimizer = mdk_optimizer_new (experiment->optimizer_class, experiment->optimizer_params,
                                      run->task, experiment->seed, error);
  if (run->optimizer == NULL)
    return NULL;
  if (mdk_experiment_uses_novelty (experiment))
    {
      if (run->task->n_behaviour == 0)
        {
          g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID,
                       _("Novelty search needs a task that describes the behaviour of its networks; "
                         "“%s” does not"), _(experiment->task_class->label));
          return NULL;
        }
      run->novelty = mdk_novelty_new (&experiment->objective, run->task->n_behaviour, experiment->seed);
    }
  run->evaluator = mdk_evaluator_new (experiment->threads);
  /* Evaluation streams must differ from the optimizer's own stream. */
  run->eval_seed = experiment->seed ^ G_GUINT64_CONSTANT (0x6d6564616b610001);
  return g_steal_pointer (&run);
}

void
mdk_run_free (MdkRun *run)
{
  if (run == NULL)
    return;
  if (run->champion != NULL)
    run->optimizer->klass->free_genome (run->champion);
  g_clear_pointer (&run->lineage, mdk_lineage_unref);
  mdk_optimizer_free (run->optimizer);
  mdk_evaluator_free (run->evaluator);
  mdk_task_unref (run->task);
  mdk_experiment_free (run->experiment);
  if (run->history != NULL)
    g_array_unref (run->history);
  if (run->checked != NULL)
    g_array_unref (run->checked);
  mdk_network_free (run->test_net);
  for (guint i = 0; i < N_TESTED; i++)
    if (run->tested[i].packed != NULL)
      g_byte_array_unref (run->tested[i].packed);
  if (run->species != NULL)
    g_array_unref (run->species);
  if (run->species_starts != NULL)
    g_array_unref (run->species_starts);
  if (run->made != NULL)
    g_ptr_array_unref (run->made);
  g_free (run->results);
  g_free (run->sorted);
  mdk_novelty_free (run->novelty);
  g_free (run->told);
  g_free (run->novelty_values);
  g_free (run);
}

static const char *
check_stop (MdkRun *run)
{
  const MdkStopParams *stop = &run->experiment->stop;
  const char *reason = run->optimizer->klass->get_stop (run->optimizer);

  if (reason != NULL)
    return reason;
  if (stop->stop_on_solved && run->solved)
    return N_("solved");
  if (stop->use_fitness_target && run->champion != NULL &&
      run->champion_result.fitness >= stop->fitness_target)
    return N_("fitness target reached");
  if (stop->max_generations > 0 && run->generation >= (guint) stop->max_generations)
    return N_("generation limit reached");
  if (stop->max_evaluations > 0 && run->evaluations >= stop->max_evaluations)
    return N_("evaluation limit reached");
  if (stop->time_limit > 0 && run->seconds >= stop->time_limit)
    return N_("time limit reached");
  return NULL;
}

/* One generation: ask, evaluate, tell.  Returns the stop reason (untranslated
 * id; translate with _() for display) or NULL to go on. */
static void
ensure_results (MdkRun *run,
                guint   n)
{
  if (n > run->results_cap)
    {
      run->results_cap = n;
      run->results = g_renew (MdkEvalResult, run->results, n);
      run->sorted = g_renew (double, run->sorted, n);
      if (run->novelty != NULL)
        {
          run->told = g_renew (MdkEvalResult, run->told, n);
          run->novelty_values = g_renew (double, run->novelty_values, n);
        }
    }
}

/* The champion is the best genome so far; once a genome has solved the
 * task, only another solution can take its place. */
static void
offer_champion (MdkRun              *run,
                gconstpointer        genome,
                const MdkEvalResult *result)
{
  if (run->champion != NULL)
    {
      if (result->solved != run->champion_result.solved ? !result->solved
                                                        : !(result->fitness > run->champion_result.fitness))
        return;
      run->optimizer->klass->free_genome (run->champion);
    }
  run->champion = run->optimizer->klass->dup_genome (run->optimizer, genome);
  run->champion_result = *result;
  run->champion_generation = run->generation;
}

static gboolean
same_double (double a,
             double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

/* Bit for bit, the task's behaviour numbers included. */
static gboolean
same_result (const MdkEvalResult *a,
             const MdkEvalResult *b,
             guint                n_behaviour)
{
  if (!same_double (a->fitness, b->fitness) || !same_double (a->train_metric, b->train_metric) ||
      !same_double (a->test_metric, b->test_metric) || a->solved != b->solved)
    return FALSE;
  for (guint i = 0; i < n_behaviour; i++)
    if (!same_double (a->behaviour[i], b->behaviour[i]))
      return FALSE;
  return TRUE;
}

/* The task's test of the network in run->test_net (@genome's): when the
 * test comes in parts, they run on the evaluator's threads, or where
 * mdk_run_set_test_parts_func () says. */
static void
test_network (MdkRun        *run,
              gconstpointer  genome,
              MdkEvalResult *result)
{
  const MdkTaskClass *klass = run->task->klass;
  g_autofree double *parts = NULL;

  if (klass->test_part == NULL)
    {
      klass->test_solution (run->task, run->test_net, result);
      return;
    }
  if (!klass->test_begin (run->task, run->test_net, result))
    return;
  parts = g_new (double, MAX (klass->n_test_parts, 1));
  if (run->test_parts != NULL)
    run->test_parts (run, genome, klass->n_test_parts, parts, run->test_parts_data);
  else
    mdk_evaluator_run_test_parts (run->evaluator, run->optimizer, run->task, genome, 0,
                                  klass->n_test_parts, parts);
  klass->test_end (run->task, parts, result);
}

/* The task's test of @genome's network, completing @result.  The test draws
 * no random numbers, so the same network with the same result comes out
 * the same; and the candidates are mostly networks tested before (species'
 * champions, copied unchanged into the next generation): their outcome is
 * reused.  On the double pole without velocities, where a test takes 0.2 s
 * once champions balance the poles, that took 60 generations of a
 * population of 1,000 from 6.1 s to 1.9 s.  The packed genome (what the
 * network is made of and no more, docs/formats.md) tells the network. */
static void
run_task_test (MdkRun        *run,
               gconstpointer  genome,
               MdkEvalResult *result)
{
  const MdkOptimizerClass *klass = run->optimizer->klass;
  g_autoptr(GByteArray) packed = NULL;
  MdkEvalResult before = *result;
  TestedNetwork *slot;

  if (klass->pack_genome != NULL)
    {
      packed = g_byte_array_new ();
      klass->pack_genome (run->optimizer, genome, packed);
      for (guint i = 0; i < N_TESTED; i++)
        {
          const TestedNetwork *t = &run->tested[i];

          if (t->packed != NULL && t->packed->len == packed->len &&
              memcmp (t->packed->data, packed->data, packed->len) == 0 &&
              same_result (&t->before, result, run->task->n_behaviour))
            {
              *result = t->after;
              return;
            }
        }
    }
  if (run->test_net == NULL)
    run->test_net = mdk_network_new ();
  mdk_optimizer_decode (run->optimizer, genome, run->test_net);
  test_network (run, genome, result);
  if (packed == NULL)
    return;
  slot = &run->tested[run->next_tested];
  run->next_tested = (run->next_tested + 1) % N_TESTED;
  if (slot->packed != NULL)
    g_byte_array_unref (slot->packed);
  slot->packed = g_steal_pointer (&packed);
  slot->before = before;
  slot->after = *result;
}

/* The task's solution test on @genome, the @index-th of this generation's
 * @n (or n when it is not one of them); a pass solves the run, counting the
 * evaluations up to and including that genome. */
static void
test_solution (MdkRun        *run,
               gconstpointer  genome,
               MdkEvalResult *result,
               guint          index,
               guint          n)
{
  run_task_test (run, genome, result);
  if (!result->solved)
    return;
  if (!run->solved)
    {
      run->solved = TRUE;
      run->solved_evaluations = run->evaluations + MIN (index + 1, n);
      run->solved_generation = run->generation;
    }
  offer_champion (run, genome, result);
}

static gboolean
checked_contains (GArray  *checked,
                  guint32  id,
                  guint   *pos)
{
  for (guint i = 0; i < checked->len; i++)
    if (g_array_index (checked, guint32, i) == id)
      {
        if (pos != NULL)
          *pos = i;
        return TRUE;
      }
  return FALSE;
}

/* Best fitness first, then the older (lower) id. */
static int
compare_species (gconstpointer a,
                 gconstpointer b)
{
  const MdkSpeciesInfo *x = *(const MdkSpeciesInfo * const *) a;
  const MdkSpeciesInfo *y = *(const MdkSpeciesInfo * const *) b;

  if (x->best_fitness != y->best_fitness)
    return x->best_fitness > y->best_fitness ? -1 : 1;
  return x->id < y->id ? -1 : (x->id > y->id ? 1 : 0);
}

/* Which genome takes the solution test, after pole2_epoch () of Stanley's
 * NEAT code (experiments.cpp): species in order of their best fitness, a
 * species counts as checked once its champion was tested and unchecked
 * again when it improves, and the champion of the first unchecked species
 * is tested (of the best species when all are checked).  Returns the
 * species' champion, or NULL without species. */
static gconstpointer
pick_species_champion (MdkRun *run,
                       double *fitness)
{
  GArray *species = run->optimizer->klass->get_species (run->optimizer);
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GArray) kept = NULL;
  const MdkSpeciesInfo *chosen = NULL;

  if (species == NULL || species->len == 0)
    return NULL;

  order = g_ptr_array_sized_new (species->len);
  kept = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint i = 0; i < species->len; i++)
    {
      const MdkSpeciesInfo *sp = &g_array_index (species, MdkSpeciesInfo, i);

      g_ptr_array_add (order, (gpointer) sp);
      /* Forget species that are gone or have improved. */
      if (sp->since_improved > 0 && checked_contains (run->checked, sp->id, NULL))
        g_array_append_val (kept, sp->id);
    }
  g_array_set_size (run->checked, 0);
  g_array_append_vals (run->checked, kept->data, kept->len);

  g_ptr_array_sort (order, compare_species);
  for (guint i = 0; i < order->len && chosen == NULL; i++)
    if (!checked_contains (run->checked, ((const MdkSpeciesInfo *) order->pdata[i])->id, NULL))
      chosen = order->pdata[i];
  if (chosen == NULL)
    chosen = order->pdata[0];
  else
    g_array_append_val (run->checked, chosen->id);
  *fitness = chosen->best_fitness;
  return chosen->champion;
}

/* For tasks with a solution test: the champion of a species picked as the
 * reference does, or, for algorithms without species, the generation's
 * best (tested before tell (), while the batch is still valid). */
static void
run_solution_test (MdkRun         *run,
                   gconstpointer  *genomes,
                   guint           n,
                   guint           best,
                   gboolean        told)
{
  gboolean has_species = run->optimizer->klass->get_species != NULL;
  gconstpointer genome;
  MdkEvalResult result;
  double fitness = NAN;
  guint index = n;

  if (run->task->klass->test_solution == NULL || has_species != told)
    return;
  if (!told)
    {
      if (!isfinite (run->results[best].fitness))
        return;
      test_solution (run, genomes[best], &run->results[best], best, n);
      return;
    }

  genome = pick_species_champion (run, &fitness);
  if (genome == NULL)
    return;
  /* Its place in the batch, for the count of evaluations. */
  for (guint i = 0; i < n && index == n; i++)
    if (genomes[i] == genome)
      index = i;
  if (index < n)
    {
      test_solution (run, genome, &run->results[index], index, n);
      return;
    }
  result = (MdkEvalResult) { .fitness = fitness, .train_metric = NAN, .test_metric = NAN };
  test_solution (run, genome, &result, n, n);
}

/* Species sizes for the history's charts, kept for every generation: tens
 * of bytes each. */
static void
record_species (MdkRun *run)
{
  const MdkOptimizerClass *klass = run->optimizer->klass;
  GArray *species = klass->get_species != NULL ? klass->get_species (run->optimizer) : NULL;
  guint end;

  for (guint i = 0; species != NULL && i < species->len; i++)
    {
      const MdkSpeciesInfo *info = &g_array_index (species, MdkSpeciesInfo, i);
      MdkSpeciesSample sample = { info->id, info->size, info->best_fitness };

      g_array_append_val (run->species, sample);
    }
  end = run->species->len;
  g_array_append_val (run->species_starts, end);
}

/* Every evaluated genome, so the lineage view can walk back through
 * generations. */
static void
record_lineage (MdkRun *run)
{
  MdkOptimizer *opt = run->optimizer;
  gconstpointer *genomes = NULL;
  g_autofree MdkGenomeInfo *infos = NULL;
  guint n;

  if (run->lineage == NULL || opt->klass->get_evaluated == NULL || opt->klass->describe == NULL)
    return;
  n = opt->klass->get_evaluated (opt, &genomes);
  infos = g_new (MdkGenomeInfo, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    opt->klass->describe (opt->klass, genomes[i], &infos[i]);
  mdk_lineage_add_many (run->lineage, infos, n);
}

/* Novelty search's layer between evaluation and tell (): the results the
 * optimizer is told carry the search score in place of the fitness. */
static const MdkEvalResult *
search_results (MdkRun *run,
                guint   n)
{
  g_autofree double *scores = g_new (double, MAX (n, 1));

  mdk_novelty_step (run->novelty, run->results, n, run->novelty_values);
  mdk_novelty_scores (&run->experiment->objective, run->results, run->novelty_values, n, scores);
  for (guint i = 0; i < n; i++)
    {
      run->told[i] = run->results[i];
      run->told[i].fitness = scores[i];
    }
  return run->told;
}

/* Whether the next batch goes to the prefetch function as it is made: an
 * algorithm whose ask () is pure, and a run that goes on (as far as the
 * generation limit tells). */
static gboolean
may_prefetch (const MdkRun *run)
{
  const MdkStopParams *stop = &run->experiment->stop;

  return run->prefetch != NULL && run->optimizer->klass->ask_is_pure &&
         !(stop->max_generations > 0 && run->generation + 1 >= (guint) stop->max_generations);
}

static void
batch_made (guint          index,
            gconstpointer  genome,
            gpointer       user_data)
{
  MdkRun *run = user_data;

  g_return_if_fail (index == run->made->len);
  g_ptr_array_add (run->made, (gpointer) genome);
  run->prefetch (run, (gconstpointer *) run->made->pdata, run->made->len, FALSE, run->eval_seed,
                 run->generation + 1, run->prefetch_data);
}

/* tell (), handing the next batch to the prefetch function as it is made,
 * then whole; returns the batch @genomes of this generation, copied into
 * *@copy as ask () reuses its array. */
static gconstpointer *
tell_and_prefetch (MdkRun               *run,
                   const MdkEvalResult  *results,
                   gconstpointer        *genomes,
                   guint                 n,
                   gconstpointer       **copy)
{
  MdkOptimizer *opt = run->optimizer;
  gconstpointer *next = NULL;
  guint n_next;

  if (!may_prefetch (run))
    {
      mdk_optimizer_tell (opt, results, n);
      return genomes;
    }
  g_ptr_array_set_size (run->made, 0);
  opt->made = batch_made;
  opt->made_data = run;
  mdk_optimizer_tell (opt, results, n);
  opt->made = NULL;
  opt->made_data = NULL;

  *copy = g_memdup2 (genomes, n * sizeof *genomes);
  n_next = mdk_optimizer_ask (opt, &next);
  run->prefetch (run, next, n_next, TRUE, run->eval_seed, run->generation + 1, run->prefetch_data);
  return *copy;
}

/* The second half of a generation, once run->results hold the batch's
 * results: statistics, champion, tell, history row, stop check.  The
 * person's choices of interactive evolution are told as they are. */
static const char *
conclude_generation (MdkRun         *run,
                     gconstpointer  *genomes,
                     guint           n,
                     gint64          start,
                     gboolean        interactive)
{
  MdkGenerationStats row = { 0 };
  MdkPopulationStats pop = { 0 };
  guint n_valid = 0, best = 0;
  double sum = 0.0, sum2 = 0.0;
  g_autofree gconstpointer *batch = NULL;

  /* Statistics over valid fitness; NaN and ±inf are only counted. */
  for (guint i = 0; i < n; i++)
    {
      const MdkEvalResult *r = &run->results[i];

      if (!isfinite (r->fitness))
        {
          row.n_invalid++;
          continue;
        }
      run->sorted[n_valid++] = r->fitness;
      sum += r->fitness;
      sum2 += r->fitness * r->fitness;
      if (!isfinite (run->results[best].fitness) || r->fitness > run->results[best].fitness)
        best = i;
      if (r->solved && !run->solved)
        {
          /* Counted up to and including the solving genome. */
          run->solved = TRUE;
          run->solved_evaluations = run->evaluations + i + 1;
          run->solved_generation = run->generation;
        }
    }

  run_solution_test (run, genomes, n, best, FALSE);
  if (n_valid > 0)
    offer_champion (run, genomes[best], &run->results[best]);

  if (interactive)
    mdk_optimizer_tell (run->optimizer, run->results, n);
  else
    genomes = tell_and_prefetch (run, run->novelty != NULL ? search_results (run, n) : run->results,
                                 genomes, n, &batch);
  run->optimizer->klass->get_stats (run->optimizer, &pop);
  run_solution_test (run, genomes, n, best, TRUE);
  record_species (run);
  record_lineage (run);

  run->evaluations += n;
  run->seconds += (g_get_monotonic_time () - start) / 1e6;

  row.generation = run->generation;
  if (n_valid > 0)
    {
      double mean = sum / n_valid;
      row.best = run->results[best].fitness;
      row.mean = mean;
      row.median = mdk_median (run->sorted, n_valid);
      row.stdev = sqrt (MAX (0.0, sum2 / n_valid - mean * mean));
      row.best_train = run->results[best].train_metric;
      row.best_test = run->results[best].test_metric;
    }
  else
    {
      row.best = row.mean = row.median = row.stdev = NAN;
      row.best_train = row.best_test = NAN;
    }
  row.n_species = pop.n_species;
  row.mean_hidden = pop.mean_hidden;
  row.mean_connections = pop.mean_connections;
  row.champion_hidden = pop.champion_hidden;
  row.champion_connections = pop.champion_connections;
  memcpy (row.extra, pop.extra, sizeof pop.extra);
  if (run->novelty != NULL)
    mdk_novelty_get_stats (run->novelty, row.extra + run->optimizer->klass->n_stats);
  row.evaluations = run->evaluations;
  row.seconds = run->seconds;
  row.solved = run->solved;
  row.phase = pop.phase;
  g_array_append_val (run->history, row);

  run->generation++;
  run->stop_reason = check_stop (run);
  return run->stop_reason;
}

/* One generation: ask, evaluate, tell.  Returns the stop reason (untranslated
 * id; translate with _() for display) or NULL to go on. */
const char *
mdk_run_step (MdkRun *run)
{
  gint64 start = g_get_monotonic_time ();
  gconstpointer *genomes = NULL;
  guint n;

  g_return_val_if_fail (run->candidates == NULL, NULL);

  n = mdk_optimizer_ask (run->optimizer, &genomes);
  ensure_results (run, n);
  if (run->evaluate != NULL)
    run->evaluate (run, genomes, n, run->eval_seed, run->results, run->evaluate_data);
  else
    mdk_evaluator_run (run->evaluator, run->optimizer, run->task, genomes, n,
                       run->eval_seed, run->generation, run->results);
  run->n_evaluated = n;
  return conclude_generation (run, genomes, n, start, FALSE);
}

/* Interactive evolution, the person being the fitness function: the
 * generation's genomes (borrowed until mdk_run_interactive_finish) … */
guint
mdk_run_interactive_begin (MdkRun         *run,
                           gconstpointer **genomes)
{
  if (run->candidates == NULL)
    {
      run->candidates_start = g_get_monotonic_time ();
      run->n_candidates = mdk_optimizer_ask (run->optimizer, &run->candidates);
    }
  *genomes = run->candidates;
  return run->n_candidates;
}

/* … then their fitness, in the same order (e.g. 1 for the chosen, 0 for the
 * others), ends the generation as mdk_run_step () would. */
const char *
mdk_run_interactive_finish (MdkRun       *run,
                            const double *fitness,
                            guint         n)
{
  gconstpointer *genomes = run->candidates;

  g_return_val_if_fail (genomes != NULL, NULL);
  g_return_val_if_fail (n == run->n_candidates, NULL);

  ensure_results (run, n);
  for (guint i = 0; i < n; i++)
    run->results[i] = (MdkEvalResult) {
      .fitness = fitness[i],
      .train_metric = NAN,
      .test_metric = NAN,
      .solved = FALSE,
    };
  /* Chosen by a person: nothing was evaluated. */
  run->n_evaluated = 0;
  run->candidates = NULL;
  return conclude_generation (run, genomes, n, run->candidates_start, TRUE);
}

/* The task's results of the last generation's evaluations, in the order
 * the optimizer asked for the genomes; NULL (and 0) before the first, after
 * a restore and for a generation chosen by hand. */
const MdkEvalResult *
mdk_run_get_last_results (const MdkRun *run,
                          guint        *n)
{
  *n = run->n_evaluated;
  return run->n_evaluated > 0 ? run->results : NULL;
}

const char *
mdk_run_get_stop_reason (const MdkRun *run)
{
  return run->stop_reason;
}

const MdkExperiment *
mdk_run_get_experiment (const MdkRun *run)
{
  return run->experiment;
}

MdkTask *
mdk_run_get_task (const MdkRun *run)
{
  return run->task;
}

MdkOptimizer *
mdk_run_get_optimizer (const MdkRun *run)
{
  return run->optimizer;
}

MdkEvaluator *
mdk_run_get_evaluator (const MdkRun *run)
{
  return run->evaluator;
}

/* NULL @func: back to the run's own evaluator. */
void
mdk_run_set_evaluate_func (MdkRun             *run,
                           MdkRunEvaluateFunc  func,
                           gpointer            user_data)
{
  run->evaluate = func;
  run->evaluate_data = user_data;
}

/* NULL @func: none. */
void
mdk_run_set_prefetch_func (MdkRun             *run,
                           MdkRunPrefetchFunc  func,
                           gpointer            user_data)
{
  run->prefetch = func;
  run->prefetch_data = user_data;
}

/* NULL @func: back to the run's own evaluator. */
void
mdk_run_set_test_parts_func (MdkRun              *run,
                             MdkRunTestPartsFunc  func,
                             gpointer             user_data)
{
  run->test_parts = func;
  run->test_parts_data = user_data;
}

guint
mdk_run_get_generation (const MdkRun *run)
{
  return run->generation;
}

guint64
mdk_run_get_evaluations (const MdkRun *run)
{
  return run->evaluations;
}

double
mdk_run_get_seconds (const MdkRun *run)
{
  return run->seconds;
}

guint64
mdk_run_get_connections (const MdkRun *run)
{
  return mdk_evaluator_get_connections (run->evaluator);
}

GArray *
mdk_run_get_history (const MdkRun *run)
{
  return run->history;
}

const MdkSpeciesSample *
mdk_run_get_species_sizes (const MdkRun *run,
                           guint         generation,
                           guint        *n_samples)
{
  const guint *starts = (const guint *) run->species_starts->data;

  *n_samples = 0;
  if (generation + 1 >= run->species_starts->len || starts[generation] == starts[generation + 1])
    return NULL;
  *n_samples = starts[generation + 1] - starts[generation];
  return &g_array_index (run->species, MdkSpeciesSample, starts[generation]);
}

gconstpointer
mdk_run_get_champion (const MdkRun  *run,
                      MdkEvalResult *result,
                      guint         *generation)
{
  if (result != NULL)
    *result = run->champion_result;
  if (generation != NULL)
    *generation = run->champion_generation;
  return run->champion;
}

gboolean
mdk_run_is_solved (const MdkRun *run,
                   guint64      *evaluations,
                   guint        *generation)
{
  if (evaluations != NULL)
    *evaluations = run->solved_evaluations;
  if (generation != NULL)
    *generation = run->solved_generation;
  return run->solved;
}

void
mdk_run_set_stop (MdkRun              *run,
                  const MdkStopParams *stop)
{
  run->experiment->stop = *stop;
}

/* Takes ownership of @genome, of the optimizer's genome type. */
void
mdk_run_take_champion (MdkRun              *run,
                       gpointer             genome,
                       const MdkEvalResult *result,
                       guint                generation)
{
  if (run->champion != NULL)
    run->optimizer->klass->free_genome (run->champion);
  run->champion = genome;
  run->champion_result = *result;
  run->champion_generation = generation;
}

/* The species whose champions took the solution test and have not
 * improved since (the run state saves them). */
const guint32 *
mdk_run_get_checked_species (const MdkRun *run,
                             guint        *n)
{
  *n = run->checked->len;
  return (const guint32 *) (gconstpointer) run->checked->data;
}

void
mdk_run_restore_checked_species (MdkRun        *run,
                                 const guint32 *ids,
                                 guint          n)
{
  g_array_set_size (run->checked, 0);
  g_array_append_vals (run->checked, ids, n);
}

void
mdk_run_restore_solved (MdkRun  *run,
                        gboolean solved,
                        guint64  evaluations,
                        guint    generation)
{
  run->solved = solved;
  run->solved_evaluations = evaluations;
  run->solved_generation = generation;
}

void
mdk_run_restore_species_sizes (MdkRun                 *run,
                               const MdkSpeciesSample *samples,
                               guint                   n_samples)
{
  guint end;

  g_array_append_vals (run->species, samples, n_samples);
  end = run->species->len;
  g_array_append_val (run->species_starts, end);
}

/* The history replaces the run's; the stop reason is what the saved run's
 * last step would have said (none before the first generation). */
void
mdk_run_restore (MdkRun                   *run,
                 guint                     generation,
                 guint64                   evaluations,
                 double                    seconds,
                 const MdkGenerationStats *rows,
                 guint                     n_rows)
{
  g_return_if_fail (run->candidates == NULL);

  run->generation = generation;
  run->evaluations = evaluations;
  run->seconds = seconds;
  g_array_set_size (run->history, 0);
  g_array_append_vals (run->history, rows, n_rows);
  /* One entry per generation, empty where none were restored, so that the
   * next generation's species line up with its row. */
  if (run->species_starts->len > n_rows + 1)
    {
      g_array_set_size (run->species_starts, n_rows + 1);
      g_array_set_size (run->species, g_array_index (run->species_starts, guint, n_rows));
    }
  while (run->species_starts->len < n_rows + 1)
    {
      guint end = run->species->len;
      g_array_append_val (run->species_starts, end);
    }
  run->stop_reason = generation > 0 ? check_stop (run) : NULL;
}

/* The champion document of docs/formats.md. */
char *
mdk_run_champion_to_json (const MdkRun *run)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  JsonNode *genome;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "medaka-champion");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "task");
  json_builder_add_string_value (b, run->experiment->task_class->id);
  json_builder_set_member_name (b, "algorithm");
  json_builder_add_string_value (b, run->experiment->optimizer_class->id);
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, (gint64) run->experiment->seed);
  json_builder_set_member_name (b, "generation");
  json_builder_add_int_value (b, run->champion_generation);
  mdk_json_add_number (b, "fitness", run->champion ? run->champion_result.fitness : NAN);
  mdk_json_add_number (b, "train_metric", run->champion ? run->champion_result.train_metric : NAN);
  mdk_json_add_number (b, "test_metric", run->champion ? run->champion_result.test_metric : NAN);
  json_builder_set_member_name (b, "solved");
  json_builder_add_boolean_value (b, run->champion ? run->champion_result.solved : FALSE);
  json_builder_set_member_name (b, "genome");
  if (run->champion != NULL)
    {
      genome = mdk_optimizer_genome_document (run->optimizer->klass, run->champion,
                                              (const char * const *) run->task->input_names,
                                              (const char * const *) run->task->output_names,
                                              run->champion_result.fitness);
      json_builder_add_value (b, genome);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return mdk_json_builder_to_data (b);
}

void
mdk_stat_columns_init (MdkStatColumns          *columns,
                       const MdkOptimizerClass *klass,
                       gboolean                 novelty)
{
  memset (columns, 0, sizeof *columns);
  /* Named after what the columns are mostly about. */
  columns->title = klass != NULL && (klass->n_stats > 0 || !novelty) ? klass->label
                                                                      : (novelty ? N_("Novelty search") : NULL);
  for (guint i = 0; klass != NULL && i < klass->n_stats; i++)
    columns->specs[columns->n++] = klass->stats[i];
  for (guint i = 0; novelty && i < MDK_NOVELTY_N_STATS; i++)
    columns->specs[columns->n++] = mdk_novelty_stats[i];
}

void
mdk_stat_columns_for_experiment (MdkStatColumns      *columns,
                                 const MdkExperiment *experiment)
{
  mdk_stat_columns_init (columns, experiment->optimizer_class,
                         mdk_experiment_uses_novelty (experiment));
}

char *
mdk_stats_csv_header (const MdkStatColumns *columns)
{
  GString *s = g_string_new ("generation,best,mean,median,stdev,species,mean_nodes,mean_connections,"
                             "evaluations,seconds,champion_nodes,champion_connections,invalid,"
                             "best_train,best_test,solved,phase");

  for (guint i = 0; columns != NULL && i < columns->n; i++)
    g_string_append_printf (s, ",%s", columns->specs[i].id);
  return g_string_free (s, FALSE);
}

static void
append_double (GString *s,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (s, ',');
  if (isfinite (v))
    g_string_append (s, mdk_format_double (buf, sizeof buf, v));
}

/* Locale-independent, empty cells for missing values. */
char *
mdk_stats_to_csv_row (const MdkGenerationStats *st,
                      const MdkStatColumns     *columns)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%u", st->generation);
  append_double (s, st->best);
  append_double (s, st->mean);
  append_double (s, st->median);
  append_double (s, st->stdev);
  g_string_append_printf (s, ",%u", st->n_species);
  append_double (s, st->mean_hidden);
  append_double (s, st->mean_connections);
  g_string_append_printf (s, ",%" G_GUINT64_FORMAT, st->evaluations);
  append_double (s, st->seconds);
  g_string_append_printf (s, ",%u,%u,%u", st->champion_hidden, st->champion_connections,
                          st->n_invalid);
  append_double (s, st->best_train);
  append_double (s, st->best_test);
  g_string_append_printf (s, ",%d,%s", st->solved ? 1 : 0, mdk_search_phase_to_id (st->phase));
  for (guint i = 0; columns != NULL && i < columns->n; i++)
    append_double (s, st->extra[i]);
  return g_string_free (s, FALSE);
}

static gboolean
same_value (double a,
            double b)
{
  return a == b || (isnan (a) && isnan (b));
}

static gboolean
same_extra (const MdkGenerationStats *a,
            const MdkGenerationStats *b)
{
  for (guint i = 0; i < MDK_MAX_STATS; i++)
    if (!same_value (a->extra[i], b->extra[i]))
      return FALSE;
  return TRUE;
}

/* Equal in every column but the wall-clock seconds, NaN ("no value")
 * matching NaN: what exact resume and any thread count promise. */
gboolean
mdk_stats_same_outcome (const MdkGenerationStats *a,
                        const MdkGenerationStats *b)
{
  return a->generation == b->generation && same_value (a->best, b->best) &&
         same_value (a->mean, b->mean) && same_value (a->median, b->median) &&
         same_value (a->stdev, b->stdev) && a->n_species == b->n_species &&
         same_value (a->mean_hidden, b->mean_hidden) &&
         same_value (a->mean_connections, b->mean_connections) &&
         a->champion_hidden == b->champion_hidden &&
         a->champion_connections == b->champion_connections &&
         a->evaluations == b->evaluations && a->n_invalid == b->n_invalid &&
         same_value (a->best_train, b->best_train) && same_value (a->best_test, b->best_test) &&
         a->solved == b->solved && a->phase == b->phase && same_extra (a, b);
}

/* The history table of docs/formats.md: a header, then one row each. */
char *
mdk_stats_rows_to_csv (const MdkGenerationStats *rows,
                       guint                     n_rows,
                       const MdkStatColumns     *columns)
{
  g_autofree char *header = mdk_stats_csv_header (columns);
  GString *csv = g_string_new (header);

  g_string_append_c (csv, '\n');
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *row = mdk_stats_to_csv_row (&rows[i], columns);
      g_string_append (csv, row);
      g_string_append_c (csv, '\n');
    }
  return g_string_free (csv, FALSE);
}

/* From now on the run records every evaluated genome in @lineage (which it
 * keeps a reference to), and saves the records its population descends
 * from (mdk_run_state_save ()).  NULL stops recording. */
void
mdk_run_set_lineage (MdkRun     *run,
                     MdkLineage *lineage)
{
  g_return_if_fail (run != NULL);

  if (lineage != NULL)
    mdk_lineage_ref (lineage);
  g_clear_pointer (&run->lineage, mdk_lineage_unref);
  run->lineage = lineage;
}

MdkLineage *
mdk_run_get_lineage (const MdkRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);

  return run->lineage;
}

MdkNovelty *
mdk_run_get_novelty (const MdkRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);

  return run->novelty;
}
