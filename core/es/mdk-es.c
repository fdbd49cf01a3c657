#define G_LOG_DOMAIN "medaka-es"

#include "config.h"

#include "mdk-es.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mdk-run-state.h"

G_DEFINE_QUARK (mdk-es-error-quark, mdk_es_error)

/* Shared parts of the strategies */

void
mdk_es_start_point (const MdkEsProblem *problem,
                    MdkRng             *rng,
                    double             *x)
{
  for (guint i = 0; i < problem->n; i++)
    {
      x[i] = problem->center != NULL ? problem->center[i] : 0.0;
      /* Draws nothing without a range, like mdk_rng_chance. */
      if (problem->init_range > 0.0)
        x[i] += mdk_rng_range (rng, -problem->init_range, problem->init_range);
    }
}

static int
compare_ranked (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  const double *v = data;
  guint i = *(const guint *) a, j = *(const guint *) b;

  if (v[i] != v[j])
    return v[i] < v[j] ? -1 : 1;
  /* Ties by index: the order never depends on the sort. */
  return i < j ? -1 : (i > j ? 1 : 0);
}

/* @order: the indices of @values from the smallest value to the largest. */
void
mdk_es_rank (const double *values,
             guint         n,
             guint        *order)
{
  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint), compare_ranked, (gpointer) values);
}

JsonNode *
mdk_es_vector_to_json (const double *v,
                       gsize         n)
{
  JsonArray *arr = json_array_sized_new (n);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (gsize i = 0; i < n; i++)
    json_array_add_element (arr, mdk_run_state_double_node (v[i]));
  json_node_take_array (node, arr);
  return node;
}

gboolean
mdk_es_vector_from_json (JsonObject  *obj,
                         const char  *member,
                         const char  *path,
                         double      *v,
                         gsize        n,
                         GError     **error)
{
  JsonArray *arr = mdk_run_state_get_array (obj, member, path, error);

  if (arr == NULL)
    return FALSE;
  if (json_array_get_length (arr) != n)
    {
      g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                   _("%s: “%s” must have %lu elements"), path, member, (unsigned long) n);
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *what = g_strdup_printf ("%s[%lu]", member, (unsigned long) i);

      if (!mdk_run_state_node_get_double (json_array_get_element (arr, i), path, what, &v[i], error))
        return FALSE;
    }
  return TRUE;
}

gboolean
mdk_es_rng_from_json (JsonObject  *obj,
                      const char  *member,
                      const char  *path,
                      MdkRng      *rng,
                      GError     **error)
{
  const char *s = mdk_run_state_get_string (obj, member, path, error);

  if (s == NULL)
    return FALSE;
  if (!mdk_rng_from_string (rng, s))
    {
      g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                   _("%s: “%s” is not a random number generator state"), path, member);
      return FALSE;
    }
  return TRUE;
}

guint64
mdk_es_minimize (MdkEsStrategy *s,
                 guint          n,
                 MdkEsFunction  f,
                 gpointer       data,
                 double         target,
                 guint64        max_evaluations,
                 double        *best)
{
  g_autofree double *values = NULL;
  guint64 evaluations = 0;
  double best_value = INFINITY;

  while (evaluations < max_evaluations)
    {
      const double *points;
      guint lambda = s->klass->ask (s, &points);

      values = g_renew (double, values, lambda);
      for (guint i = 0; i < lambda; i++)
        {
          values[i] = f (points + (gsize) i * n, n, data);
          evaluations++;
          best_value = MIN (best_value, values[i]);
          /* Counted up to the evaluation that reached the target. */
          if (best_value <= target)
            goto done;
        }
      s->klass->tell (s, values, NULL);
      if (s->klass->get_stop (s) != NULL)
        break;
    }
done:
  if (best != NULL)
    *best = best_value;
  return evaluations;
}

/* The optimizer */

typedef struct
{
  MdkOptimizer              parent;
  const MdkEsStrategyClass *sclass;
  gpointer                  params;
  MdkMlp                   *mlp;
  MdkEsStrategy            *strategy;
  GPtrArray                *population;   /* MdkEsGenome*, asked, not yet told */
  GPtrArray                *evaluated;    /* the last told generation */
  GPtrArray                *spare;
  gconstpointer            *batch;
  double                   *values;
  guint64                  *ids;
  guint64                   next_genome_id;
  guint                     generation;
  guint                     n_behaviour;
  gboolean                  asked;
  MdkPopulationStats        stats;
} MdkEs;

#define ES(o) ((MdkEs *) (o))

