/* CMA-ES as in Hansen, "The CMA Evolution Strategy: A Tutorial" (2016,
 * arXiv:1604.00772), with the defaults of its Table 1 (section numbers and
 * equations below refer to it), and sep-CMA-ES (Ros & Hansen, "A Simple
 * Modification in CMA-ES Achieving Linear Time and Space Complexity", PPSN
 * 2008): the same algorithm with a diagonal covariance matrix and learning
 * rates c1, cμ multiplied by (n + 2)/3.
 *
 * Restarts: IPOP doubles λ at each restart (Auger & Hansen, "A Restart CMA
 * Evolution Strategy With Increasing Population Size", CEC 2005); BIPOP
 * interleaves those with runs of small, varying population and step size,
 * choosing the regime that has used fewer evaluations (Hansen,
 * "Benchmarking a BI-Population CMA-ES on the BBOB-2009 Function Testbed",
 * GECCO 2009).
 *
 * Box constraints: points are repaired onto the box for evaluation and the
 * value is penalized by γ‖x − repair(x)‖²/n, a simplified form of the
 * boundary handling of Hansen et al., "A Method for Handling Uncertainty in
 * Evolutionary Optimization With an Application to Feedback Control of
 * Combustion" (IEEE TEC 13(1), 2009): γ starts from the spread of the
 * values and grows while the mean lies outside the box.  The update uses
 * the unrepaired points.
 */
#define G_LOG_DOMAIN "medaka-es"

#include "config.h"

#include "mdk-cmaes.h"

#include <cblas.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mdk-median.h"
#include "mdk-run-state.h"

/* LAPACK's symmetric eigensolver (divide and conquer), from OpenBLAS,
 * which ships LAPACK but not LAPACKE; the hidden lengths of the character
 * arguments come last, as LAPACK's own lapack.h declares them. */
extern void dsyevd_ (const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
                     double *w, double *work, const int *lwork, int *iwork, const int *liwork,
                     int *info, size_t jobz_len, size_t uplo_len);

/* Full CMA-ES stores two n × n matrices. */
#define MAX_FULL_DIMENSION 2000

/* The stop reasons, by the names of the tutorial (section B.3). */
static const char * const stop_reasons[] = {
  N_("MaxFunEvals: evaluation limit of CMA-ES reached"),
  N_("TolFun: the values stopped changing"),
  N_("TolX: the step size became negligible"),
  N_("NoEffectAxis: a step along a principal axis no longer changes the mean"),
  N_("NoEffectCoord: a step along a coordinate no longer changes the mean"),
  N_("ConditionCov: the covariance matrix is too ill-conditioned"),
  N_("BIPOP: the small-population run used its share of evaluations"),
  N_("MaxIter: the run reached its generation limit"),
  N_("TolHistFun: the best values stopped changing"),
  N_("Stagnation: the best and median values stopped improving"),
};

enum
{
  STOP_MAXFEVALS,
  STOP_TOLFUN,
  STOP_TOLX,
  STOP_NOEFFECTAXIS,
  STOP_NOEFFECTCOORD,
  STOP_CONDITIONCOV,
  STOP_SMALL_BUDGET,
  STOP_MAXITER,
  STOP_TOLHISTFUN,
  STOP_STAGNATION,
};

typedef struct
{
  MdkEsStrategy  parent;
  MdkCmaesParams p;              /* numbers only: the strings are not copied */
  gboolean       sep;
  guint          n;
  double         init_range;
  double        *center;         /* NULL: the origin */
  MdkRng         rng;

  /* This run's settings (they change at a restart). */
  guint          lambda;
  guint          mu;
  double         sigma0;
  double        *w;              /* λ recombination weights, negative ones last */
  double         mueff;
  double         cc, cs, c1, cmu, damps, chin;
  guint          eigen_gap;      /* generations between decompositions */
  guint          hist_len;       /* TolFun's history of best values */

  /* The distribution. */
  double        *mean;
  double         sigma;
  double        *pc;
  double        *ps;
  double        *C;              /* n × n column-major, or its diagonal (sep) */
  double        *B;              /* eigenvectors in columns (full only) */
  double        *D;              /* square roots of the eigenvalues */
  guint          g;              /* generations of this run */
  guint          eigen_g;        /* generation of the last decomposition */
  double        *hist;           /* best value of each of the last hist_len generations */
  double         gamma;          /* boundary penalty weight, 0 until needed */
  double        *stag;           /* Stagnation: (best, median) of the last stag_len generations */
  guint          stag_len;
  guint          stag_cap;

  /* Restarts. */
  guint          restarts;
  guint          large_runs;     /* BIPOP: runs in the large-population regime */
  guint          lambda_default;
  gboolean       small_regime;
  guint64        budget_large;
  guint64        budget_small;
  guint64        run_evaluations;
  guint64        evaluations;
  int            stop;           /* final stop reason, −1: none */

  /* The generation being evaluated and scratch space. */
  double        *z;              /* λ × n standard normal */
  double        *y;              /* λ × n: B D z */
  double        *x;              /* λ × n: mean + σ y */
  double        *xr;             /* λ × n repaired onto the box */
  double        *f;
  guint         *order;
  double        *tmp;            /* n × λ, and at least 3n */
  double        *work;
  int           *iwork;
  int            lwork;
  int            liwork;
} Cmaes;

#define CMAES(s) ((Cmaes *) (s))

static const MdkEsStrategyClass full_strategy;
static const MdkEsStrategyClass sep_strategy;

static const MdkParamChoice restart_choices[] = {
  { "none", N_("None") },
  { "ipop", N_("IPOP (doubling population)") },
  { "bipop", N_("BIPOP (large and small populations)") },
  { NULL, NULL }
};

#define GROUP_SEARCH N_("Search")
#define GROUP_RESTARTS N_("Restarts and stopping")

#define NUM(field, type_, lo, hi, d) \
  .type = type_, .min = lo, .max = hi, .def = d, .offset = offsetof (MdkCmaesParams, field)

