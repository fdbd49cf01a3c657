/* mdk-es-functions.h: standard test functions for the evolution strategies
 *
 * Minimized, with the optimum 0 at the origin (Rosenbrock: at (1, …, 1)),
 * as used by the benchmark (medaka-cli bench es) and the tests.  The
 * hyper-ellipsoid and the sum of different powers are those of Ros & Hansen
 * (PPSN 2008), whose published figures docs/benchmarks.md compares with.
 */
#pragma once

#include <glib.h>

#include "mdk-es.h"

G_BEGIN_DECLS

typedef struct
{
  const char   *id;
  MdkEsFunction f;
  gboolean      standard;   /* one of the four the benchmark runs by default */
} MdkEsTestFunction;

const MdkEsTestFunction *mdk_es_test_functions  (guint        *n);
const MdkEsTestFunction *mdk_es_test_function   (const char   *id);

double mdk_es_sphere     (const double *x,
                          guint         n,
                          gpointer      data);
double mdk_es_ellipsoid  (const double *x,
                          guint         n,
                          gpointer      data);
double mdk_es_rosenbrock (const double *x,
                          guint         n,
                          gpointer      data);
double mdk_es_rastrigin  (const double *x,
                          guint         n,
                          gpointer      data);
double mdk_es_hyper_ellipsoid (const double *x,
                               guint         n,
                               gpointer      data);
double mdk_es_diff_powers (const double *x,
                           guint         n,
                           gpointer      data);

G_END_DECLS
