#define G_LOG_DOMAIN "medaka-es"

#include "config.h"

#include "mdk-es-functions.h"

#include <math.h>

double
mdk_es_sphere (const double *x,
               guint         n,
               gpointer      data)
{
  double f = 0.0;

  for (guint i = 0; i < n; i++)
    f += x[i] * x[i];
  return f;
}

/* The weight of coordinate @i in the ellipsoid of condition 10⁶. */
static double
ellipsoid_weight (guint i,
                  guint n)
{
  return pow (1e6, n > 1 ? (double) i / (n - 1) : 0.0);
}

/* Axis-parallel, condition number 10⁶ (Hansen's f_elli). */
double
mdk_es_ellipsoid (const double *x,
                  guint         n,
                  gpointer      data)
{
  double f = 0.0;

  for (guint i = 0; i < n; i++)
    f += ellipsoid_weight (i, n) * x[i] * x[i];
  return f;
}

double
mdk_es_rosenbrock (const double *x,
                   guint         n,
                   gpointer      data)
{
  double f = 0.0;

  for (guint i = 0; i + 1 < n; i++)
    {
      double a = x[i] * x[i] - x[i + 1], b = x[i] - 1.0;
      f += 100.0 * a * a + b * b;
    }
  return f;
}

double
mdk_es_rastrigin (const double *x,
                  guint         n,
                  gpointer      data)
{
  double f = 10.0 * n;

  for (guint i = 0; i < n; i++)
    f += x[i] * x[i] - 10.0 * cos (2.0 * G_PI * x[i]);
  return f;
}

/* Σ (i·xᵢ)², i = 1 … n. */
double
mdk_es_hyper_ellipsoid (const double *x,
                        guint         n,
                        gpointer      data)
{
  double f = 0.0;

  for (guint i = 0; i < n; i++)
    f += (i + 1.0) * (i + 1.0) * x[i] * x[i];
  return f;
}

/* Σ |xᵢ|^(2 + 10 (i − 1)/(n − 1)). */
double
mdk_es_diff_powers (const double *x,
                    guint         n,
                    gpointer      data)
{
  double f = 0.0;

  for (guint i = 0; i < n; i++)
    f += pow (fabs (x[i]), 2.0 + 10.0 * (n > 1 ? (double) i / (n - 1) : 0.0));
  return f;
}

/* BBOB's T_osz: x̂ = ln|x|, sign(x)·exp(x̂ + 0.049 (sin c₁x̂ + sin c₂x̂)),
 * with c₁, c₂ = 10, 7.9 for x > 0 and 5.5, 3.1 for x < 0; a smooth,
 * monotone oscillation around the identity that keeps 0, 1 and −1. */
double
mdk_es_bbob_t_osz (double x)
{
  double xh;
  gboolean positive = x > 0.0;

  if (x == 0.0)
    return 0.0;
  xh = log (fabs (x));
  return copysign (exp (xh + 0.049 * (sin ((positive ? 10.0 : 5.5) * xh) + sin ((positive ? 7.9 : 3.1) * xh))),
                   x);
}

/* xᵢ − x_optᵢ for the BBOB functions, whose @data is the optimum (NULL:
 * the origin). */
static double
from_optimum (const double  *x,
              gconstpointer  data,
              guint          i)
{
  const double *xopt = data;

  return x[i] - (xopt != NULL ? xopt[i] : 0.0);
}

/* BBOB f1: Σ (xᵢ − x_optᵢ)². */
double
mdk_es_bbob_f1 (const double *x,
                guint         n,
                gpointer      data)
{
  double f = 0.0;

  for (guint i = 0; i < n; i++)
    f += from_optimum (x, data, i) * from_optimum (x, data, i);
  return f;
}

/* BBOB f2: the ellipsoid above on zᵢ = T_osz(xᵢ − x_optᵢ). */
double
mdk_es_bbob_f2 (const double *x,
                guint         n,
                gpointer      data)
{
  double f = 0.0;

  for (guint i = 0; i < n; i++)
    {
      double z = mdk_es_bbob_t_osz (from_optimum (x, data, i));
      f += ellipsoid_weight (i, n) * z * z;
    }
  return f;
}

/* BBOB's optimum: 8⌊10⁴uᵢ⌋/10⁴ − 4 with uᵢ uniform in [0, 1), never 0;
 * drawn with Medaka's generator, not BBOB's, from a stream of @seed apart
 * from the one a strategy created with @seed draws its start from. */
void
mdk_es_bbob_optimum (guint    n,
                     guint64  seed,
                     double  *xopt)
{
  MdkRng rng;

  mdk_rng_init_stream (&rng, seed, 1, 0);
  for (guint i = 0; i < n; i++)
    {
      xopt[i] = 8.0 * floor (1e4 * mdk_rng_uniform (&rng)) / 1e4 - 4.0;
      if (xopt[i] == 0.0)
        xopt[i] = -1e-5;
    }
}

static const MdkEsTestFunction functions[] = {
  { "sphere", mdk_es_sphere, TRUE, FALSE },
  { "ellipsoid", mdk_es_ellipsoid, TRUE, FALSE },
  { "rosenbrock", mdk_es_rosenbrock, TRUE, FALSE },
  { "rastrigin", mdk_es_rastrigin, TRUE, FALSE },
  { "hyperellipsoid", mdk_es_hyper_ellipsoid, FALSE, FALSE },
  { "diffpowers", mdk_es_diff_powers, FALSE, FALSE },
  { "bbob-f1", mdk_es_bbob_f1, FALSE, TRUE },
  { "bbob-f2", mdk_es_bbob_f2, FALSE, TRUE },
};

const MdkEsTestFunction *
mdk_es_test_functions (guint *n)
{
  *n = G_N_ELEMENTS (functions);
  return functions;
}

const MdkEsTestFunction *
mdk_es_test_function (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    if (g_strcmp0 (functions[i].id, id) == 0)
      return &functions[i];
  return NULL;
}
