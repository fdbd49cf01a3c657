/* A simple genetic algorithm on weight vectors, as SimpleGA in estool
 * (Ha, "A Visual Guide to Evolution Strategies", 2017): truncation
 * selection keeps the best elite_ratio of the population, with the previous
 * elites competing again unless forget_best (elitism); each child is an
 * elite, or a uniform crossover of two, plus Gaussian noise of a standard
 * deviation that decays each generation down to a limit.  Weight decay adds
 * decay · mean(x²) to each value, as estool does to its rewards.
 */
#define G_LOG_DOMAIN "medaka-es"

#include "config.h"

#include "mdk-ga.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mdk-run-state.h"

typedef struct
{
  MdkEsStrategy parent;
  MdkGaParams   p;
  guint         n;
  guint         lambda;
  guint         n_elites_max;
  guint         n_elites;      /* 0 before the first tell: elites[0] is the start */
  MdkRng        rng;
  double        sigma;
  double       *elites;        /* n_elites_max × n, best first */
  double       *elite_values;
  guint64      *elite_ids;
  double       *points;
  guint        *parents;       /* λ × 2 elite indices; equal: mutation only */
  double       *pool_values;   /* scratch for selection */
  guint        *order;
  double       *next;
} Ga;

#define GA(s) ((Ga *) (s))

static const MdkEsStrategyClass ga_strategy;

#define GROUP_SEARCH N_("Search")

#define NUM(field, type_, lo, hi, d) \
  .type = type_, .min = lo, .max = hi, .def = d, .offset = offsetof (MdkGaParams, field)

static const MdkParamSpec ga_params[] = {
  MDK_ES_NETWORK_PARAMS (MdkGaParams),
  { "population_size", N_("Population size"), GROUP_SEARCH,
    N_("Children evaluated per generation."),
    NUM (population_size, MDK_PARAM_INT, 2, 100000, 100) },
  { "elite_ratio", N_("Elite fraction"), GROUP_SEARCH,
    N_("The best fraction of the population that breeds the next generation (truncation selection; estool: 0.1)."),
    NUM (elite_ratio, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.1) },
  { "sigma", N_("Mutation standard deviation"), GROUP_SEARCH,
    N_("The initial standard deviation of the Gaussian noise added to every weight of a child."),
    NUM (sigma, MDK_PARAM_DOUBLE, 0.0, 1e3, 0.1) },
  { "sigma_decay", N_("Mutation decay"), GROUP_SEARCH,
    N_("The standard deviation is multiplied by this after each generation (estool: 0.999)."),
    NUM (sigma_decay, MDK_PARAM_DOUBLE, 0.0, 1.0, 0.999) },
  { "sigma_limit", N_("Minimum mutation"), GROUP_SEARCH,
    N_("The standard deviation never decays below this value (estool: 0.01)."),
    NUM (sigma_limit, MDK_PARAM_DOUBLE, 0.0, 1e3, 0.01) },
  { "crossover", N_("Crossover"), GROUP_SEARCH,
    N_("Make each child by uniform crossover of two elites; otherwise it copies one."),
    NUM (crossover, MDK_PARAM_BOOL, 0, 1, TRUE) },
  { "forget_best", N_("Forget elites"), GROUP_SEARCH,
    N_("Choose elites among the new children only; otherwise the previous elites compete again (elitism)."),
    NUM (forget_best, MDK_PARAM_BOOL, 0, 1, FALSE) },
  { "weight_decay", N_("Weight decay"), GROUP_SEARCH,
    N_("Penalty on the mean squared weight, subtracted from the fitness (estool: 0.01)."),
    NUM (weight_decay, MDK_PARAM_DOUBLE, 0.0, 100.0, 0.0) },
};

static const MdkStatSpec ga_stats[] = {
  { "sigma", N_("Mutation σ"), N_("The standard deviation of the mutation noise."), TRUE },
};

static MdkEsStrategy *
ga_create (gconstpointer        params,
           const MdkEsProblem  *problem,
           GError             **error)
{
  const MdkGaParams *p = params;
  Ga *self = g_new0 (Ga, 1);
  const guint n = problem->n;
  guint pool;

  self->parent.klass = &ga_strategy;
  self->p = *p;
  self->p.net = (MdkEsNetworkParams) { 0 };
  self->n = n;
  self->lambda = p->population_size;
  self->n_elites_max = CLAMP ((guint) round (p->elite_ratio * self->lambda), 1, self->lambda);
  self->sigma = p->sigma;
  mdk_rng_init (&self->rng, problem->seed);
  pool = self->lambda + self->n_elites_max;
  self->elites = g_new (double, (gsize) self->n_elites_max * n);
  self->elite_values = g_new0 (double, self->n_elites_max);
  self->elite_ids = g_new0 (guint64, self->n_elites_max);
  self->points = g_new (double, (gsize) self->lambda * n);
  self->parents = g_new0 (guint, 2 * self->lambda);
  self->pool_values = g_new (double, pool);
  self->order = g_new (guint, pool);
  self->next = g_new (double, (gsize) self->n_elites_max * n);
  mdk_es_start_point (problem, &self->rng, self->elites);
  return &self->parent;
}