MdkOptimizer *
mdk_es_create (const MdkOptimizerClass *klass,
               gconstpointer            params,
               const MdkTask           *task,
               guint64                  seed,
               GError                 **error)
{
  const MdkEsNetworkParams *net = params;
  g_autoptr(MdkMlp) mlp = NULL;
  MdkEsProblem problem = { 0 };
  MdkActivation output;
  MdkEs *self;
  MdkEsStrategy *strategy;

  output = net->output_activation == 0 ? task->klass->output_activation
                                       : (MdkActivation) (net->output_activation - 1);
  mlp = mdk_mlp_parse (task->n_inputs, task->n_outputs, net->hidden_layers, net->hidden_activations,
                       output, net->biases, net->recurrent, error);
  if (mlp == NULL)
    return NULL;

  problem.n = mlp->n_params;
  problem.init_range = net->initial_range;
  problem.seed = seed;
  problem.n_behaviour = task->n_behaviour;
  strategy = ((const MdkEsStrategyClass *) klass->class_data)->create (params, &problem, error);
  if (strategy == NULL)
    return NULL;

  self = g_new0 (MdkEs, 1);
  self->parent.klass = klass;
  self->sclass = klass->class_data;
  self->params = mdk_optimizer_params_dup (klass, params);
  self->mlp = g_steal_pointer (&mlp);
  self->strategy = strategy;
  self->population = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_es_genome_free);
  self->evaluated = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_es_genome_free);
  self->spare = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_es_genome_free);
  self->next_genome_id = 1;
  self->n_behaviour = task->n_behaviour;
  return &self->parent;
}

void
mdk_es_free (MdkOptimizer *opt)
{
  MdkEs *self = ES (opt);

  self->sclass->free (self->strategy);
  mdk_optimizer_params_free (opt->klass, self->params);
  mdk_mlp_unref (self->mlp);
  g_ptr_array_unref (self->population);
  g_ptr_array_unref (self->evaluated);
  g_ptr_array_unref (self->spare);
  g_free (self->batch);
  g_free (self->values);
  g_free (self->ids);
  g_free (self);
}

/* The strategy samples once per generation: asking again before the tell
 * hands out the same batch. */
guint
mdk_es_ask (MdkOptimizer   *opt,
            gconstpointer **genomes)
{
  MdkEs *self = ES (opt);

  if (!self->asked)
    {
      const double *points;
      guint lambda = self->sclass->ask (self->strategy, &points);
      gsize n = self->mlp->n_params;

      self->batch = g_renew (gconstpointer, self->batch, lambda);
      for (guint i = 0; i < lambda; i++)
        {
          MdkEsGenome *g = self->spare->len > 0
                           ? g_ptr_array_steal_index_fast (self->spare, self->spare->len - 1)
                           : mdk_es_genome_new (self->mlp);

          memcpy (g->params, points + i * n, sizeof (double) * n);
          g->id = self->next_genome_id++;
          g->generation = self->generation;
          g->fitness = 0.0;
          g->fitness_valid = FALSE;
          g->origin = MDK_GENOME_ORIGIN_SAMPLED;
          g->parent1 = g->parent2 = 0;
          if (self->sclass->get_origin != NULL)
            self->sclass->get_origin (self->strategy, i, &g->origin, &g->parent1, &g->parent2);
          g_ptr_array_add (self->population, g);
          self->batch[i] = g;
        }
      self->asked = TRUE;
    }
  *genomes = self->batch;
  return self->population->len;
}

/* A point whose fitness was not finite has no behaviour worth keeping. */
static void
set_behaviours (MdkEs               *self,
                const MdkEvalResult *results,
                guint                n)
{
  const guint dims = self->n_behaviour;
  g_autofree double *rows = g_new (double, (gsize) MAX (n, 1) * MAX (dims, 1));

  for (guint i = 0; i < n; i++)
    for (guint d = 0; d < dims; d++)
      rows[(gsize) i * dims + d] = isfinite (results[i].fitness) ? results[i].behaviour[d] : NAN;
  self->sclass->set_behaviours (self->strategy, rows);
}

