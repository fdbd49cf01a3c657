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

/* Axis-parallel, condition number 10⁶ (Hansen's f_elli). */
double
mdk_es_ellipsoid (const double *x,
                  guint         n,
                  gpointer      data)
{
  double f = 0.0;

  for (guint i = 0; i < n; i++)
    f += pow (1e6, n > 1 ? (double) i / (n - 1) : 0.0) * x[i] * x[i];
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

static const MdkEsTestFunction functions[] = {
  { "sphere", mdk_es_sphere, TRUE },
  { "ellipsoid", mdk_es_ellipsoid, TRUE },
  { "rosenbrock", mdk_es_rosenbrock, TRUE },
  { "rastrigin", mdk_es_rastrigin, TRUE },
  { "hyperellipsoid", mdk_es_hyper_ellipsoid, FALSE },
  { "diffpowers", mdk_es_diff_powers, FALSE },
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
