/* OpenAI-ES: Salimans, Ho, Chen, Sidor & Sutskever, "Evolution Strategies
 * as a Scalable Alternative to Reinforcement Learning" (2017), as in their
 * code (openai/evolution-strategies-starter): antithetic pairs θ ± σε,
 * fitness shaped into centred ranks in [−0.5, 0.5], the gradient estimate
 * g = Σ (F⁺ − F⁻) ε / λ (λ points; σ is folded into the learning rate, as
 * there), and an Adam step (Kingma & Ba 2015) on −g + (weight decay)·θ.
 */
#define G_LOG_DOMAIN "medaka-es"

#include "config.h"

#include "mdk-openai-es.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mdk-run-state.h"

typedef struct
{
  MdkEsStrategy       parent;
  MdkOpenaiEsParams   p;
  guint               n;
  guint               lambda;
  MdkRng              rng;
  double             *theta;
  double             *m;          /* Adam's moments */
  double             *v;
  guint64             t;          /* Adam steps */
  double              grad_norm;
  double             *grad;
  double             *eps;        /* one noise vector per pair (or per point) */
  double             *points;
  double             *shaped;
  guint              *order;
} OpenaiEs;

#define OES(s) ((OpenaiEs *) (s))

static const MdkEsStrategyClass openai_strategy;

#define GROUP_SEARCH N_("Search")

#define NUM(field, type_, lo, hi, d) \
  .type = type_, .min = lo, .max = hi, .def = d, .offset = offsetof (MdkOpenaiEsParams, field)

static const MdkParamSpec openai_params[] = {
  MDK_ES_NETWORK_PARAMS (MdkOpenaiEsParams),
  { "population_size", N_("Population size"), GROUP_SEARCH,
    N_("Points evaluated per generation; with antithetic sampling, twice the number of noise vectors (even)."),
    NUM (population_size, MDK_PARAM_INT, 2, 100000, 50) },
  { "sigma", N_("Noise standard deviation"), GROUP_SEARCH,
    N_("σ, the size of the perturbations θ ± σε."),
    NUM (sigma, MDK_PARAM_DOUBLE, 1e-9, 1e3, 0.1) },
  { "learning_rate", N_("Learning rate"), GROUP_SEARCH,
    N_("Adam’s step size α."),
    NUM (learning_rate, MDK_PARAM_DOUBLE, 1e-9, 1e3, 0.1) },
  { "beta1", N_("Adam β₁"), GROUP_SEARCH,
    N_("Decay of Adam’s first moment (Kingma & Ba: 0.9)."),
    NUM (beta1, MDK_PARAM_DOUBLE, 0.0, 0.999999, 0.9) },
  { "beta2", N_("Adam β₂"), GROUP_SEARCH,
    N_("Decay of Adam’s second moment (Kingma & Ba: 0.999)."),
    NUM (beta2, MDK_PARAM_DOUBLE, 0.0, 0.999999999, 0.999) },
  { "weight_decay", N_("Weight decay"), GROUP_SEARCH,
    N_("L2 coefficient added to the gradient step (Salimans et al.: 0.005)."),
    NUM (weight_decay, MDK_PARAM_DOUBLE, 0.0, 100.0, 0.005) },
  { "antithetic", N_("Antithetic sampling"), GROUP_SEARCH,
    N_("Evaluate each perturbation in pairs, θ + σε and θ − σε."),
    NUM (antithetic, MDK_PARAM_BOOL, 0, 1, TRUE) },
  { "rank_shaping", N_("Centred-rank shaping"), GROUP_SEARCH,
    N_("Replace fitness by its centred rank in [−0.5, 0.5]; otherwise fitness is standardized."),
    NUM (rank_shaping, MDK_PARAM_BOOL, 0, 1, TRUE) },
};

static const MdkStatSpec openai_stats[] = {
  { "gradient_norm", N_("Gradient norm"), N_("The length of the estimated gradient of the last generation."), TRUE },
};