static void
ga_free (MdkEsStrategy *s)
{
  Ga *self = GA (s);

  g_free (self->elites);
  g_free (self->elite_values);
  g_free (self->elite_ids);
  g_free (self->points);
  g_free (self->parents);
  g_free (self->pool_values);
  g_free (self->order);
  g_free (self->next);
  g_free (self);
}

static guint
ga_ask (MdkEsStrategy  *s,
        const double  **points)
{
  Ga *self = GA (s);
  const guint n = self->n;

  for (guint k = 0; k < self->lambda; k++)
    {
      double *child = self->points + (gsize) k * n;
      guint a = 0, b = 0;

      if (self->n_elites > 0)
        {
          a = mdk_rng_below (&self->rng, self->n_elites);
          b = self->p.crossover ? mdk_rng_below (&self->rng, self->n_elites) : a;
        }
      memcpy (child, self->elites + (gsize) a * n, sizeof (double) * n);
      if (b != a)
        for (guint i = 0; i < n; i++)
          if (mdk_rng_uniform (&self->rng) < 0.5)
            child[i] = self->elites[(gsize) b * n + i];
      for (guint i = 0; i < n; i++)
        child[i] += self->sigma * mdk_rng_gaussian (&self->rng);
      self->parents[2 * k] = a;
      self->parents[2 * k + 1] = b;
    }
  *points = self->points;
  return self->lambda;
}

static void
ga_get_origin (const MdkEsStrategy *s,
               guint                i,
               guint8              *origin,
               guint64             *parent1,
               guint64             *parent2)
{
  const Ga *self = GA (s);
  guint a = self->parents[2 * i], b = self->parents[2 * i + 1];

  if (self->n_elites == 0)
    {
      *origin = MDK_NEAT_ORIGIN_INITIAL;
      *parent1 = *parent2 = 0;
      return;
    }
  *origin = a != b ? MDK_NEAT_ORIGIN_CROSSOVER : MDK_NEAT_ORIGIN_MUTATION;
  *parent1 = self->elite_ids[a];
  *parent2 = a != b ? self->elite_ids[b] : 0;
}

/* Truncation selection over the children and, with elitism, the elites. */
static void
ga_tell (MdkEsStrategy *s,
         const double  *values,
         const guint64 *ids)
{
  Ga *self = GA (s);
  const guint n = self->n, lambda = self->lambda;
  guint pool = lambda + (self->p.forget_best ? 0 : self->n_elites), keep;
  g_autofree guint64 *next_ids = g_new (guint64, self->n_elites_max);
  g_autofree double *next_values = g_new (double, self->n_elites_max);

  for (guint k = 0; k < lambda; k++)
    {
      double sq = 0.0;
      for (guint i = 0; i < n; i++)
        sq += self->points[(gsize) k * n + i] * self->points[(gsize) k * n + i];
      self->pool_values[k] = values[k] + self->p.weight_decay * sq / n;
    }
  for (guint e = 0; e < pool - lambda; e++)
    self->pool_values[lambda + e] = self->elite_values[e];
  mdk_es_rank (self->pool_values, pool, self->order);

  keep = MIN (self->n_elites_max, pool);
  for (guint r = 0; r < keep; r++)
    {
      guint j = self->order[r];
      const double *x = j < lambda ? self->points + (gsize) j * n : self->elites + (gsize) (j - lambda) * n;

      memcpy (self->next + (gsize) r * n, x, sizeof (double) * n);
      next_values[r] = self->pool_values[j];
      next_ids[r] = j < lambda ? (ids != NULL ? ids[j] : 0) : self->elite_ids[j - lambda];
    }
  memcpy (self->elites, self->next, sizeof (double) * keep * n);
  memcpy (self->elite_values, next_values, sizeof (double) * keep);
  memcpy (self->elite_ids, next_ids, sizeof (guint64) * keep);
  self->n_elites = keep;
  self->sigma = MAX (self->sigma * self->p.sigma_decay, self->p.sigma_limit);
}

static const char *
ga_get_stop (const MdkEsStrategy *s)
{
  return NULL;
}

static const double *
ga_get_center (const MdkEsStrategy *s)
{
  return GA (s)->elites;
}

/* The elites, best first (none before the first tell); their fitness is
 * known only without weight decay, which adds to their values. */
static const double *
ga_get_kept (const MdkEsStrategy *s,
             guint                i,
             guint64             *id,
             double              *fitness)
{
  const Ga *self = GA (s);

  if (i >= self->n_elites)
    return NULL;
  *id = self->elite_ids[i];
  *fitness = self->p.weight_decay == 0.0 ? -self->elite_values[i] : NAN;
  return self->elites + (gsize) i * self->n;
}