static const MdkParamSpec cmaes_params[] = {
  MDK_ES_NETWORK_PARAMS (MdkCmaesParams),
  { "population_size", N_("Population size"), GROUP_SEARCH,
    N_("λ, the points sampled per generation; 0 for the default 4 + ⌊3 ln n⌋ of n parameters."),
    NUM (population_size, MDK_PARAM_INT, 0, 100000, 0) },
  { "sigma", N_("Initial step size"), GROUP_SEARCH,
    N_("σ⁽⁰⁾, the initial standard deviation of the search distribution in every coordinate."),
    NUM (sigma, MDK_PARAM_DOUBLE, 1e-12, 1e6, 1.0) },
  { "active", N_("Active covariance update"), GROUP_SEARCH,
    N_("Negative recombination weights for the worse half (active CMA, the tutorial’s default)."),
    NUM (active, MDK_PARAM_BOOL, 0, 1, TRUE) },
  { "min_sigma", N_("Minimum step size"), GROUP_SEARCH,
    N_("A lower bound on σ (Igel 2003), so that the search keeps exploring where the fitness can still rise without solving the task, as the double pole’s damping fitness does; 0 for none."),
    NUM (min_sigma, MDK_PARAM_DOUBLE, 0.0, 1e6, 0.0) },
  { "bounds", N_("Bounds"), GROUP_SEARCH,
    N_("Keep every parameter within ± this value (repair and penalty); 0 for no bounds."),
    NUM (bounds, MDK_PARAM_DOUBLE, 0.0, 1e6, 0.0) },
  { "restarts", N_("Restarts"), GROUP_RESTARTS,
    N_("What to do when a run stops: nothing, restart with a doubled population (IPOP), or alternate large and small populations (BIPOP)."),
    NUM (restarts, MDK_PARAM_CHOICE, 0, 0, MDK_CMAES_RESTART_IPOP), .choices = restart_choices },
  { "max_restarts", N_("Maximum restarts"), GROUP_RESTARTS,
    N_("IPOP: restarts before stopping; BIPOP: runs with a large population."),
    NUM (max_restarts, MDK_PARAM_INT, 0, 30, 9) },
  { "tol_fun", N_("TolFun"), GROUP_RESTARTS,
    N_("Stop when the best values of the last 10 + ⌈30n/λ⌉ generations and all values of the last one lie within this range."),
    NUM (tol_fun, MDK_PARAM_DOUBLE, 0.0, 1e6, 1e-12) },
  { "tol_hist_fun", N_("TolHistFun"), GROUP_RESTARTS,
    N_("Stop when the best values of the last 10 + ⌈30n/λ⌉ generations lie within this range; 0 for off (the BBOB-2009 code used 10⁻¹²)."),
    NUM (tol_hist_fun, MDK_PARAM_DOUBLE, 0.0, 1e6, 0.0) },
  { "tol_x", N_("TolX"), GROUP_RESTARTS,
    N_("Stop when the standard deviation in every coordinate, and σ times the evolution path, fall below this value times σ⁽⁰⁾."),
    NUM (tol_x, MDK_PARAM_DOUBLE, 0.0, 1e6, 1e-12) },
  { "max_condition", N_("Maximum condition number"), GROUP_RESTARTS,
    N_("ConditionCov: stop when the condition number of the covariance matrix exceeds this value."),
    NUM (max_condition, MDK_PARAM_DOUBLE, 10.0, 1e300, 1e14) },
  { "max_evaluations", N_("Maximum evaluations"), GROUP_RESTARTS,
    N_("MaxFunEvals: stop after this many evaluations, restarts included; 0 for no limit."),
    NUM (max_evaluations, MDK_PARAM_DOUBLE, 0.0, 1e15, 0.0) },
  { "max_iter", N_("MaxIter"), GROUP_RESTARTS,
    N_("Stop a run after 100 + 50(n + 3)²/√λ generations, the limit of the BBOB-2009 code."),
    NUM (max_iter, MDK_PARAM_BOOL, 0, 1, FALSE) },
  { "stagnation", N_("Stagnation"), GROUP_RESTARTS,
    N_("Stop a run when the best and the median values of its last 20 generations are, in median, no better than those of 20 generations a fifth of the run (at least 120 + ⌈30n/λ⌉ generations) earlier, as the BBOB-2009 code does."),
    NUM (stagnation, MDK_PARAM_BOOL, 0, 1, FALSE) },
};

static const MdkStatSpec cmaes_stats[] = {
  { "sigma", N_("Step size σ"), N_("The overall standard deviation of the search distribution."), TRUE },
  { "condition", N_("Condition number"), N_("The ratio of the largest to the smallest eigenvalue of the covariance matrix."), TRUE },
  { "lambda", N_("Population size λ"), N_("Points sampled per generation; restarts change it."), TRUE },
};

static void
free_arrays (Cmaes *self)
{
  g_free (self->w);
  g_free (self->hist);
  g_free (self->z);
  g_free (self->y);
  g_free (self->x);
  g_free (self->xr);
  g_free (self->f);
  g_free (self->order);
  g_free (self->tmp);
}

