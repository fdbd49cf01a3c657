/* mdk-es-functions.h: standard test functions for the evolution strategies
 *
 * Minimized, with the optimum 0 at the origin (Rosenbrock: at (1, …, 1)),
 * as used by the benchmark (medaka-cli bench es) and the tests.  The
 * hyper-ellipsoid and the sum of different powers are those of Ros & Hansen
 * (PPSN 2008), BBOB f1, f2, f3, f8, f9 and f15 those of the BBOB-2009
 * testbed (Hansen et al., "Real-Parameter Black-Box Optimization
 * Benchmarking 2009: Noiseless Functions Definitions", with f_opt = 0),
 * whose published figures docs/benchmarks.md compares with.
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
  gboolean      bbob;       /* data is an MdkEsBbob, drawn for each run */
} MdkEsTestFunction;

/* A BBOB instance: the optimum x_opt and the two random rotations R and
 * Q that the functions use, drawn from Medaka's generator for one seed
 * (not BBOB's own instances). */
typedef struct
{
  guint   n;
  double *xopt;
  double *r;      /* n × n orthogonal, row-major */
  double *q;      /* n × n orthogonal, row-major */
  double *work;   /* 2n, for the evaluation */
} MdkEsBbob;

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
double mdk_es_bbob_t_asy  (double        x,
                           guint         i,
                           guint         n);
double mdk_es_bbob_f1     (const double *x,
                           guint         n,
                           gpointer      data);
double mdk_es_bbob_f2     (const double *x,
                           guint         n,
                           gpointer      data);
double mdk_es_bbob_f3     (const double *x,
                           guint         n,
                           gpointer      data);
double mdk_es_bbob_f8     (const double *x,
                           guint         n,
                           gpointer      data);
double mdk_es_bbob_f9     (const double *x,
                           guint         n,
                           gpointer      data);
double mdk_es_bbob_f15    (const double *x,
                           guint         n,
                           gpointer      data);
void   mdk_es_bbob_optimum (guint        n,
                            guint64      seed,
                            double      *xopt);
void   mdk_es_bbob_rotation (guint       n,
                             guint64     seed,
                             guint64     stream,
                             double     *r);
MdkEsBbob *mdk_es_bbob_new  (guint       n,
                             guint64     seed);
void       mdk_es_bbob_free (MdkEsBbob  *bbob);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkEsBbob, mdk_es_bbob_free)

G_END_DECLS
