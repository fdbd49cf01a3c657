/* PEPG / PGPE: Sehnke, Osendorfer, Rückstieß, Graves, Peters &
 * Schmidhuber, "Parameter-exploring policy gradients" (Neural Networks
 * 23(4), 2010), with symmetric sampling and reward normalization (their
 * section 2.3): each pair μ ± ε, ε ~ N(0, diag σ²), moves the mean by
 * r_T = (r⁺ − r⁻)/(2m − r⁺ − r⁻) along ε and adapts every σᵢ by
 * r_S = ((r⁺ + r⁻)/2 − b)/(m − b) along (εᵢ² − σᵢ²)/σᵢ, where m is the best
 * reward so far and b a moving-average baseline.  The updates are averaged
 * over the pairs, and a σ changes by at most a fraction per generation (as
 * estool's PEPG), which keeps it positive.
 */
#define G_LOG_DOMAIN "medaka-es"

#include "config.h"

#include "mdk-pepg.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mdk-run-state.h"

/* b ← 0.9 b + 0.1 (mean reward of the generation). */
#define BASELINE_DECAY 0.9

typedef struct
{
  MdkEsStrategy parent;
  MdkPepgParams p;
  guint         n;
  guint         pairs;
  MdkRng        rng;
  double       *mu;
  double       *sigma;
  double        baseline;
  double        best;       /* m, the best reward so far */
  gboolean      started;    /* baseline and best are set */
  double       *eps;
  double       *points;
  double       *delta;
} Pepg;

#define PEPG(s) ((Pepg *) (s))

static const MdkEsStrategyClass pepg_strategy;

#define GROUP_SEARCH N_("Search")

#define NUM(field, type_, lo, hi, d) \
  .type = type_, .min = lo, .max = hi, .def = d, .offset = offsetof (MdkPepgParams, field)

static const MdkParamSpec pepg_params[] = {
  MDK_ES_NETWORK_PARAMS (MdkPepgParams),
  { "population_size", N_("Population size"), GROUP_SEARCH,
    N_("Points evaluated per generation, in symmetric pairs (even)."),
    NUM (population_size, MDK_PARAM_INT, 2, 100000, 50) },
  { "sigma", N_("Initial standard deviation"), GROUP_SEARCH,
    N_("The starting σ of every parameter’s exploration."),
    NUM (sigma, MDK_PARAM_DOUBLE, 1e-9, 1e3, 1.0) },
  { "learning_rate", N_("Mean learning rate"), GROUP_SEARCH,
    N_("α_μ, the step of the mean; the steps are averaged over the pairs (Sehnke et al. sum them, with 0.2)."),
    NUM (learning_rate, MDK_PARAM_DOUBLE, 1e-9, 1e3, 1.0) },
  { "sigma_learning_rate", N_("σ learning rate"), GROUP_SEARCH,
    N_("α_σ, the step of the standard deviations (Sehnke et al.: 0.1)."),
    NUM (sigma_learning_rate, MDK_PARAM_DOUBLE, 0.0, 1e3, 0.1) },
  { "sigma_max_change", N_("Maximum σ change"), GROUP_SEARCH,
    N_("A standard deviation changes by at most this fraction per generation."),
    NUM (sigma_max_change, MDK_PARAM_DOUBLE, 0.0, 0.99, 0.2) },
};

static const MdkStatSpec pepg_stats[] = {
  { "mean_sigma", N_("Mean σ"), N_("The mean standard deviation of the exploration."), TRUE },
};

static MdkEsStrategy *
pepg_create (gconstpointer        params,
             const MdkEsProblem  *problem,
             GError             **error)
{
  const MdkPepgParams *p = params;
  Pepg *self;
  const guint n = problem->n;

  if (p->population_size % 2 != 0)
    {
      g_set_error (error, MDK_ES_ERROR, MDK_ES_ERROR_PARAMS,
                   _("Parameter “%s” must be even with symmetric sampling"), "population_size");
      return NULL;
    }
  self = g_new0 (Pepg, 1);
  self->parent.klass = &pepg_strategy;
  self->p = *p;
  self->p.net = (MdkEsNetworkParams) { 0 };
  self->n = n;
  self->pairs = p->population_size / 2;
  mdk_rng_init (&self->rng, problem->seed);
  self->mu = g_new (double, n);
  self->sigma = g_new (double, n);
  self->eps = g_new (double, (gsize) self->pairs * n);
  self->points = g_new (double, (gsize) 2 * self->pairs * n);
  self->delta = g_new (double, 2 * (gsize) n);
  mdk_es_start_point (problem, &self->rng, self->mu);
  for (guint i = 0; i < n; i++)
    self->sigma[i] = p->sigma;
  return &self->parent;
}

static void
pepg_free (MdkEsStrategy *s)
{
  Pepg *self = PEPG (s);

  g_free (self->mu);
  g_free (self->sigma);
  g_free (self->eps);
  g_free (self->points);
  g_free (self->delta);
  g_free (self);
}

/* Points 2i and 2i + 1 are μ + εᵢ and μ − εᵢ. */
static guint
pepg_ask (MdkEsStrategy  *s,
          const double  **points)
{
  Pepg *self = PEPG (s);
  const guint n = self->n;

  for (guint k = 0; k < self->pairs; k++)
    for (guint i = 0; i < n; i++)
      {
        double e = self->sigma[i] * mdk_rng_gaussian (&self->rng);

        self->eps[(gsize) k * n + i] = e;
        self->points[(gsize) 2 * k * n + i] = self->mu[i] + e;
        self->points[(gsize) (2 * k + 1) * n + i] = self->mu[i] - e;
      }
  *points = self->points;
  return 2 * self->pairs;
}