void
mdk_es_tell (MdkOptimizer        *opt,
             const MdkEvalResult *results,
             guint                n_results)
{
  MdkEs *self = ES (opt);
  double worst = -INFINITY;
  guint best = 0;

  g_return_if_fail (self->asked && n_results == self->population->len);

  self->values = g_renew (double, self->values, n_results);
  self->ids = g_renew (guint64, self->ids, n_results);
  /* Strategies minimize −fitness; a NaN or infinite fitness counts as the
   * worst of the generation, as in NEAT. */
  for (guint i = 0; i < n_results; i++)
    {
      MdkEsGenome *g = self->population->pdata[i];

      g->fitness_valid = isfinite (results[i].fitness);
      g->fitness = g->fitness_valid ? results[i].fitness : 0.0;
      self->values[i] = -g->fitness;
      self->ids[i] = g->id;
      if (g->fitness_valid)
        worst = MAX (worst, self->values[i]);
    }
  for (guint i = 0; i < n_results; i++)
    {
      if (!((MdkEsGenome *) self->population->pdata[i])->fitness_valid)
        self->values[i] = isfinite (worst) ? worst : 0.0;
      if (self->values[i] < self->values[best])
        best = i;
    }

  if (self->sclass->set_behaviours != NULL)
    set_behaviours (self, results, n_results);
  self->sclass->tell (self->strategy, self->values, self->ids);

  self->stats = (MdkPopulationStats) {
    .mean_hidden = self->mlp->n_hidden,
    .mean_connections = self->mlp->n_connections,
    .champion_hidden = self->mlp->n_hidden,
    .champion_connections = self->mlp->n_connections,
  };
  self->sclass->get_stats (self->strategy, self->stats.extra);

  /* The told generation stays for the views until the next tell. */
  g_ptr_array_extend_and_steal (self->spare, g_steal_pointer (&self->evaluated));
  self->evaluated = g_steal_pointer (&self->population);
  self->population = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_es_genome_free);
  /* Best first, as the views expect of NEAT's sorted species. */
  if (best > 0)
    {
      gpointer t = self->evaluated->pdata[0];
      self->evaluated->pdata[0] = self->evaluated->pdata[best];
      self->evaluated->pdata[best] = t;
    }
  self->generation++;
  self->asked = FALSE;
}

void
mdk_es_decode (const MdkOptimizer *opt,
               gconstpointer       genome,
               MdkNetwork         *net)
{
  const MdkEsGenome *g = genome;

  mdk_mlp_decode (g->mlp, g->params, net);
}

/* In transit (docs/formats.md): the parameter count, then the parameters;
 * the shape is the optimizer's, the same in every process. */
void
mdk_es_pack_genome (const MdkOptimizer *opt,
                    gconstpointer       genome,
                    GByteArray         *out)
{
  const MdkEsGenome *g = genome;
  guint8 *p = mdk_columns_grow (out, 4 + 8 * g->mlp->n_params);

  mdk_bytes_put_u32 (&p, g->mlp->n_params);
  for (gsize i = 0; i < g->mlp->n_params; i++)
    mdk_bytes_put_double (&p, g->params[i]);
}

gpointer
mdk_es_unpack_genome (const MdkOptimizer *opt,
                      MdkByteReader      *in)
{
  MdkEs *self = ES (opt);
  g_autoptr(MdkEsGenome) g = NULL;

  if (mdk_byte_reader_take (in, MDK_COLUMN_U32) != self->mlp->n_params || in->failed)
    return NULL;
  g = mdk_es_genome_new (self->mlp);
  for (gsize i = 0; i < self->mlp->n_params; i++)
    g->params[i] = mdk_byte_reader_take_double (in);
  return in->failed ? NULL : g_steal_pointer (&g);
}

const char *
mdk_es_get_stop (const MdkOptimizer *opt)
{
  return ES (opt)->sclass->get_stop (ES (opt)->strategy);
}

void
mdk_es_get_stats (const MdkOptimizer *opt,
                  MdkPopulationStats *stats)
{
  *stats = ES (opt)->stats;
}

gpointer
mdk_es_dup_genome (const MdkOptimizer *opt,
                   gconstpointer       genome)
{
  return mdk_es_genome_copy (genome);
}

void
mdk_es_free_genome (gpointer genome)
{
  mdk_es_genome_free (genome);
}

JsonNode *
mdk_es_genome_to_json_vfunc (const MdkOptimizer *opt,
                             gconstpointer       genome)
{
  return mdk_es_genome_to_json (genome);
}

/* Nothing of an ES may change during a run. */
gboolean
mdk_es_set_params (MdkOptimizer  *opt,
                   gconstpointer  params,
                   GError       **error)
{
  const MdkOptimizerClass *klass = opt->klass;

  for (guint i = 0; i < klass->n_params; i++)
    {
      g_autofree char *now = mdk_param_to_string (&klass->params[i], ES (opt)->params);
      g_autofree char *then = mdk_param_to_string (&klass->params[i], params);

      if (g_strcmp0 (now, then) != 0)
        {
          g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID,
                       _("Parameter “%s” cannot change during a run"), klass->params[i].id);
          return FALSE;
        }
    }
  return TRUE;
}

guint
mdk_es_get_evaluated (const MdkOptimizer   *opt,
                      gconstpointer       **genomes)
{
  *genomes = (gconstpointer *) ES (opt)->evaluated->pdata;
  return ES (opt)->evaluated->len;
}