/* The strategy parameters of Table 1 for this run's λ. */
static void
set_lambda (Cmaes *self,
            guint  lambda)
{
  const guint n = self->n;
  double sum_pos = 0.0, sum_pos2 = 0.0, sum_neg = 0.0, sum_neg2 = 0.0, mueff_neg;
  double alpha_mu, alpha_mueff, alpha_posdef, neg_scale;
  const double alpha_cov = 2.0;
  double *wp;

  free_arrays (self);
  self->lambda = lambda;
  self->mu = lambda / 2;
  self->w = g_new (double, lambda);
  wp = g_new (double, lambda);

  /* w′ᵢ = ln((λ + 1)/2) − ln i (eq. 49). */
  for (guint i = 0; i < lambda; i++)
    {
      wp[i] = log ((lambda + 1) / 2.0) - log (i + 1.0);
      if (i < self->mu)
        {
          sum_pos += wp[i];
          sum_pos2 += wp[i] * wp[i];
        }
      else
        {
          sum_neg += wp[i];
          sum_neg2 += wp[i] * wp[i];
        }
    }
  self->mueff = sum_pos * sum_pos / sum_pos2;
  mueff_neg = sum_neg2 > 0.0 ? sum_neg * sum_neg / sum_neg2 : 0.0;

  /* Step-size control (eq. 55) and cumulation for C (eq. 56). */
  self->cs = (self->mueff + 2.0) / (n + self->mueff + 5.0);
  self->damps = 1.0 + 2.0 * MAX (0.0, sqrt ((self->mueff - 1.0) / (n + 1.0)) - 1.0) + self->cs;
  self->cc = (4.0 + self->mueff / n) / (n + 4.0 + 2.0 * self->mueff / n);
  /* Learning rates (eqs. 57, 58); sep-CMA-ES speeds them up by (n + 2)/3. */
  self->c1 = alpha_cov / ((n + 1.3) * (n + 1.3) + self->mueff);
  self->cmu = alpha_cov * (self->mueff - 2.0 + 1.0 / self->mueff) /
              ((n + 2.0) * (n + 2.0) + alpha_cov * self->mueff / 2.0);
  if (self->sep)
    {
      self->c1 *= (n + 2.0) / 3.0;
      self->cmu *= (n + 2.0) / 3.0;
    }
  self->c1 = MIN (self->c1, 1.0);
  self->cmu = MIN (1.0 - self->c1, self->cmu);

  /* Positive weights sum to 1; negative ones (eq. 53) are scaled so that C
   * stays positive definite. */
  alpha_mu = 1.0 + self->c1 / self->cmu;
  alpha_mueff = 1.0 + 2.0 * mueff_neg / (self->mueff + 2.0);
  alpha_posdef = (1.0 - self->c1 - self->cmu) / (n * self->cmu);
  neg_scale = MIN (alpha_mu, MIN (alpha_mueff, alpha_posdef));
  for (guint i = 0; i < lambda; i++)
    {
      if (wp[i] >= 0.0)
        self->w[i] = wp[i] / sum_pos;
      else
        self->w[i] = self->p.active ? neg_scale * wp[i] / fabs (sum_neg) : 0.0;
    }
  g_free (wp);

  /* E‖N(0, I)‖ (p. 29). */
  self->chin = sqrt (n) * (1.0 - 1.0 / (4.0 * n) + 1.0 / (21.0 * n * n));
  /* The decomposition costs O(n³): every 1/(10n(c1 + cμ)) generations
   * keeps the cost per generation at O(n²) (section B.2). */
  self->eigen_gap = MAX (1, (guint) floor (1.0 / (10.0 * n * (self->c1 + self->cmu))));
  self->hist_len = 10 + (guint) ceil (30.0 * n / lambda);

  self->hist = g_new (double, self->hist_len);
  self->z = g_new (double, (gsize) lambda * n);
  self->y = g_new (double, (gsize) lambda * n);
  self->x = g_new (double, (gsize) lambda * n);
  self->xr = g_new (double, (gsize) lambda * n);
  self->f = g_new (double, lambda);
  self->order = g_new (guint, lambda);
  self->tmp = g_new (double, (gsize) MAX (lambda, 3) * n);
}

/* A fresh distribution: mean at a new start point, σ⁽⁰⁾, C = I. */
static void
begin_run (Cmaes  *self,
           guint   lambda,
           double  sigma0)
{
  const guint n = self->n;
  MdkEsProblem problem = { .n = n, .center = self->center, .init_range = self->init_range };

  set_lambda (self, lambda);
  self->sigma0 = sigma0;
  self->sigma = sigma0;
  mdk_es_start_point (&problem, &self->rng, self->mean);
  if (self->p.bounds > 0.0)
    for (guint i = 0; i < n; i++)
      self->mean[i] = CLAMP (self->mean[i], -self->p.bounds, self->p.bounds);
  memset (self->pc, 0, sizeof (double) * n);
  memset (self->ps, 0, sizeof (double) * n);
  if (self->sep)
    for (guint i = 0; i < n; i++)
      self->C[i] = 1.0;
  else
    {
      memset (self->C, 0, sizeof (double) * n * n);
      memset (self->B, 0, sizeof (double) * n * n);
      for (guint i = 0; i < n; i++)
        self->C[i + (gsize) i * n] = self->B[i + (gsize) i * n] = 1.0;
    }
  for (guint i = 0; i < n; i++)
    self->D[i] = 1.0;
  self->g = 0;
  self->eigen_g = 0;
  self->gamma = 0.0;
  self->stag_len = 0;
  self->run_evaluations = 0;
}

static MdkEsStrategy *
cmaes_new (gconstpointer        params,
           const MdkEsProblem  *problem,
           gboolean             sep,
           GError             **error)
{
  const MdkCmaesParams *p = params;
  Cmaes *self;
  const guint n = problem->n;

  if (!sep && n > MAX_FULL_DIMENSION)
    {
      g_set_error (error, MDK_ES_ERROR, MDK_ES_ERROR_PARAMS,
                   _("CMA-ES keeps an n × n covariance matrix and allows at most %u parameters, "
                     "but this network has %u; use sep-CMA-ES or a smaller network"),
                   MAX_FULL_DIMENSION, n);
      return NULL;
    }
  if (n == 0)
    {
      g_set_error (error, MDK_ES_ERROR, MDK_ES_ERROR_PARAMS, _("There are no parameters to search"));
      return NULL;
    }
  if (p->population_size == 1)
    {
      g_set_error (error, MDK_ES_ERROR, MDK_ES_ERROR_PARAMS,
                   _("Parameter “%s” must be 0 (the default) or at least 2"), "population_size");
      return NULL;
    }

  mdk_blas_use_one_thread ();
  self = g_new0 (Cmaes, 1);
  self->parent.klass = sep ? &sep_strategy : &full_strategy;
  self->p = *p;
  self->p.net = (MdkEsNetworkParams) { 0 };
  self->sep = sep;
  self->n = n;
  self->init_range = problem->init_range;
  if (problem->center != NULL)
    self->center = g_memdup2 (problem->center, sizeof (double) * n);
  mdk_rng_init (&self->rng, problem->seed);

  self->mean = g_new (double, n);
  self->pc = g_new (double, n);
  self->ps = g_new (double, n);
  self->D = g_new (double, n);
  self->C = g_new (double, sep ? n : (gsize) n * n);
  if (!sep)
    {
      self->B = g_new (double, (gsize) n * n);
      self->lwork = 1 + 6 * n + 2 * n * n;
      self->liwork = 3 + 5 * n;
      self->work = g_new (double, self->lwork);
      self->iwork = g_new (int, self->liwork);
    }
  self->lambda_default = p->population_size > 0 ? (guint) p->population_size
                                                : 4 + (guint) floor (3.0 * log (n));
  self->stop = -1;
  begin_run (self, self->lambda_default, p->sigma);
  return &self->parent;
}