static void
ga_get_stats (const MdkEsStrategy *s,
              double              *stats)
{
  stats[0] = GA (s)->sigma;
}

static JsonNode *
ga_save_state (const MdkEsStrategy *s)
{
  const Ga *self = GA (s);
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *ids = json_array_new ();
  g_autofree char *rng = mdk_rng_to_string (&self->rng);
  guint rows = MAX (self->n_elites, 1);

  json_object_set_string_member (obj, "rng", rng);
  json_object_set_member (obj, "sigma", mdk_run_state_double_node (self->sigma));
  json_object_set_int_member (obj, "n_elites", self->n_elites);
  /* Before the first tell the one row is the start point. */
  json_object_set_member (obj, "elites", mdk_es_vector_to_json (self->elites, (gsize) rows * self->n));
  json_object_set_member (obj, "elite_values", mdk_es_vector_to_json (self->elite_values, self->n_elites));
  for (guint e = 0; e < self->n_elites; e++)
    json_array_add_int_element (ids, (gint64) self->elite_ids[e]);
  json_object_set_array_member (obj, "elite_ids", ids);
  json_node_take_object (node, obj);
  return node;
}

static gboolean
ga_load_state (MdkEsStrategy  *s,
               JsonObject     *obj,
               const char     *path,
               GError        **error)
{
  Ga *self = GA (s);
  guint64 n_elites;
  double sigma;
  MdkRng rng;
  JsonArray *ids;
  g_autofree double *elites = NULL, *values = NULL;
  g_autofree guint64 *elite_ids = NULL;

  if (!mdk_es_rng_from_json (obj, "rng", path, &rng, error) ||
      !mdk_run_state_get_double (obj, "sigma", path, &sigma, error) ||
      !mdk_run_state_get_uint (obj, "n_elites", path, self->n_elites_max, &n_elites, error))
    return FALSE;
  elites = g_new (double, (gsize) MAX (n_elites, 1) * self->n);
  values = g_new (double, MAX (n_elites, 1));
  elite_ids = g_new (guint64, MAX (n_elites, 1));
  if (!mdk_es_vector_from_json (obj, "elites", path, elites, (gsize) MAX (n_elites, 1) * self->n, error) ||
      !mdk_es_vector_from_json (obj, "elite_values", path, values, n_elites, error) ||
      (ids = mdk_run_state_get_array (obj, "elite_ids", path, error)) == NULL)
    return FALSE;
  if (json_array_get_length (ids) != n_elites)
    {
      g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                   _("%s: “%s” must have %lu elements"), path, "elite_ids", (unsigned long) n_elites);
      return FALSE;
    }
  for (guint e = 0; e < n_elites; e++)
    {
      JsonNode *el = json_array_get_element (ids, e);
      if (!JSON_NODE_HOLDS_VALUE (el) || json_node_get_value_type (el) != G_TYPE_INT64 ||
          json_node_get_int (el) < 0)
        {
          g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                       _("%s: “%s” must be a whole number from 0 to %llu"), path, "elite_ids",
                       (unsigned long long) G_MAXINT64);
          return FALSE;
        }
      elite_ids[e] = json_node_get_int (el);
    }
  self->rng = rng;
  self->sigma = sigma;
  self->n_elites = n_elites;
  memcpy (self->elites, elites, sizeof (double) * MAX (n_elites, 1) * self->n);
  memcpy (self->elite_values, values, sizeof (double) * n_elites);
  memcpy (self->elite_ids, elite_ids, sizeof (guint64) * n_elites);
  return TRUE;
}

static const MdkEsStrategyClass ga_strategy = {
  .create = ga_create,
  .free = ga_free,
  .ask = ga_ask,
  .tell = ga_tell,
  .get_stop = ga_get_stop,
  .get_center = ga_get_center,
  .get_stats = ga_get_stats,
  .get_origin = ga_get_origin,
  .get_kept = ga_get_kept,
  .save_state = ga_save_state,
  .load_state = ga_load_state,
};

const MdkOptimizerClass mdk_ga_class = {
  .id = "ga",
  .label = N_("Simple GA"),
  .description = N_("A simple genetic algorithm on a fixed network’s weights, as in estool: the best "
                    "fraction survives (elitism, truncation selection) and breeds children by "
                    "optional uniform crossover and Gaussian mutation."),
  .params = ga_params,
  .n_params = G_N_ELEMENTS (ga_params),
  .params_size = sizeof (MdkGaParams),
  .stats = ga_stats,
  .n_stats = G_N_ELEMENTS (ga_stats),
  .class_data = &ga_strategy,
  MDK_ES_OPTIMIZER_VFUNCS,
};
