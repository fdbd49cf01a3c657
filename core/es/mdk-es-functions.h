/* mdk-es-functions.h: standard test functions for the evolution strategies
 *
 * Minimized, with the optimum 0 at the origin (Rosenbrock: at (1, …, 1)),
 * as used by the benchmark (medaka-cli bench es) and the tests.  The
 * hyper-ellipsoid and the sum of different powers are those of Ros & Hansen
 * (PPSN 2008), BBOB f1 and f2 those of the BBOB-2009 testbed (Hansen et
 * al., "Real-Parameter Black-Box Optimization Benchmarking 2009: Noiseless
 * Functions Definitions"), whose published figures docs/benchmarks.md
 * compares with.
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
  gboolean      shifted;    /* BBOB: data is the optimum, drawn for each run */
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
double mdk_es_bbob_t_osz  (double        x);
double mdk_es_bbob_f1     (const double *x,
                           guint         n,
                           gpointer      data);
double mdk_es_bbob_f2     (const double *x,
                           guint         n,
                           gpointer      data);
void   mdk_es_bbob_optimum (guint        n,
                            guint64      seed,
                            double      *xopt);

G_END_DECLS