static void
cmaes_free (MdkEsStrategy *s)
{
  Cmaes *self = CMAES (s);

  free_arrays (self);
  g_free (self->center);
  g_free (self->mean);
  g_free (self->pc);
  g_free (self->ps);
  g_free (self->C);
  g_free (self->B);
  g_free (self->D);
  g_free (self->work);
  g_free (self->iwork);
  g_free (self->stag);
  g_free (self);
}

/* xₖ = m + σ B D zₖ, zₖ ~ N(0, I) (eqs. 38–40). */
static guint
cmaes_ask (MdkEsStrategy  *s,
           const double  **points)
{
  Cmaes *self = CMAES (s);
  const guint n = self->n, lambda = self->lambda;
  const double bound = self->p.bounds;

  for (gsize i = 0; i < (gsize) lambda * n; i++)
    self->z[i] = mdk_rng_gaussian (&self->rng);

  if (self->sep)
    for (guint k = 0; k < lambda; k++)
      for (guint i = 0; i < n; i++)
        self->y[(gsize) k * n + i] = self->D[i] * self->z[(gsize) k * n + i];
  else
    {
      /* Y = B · (D Z), every column a point. */
      for (guint k = 0; k < lambda; k++)
        for (guint i = 0; i < n; i++)
          self->tmp[(gsize) k * n + i] = self->D[i] * self->z[(gsize) k * n + i];
      cblas_dgemm (CblasColMajor, CblasNoTrans, CblasNoTrans, n, lambda, n, 1.0, self->B, n,
                   self->tmp, n, 0.0, self->y, n);
    }

  for (guint k = 0; k < lambda; k++)
    for (guint i = 0; i < n; i++)
      {
        gsize j = (gsize) k * n + i;
        self->x[j] = self->mean[i] + self->sigma * self->y[j];
        self->xr[j] = bound > 0.0 ? CLAMP (self->x[j], -bound, bound) : self->x[j];
      }
  *points = self->xr;
  return lambda;
}

static double
variance (const Cmaes *self,
          guint        i)
{
  return self->sep ? self->C[i] : self->C[i + (gsize) i * self->n];
}

/* The boundary penalty: γ from the interquartile range of the values (of
 * the repaired points), grown while the mean is outside the box. */
static void
penalize (Cmaes  *self,
          double *f)
{
  const guint n = self->n, lambda = self->lambda;
  const double bound = self->p.bounds;
  gboolean infeasible = FALSE, mean_out = FALSE;
  double mean_var = 0.0;

  for (gsize j = 0; j < (gsize) lambda * n && !infeasible; j++)
    infeasible = self->x[j] != self->xr[j];
  if (!infeasible && self->gamma == 0.0)
    return;

  for (guint i = 0; i < n; i++)
    {
      mean_var += variance (self, i) / n;
      mean_out |= fabs (self->mean[i]) > bound;
    }
  if (self->gamma == 0.0)
    {
      double iqr;

      mdk_es_rank (f, lambda, self->order);
      iqr = f[self->order[(3 * lambda) / 4]] - f[self->order[lambda / 4]];
      self->gamma = MAX (2.0 * iqr / (self->sigma * self->sigma * mean_var), 1e-300);
    }
  else if (mean_out)
    self->gamma *= pow (1.1, MAX (1.0, self->mueff / (10.0 * n)));

  for (guint k = 0; k < lambda; k++)
    {
      double d2 = 0.0;
      for (guint i = 0; i < n; i++)
        {
          double d = self->x[(gsize) k * n + i] - self->xr[(gsize) k * n + i];
          d2 += d * d;
        }
      f[k] += self->gamma * d2 / n;
    }
}

/* Eigendecomposition of C (section B.2), made symmetric first. */
static gboolean
decompose (Cmaes *self)
{
  const int n = self->n;
  int info = 0;

  for (int j = 0; j < n; j++)
    for (int i = 0; i < j; i++)
      {
        double v = 0.5 * (self->C[i + (gsize) j * n] + self->C[j + (gsize) i * n]);
        self->C[i + (gsize) j * n] = self->C[j + (gsize) i * n] = v;
      }
  memcpy (self->B, self->C, sizeof (double) * n * n);
  dsyevd_ ("V", "U", &n, self->B, &n, self->D, self->work, &self->lwork, self->iwork, &self->liwork,
           &info, 1, 1);
  if (info != 0 || !(self->D[0] > 0.0))
    return FALSE;
  for (int i = 0; i < n; i++)
    self->D[i] = sqrt (self->D[i]);
  self->eigen_g = self->g;
  return TRUE;
}

static double
condition (const Cmaes *self)
{
  double lo = self->D[0], hi = self->D[0];

  for (guint i = 1; i < self->n; i++)
    {
      lo = MIN (lo, self->D[i]);
      hi = MAX (hi, self->D[i]);
    }
  return (hi * hi) / (lo * lo);
}

/* The stagnation test of the BBOB-2009 code (cmaes.m 3.31.bbob) compares
 * the last 20 generations with 21 at the far end of a history that starts
 * with 120 + ⌈30n/λ⌉ generations and grows by one every fifth generation,
 * up to 200,000: this is its length after g generations. */
