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

/* BBOB's T_asy^β with β = 0.2 for coordinate @i of @n: x^(1 + β·i/(n − 1)·√x)
 * for x > 0, x otherwise; it breaks the symmetry of the positive half. */
double
mdk_es_bbob_t_asy (double x,
                   guint  i,
                   guint  n)
{
  if (x <= 0.0)
    return x;
  return pow (x, 1.0 + 0.2 * (n > 1 ? (double) i / (n - 1) : 0.0) * sqrt (x));
}

/* The weight of coordinate @i in BBOB's Λ^10: √10^(i/(n − 1)). */
static double
lambda10 (guint i,
          guint n)
{
  return pow (10.0, n > 1 ? 0.5 * i / (n - 1) : 0.0);
}

/* Rosenbrock's scaling in f8 and f9: max(1, √n/8). */
static double
rosenbrock_scale (guint n)
{
  return MAX (1.0, sqrt ((double) n) / 8.0);
}

/* xᵢ − x_optᵢ for the BBOB functions, whose @data is an MdkEsBbob (NULL:
 * the optimum at the origin). */
static double
from_optimum (const double    *x,
              const MdkEsBbob *bbob,
              guint            i)
{
  return x[i] - (bbob != NULL ? bbob->xopt[i] : 0.0);
}

/* @out = @r @in for the n × n row-major @r. */
static void
rotate (const double *r,
        const double *in,
        double       *out,
        guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      double sum = 0.0;

      for (guint j = 0; j < n; j++)
        sum += r[(gsize) i * n + j] * in[j];
      out[i] = sum;
    }
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

/* BBOB f3, separable Rastrigin: the Rastrigin function above on
 * z = Λ^10 T_asy(T_osz(x − x_opt)). */
double
mdk_es_bbob_f3 (const double *x,
                guint         n,
                gpointer      data)
{
  MdkEsBbob *bbob = data;

  for (guint i = 0; i < n; i++)
    bbob->work[i] = lambda10 (i, n) * mdk_es_bbob_t_asy (mdk_es_bbob_t_osz (from_optimum (x, bbob, i)), i, n);
  return mdk_es_rastrigin (bbob->work, n, NULL);
}

/* BBOB f8, the original Rosenbrock function on z = c (x − x_opt) + 1, c =
 * max(1, √n/8), with x_opt = 0.75 times the instance's optimum, in
 * [−3, 3)ⁿ as BBOB's. */
double
mdk_es_bbob_f8 (const double *x,
                guint         n,
                gpointer      data)
{
  MdkEsBbob *bbob = data;
  double c = rosenbrock_scale (n);

  for (guint i = 0; i < n; i++)
    bbob->work[i] = c * (x[i] - 0.75 * bbob->xopt[i]) + 1.0;
  return mdk_es_rosenbrock (bbob->work, n, NULL);
}

/* BBOB f9, the rotated Rosenbrock function on z = c R x + ½; its optimum
 * is Rᵀ(½, …, ½)/c. */
double
mdk_es_bbob_f9 (const double *x,
                guint         n,
                gpointer      data)
{
  MdkEsBbob *bbob = data;
  double c = rosenbrock_scale (n);

  rotate (bbob->r, x, bbob->work, n);
  for (guint i = 0; i < n; i++)
    bbob->work[i] = c * bbob->work[i] + 0.5;
  return mdk_es_rosenbrock (bbob->work, n, NULL);
}

/* BBOB f15, the rotated Rastrigin function on
 * z = R Λ^10 Q T_asy(T_osz(R (x − x_opt))). */
double
mdk_es_bbob_f15 (const double *x,
                 guint         n,
                 gpointer      data)
{
  MdkEsBbob *bbob = data;
  double *a = bbob->work, *b = bbob->work + n;

  for (guint i = 0; i < n; i++)
    a[i] = from_optimum (x, bbob, i);
  rotate (bbob->r, a, b, n);
  for (guint i = 0; i < n; i++)
    b[i] = mdk_es_bbob_t_asy (mdk_es_bbob_t_osz (b[i]), i, n);
  rotate (bbob->q, b, a, n);
  for (guint i = 0; i < n; i++)
    a[i] *= lambda10 (i, n);
  rotate (bbob->r, a, b, n);
  return mdk_es_rastrigin (b, n, NULL);
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

/* A random rotation as BBOB draws one: Gram–Schmidt on the rows of an
 * n × n matrix of standard normal numbers, from @stream of @seed. */
void
mdk_es_bbob_rotation (guint    n,
                      guint64  seed,
                      guint64  stream,
                      double  *r)
{
  MdkRng rng;

  mdk_rng_init_stream (&rng, seed, stream, 0);
  for (gsize k = 0; k < (gsize) n * n; k++)
    r[k] = mdk_rng_gaussian (&rng);
  for (guint i = 0; i < n; i++)
    {
      double *ri = r + (gsize) i * n, norm = 0.0;

      for (guint j = 0; j < i; j++)
        {
          const double *rj = r + (gsize) j * n;
          double dot = 0.0;

          for (guint k = 0; k < n; k++)
            dot += ri[k] * rj[k];
          for (guint k = 0; k < n; k++)
            ri[k] -= dot * rj[k];
        }
      for (guint k = 0; k < n; k++)
        norm += ri[k] * ri[k];
      norm = sqrt (norm);
      for (guint k = 0; k < n; k++)
        ri[k] /= norm;
    }
}

/* The instance of @seed: the optimum from stream 1 (as bbob-f1 and
 * bbob-f2 always had it), R from stream 2, Q from stream 3. */
MdkEsBbob *
mdk_es_bbob_new (guint   n,
                 guint64 seed)
{
  MdkEsBbob *bbob = g_new0 (MdkEsBbob, 1);

  bbob->n = n;
  bbob->xopt = g_new (double, n);
  bbob->r = g_new (double, (gsize) n * n);
  bbob->q = g_new (double, (gsize) n * n);
  bbob->work = g_new (double, 2 * (gsize) n);
  mdk_es_bbob_optimum (n, seed, bbob->xopt);
  mdk_es_bbob_rotation (n, seed, 2, bbob->r);
  mdk_es_bbob_rotation (n, seed, 3, bbob->q);
  return bbob;
}

void
mdk_es_bbob_free (MdkEsBbob *bbob)
{
  if (bbob == NULL)
    return;
  g_free (bbob->xopt);
  g_free (bbob->r);
  g_free (bbob->q);
  g_free (bbob->work);
  g_free (bbob);
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
  { "bbob-f3", mdk_es_bbob_f3, FALSE, TRUE },
  { "bbob-f8", mdk_es_bbob_f8, FALSE, TRUE },
  { "bbob-f9", mdk_es_bbob_f9, FALSE, TRUE },
  { "bbob-f15", mdk_es_bbob_f15, FALSE, TRUE },
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