static MdkEsStrategy *
openai_create (gconstpointer        params,
               const MdkEsProblem  *problem,
               GError             **error)
{
  const MdkOpenaiEsParams *p = params;
  OpenaiEs *self;
  const guint n = problem->n;

  if (p->antithetic && p->population_size % 2 != 0)
    {
      g_set_error (error, MDK_ES_ERROR, MDK_ES_ERROR_PARAMS,
                   _("Parameter “%s” must be even with antithetic sampling"), "population_size");
      return NULL;
    }
  self = g_new0 (OpenaiEs, 1);
  self->parent.klass = &openai_strategy;
  self->p = *p;
  self->p.net = (MdkEsNetworkParams) { 0 };
  self->n = n;
  self->lambda = p->population_size;
  mdk_rng_init (&self->rng, problem->seed);
  self->theta = g_new (double, n);
  self->m = g_new0 (double, n);
  self->v = g_new0 (double, n);
  self->grad = g_new (double, n);
  self->eps = g_new (double, (gsize) self->lambda * n);
  self->points = g_new (double, (gsize) self->lambda * n);
  self->shaped = g_new (double, self->lambda);
  self->order = g_new (guint, self->lambda);
  mdk_es_start_point (problem, &self->rng, self->theta);
  return &self->parent;
}

static void
openai_free (MdkEsStrategy *s)
{
  OpenaiEs *self = OES (s);

  g_free (self->theta);
  g_free (self->m);
  g_free (self->v);
  g_free (self->grad);
  g_free (self->eps);
  g_free (self->points);
  g_free (self->shaped);
  g_free (self->order);
  g_free (self);
}

/* Points 2i and 2i + 1 are θ + σεᵢ and θ − σεᵢ. */
static guint
openai_ask (MdkEsStrategy  *s,
            const double  **points)
{
  OpenaiEs *self = OES (s);
  const guint n = self->n;
  guint n_noise = self->p.antithetic ? self->lambda / 2 : self->lambda;

  for (gsize j = 0; j < (gsize) n_noise * n; j++)
    self->eps[j] = mdk_rng_gaussian (&self->rng);
  for (guint k = 0; k < self->lambda; k++)
    {
      const double *e = self->eps + (gsize) (self->p.antithetic ? k / 2 : k) * n;
      double sign = self->p.antithetic && k % 2 == 1 ? -1.0 : 1.0;

      for (guint i = 0; i < n; i++)
        self->points[(gsize) k * n + i] = self->theta[i] + sign * self->p.sigma * e[i];
    }
  *points = self->points;
  return self->lambda;
}

static void
openai_tell (MdkEsStrategy *s,
             const double  *values,
             const guint64 *ids)
{
  OpenaiEs *self = OES (s);
  const guint n = self->n, lambda = self->lambda;
  double *g = self->grad;
  double a, norm = 0.0;

  memset (g, 0, sizeof (double) * n);

  /* Shaped fitness F of each point (fitness is −value). */
  if (self->p.rank_shaping)
    {
      mdk_es_rank (values, lambda, self->order);
      for (guint r = 0; r < lambda; r++)
        self->shaped[self->order[r]] = (double) (lambda - 1 - r) / (lambda - 1) - 0.5;
    }
  else
    {
      double mean = 0.0, var = 0.0;
      for (guint k = 0; k < lambda; k++)
        mean += -values[k] / lambda;
      for (guint k = 0; k < lambda; k++)
        var += (-values[k] - mean) * (-values[k] - mean) / lambda;
      for (guint k = 0; k < lambda; k++)
        self->shaped[k] = var > 0.0 ? (-values[k] - mean) / sqrt (var) : 0.0;
    }

  /* g = Σ (F⁺ − F⁻) ε / λ, or Σ F ε / λ without pairs. */
  for (guint k = 0; k < lambda; k += self->p.antithetic ? 2 : 1)
    {
      const double *e = self->eps + (gsize) (self->p.antithetic ? k / 2 : k) * n;
      double w = self->p.antithetic ? self->shaped[k] - self->shaped[k + 1] : self->shaped[k];

      for (guint i = 0; i < n; i++)
        g[i] += w * e[i] / lambda;
    }

  /* Adam on the loss gradient −g + decay·θ. */
  self->t++;
  a = self->p.learning_rate * sqrt (1.0 - pow (self->p.beta2, self->t)) / (1.0 - pow (self->p.beta1, self->t));
  for (guint i = 0; i < n; i++)
    {
      double grad = -g[i] + self->p.weight_decay * self->theta[i];

      self->m[i] = self->p.beta1 * self->m[i] + (1.0 - self->p.beta1) * grad;
      self->v[i] = self->p.beta2 * self->v[i] + (1.0 - self->p.beta2) * grad * grad;
      self->theta[i] -= a * self->m[i] / (sqrt (self->v[i]) + 1e-8);
      norm += g[i] * g[i];
    }
  self->grad_norm = sqrt (norm);
}