static guint
stagnation_span (const Cmaes *self)
{
  guint span = 120 + (guint) ceil (30.0 * self->n / self->lambda);

  return span >= 200000 ? span : MIN (span + self->g / 5, 200000);
}

/* The median of field @k (0: best, 1: median value) over @count ≤ 21
 * generations of the stagnation history from index @first on. */
static double
stagnation_median (const Cmaes *self,
                   guint        k,
                   guint        first,
                   guint        count)
{
  double v[21];

  for (guint i = 0; i < count; i++)
    v[i] = self->stag[2 * (first + i) + k];
  return mdk_median (v, count);
}

/* Appends this generation's best and median value (@f ranked by
 * self->order) and drops what the test will no longer read. */
static void
stagnation_record (Cmaes        *self,
                   const double *f)
{
  const guint lambda = self->lambda, span = stagnation_span (self);
  double median = lambda % 2 ? f[self->order[lambda / 2]]
                             : 0.5 * (f[self->order[lambda / 2 - 1]] + f[self->order[lambda / 2]]);

  if (self->stag_len >= 2 * span)
    {
      memmove (self->stag, self->stag + 2 * (self->stag_len - span), sizeof (double) * 2 * span);
      self->stag_len = span;
    }
  if (self->stag_len == self->stag_cap)
    {
      self->stag_cap = MAX (64, 2 * self->stag_cap);
      self->stag = g_renew (double, self->stag, 2 * (gsize) self->stag_cap);
    }
  self->stag[2 * self->stag_len] = f[self->order[0]];
  self->stag[2 * self->stag_len + 1] = median;
  self->stag_len++;
}

/* Once the history is full: the last 20 generations are no better, in
 * the medians of both the best and the median values, than the oldest 21. */
static gboolean
stagnated (const Cmaes *self)
{
  const guint span = stagnation_span (self);
  guint oldest;

  if (self->g < span || self->stag_len < span)
    return FALSE;
  oldest = self->stag_len - span;
  for (guint k = 0; k < 2; k++)
    if (stagnation_median (self, k, self->stag_len - 20, 20) < stagnation_median (self, k, oldest, 21))
      return FALSE;
  return TRUE;
}

/* The tutorial's stop conditions (section B.3), after an update, and
 * optionally those of the BBOB-2009 code. */
static int
check_stop (Cmaes        *self,
            const double *f)
{
  const guint n = self->n;
  double lo, hi;
  gboolean tolx = TRUE;

  if (self->p.max_evaluations > 0 && self->evaluations >= self->p.max_evaluations)
    return STOP_MAXFEVALS;
  if (!isfinite (self->sigma) || condition (self) > self->p.max_condition)
    return STOP_CONDITIONCOV;
  /* A small BIPOP run gets at most half the large runs' evaluations. */
  if (self->small_regime && self->run_evaluations >= self->budget_large / 2)
    return STOP_SMALL_BUDGET;
  if (self->p.max_iter && self->g >= 100.0 + 50.0 * (n + 3.0) * (n + 3.0) / sqrt (self->lambda))
    return STOP_MAXITER;

  if (self->g >= self->hist_len)
    {
      lo = hi = f[self->order[0]];
      for (guint k = 0; k < self->lambda; k++)
        {
          lo = MIN (lo, f[k]);
          hi = MAX (hi, f[k]);
        }
      for (guint h = 0; h < self->hist_len; h++)
        {
          lo = MIN (lo, self->hist[h]);
          hi = MAX (hi, self->hist[h]);
        }
      if (hi - lo < self->p.tol_fun)
        return STOP_TOLFUN;
      lo = hi = self->hist[0];
      for (guint h = 1; h < self->hist_len; h++)
        {
          lo = MIN (lo, self->hist[h]);
          hi = MAX (hi, self->hist[h]);
        }
      if (hi - lo < self->p.tol_hist_fun)
        return STOP_TOLHISTFUN;
    }

  for (guint i = 0; i < n && tolx; i++)
    tolx = self->sigma * sqrt (variance (self, i)) < self->p.tol_x * self->sigma0 &&
           self->sigma * fabs (self->pc[i]) < self->p.tol_x * self->sigma0;
  if (tolx)
    return STOP_TOLX;
  if (self->p.stagnation && stagnated (self))
    return STOP_STAGNATION;

  {
    guint a = self->g % n;
    gboolean no_effect = TRUE;

    for (guint i = 0; i < n && no_effect; i++)
      {
        double step = self->sep ? (i == a ? 0.1 * self->sigma * self->D[a] : 0.0)
                                : 0.1 * self->sigma * self->D[a] * self->B[i + (gsize) a * n];
        no_effect = self->mean[i] == self->mean[i] + step;
      }
    if (no_effect)
      return STOP_NOEFFECTAXIS;
  }
  for (guint i = 0; i < n; i++)
    if (self->mean[i] == self->mean[i] + 0.2 * self->sigma * sqrt (variance (self, i)))
      return STOP_NOEFFECTCOORD;
  return -1;
}

/* After a run stops: IPOP doubles λ; BIPOP runs the regime that has used
 * fewer evaluations, as the BBOB-2009 code does (cmaes.m 3.31.bbob): the
 * first run counts twice towards the small regime, the second run is
 * always large, a small run gets λₛ = ⌊λ_def (λ_l/λ_def)^(U²)⌋ for the
 * last large λ_l, σ⁽⁰⁾·10^(−2U) and at most half the evaluations of all
 * large runs.  Returns FALSE when no restart is left. */