void
mdk_es_describe (const MdkOptimizerClass *klass,
                 gconstpointer            genome,
                 MdkGenomeInfo           *info)
{
  mdk_es_genome_describe (genome, info);
}

/* Resume (docs/formats.md, "Run state"): the state between generations is
 * the strategy's own and two counters; the network's shape follows from the
 * parameters and the task. */
JsonNode *
mdk_es_save_state (const MdkOptimizer *opt)
{
  const MdkEs *self = ES (opt);
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (obj, "generation", self->generation);
  json_object_set_int_member (obj, "next_genome_id", (gint64) self->next_genome_id);
  json_object_set_member (obj, "strategy", self->sclass->save_state (self->strategy));
  json_node_take_object (node, obj);
  return node;
}

gboolean
mdk_es_load_state (MdkOptimizer  *opt,
                   JsonNode      *state,
                   GError       **error)
{
  MdkEs *self = ES (opt);
  JsonObject *obj, *strategy;
  guint64 generation, next_genome_id;

  if (state == NULL || !JSON_NODE_HOLDS_OBJECT (state))
    {
      g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                   _("%s: must be an object"), "state.optimizer");
      return FALSE;
    }
  obj = json_node_get_object (state);
  if (!mdk_run_state_get_uint (obj, "generation", "state.optimizer", G_MAXUINT32, &generation, error) ||
      !mdk_run_state_get_uint (obj, "next_genome_id", "state.optimizer", G_MAXINT64, &next_genome_id, error) ||
      (strategy = mdk_run_state_get_object (obj, "strategy", "state.optimizer", error)) == NULL ||
      !self->sclass->load_state (self->strategy, strategy, "state.optimizer.strategy", error))
    return FALSE;
  self->generation = generation;
  self->next_genome_id = MAX (next_genome_id, 1);
  g_ptr_array_set_size (self->population, 0);
  g_ptr_array_set_size (self->evaluated, 0);
  self->asked = FALSE;
  return TRUE;
}

gpointer
mdk_es_genome_from_json_vfunc (const MdkOptimizer  *opt,
                               JsonNode            *node,
                               GError             **error)
{
  g_autoptr(MdkEsGenome) g = mdk_es_genome_from_json (node, error);

  if (g == NULL)
    return NULL;
  if (!mdk_mlp_equal (g->mlp, ES (opt)->mlp))
    {
      g_set_error (error, MDK_ES_ERROR, MDK_ES_ERROR_PARAMS,
                   _("The network’s layers differ from this run’s"));
      return NULL;
    }
  /* The run's shape, shared with its genomes. */
  mdk_mlp_unref (g->mlp);
  g->mlp = mdk_mlp_ref (ES (opt)->mlp);
  return g_steal_pointer (&g);
}

/* The network as a NEAT graph for the views, with the genome's id and
 * fitness. */
gpointer
mdk_es_to_graph (gconstpointer genome)
{
  const MdkEsGenome *g = genome;
  MdkNeatGenome *graph = mdk_mlp_to_neat_genome (g->mlp, g->params);

  graph->id = g->id;
  graph->parent1 = g->parent1;
  graph->parent2 = g->parent2;
  graph->birth_generation = g->generation;
  graph->fitness = g->fitness;
  graph->fitness_valid = g->fitness_valid;
  return graph;
}

MdkEliteMap *
mdk_es_dup_map (const MdkOptimizer *opt)
{
  const MdkEs *self = ES (opt);

  return self->sclass->dup_map != NULL ? self->sclass->dup_map (self->strategy) : NULL;
}

GPtrArray *
mdk_es_dup_kept (const MdkOptimizer *opt)
{
  const MdkEs *self = ES (opt);
  GPtrArray *kept;
  const double *x;
  guint64 id;
  double fitness;

  if (self->sclass->get_kept == NULL)
    return NULL;
  kept = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_es_genome_free);
  for (guint i = 0; (x = self->sclass->get_kept (self->strategy, i, &id, &fitness)) != NULL; i++)
    {
      MdkEsGenome *g = mdk_es_genome_new (self->mlp);

      memcpy (g->params, x, sizeof (double) * self->mlp->n_params);
      g->id = id;
      g->fitness_valid = isfinite (fitness);
      g->fitness = g->fitness_valid ? fitness : 0.0;
      g_ptr_array_add (kept, g);
    }
  return kept;
}

MdkEsStrategy *
mdk_es_get_strategy (const MdkOptimizer *opt)
{
  return ES (opt)->strategy;
}

const MdkMlp *
mdk_es_get_mlp (const MdkOptimizer *opt)
{
  return ES (opt)->mlp;
}