static const char *
openai_get_stop (const MdkEsStrategy *s)
{
  return NULL;
}

static const double *
openai_get_center (const MdkEsStrategy *s)
{
  return OES (s)->theta;
}

static void
openai_get_stats (const MdkEsStrategy *s,
                  double              *stats)
{
  stats[0] = OES (s)->grad_norm;
}

static JsonNode *
openai_save_state (const MdkEsStrategy *s)
{
  const OpenaiEs *self = OES (s);
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *rng = mdk_rng_to_string (&self->rng);

  json_object_set_string_member (obj, "rng", rng);
  json_object_set_member (obj, "theta", mdk_es_vector_to_json (self->theta, self->n));
  json_object_set_member (obj, "adam_m", mdk_es_vector_to_json (self->m, self->n));
  json_object_set_member (obj, "adam_v", mdk_es_vector_to_json (self->v, self->n));
  json_object_set_int_member (obj, "adam_t", (gint64) self->t);
  json_object_set_member (obj, "gradient_norm", mdk_run_state_double_node (self->grad_norm));
  json_node_take_object (node, obj);
  return node;
}

static gboolean
openai_load_state (MdkEsStrategy  *s,
                   JsonObject     *obj,
                   const char     *path,
                   GError        **error)
{
  OpenaiEs *self = OES (s);
  g_autofree double *theta = g_new (double, self->n);
  g_autofree double *m = g_new (double, self->n);
  g_autofree double *v = g_new (double, self->n);
  guint64 t;
  double grad_norm;
  MdkRng rng;

  if (!mdk_es_rng_from_json (obj, "rng", path, &rng, error) ||
      !mdk_es_vector_from_json (obj, "theta", path, theta, self->n, error) ||
      !mdk_es_vector_from_json (obj, "adam_m", path, m, self->n, error) ||
      !mdk_es_vector_from_json (obj, "adam_v", path, v, self->n, error) ||
      !mdk_run_state_get_uint (obj, "adam_t", path, G_MAXINT64, &t, error) ||
      !mdk_run_state_get_double (obj, "gradient_norm", path, &grad_norm, error))
    return FALSE;
  self->rng = rng;
  memcpy (self->theta, theta, sizeof (double) * self->n);
  memcpy (self->m, m, sizeof (double) * self->n);
  memcpy (self->v, v, sizeof (double) * self->n);
  self->t = t;
  self->grad_norm = grad_norm;
  return TRUE;
}

static const MdkEsStrategyClass openai_strategy = {
  .create = openai_create,
  .free = openai_free,
  .ask = openai_ask,
  .tell = openai_tell,
  .get_stop = openai_get_stop,
  .get_center = openai_get_center,
  .get_stats = openai_get_stats,
  .save_state = openai_save_state,
  .load_state = openai_load_state,
};

const MdkOptimizerClass mdk_openai_es_class = {
  .id = "openai-es",
  .label = N_("OpenAI-ES"),
  .description = N_("The evolution strategy of Salimans et al. (2017): antithetic perturbations of one "
                    "weight vector estimate the fitness gradient from centred ranks, and Adam with "
                    "weight decay follows it."),
  .params = openai_params,
  .n_params = G_N_ELEMENTS (openai_params),
  .params_size = sizeof (MdkOpenaiEsParams),
  .stats = openai_stats,
  .n_stats = G_N_ELEMENTS (openai_stats),
  .class_data = &openai_strategy,
  MDK_ES_OPTIMIZER_VFUNCS,
};