static gboolean
restart (Cmaes *self)
{
  guint lambda_large;

  if (self->restarts == 0)
    self->budget_small += 2 * self->run_evaluations;
  else if (self->small_regime)
    self->budget_small += self->run_evaluations;
  else
    self->budget_large += self->run_evaluations;

  switch (self->p.restarts)
    {
    case MDK_CMAES_RESTART_IPOP:
      if (self->restarts >= (guint) self->p.max_restarts)
        return FALSE;
      self->restarts++;
      self->small_regime = FALSE;
      begin_run (self, self->lambda * 2, self->p.sigma);
      return TRUE;
    case MDK_CMAES_RESTART_BIPOP:
      lambda_large = self->lambda_default << MIN (self->large_runs, 20);
      if (self->budget_small < self->budget_large && self->large_runs > 0)
        {
          double u = mdk_rng_uniform (&self->rng);
          guint lambda = (guint) floor (self->lambda_default * pow ((double) lambda_large / self->lambda_default, u * u));
          self->restarts++;
          self->small_regime = TRUE;
          begin_run (self, MAX (lambda, 2), self->p.sigma * pow (10.0, -2.0 * mdk_rng_uniform (&self->rng)));
          return TRUE;
        }
      if (self->large_runs >= (guint) self->p.max_restarts)
        return FALSE;
      self->restarts++;
      self->large_runs++;
      self->small_regime = FALSE;
      begin_run (self, self->lambda_default << MIN (self->large_runs, 20), self->p.sigma);
      return TRUE;
    case MDK_CMAES_RESTART_NONE:
    default:
      return FALSE;
    }
}

static void
cmaes_tell (MdkEsStrategy *s,
            const double  *values,
            const guint64 *ids)
{
  Cmaes *self = CMAES (s);
  const guint n = self->n, lambda = self->lambda, mu = self->mu;
  double *f = self->f, *yw = self->tmp, *zw = self->tmp + n;
  double norm_ps = 0.0, hsig, sum_w = 0.0, a, c1a;
  int stop;

  memcpy (f, values, sizeof (double) * lambda);
  self->evaluations += lambda;
  self->run_evaluations += lambda;
  if (self->p.bounds > 0.0)
    penalize (self, f);
  mdk_es_rank (f, lambda, self->order);

  /* Mean (eq. 41) and the weighted steps in y and z. */
  memset (yw, 0, sizeof (double) * 2 * n);
  for (guint r = 0; r < mu; r++)
    {
      const double *y = self->y + (gsize) self->order[r] * n, *z = self->z + (gsize) self->order[r] * n;
      for (guint i = 0; i < n; i++)
        {
          yw[i] += self->w[r] * y[i];
          zw[i] += self->w[r] * z[i];
        }
    }
  for (guint i = 0; i < n; i++)
    self->mean[i] += self->sigma * yw[i];   /* c_m = 1 */

  /* pσ (eq. 43): C^(−1/2) ⟨y⟩ = B ⟨z⟩ for the B, D that sampled. */
  if (!self->sep)
    {
      double *bz = self->tmp + 2 * n;
      cblas_dgemv (CblasColMajor, CblasNoTrans, n, n, 1.0, self->B, n, zw, 1, 0.0, bz, 1);
      memcpy (zw, bz, sizeof (double) * n);
    }
  for (guint i = 0; i < n; i++)
    {
      self->ps[i] = (1.0 - self->cs) * self->ps[i] + sqrt (self->cs * (2.0 - self->cs) * self->mueff) * zw[i];
      norm_ps += self->ps[i] * self->ps[i];
    }
  norm_ps = sqrt (norm_ps);

  /* pc with the stall of h_σ (eqs. 45, p. 29). */
  hsig = norm_ps / sqrt (1.0 - pow (1.0 - self->cs, 2.0 * (self->g + 1))) <
         (1.4 + 2.0 / (n + 1.0)) * self->chin ? 1.0 : 0.0;
  for (guint i = 0; i < n; i++)
    self->pc[i] = (1.0 - self->cc) * self->pc[i] + hsig * sqrt (self->cc * (2.0 - self->cc) * self->mueff) * yw[i];

  /* C (eq. 47): rank-one and rank-μ, negative weights rescaled by
   * n/‖C^(−1/2) y‖² = n/‖z‖² (eq. 46). */
  for (guint r = 0; r < lambda; r++)
    sum_w += self->w[r];
  c1a = self->c1 * (1.0 - hsig) * self->cc * (2.0 - self->cc);
  a = 1.0 + c1a - self->c1 - self->cmu * sum_w;
  {
    /* The points handed out are no longer needed: their buffers hold the
     * weighted steps (columns wᵢ°yᵢ) and the steps. */
    double *yw_cols = self->x, *ys = self->xr;
    guint m = 0;

    for (guint r = 0; r < lambda; r++)
      {
        const double *y = self->y + (gsize) self->order[r] * n, *z = self->z + (gsize) self->order[r] * n;
        double w = self->w[r];

        if (w == 0.0)
          continue;
        if (w < 0.0)
          {
            double z2 = 0.0;
            for (guint i = 0; i < n; i++)
              z2 += z[i] * z[i];
            w *= n / z2;
          }
        for (guint i = 0; i < n; i++)
          {
            yw_cols[(gsize) m * n + i] = w * y[i];
            ys[(gsize) m * n + i] = y[i];
          }
        m++;
      }
    if (self->sep)
      for (guint i = 0; i < n; i++)
        {
          double rank_mu = 0.0;
          for (guint k = 0; k < m; k++)
            rank_mu += yw_cols[(gsize) k * n + i] * ys[(gsize) k * n + i];
          self->C[i] = a * self->C[i] + self->c1 * self->pc[i] * self->pc[i] + self->cmu * rank_mu;
        }
    else
      {
        cblas_dscal (n * n, a, self->C, 1);
        cblas_dger (CblasColMajor, n, n, self->c1, self->pc, 1, self->pc, 1, self->C, n);
        cblas_dgemm (CblasColMajor, CblasNoTrans, CblasTrans, n, n, m, self->cmu, yw_cols, n, ys, n,
                     1.0, self->C, n);
      }
  }

  /* σ (eq. 44), bounded below as Igel (2003, "Neuroevolution for
   * reinforcement learning using evolution strategies", CEC 2003) did. */
  self->sigma *= exp ((self->cs / self->damps) * (norm_ps / self->chin - 1.0));
  self->sigma = MAX (self->sigma, self->p.min_sigma);

  /* TolFun's history, then the next generation's B and D. */
  self->hist[self->g % self->hist_len] = f[self->order[0]];
  if (self->p.stagnation)
    stagnation_record (self, f);
  self->g++;
  if (self->sep)
    for (guint i = 0; i < n; i++)
      self->D[i] = sqrt (MAX (self->C[i], 0.0));
  stop = -1;
  if (!self->sep && self->g - self->eigen_g >= self->eigen_gap && !decompose (self))
    stop = STOP_CONDITIONCOV;
  if (stop < 0)
    stop = check_stop (self, f);
  if (stop >= 0 && (stop == STOP_MAXFEVALS || !restart (self)))
    self->stop = stop;
}