static void
pepg_tell (MdkEsStrategy *s,
           const double  *values,
           const guint64 *ids)
{
  Pepg *self = PEPG (s);
  const guint n = self->n, pairs = self->pairs;
  double *d_mu = self->delta, *d_sigma = self->delta + n;
  double mean = 0.0;

  /* Rewards are −values. */
  for (guint k = 0; k < 2 * pairs; k++)
    {
      mean += -values[k] / (2 * pairs);
      if (!self->started || -values[k] > self->best)
        self->best = -values[k];
    }
  if (!self->started)
    self->baseline = mean;
  self->started = TRUE;

  memset (self->delta, 0, sizeof (double) * 2 * n);
  for (guint k = 0; k < pairs; k++)
    {
      double rp = -values[2 * k], rm = -values[2 * k + 1];
      double denom_t = 2.0 * self->best - rp - rm, denom_s = self->best - self->baseline;
      double rt = denom_t > 0.0 ? (rp - rm) / denom_t : 0.0;
      double rs = denom_s > 0.0 ? ((rp + rm) / 2.0 - self->baseline) / denom_s : 0.0;
      const double *e = self->eps + (gsize) k * n;

      for (guint i = 0; i < n; i++)
        {
          d_mu[i] += rt * e[i] / pairs;
          d_sigma[i] += rs * (e[i] * e[i] - self->sigma[i] * self->sigma[i]) / self->sigma[i] / pairs;
        }
    }
  for (guint i = 0; i < n; i++)
    {
      double limit = self->p.sigma_max_change * self->sigma[i];

      self->mu[i] += self->p.learning_rate * d_mu[i];
      self->sigma[i] += CLAMP (self->p.sigma_learning_rate * d_sigma[i], -limit, limit);
    }
  self->baseline = BASELINE_DECAY * self->baseline + (1.0 - BASELINE_DECAY) * mean;
}

static const char *
pepg_get_stop (const MdkEsStrategy *s)
{
  return NULL;
}

static const double *
pepg_get_center (const MdkEsStrategy *s)
{
  return PEPG (s)->mu;
}

static void
pepg_get_stats (const MdkEsStrategy *s,
                double              *stats)
{
  const Pepg *self = PEPG (s);
  double sum = 0.0;

  for (guint i = 0; i < self->n; i++)
    sum += self->sigma[i];
  stats[0] = sum / self->n;
}

static JsonNode *
pepg_save_state (const MdkEsStrategy *s)
{
  const Pepg *self = PEPG (s);
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *rng = mdk_rng_to_string (&self->rng);

  json_object_set_string_member (obj, "rng", rng);
  json_object_set_member (obj, "mu", mdk_es_vector_to_json (self->mu, self->n));
  json_object_set_member (obj, "sigma", mdk_es_vector_to_json (self->sigma, self->n));
  json_object_set_boolean_member (obj, "started", self->started);
  json_object_set_member (obj, "baseline", mdk_run_state_double_node (self->baseline));
  json_object_set_member (obj, "best", mdk_run_state_double_node (self->best));
  json_node_take_object (node, obj);
  return node;
}

static gboolean
pepg_load_state (MdkEsStrategy  *s,
                 JsonObject     *obj,
                 const char     *path,
                 GError        **error)
{
  Pepg *self = PEPG (s);
  g_autofree double *mu = g_new (double, self->n);
  g_autofree double *sigma = g_new (double, self->n);
  double baseline, best;
  gboolean started;
  MdkRng rng;

  if (!mdk_es_rng_from_json (obj, "rng", path, &rng, error) ||
      !mdk_es_vector_from_json (obj, "mu", path, mu, self->n, error) ||
      !mdk_es_vector_from_json (obj, "sigma", path, sigma, self->n, error) ||
      !mdk_run_state_get_bool (obj, "started", path, &started, error) ||
      !mdk_run_state_get_double (obj, "baseline", path, &baseline, error) ||
      !mdk_run_state_get_double (obj, "best", path, &best, error))
    return FALSE;
  for (guint i = 0; i < self->n; i++)
    if (!(sigma[i] > 0.0))
      {
        g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                     _("%s: “%s” must be a positive number"), path, "sigma");
        return FALSE;
      }
  self->rng = rng;
  memcpy (self->mu, mu, sizeof (double) * self->n);
  memcpy (self->sigma, sigma, sizeof (double) * self->n);
  self->started = started;
  self->baseline = baseline;
  self->best = best;
  return TRUE;
}

static const MdkEsStrategyClass pepg_strategy = {
  .create = pepg_create,
  .free = pepg_free,
  .ask = pepg_ask,
  .tell = pepg_tell,
  .get_stop = pepg_get_stop,
  .get_center = pepg_get_center,
  .get_stats = pepg_get_stats,
  .save_state = pepg_save_state,
  .load_state = pepg_load_state,
};

const MdkOptimizerClass mdk_pepg_class = {
  .id = "pepg",
  .label = N_("PEPG"),
  .description = N_("Parameter-exploring policy gradients (Sehnke et al. 2010): symmetric pairs of "
                    "perturbations move the mean weights and adapt a standard deviation for every "
                    "weight, with normalized rewards."),
  .params = pepg_params,
  .n_params = G_N_ELEMENTS (pepg_params),
  .params_size = sizeof (MdkPepgParams),
  .stats = pepg_stats,
  .n_stats = G_N_ELEMENTS (pepg_stats),
  .class_data = &pepg_strategy,
  MDK_ES_OPTIMIZER_VFUNCS,
};