static const char *
cmaes_get_stop (const MdkEsStrategy *s)
{
  return CMAES (s)->stop >= 0 ? stop_reasons[CMAES (s)->stop] : NULL;
}

static const double *
cmaes_get_center (const MdkEsStrategy *s)
{
  return CMAES (s)->mean;
}

static void
cmaes_get_stats (const MdkEsStrategy *s,
                 double              *stats)
{
  const Cmaes *self = CMAES (s);

  stats[0] = self->sigma;
  stats[1] = condition (self);
  stats[2] = self->lambda;
}

/* Resume: everything above that changes, exactly; the settings derived from
 * λ are recomputed. */
static JsonNode *
cmaes_save_state (const MdkEsStrategy *s)
{
  const Cmaes *self = CMAES (s);
  const guint n = self->n;
  gsize c_len = self->sep ? n : (gsize) n * n;
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *rng = mdk_rng_to_string (&self->rng);
  g_autofree double *hist = g_new (double, self->hist_len);

  json_object_set_string_member (obj, "rng", rng);
  json_object_set_int_member (obj, "lambda", self->lambda);
  json_object_set_member (obj, "sigma0", mdk_run_state_double_node (self->sigma0));
  json_object_set_member (obj, "sigma", mdk_run_state_double_node (self->sigma));
  json_object_set_member (obj, "mean", mdk_es_vector_to_json (self->mean, n));
  json_object_set_member (obj, "pc", mdk_es_vector_to_json (self->pc, n));
  json_object_set_member (obj, "ps", mdk_es_vector_to_json (self->ps, n));
  json_object_set_member (obj, "C", mdk_es_vector_to_json (self->C, c_len));
  if (!self->sep)
    json_object_set_member (obj, "B", mdk_es_vector_to_json (self->B, c_len));
  json_object_set_member (obj, "D", mdk_es_vector_to_json (self->D, n));
  json_object_set_int_member (obj, "g", self->g);
  json_object_set_int_member (obj, "eigen_g", self->eigen_g);
  /* Unset entries of a young history are never read, but saved as 0. */
  for (guint h = 0; h < self->hist_len; h++)
    hist[h] = h < self->g ? self->hist[h] : 0.0;
  json_object_set_member (obj, "history", mdk_es_vector_to_json (hist, self->hist_len));
  if (self->p.stagnation)
    json_object_set_member (obj, "stagnation", mdk_es_vector_to_json (self->stag, 2 * (gsize) self->stag_len));
  json_object_set_member (obj, "gamma", mdk_run_state_double_node (self->gamma));
  json_object_set_int_member (obj, "restarts", self->restarts);
  json_object_set_int_member (obj, "large_runs", self->large_runs);
  json_object_set_boolean_member (obj, "small_regime", self->small_regime);
  json_object_set_int_member (obj, "budget_large", (gint64) self->budget_large);
  json_object_set_int_member (obj, "budget_small", (gint64) self->budget_small);
  json_object_set_int_member (obj, "run_evaluations", (gint64) self->run_evaluations);
  json_object_set_int_member (obj, "evaluations", (gint64) self->evaluations);
  json_object_set_int_member (obj, "stop", self->stop);
  json_node_take_object (node, obj);
  return node;
}

/* The stagnation history, if the test is on and the state has one (pairs
 * of values, at most one per generation). */
static gboolean
load_stagnation (Cmaes       *self,
                 JsonObject  *obj,
                 const char  *path,
                 guint64      g,
                 GError     **error)
{
  JsonArray *arr;
  guint len;

  self->stag_len = 0;
  if (!self->p.stagnation || !json_object_has_member (obj, "stagnation"))
    return TRUE;
  arr = mdk_run_state_get_array (obj, "stagnation", path, error);
  if (arr == NULL)
    return FALSE;
  len = json_array_get_length (arr);
  if (len % 2 != 0 || len / 2 > g)
    {
      g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                   _("%s: “%s” must hold two values for each of at most “%s” generations"),
                   path, "stagnation", "g");
      return FALSE;
    }
  self->stag_cap = MAX (self->stag_cap, len / 2);
  self->stag = g_renew (double, self->stag, 2 * (gsize) self->stag_cap);
  if (!mdk_es_vector_from_json (obj, "stagnation", path, self->stag, len, error))
    return FALSE;
  self->stag_len = len / 2;
  return TRUE;
}

static gboolean
cmaes_load_state (MdkEsStrategy  *s,
                  JsonObject     *obj,
                  const char     *path,
                  GError        **error)
{
  Cmaes *self = CMAES (s);
  const guint n = self->n;
  gsize c_len = self->sep ? n : (gsize) n * n;
  guint64 lambda, g, eigen_g, restarts, large_runs, budget_large, budget_small;
  guint64 run_evaluations, evaluations;
  double sigma0, sigma, gamma, stop;
  gboolean small_regime;
  MdkRng rng;

  if (!mdk_es_rng_from_json (obj, "rng", path, &rng, error) ||
      !mdk_run_state_get_uint (obj, "lambda", path, 1u << 30, &lambda, error) ||
      !mdk_run_state_get_double (obj, "sigma0", path, &sigma0, error) ||
      !mdk_run_state_get_double (obj, "sigma", path, &sigma, error) ||
      !mdk_run_state_get_uint (obj, "g", path, G_MAXUINT32, &g, error) ||
      !mdk_run_state_get_uint (obj, "eigen_g", path, G_MAXUINT32, &eigen_g, error) ||
      !mdk_run_state_get_double (obj, "gamma", path, &gamma, error) ||
      !mdk_run_state_get_uint (obj, "restarts", path, G_MAXUINT32, &restarts, error) ||
      !mdk_run_state_get_uint (obj, "large_runs", path, G_MAXUINT32, &large_runs, error) ||
      !mdk_run_state_get_bool (obj, "small_regime", path, &small_regime, error) ||
      !mdk_run_state_get_uint (obj, "budget_large", path, G_MAXINT64, &budget_large, error) ||
      !mdk_run_state_get_uint (obj, "budget_small", path, G_MAXINT64, &budget_small, error) ||
      !mdk_run_state_get_uint (obj, "run_evaluations", path, G_MAXINT64, &run_evaluations, error) ||
      !mdk_run_state_get_uint (obj, "evaluations", path, G_MAXINT64, &evaluations, error))
    return FALSE;
  /* −1 (none) or a reason's index; a JSON integer, read as a number. */
  if (!mdk_run_state_get_double (obj, "stop", path, &stop, error))
    return FALSE;
  if (stop != floor (stop) || stop < -1 || stop >= (double) G_N_ELEMENTS (stop_reasons))
    {
      g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                   _("%s: “%s” must be a whole number from %d to %d"), path, "stop", -1,
                   (int) G_N_ELEMENTS (stop_reasons) - 1);
      return FALSE;
    }
  if (lambda < 2 || !(sigma > 0.0) || !(sigma0 > 0.0))
    {
      g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                   _("%s: “%s”, “%s” and “%s” are out of range"), path, "lambda", "sigma", "sigma0");
      return FALSE;
    }

  /* The arrays sized by λ first, then the values into them. */
  set_lambda (self, lambda);
  if (!mdk_es_vector_from_json (obj, "mean", path, self->mean, n, error) ||
      !mdk_es_vector_from_json (obj, "pc", path, self->pc, n, error) ||
      !mdk_es_vector_from_json (obj, "ps", path, self->ps, n, error) ||
      !mdk_es_vector_from_json (obj, "C", path, self->C, c_len, error) ||
      (!self->sep && !mdk_es_vector_from_json (obj, "B", path, self->B, c_len, error)) ||
      !mdk_es_vector_from_json (obj, "D", path, self->D, n, error) ||
      !mdk_es_vector_from_json (obj, "history", path, self->hist, self->hist_len, error) ||
      !load_stagnation (self, obj, path, g, error))
    return FALSE;
  self->rng = rng;
  self->sigma0 = sigma0;
  self->sigma = sigma;
  self->g = g;
  self->eigen_g = eigen_g;
  self->gamma = gamma;
  self->restarts = restarts;
  self->large_runs = large_runs;
  self->small_regime = small_regime;
  self->budget_large = budget_large;
  self->budget_small = budget_small;
  self->run_evaluations = run_evaluations;
  self->evaluations = evaluations;
  self->stop = (int) stop;
  return TRUE;
}

static MdkEsStrategy *
full_create (gconstpointer        params,
             const MdkEsProblem  *problem,
             GError             **error)
{
  return cmaes_new (params, problem, FALSE, error);
}

static MdkEsStrategy *
sep_create (gconstpointer        params,
            const MdkEsProblem  *problem,
            GError             **error)
{
  return cmaes_new (params, problem, TRUE, error);
}

#define CMAES_STRATEGY_VFUNCS \
  .free = cmaes_free, \
  .ask = cmaes_ask, \
  .tell = cmaes_tell, \
  .get_stop = cmaes_get_stop, \
  .get_center = cmaes_get_center, \
  .get_stats = cmaes_get_stats, \
  .save_state = cmaes_save_state, \
  .load_state = cmaes_load_state

static const MdkEsStrategyClass full_strategy = { .create = full_create, CMAES_STRATEGY_VFUNCS };
static const MdkEsStrategyClass sep_strategy = { .create = sep_create, CMAES_STRATEGY_VFUNCS };

const MdkOptimizerClass mdk_cmaes_class = {
  .id = "cmaes",
  .label = N_("CMA-ES"),
  .description = N_("Covariance matrix adaptation evolution strategy (Hansen 2016): a fixed network’s "
                    "weights are sampled from a normal distribution whose mean, step size and full "
                    "covariance matrix adapt to the fitness landscape; optional IPOP or BIPOP "
                    "restarts."),
  .params = cmaes_params,
  .n_params = G_N_ELEMENTS (cmaes_params),
  .params_size = sizeof (MdkCmaesParams),
  .stats = cmaes_stats,
  .n_stats = G_N_ELEMENTS (cmaes_stats),
  .class_data = &full_strategy,
  MDK_ES_OPTIMIZER_VFUNCS,
};

const MdkOptimizerClass mdk_sep_cmaes_class = {
  .id = "sep-cmaes",
  .label = N_("sep-CMA-ES"),
  .description = N_("Separable CMA-ES (Ros & Hansen 2008): CMA-ES with a diagonal covariance matrix, "
                    "linear in time and memory, for networks with thousands of weights."),
  .params = cmaes_params,
  .n_params = G_N_ELEMENTS (cmaes_params),
  .params_size = sizeof (MdkCmaesParams),
  .stats = cmaes_stats,
  .n_stats = G_N_ELEMENTS (cmaes_stats),
  .class_data = &sep_strategy,
  MDK_ES_OPTIMIZER_VFUNCS,
};

double
mdk_cmaes_get_sigma (const MdkEsStrategy *s)
{
  return CMAES (s)->sigma;
}

guint
mdk_cmaes_get_lambda (const MdkEsStrategy *s)
{
  return CMAES (s)->lambda;
}

guint
mdk_cmaes_get_restarts (const MdkEsStrategy *s)
{
  return CMAES (s)->restarts;
}

const double *
mdk_cmaes_get_covariance (const MdkEsStrategy *s,
                          gboolean            *diagonal)
{
  *diagonal = CMAES (s)->sep;
  return CMAES (s)->C;
}
